// Which buckets each Insights resolution asks for: a rolling span or a UTC calendar period, cut
// into steps aligned to UTC multiples of the step.
import type { Resolution } from '../types.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Window =
  | { kind: 'rolling'; span: number; step: number }
  | { kind: 'calendar'; unit: 'day' | 'week' | 'month' | 'year'; previous: boolean; step: number };

/**
 * Bucket sizes. Evidence: a captured `today` answer (Homey.Net 2020, docs/homey-web-api.md §2) steps
 * 300000 ms, and a public Homey app's source lists steps its author verified on a hub (2026):
 * lastHour 5 s, last6Hours 1 min, last24Hours 5 min, last7Days 1 h. The rest are our choice;
 * calendar windows reuse the step of the rolling window of about their length.
 */
const WINDOWS: Record<Resolution, Window> = {
  lastHour: { kind: 'rolling', span: HOUR, step: 5 * SECOND },
  last6Hours: { kind: 'rolling', span: 6 * HOUR, step: MINUTE },
  last24Hours: { kind: 'rolling', span: DAY, step: 5 * MINUTE },
  last7Days: { kind: 'rolling', span: 7 * DAY, step: HOUR },
  last14Days: { kind: 'rolling', span: 14 * DAY, step: 2 * HOUR },
  last31Days: { kind: 'rolling', span: 31 * DAY, step: 6 * HOUR },
  last2Years: { kind: 'rolling', span: 730 * DAY, step: DAY },
  today: { kind: 'calendar', unit: 'day', previous: false, step: 5 * MINUTE },
  yesterday: { kind: 'calendar', unit: 'day', previous: true, step: 5 * MINUTE },
  thisWeek: { kind: 'calendar', unit: 'week', previous: false, step: HOUR },
  lastWeek: { kind: 'calendar', unit: 'week', previous: true, step: HOUR },
  thisMonth: { kind: 'calendar', unit: 'month', previous: false, step: 6 * HOUR },
  lastMonth: { kind: 'calendar', unit: 'month', previous: true, step: 6 * HOUR },
  thisYear: { kind: 'calendar', unit: 'year', previous: false, step: DAY },
  lastYear: { kind: 'calendar', unit: 'year', previous: true, step: DAY },
};

export const RESOLUTIONS = Object.keys(WINDOWS) as readonly Resolution[];

export function isResolution(s: string): s is Resolution {
  return Object.hasOwn(WINDOWS, s);
}

/** The buckets of a resolution at `now`, aligned to UTC multiples of the step; the in-progress bucket is the last one. */
export function bucketRange(resolution: Resolution, now: number): { start: number; count: number; step: number } {
  const w = WINDOWS[resolution];
  const step = w.step;
  const current = Math.floor(now / step) * step;
  if (w.kind === 'rolling') {
    const count = Math.round(w.span / step);
    return { start: current + step - count * step, count, step };
  }
  const [thisStart] = calendarPeriod(w.unit, now, 0);
  if (!w.previous) return { start: thisStart, count: Math.round((current + step - thisStart) / step), step };
  const [prevStart] = calendarPeriod(w.unit, now, -1);
  return { start: prevStart, count: Math.round((thisStart - prevStart) / step), step };
}

/** [start, end) of the UTC calendar day/week (Monday)/month/year containing `now`, shifted by `offset` periods. */
function calendarPeriod(unit: 'day' | 'week' | 'month' | 'year', now: number, offset: number): [number, number] {
  const d = new Date(now);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = Date.UTC(y, m, d.getUTCDate());
  switch (unit) {
    case 'day':
      return [day + offset * DAY, day + (offset + 1) * DAY];
    case 'week': {
      const monday = day - ((d.getUTCDay() + 6) % 7) * DAY;
      return [monday + offset * 7 * DAY, monday + (offset + 1) * 7 * DAY];
    }
    case 'month':
      return [Date.UTC(y, m + offset, 1), Date.UTC(y, m + offset + 1, 1)];
    case 'year':
      return [Date.UTC(y + offset, 0, 1), Date.UTC(y + offset + 1, 0, 1)];
  }
}
