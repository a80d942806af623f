import { expect } from 'vitest';
import { refreshCloudTokens, signInToCloud } from './emulator-client.ts';
import type { SpawnedEmulator } from './emulator-client.ts';
import type { AthomHomey } from '../src/features/homey/athom-cloud.ts';
import type { AccessTokenSource } from '../src/features/homey/homey-client.ts';

// Helpers shared by this feature's tests (never imported by the app): an access-token source that
// signs in on the emulated Athom page, a Homey described as /user/me describes it, and a check that
// an error carries no secret.

export interface CountingTokenSource extends AccessTokenSource {
  renewals: string[];
}

/** Signs in once, renews with the refresh token, and records which token each renewal replaced. */
export function emulatorAccessTokens(emu: SpawnedEmulator, email?: string, password?: string): CountingTokenSource {
  let tokens: Promise<{ access_token: string; refresh_token: string }> | undefined;
  const renewals: string[] = [];
  return {
    renewals,
    get() {
      tokens ??= signInToCloud(emu, email, password);
      return tokens.then((t) => t.access_token);
    },
    async renew(failed) {
      renewals.push(failed);
      const current = await (tokens ??= signInToCloud(emu, email, password));
      tokens = refreshCloudTokens(emu, current.refresh_token);
      return (await tokens).access_token;
    },
  };
}

/** A Homey as the emulated cloud's /user/me lists it (both local addresses name one listener). */
export function homeyOf(emu: SpawnedEmulator, index = 0): AthomHomey {
  const h = emu.info.homeys[index];
  if (!h) throw new Error(`The emulated world has no Homey #${index}`);
  return { id: h.id, name: h.name, localUrl: h.localUrl, localUrlSecure: h.localUrl, remoteUrl: h.remoteUrl, platform: 'local', apiVersion: 3 };
}

/** Fails when any text an error exposes (message, stack, fields, cause) contains one of `secrets`. */
export function expectNoSecrets(error: unknown, secrets: readonly string[]): void {
  const texts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    texts.push(String(current));
    if (current instanceof Error) {
      texts.push(current.message, current.stack ?? '', JSON.stringify(current));
      current = current.cause;
    } else {
      current = undefined;
    }
  }
  const all = texts.join('\n');
  for (const secret of secrets) expect(all).not.toContain(secret);
}

/** The rejection of `promise`, failing the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the promise to reject, but it resolved');
}
