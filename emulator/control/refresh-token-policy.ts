// The refresh-token policy the token endpoint follows (see RefreshTokenPolicyName): strict rotation
// unless a test or the command line asks for another, since Athom's own is not documented.
import type { RefreshTokenPolicy, RefreshTokenPolicyName } from './wire-types.ts';

export const REFRESH_TOKEN_POLICIES: readonly RefreshTokenPolicyName[] = ['rotate', 'reuse', 'grace'];

export const DEFAULT_REFRESH_TOKEN_POLICY: RefreshTokenPolicy = { policy: 'rotate', graceSeconds: 30 };

export function isRefreshTokenPolicyName(value: unknown): value is RefreshTokenPolicyName {
  return typeof value === 'string' && (REFRESH_TOKEN_POLICIES as readonly string[]).includes(value);
}

export function parseRefreshTokenPolicy(value: unknown): Partial<RefreshTokenPolicy> | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'Expected a JSON object';
  const out: Partial<RefreshTokenPolicy> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'policy') {
      if (!isRefreshTokenPolicyName(v)) return `policy must be one of ${REFRESH_TOKEN_POLICIES.join(', ')}`;
      out.policy = v;
    } else if (key === 'graceSeconds') {
      if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) return 'graceSeconds must be a positive number of seconds';
      out.graceSeconds = v;
    } else {
      return `Unknown field "${key}"; known: policy, graceSeconds`;
    }
  }
  return out;
}
