// How much to trust what a tile shows, so the wall keeps showing its last known data and says how
// old it is rather than blanking it: fresh, aging (older than 2 poll intervals: show the age) or
// stale (older than 5 minutes: clearly marked).
//
// Decision: staleness is measured from when we last fetched the device successfully, not from the
// capability's `lastUpdated`. A thermometer in a steady room reports 21.5 °C once and then nothing
// for an hour: its `lastUpdated` is an hour old, yet the value is current, because the Homey vouched
// for it 5 s ago. Judging by `lastUpdated` would paint every quiet sensor stale. What a failed poll
// makes untrustworthy is our copy, so the fetch time drives the state. The age a tile *shows* is
// the value's own `lastUpdated` ("21.5 °C · 3 min"), which is what a person means by "how old is
// this reading"; when the Homey gave no `lastUpdated`, the fetch age stands in.

export type Freshness = 'fresh' | 'aging' | 'stale';

export const STALE_AFTER_MS = 5 * 60_000;

export interface FreshnessInput {
  /** Epoch ms of the last successful fetch (React Query's `dataUpdatedAt`); null if never. */
  lastFetchedAt: number | null;
  /** The capability's `lastUpdated` (ISO), for the age shown. */
  lastUpdated?: string | null;
  pollIntervalMs: number;
  now: number;
  staleAfterMs?: number;
}

export interface TileFreshness {
  state: Freshness;
  /** What to show as "age": since the value's `lastUpdated`, else since the last fetch; null if unknown. */
  ageMs: number | null;
  /** Since the last successful fetch; null if never fetched. */
  fetchAgeMs: number | null;
}

/** fresh / aging / stale from the last successful fetch (see the decision above). */
export function freshness(lastFetchedAt: number | null, pollIntervalMs: number, now: number, staleAfterMs = STALE_AFTER_MS): Freshness {
  if (lastFetchedAt === null || !Number.isFinite(lastFetchedAt)) return 'stale';
  // A clock that stepped back (NTP, a tablet waking) makes ages negative: that is not old.
  const age = Math.max(0, now - lastFetchedAt);
  const agingAfter = 2 * Math.max(0, pollIntervalMs);
  // With a long poll interval "aging" must still come before "stale".
  const staleAfter = Math.max(staleAfterMs, agingAfter + pollIntervalMs);
  if (age > staleAfter) return 'stale';
  if (age > agingAfter) return 'aging';
  return 'fresh';
}

export function tileFreshness(input: FreshnessInput): TileFreshness {
  const { lastFetchedAt, lastUpdated, pollIntervalMs, now } = input;
  const fetchAgeMs = lastFetchedAt === null || !Number.isFinite(lastFetchedAt) ? null : Math.max(0, now - lastFetchedAt);
  const updated = typeof lastUpdated === 'string' ? Date.parse(lastUpdated) : Number.NaN;
  const ageMs = Number.isFinite(updated) ? Math.max(0, now - updated) : fetchAgeMs;
  return { state: freshness(lastFetchedAt, pollIntervalMs, now, input.staleAfterMs), ageMs, fetchAgeMs };
}
