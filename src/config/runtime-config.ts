// The configuration a deployment provides at run time (public/config.json), read once at start.
// Changing it needs no rebuild. The full reference lives in README "Configuration".

export interface PollIntervals {
  devicesMs: number;
  zonesMs: number;
  insightsMinMs: number;
}

export interface RuntimeConfig {
  athomApiUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  redirectPath: string;
  pollIntervals: PollIntervals;
}

export type ConfigResult = { ok: true; config: RuntimeConfig } | { ok: false; problems: string[] };

const DEFAULT_POLL: PollIntervals = { devicesMs: 5000, zonesMs: 60000, insightsMinMs: 10000 };

export function parseRuntimeConfig(raw: unknown): ConfigResult {
  const problems: string[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problems: ['config.json must hold a JSON object'] };
  }
  const r = raw as Record<string, unknown>;
  const text = (key: string, fallback?: string): string => {
    const v = r[key] ?? fallback;
    if (typeof v !== 'string') {
      problems.push(`"${key}" must be a string`);
      return '';
    }
    return v;
  };
  const athomApiUrl = text('athomApiUrl', 'https://api.athom.com').replace(/\/+$/, '');
  if (athomApiUrl && !/^https?:\/\/[^/]+/.test(athomApiUrl)) problems.push('"athomApiUrl" must be an http(s) URL');
  const clientId = text('clientId');
  const clientSecret = text('clientSecret');
  if (clientId === '') problems.push('"clientId" is empty: register an OAuth client with Athom (README "Using a real Homey")');
  const redirectPath = text('redirectPath', '/');
  if (!redirectPath.startsWith('/')) problems.push('"redirectPath" must start with /');
  const scopes = r.scopes ?? ['homey'];
  if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string')) problems.push('"scopes" must be a list of strings');
  const poll = (r.pollIntervals ?? {}) as Record<string, unknown>;
  const pollIntervals = { ...DEFAULT_POLL };
  for (const key of Object.keys(DEFAULT_POLL) as (keyof PollIntervals)[]) {
    const v = poll[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 1000) problems.push(`"pollIntervals.${key}" must be a number of milliseconds ≥ 1000`);
    else pollIntervals[key] = v;
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, config: { athomApiUrl, clientId, clientSecret, scopes: scopes as string[], redirectPath, pollIntervals } };
}

export async function loadRuntimeConfig(fetchImpl: typeof fetch = fetch): Promise<ConfigResult> {
  let response: Response;
  try {
    response = await fetchImpl('/config.json', { cache: 'no-store' });
  } catch (err) {
    return { ok: false, problems: [`config.json could not be loaded: ${(err as Error).message}`] };
  }
  if (!response.ok) return { ok: false, problems: [`config.json could not be loaded: HTTP ${response.status}`] };
  let raw: unknown;
  try {
    raw = await response.json();
  } catch {
    return { ok: false, problems: ['config.json is not valid JSON'] };
  }
  return parseRuntimeConfig(raw);
}
