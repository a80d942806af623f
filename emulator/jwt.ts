import { createSign, createVerify, generateKeyPairSync, randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

// Athom signs delegation tokens as RS512 JWTs (docs/homey-web-api.md §1, step 5). The emulated cloud signs
// with a key made at start-up and the emulated Homeys verify with its public half, so a token from
// another emulator run, a forged one or an expired one is refused exactly like on a real Homey.

export interface DelegationClaims {
  sub: string;
  aud: string;
  iss: string;
  iat: number;
  exp: number;
  jti: string;
  scope: string[];
  homeys: string[];
  client: string;
}

export interface Signer {
  sign(claims: Omit<DelegationClaims, 'jti'>): string;
  verify(token: string, nowSeconds: number): { ok: true; claims: DelegationClaims } | { ok: false; reason: string };
  publicKeyPem: string;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export function createSigner(): Signer {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign(claims) {
      const header = b64url(JSON.stringify({ alg: 'RS512', typ: 'JWT' }));
      const payload = b64url(JSON.stringify({ ...claims, jti: randomUUID() }));
      const signature = createSign('RSA-SHA512').update(`${header}.${payload}`).sign(privateKey);
      return `${header}.${payload}.${b64url(signature)}`;
    },
    verify(token, nowSeconds) {
      return verifyJwt(token, publicKey, nowSeconds);
    },
  };
}

function verifyJwt(
  token: string,
  publicKey: KeyObject,
  nowSeconds: number,
): { ok: true; claims: DelegationClaims } | { ok: false; reason: string } {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'Invalid token: not a JWT' };
  const [header, payload, signature] = parts as [string, string, string];
  let parsedHeader: unknown;
  let claims: unknown;
  try {
    parsedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'Invalid token: unreadable' };
  }
  if (!isRecord(parsedHeader) || parsedHeader.alg !== 'RS512') return { ok: false, reason: 'Invalid token: algorithm' };
  const valid = createVerify('RSA-SHA512')
    .update(`${header}.${payload}`)
    .verify(publicKey, Buffer.from(signature, 'base64url'));
  if (!valid) return { ok: false, reason: 'Invalid token: signature' };
  if (!isRecord(claims) || typeof claims.exp !== 'number') return { ok: false, reason: 'Invalid token: claims' };
  if (claims.exp <= nowSeconds) return { ok: false, reason: 'Token expired' };
  return { ok: true, claims: claims as unknown as DelegationClaims };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
