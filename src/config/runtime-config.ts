// The configuration a deployment provides at run time (public/config.json), read once at start.
// Changing it needs no rebuild. The full reference lives in README "Configuration".

export interface PollIntervals {
  devicesMs: number;
  zonesMs: number;
  insightsMinMs: number;
  /** While the Homey's socket is live: how often the whole home is still read, as a safety net. */
  liveSafetyMs: number;
}

export interface RuntimeConfig {
  athomApiUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  redirectPath: string;
  pollIntervals: PollIntervals;
  /** Whether the dashboard listens on the Homey's realtime socket (docs/decisions/005-live-updates-over-the-homeys-socket.md); polling alone when false (default true). */
  realtime: boolean;
  /**
   * Where device icons are fetched from: `<iconBaseUrl>/<iconObj.id>-128.png` (docs/homey-web-api.md §3).
   * Athom's icon host unless config.json names another; the page's img-src must allow it. Always set
   * by `parseRuntimeConfig`; optional so that a config built by hand (tests) may leave it out.
   */
  iconBaseUrl?: string;
  /** Values config.json asked for that the dashboard lowered to its bounds; absent when none were. */
  adjusted?: AdjustedSetting[];
}

/** A value of config.json the dashboard did not use as written, and the value it uses instead. */
export interface AdjustedSetting {
  setting: `pollIntervals.${keyof PollIntervals}`;
  askedMs: number;
  usedMs: number;
}

export type ConfigResult = { ok: true; config: RuntimeConfig } | { ok: false; problems: string[] };

/** Athom's icon host: devices' own icons, no sign-in needed (docs/homey-web-api.md §3). */
export const DEFAULT_ICON_BASE_URL = 'https://icons-cdn.athom.com';

const DEFAULT_POLL: PollIntervals = { devicesMs: 5000, zonesMs: 60000, insightsMinMs: 10000, liveSafetyMs: 300_000 };

const SECOND = 1000;
const HOUR = 60 * 60 * SECOND;

/**
 * What each poll interval may be. Faster than a second is refused (it would hammer the Homey, and is
 * usually seconds written where milliseconds belong). Slower than the longest is lowered to it and
 * said so in the settings: a browser runs a timer of 2³¹ ms or more (24.8 days) at once, so without
 * a ceiling "almost never" became "all the time". Device values older than an hour are no longer a
 * picture of the home; zones, flows and weather change rarely, and once a day still finds a renamed
 * room without a reload; an Insights chart whose newest bucket is an hour late still reads. The safety poll while live is
 * held to the device poll's bounds: a socket that is silently wrong is caught within an hour.
 */
export const POLL_BOUNDS: Readonly<Record<keyof PollIntervals, { minMs: number; maxMs: number }>> = {
  devicesMs: { minMs: SECOND, maxMs: HOUR },
  zonesMs: { minMs: SECOND, maxMs: 24 * HOUR },
  insightsMinMs: { minMs: SECOND, maxMs: HOUR },
  liveSafetyMs: { minMs: SECOND, maxMs: HOUR },
};

/** A poll interval inside its bounds, whatever it was: for every timer fed from config or settings. */
export function boundedPollMs(ms: number, key: keyof PollIntervals): number {
  const { minMs, maxMs } = POLL_BOUNDS[key];
  if (Number.isNaN(ms)) return DEFAULT_POLL[key];
  return Math.min(maxMs, Math.max(minMs, ms));
}

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
  const adjusted: AdjustedSetting[] = [];
  for (const key of Object.keys(DEFAULT_POLL) as (keyof PollIntervals)[]) {
    const v = poll[key];
    if (v === undefined) continue;
    const { minMs, maxMs } = POLL_BOUNDS[key];
    if (typeof v !== 'number' || Number.isNaN(v) || v < minMs) {
      problems.push(`"pollIntervals.${key}" must be a number of milliseconds ≥ ${minMs} (at most ${maxMs}: larger values are lowered to it)`);
    } else if (v > maxMs) {
      pollIntervals[key] = maxMs;
      adjusted.push({ setting: `pollIntervals.${key}`, askedMs: v, usedMs: maxMs });
    } else {
      pollIntervals[key] = v;
    }
  }
  // On unless turned off: polling stays as the safety net either way (docs/decisions/005).
  const realtime = r.realtime ?? true;
  if (typeof realtime !== 'boolean') problems.push('"realtime" must be true or false');
  const iconBaseUrl = text('iconBaseUrl', DEFAULT_ICON_BASE_URL).replace(/\/+$/, '');
  if (iconBaseUrl && !/^https?:\/\/[^/]+/.test(iconBaseUrl)) problems.push('"iconBaseUrl" must be an http(s) URL');
  if (problems.length) return { ok: false, problems };
  const config: RuntimeConfig = { athomApiUrl, clientId, clientSecret, scopes: scopes as string[], redirectPath, pollIntervals, realtime: realtime as boolean, iconBaseUrl };
  if (adjusted.length > 0) config.adjusted = adjusted;
  return { ok: true, config };
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
