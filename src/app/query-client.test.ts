import { QueryObserver } from '@tanstack/react-query';
import { User } from 'oidc-client-ts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAccessTokenSource } from '../features/auth/access-token-source.ts';
import { CloudUnreachableError } from '../features/auth/auth-errors.ts';
import { AthomCloudUnreachableError } from '../features/homey/errors.ts';
import { createQueryClient } from './query-client.ts';

const START = 1_800_000_000_000;
const SECOND = 1000;

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('a query whose token refresh meets a cloud that is down', () => {
  it('tries again as soon as the refresh back-off ends, not on its own longer step', async () => {
    vi.useFakeTimers({ now: START });
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const downUntil = START + 60 * SECOND;
    const sent: number[] = [];
    const user = (lifetimeS: number, n: number) =>
      new User({
        access_token: `access-${n}`,
        refresh_token: `refresh-${n}`,
        token_type: 'bearer',
        expires_at: Math.floor(Date.now() / 1000) + lifetimeS,
        profile: { sub: '', iss: '', aud: '', exp: 0, iat: 0 },
      });
    let stored = user(-1, 1);
    const source = createAccessTokenSource({
      locks: undefined,
      userManager: {
        getUser: async () => stored,
        removeUser: async () => undefined,
        signinSilent: async () => {
          sent.push(Date.now() - START);
          if (Date.now() < downUntil) throw new TypeError('Failed to fetch');
          stored = user(3600, 2);
          return stored;
        },
      },
    });
    const client = createQueryClient();
    const observer = new QueryObserver(client, {
      queryKey: ['devices'],
      // As the signed-in app hands the token to the Homey client: the cloud's failure, wrapped.
      queryFn: () =>
        source.get().catch((error: unknown) => {
          if (error instanceof CloudUnreachableError) throw new AthomCloudUnreachableError(error.message, { cause: error });
          throw error;
        }),
    });
    let loadedAt: number | undefined;
    const stop = observer.subscribe((result) => {
      if (result.isSuccess && loadedAt === undefined) loadedAt = Date.now() - START;
    });

    for (let s = 0; s < 120 && loadedAt === undefined; s++) await vi.advanceTimersByTimeAsync(SECOND);
    stop();

    // The refresh's own back-off (1, 2, 4 … s) reaches 63 s: the query is there then, not at 91 s
    // (its 30 s step from a try that met the closed back-off at 61 s).
    expect(loadedAt).toBeDefined();
    expect(loadedAt!).toBeLessThanOrEqual(64 * SECOND);
    expect(loadedAt!).toBeGreaterThanOrEqual(60 * SECOND);
    // And it knocked no more often than the back-off allowed: 0, 1, 3, 7, 15, 31, 63 s.
    expect(sent.length).toBe(7);
    expect(sent.at(-1)!).toBeGreaterThanOrEqual(60 * SECOND);
  });
});
