// When to fetch a log's entries again, and where they live.

export const RESOLUTIONS = [
  'lastHour',
  'last6Hours',
  'last24Hours',
  'last7Days',
  'last14Days',
  'last31Days',
  'last2Years',
  'today',
  'yesterday',
  'thisWeek',
  'lastWeek',
  'thisMonth',
  'lastMonth',
  'thisYear',
  'lastYear',
] as const;

export type Resolution = (typeof RESOLUTIONS)[number];

export function isResolution(value: unknown): value is Resolution {
  return typeof value === 'string' && (RESOLUTIONS as readonly string[]).includes(value);
}

export const MIN_REFETCH_MS = 10_000;
/** Even a 31-day chart (hour buckets) gets its newest value checked this often. */
export const MAX_REFETCH_MS = 5 * 60_000;
// The bucket is written when `updatesIn` runs out; asking a moment later finds it there.
const LANDING_SLACK_MS = 1_000;
const UNKNOWN_REFETCH_MS = 60_000;

/**
 * Milliseconds until the next fetch of a log's entries: when the Homey says the next bucket lands
 * (`updatesIn`), plus a second, never sooner than `minMs` (never faster than 10 s, so a wall of charts cannot hammer a Homey; a
 * lower value is raised to 10 s) and never later than `maxMs`. Without a usable `updatesIn`: 1 min.
 */
export function nextRefetchMs(updatesIn: number | null | undefined, minMs = MIN_REFETCH_MS, maxMs = MAX_REFETCH_MS): number {
  const floor = Math.max(MIN_REFETCH_MS, Number.isFinite(minMs) ? minMs : MIN_REFETCH_MS);
  const ceiling = Math.max(floor, Number.isFinite(maxMs) ? maxMs : MAX_REFETCH_MS);
  const wanted = typeof updatesIn === 'number' && Number.isFinite(updatesIn) && updatesIn >= 0 ? updatesIn + LANDING_SLACK_MS : UNKNOWN_REFETCH_MS;
  return Math.min(ceiling, Math.max(floor, wanted));
}

/** The v3 Insights log id of a device capability (docs/homey-web-api.md §2). */
export function logIdFor(deviceId: string, capabilityId: string): string {
  return `homey:device:${deviceId}:${capabilityId}`;
}

/** A log's owner uri: the first three colon parts of its id (what homey-api's getLogEntries sends). */
export function logOwnerUri(logId: string): string {
  return logId.split(':', 3).join(':');
}

/**
 * A path segment, escaped. `:` stays as is: it is legal in a path (RFC 3986 pchar) and it is what
 * Athom's own client sends (homey-api pastes ids into the path unescaped), so ordinary ids produce
 * byte-identical URLs; anything that could end or split a segment (`/ ? # %` space…) is escaped.
 */
function segment(value: string): string {
  return encodeURIComponent(value).replaceAll('%3A', ':');
}

/**
 * The entries path of a log, relative to `/api/manager/`:
 * `insights/log/homey:device:<d>/homey:device:<d>:<capability>/entry?resolution=<r>`.
 */
export function insightEntriesPath(logId: string, resolution: Resolution): string {
  return `insights/log/${segment(logOwnerUri(logId))}/${segment(logId)}/entry?resolution=${encodeURIComponent(resolution)}`;
}
