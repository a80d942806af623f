// The rhythms a home lives by, shared by the demo's starting values, the invented history and the
// live simulation so the three agree (no solar power at midnight, no July frost). All in UTC, which
// is close enough to the central-European homes the demo pretends to be.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** -1…1 over the day, highest mid-afternoon. */
export function daily(t: number): number {
  return Math.sin((2 * Math.PI * ((t % DAY) / HOUR - 9)) / 24);
}

/** -1…1 over the year, highest in late July. */
export function seasonal(t: number): number {
  return Math.cos((2 * Math.PI * (t / DAY - 205)) / 365.25);
}

/** 0 at night, 1 at solar noon. */
export function daylight(t: number): number {
  return Math.max(0, Math.sin((Math.PI * ((t % DAY) / HOUR - 5)) / 14));
}
