// Token and session lifetimes, in seconds. Defaults follow what was measured on the real services
// (docs/homey-web-api.md §1): codes live 30 s, access tokens 3660 s, Homey sessions about 24 h.
import type { Lifetimes } from './wire-types.ts';

export const DEFAULT_LIFETIMES: Lifetimes = {
  authorizationCodeSeconds: 30,
  accessTokenSeconds: 3660,
  // Athom does not document it; delegation tokens are only ever exchanged at once for a session.
  delegationTokenSeconds: 300,
  homeySessionSeconds: 24 * 60 * 60,
};

export function parseLifetimes(value: unknown): Partial<Lifetimes> | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'Expected a JSON object';
  const out: Partial<Lifetimes> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!(key in DEFAULT_LIFETIMES)) return `Unknown lifetime "${key}"; known: ${Object.keys(DEFAULT_LIFETIMES).join(', ')}`;
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) return `${key} must be a positive number of seconds`;
    out[key as keyof Lifetimes] = v;
  }
  return out;
}
