import { useSyncExternalStore } from 'react';

// The limits of the stored copy of the Homey's values (query-persistence.ts) and what it last did,
// for the settings screen's "About this wall". Apart from query-persistence.ts, which loads lazily,
// so the settings can say it without pulling the persister into the first visit.

/**
 * The most characters the stored copy may hold. Browsers give an origin about 5 MB of localStorage,
 * and Safari counts two bytes a character: 2.5 million characters, shared with the settings and the
 * sign-in. A million leaves room for both, and holds a home of several hundred devices (the demo
 * home's 33 devices are 60,000 characters).
 */
export const PERSISTED_CACHE_MAX_CHARS = 1_000_000;

/**
 * The most characters of one text the stored copy keeps; a longer one is stored cut, with an
 * ellipsis. A tile shows only its start anyway, and the next read brings the whole text back.
 */
export const PERSISTED_TEXT_MAX_CHARS = 4_096;

export interface PersistedCacheReport {
  /** The last copy written: its size, and what it left out or cut to stay under the cap. */
  written?: { chars: number; queries: number; leftOut: number; cutTexts: number };
  /** Nothing could be kept: even the newest part alone is over the cap (the entry is removed). */
  tooLarge?: { chars: number };
  /** A copy found at start that was over the cap: not read, removed. */
  refused?: { chars: number };
  /** The browser would not store the copy (full, or storage refused). */
  failed?: string;
}

let report: PersistedCacheReport = {};
const listeners = new Set<() => void>();

/** What the last write did: stored, nothing kept because too large, or refused by the browser. */
export type PersistedWriteOutcome = Pick<PersistedCacheReport, 'written' | 'tooLarge' | 'failed'>;

export function reportPersistedWrite(outcome: PersistedWriteOutcome): void {
  report = { ...(report.refused ? { refused: report.refused } : {}), ...outcome };
  notify();
}

export function reportPersistedRefused(chars: number): void {
  report = { ...report, refused: { chars } };
  notify();
}

function notify(): void {
  for (const listener of listeners) listener();
}

export function readPersistedCacheReport(): PersistedCacheReport {
  return report;
}

/** For tests: back to a fresh start. */
export function resetPersistedCacheReport(): void {
  report = {};
  notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function usePersistedCacheReport(): PersistedCacheReport {
  return useSyncExternalStore(subscribe, readPersistedCacheReport);
}
