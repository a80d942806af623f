import { describe, expect, it } from 'vitest';
import { freshness, STALE_AFTER_MS, tileFreshness } from './staleness.ts';

const now = Date.UTC(2024, 10, 3, 14, 2, 0);
const POLL = 5_000;

describe('freshness (from the last successful fetch)', () => {
  it('is fresh within two poll intervals', () => {
    expect(freshness(now, POLL, now)).toBe('fresh');
    expect(freshness(now - 2 * POLL, POLL, now)).toBe('fresh');
  });

  it('is aging after two poll intervals, stale after 5 minutes', () => {
    expect(freshness(now - 2 * POLL - 1, POLL, now)).toBe('aging');
    expect(freshness(now - STALE_AFTER_MS, POLL, now)).toBe('aging');
    expect(freshness(now - STALE_AFTER_MS - 1, POLL, now)).toBe('stale');
  });

  it('is stale when nothing was ever fetched', () => {
    expect(freshness(null, POLL, now)).toBe('stale');
    expect(freshness(Number.NaN, POLL, now)).toBe('stale');
  });

  it('treats a clock that stepped back as fresh, not as a negative age', () => {
    expect(freshness(now + 60_000, POLL, now)).toBe('fresh');
  });

  it('keeps aging before stale with a long poll interval', () => {
    const poll = 4 * 60_000;
    expect(freshness(now - 7 * 60_000, poll, now)).toBe('fresh');
    expect(freshness(now - 9 * 60_000, poll, now)).toBe('aging');
    expect(freshness(now - 13 * 60_000, poll, now)).toBe('stale');
  });
});

describe('tileFreshness', () => {
  it('a quiet sensor whose value is an hour old, fetched just now, is fresh and shows the value age', () => {
    const lastUpdated = new Date(now - 3_600_000).toISOString();
    expect(tileFreshness({ lastFetchedAt: now - 1_000, lastUpdated, pollIntervalMs: POLL, now })).toEqual({
      state: 'fresh',
      ageMs: 3_600_000,
      fetchAgeMs: 1_000,
    });
  });

  it('a failing poll makes a just-changed value stale all the same', () => {
    const lastUpdated = new Date(now - 6 * 60_000).toISOString();
    expect(tileFreshness({ lastFetchedAt: now - 6 * 60_000, lastUpdated, pollIntervalMs: POLL, now }).state).toBe('stale');
  });

  it('shows the fetch age when the Homey gave no lastUpdated', () => {
    expect(tileFreshness({ lastFetchedAt: now - 30_000, lastUpdated: null, pollIntervalMs: POLL, now })).toEqual({
      state: 'aging',
      ageMs: 30_000,
      fetchAgeMs: 30_000,
    });
    expect(tileFreshness({ lastFetchedAt: null, lastUpdated: 'garbage', pollIntervalMs: POLL, now })).toEqual({
      state: 'stale',
      ageMs: null,
      fetchAgeMs: null,
    });
  });

  it('honours a custom stale limit', () => {
    expect(tileFreshness({ lastFetchedAt: now - 61_000, pollIntervalMs: POLL, now, staleAfterMs: 60_000 }).state).toBe('stale');
  });
});
