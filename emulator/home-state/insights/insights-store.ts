// Insights for one emulated Homey: the log list (`GET insights/log`) and bucketed entries
// (`GET insights/log/:uri/:id/entry`). History a fixture does not bring is made up, lazily and
// deterministically per log, so startup stays fast and a chart shows the same past on every run.
import { createRandom, deriveSeed } from '../random.ts';
import type { HomeySpec, InsightsLog, LogEntries, Resolution } from '../types.ts';
import { changePoints, numberBuckets } from './buckets.ts';
import { generate } from './history.ts';
import type { Snapshot } from './history.ts';
import { deviceLogId, logMeta, logMetas } from './log-descriptions.ts';
import type { LogMeta } from './log-descriptions.ts';
import { bucketRange } from './resolutions.ts';
import { EMPTY, fromSamples } from './series.ts';
import type { Series } from './series.ts';

/** Samples that arrived while running; appended, so plain arrays. */
interface Recorded {
  t: number[];
  v: number[];
}

export interface InsightsStoreOptions {
  now: number;
  seed?: number;
}

export class InsightsStore {
  private readonly seed: number;
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly history = new Map<string, Series>();
  private readonly recorded = new Map<string, Recorded>();

  constructor(
    private readonly homey: HomeySpec,
    opts: InsightsStoreOptions,
  ) {
    this.seed = opts.seed ?? 1;
    // Only the values are copied now; history is generated on the first request for a log.
    for (const meta of logMetas(this.homey)) {
      let end = opts.now;
      const lastHeard = typeof meta.cap?.lastUpdated === 'string' ? Date.parse(meta.cap.lastUpdated) : NaN;
      if (meta.device?.available === false && Number.isFinite(lastHeard)) end = Math.min(end, lastHeard);
      this.snapshots.set(meta.log.id, { value: meta.log.lastValue, end });
    }
  }

  logs(): Record<string, InsightsLog> {
    const out: Record<string, InsightsLog> = {};
    for (const meta of logMetas(this.homey)) out[meta.log.id] = meta.log;
    return out;
  }

  record(deviceId: string, capabilityId: string, value: unknown, at: number): void {
    this.recordLog(deviceLogId(deviceId, capabilityId), value, at);
  }

  /** Any log by id, e.g. the weather's. Values of the wrong type are ignored. */
  recordLog(logId: string, value: unknown, at: number): void {
    const meta = logMeta(this.homey, logId);
    if (!meta) return;
    if (meta.log.type === 'number' && (typeof value !== 'number' || !Number.isFinite(value))) return;
    if (meta.log.type === 'boolean' && typeof value !== 'boolean') return;
    const v = Number(value);
    let rec = this.recorded.get(logId);
    if (!rec) {
      rec = { t: [], v: [] };
      this.recorded.set(logId, rec);
    }
    if (meta.log.type === 'boolean') {
      // Boolean logs keep change points only.
      const previous = this.lastBooleanBefore(logId, rec, at);
      if (previous === v) return;
    }
    // A clock set back (tests can do that) must not leave the samples out of order.
    let i = rec.t.length;
    while (i > 0 && (rec.t[i - 1] as number) > at) i--;
    rec.t.splice(i, 0, at);
    rec.v.splice(i, 0, v);
  }

  entries(logId: string, resolution: Resolution, now: number): LogEntries | undefined {
    const meta = logMeta(this.homey, logId);
    if (!meta) return undefined;
    const { start, count, step } = bucketRange(resolution, now);
    const end = start + count * step;
    const updatesIn = (Math.floor(now / step) + 1) * step - now;
    const series = this.series(logId, meta);
    const rec = this.recorded.get(logId) ?? { t: [], v: [] };
    const values =
      meta.log.type === 'boolean'
        ? changePoints([series, rec], start, end)
        : numberBuckets([series, rec], start, count, step, now, meta.meter, meta.log.decimals);
    return { values, start: iso(start), end: iso(end), step, lastValue: meta.log.lastValue, updatesIn };
  }

  private series(logId: string, meta: LogMeta): Series {
    let s = this.history.get(logId);
    if (s) return s;
    const given = this.homey.insights?.[logId];
    if (given) s = fromSamples(given, meta.log.type);
    else {
      const snap = this.snapshots.get(logId);
      // A log that appeared after startup has no invented past: only what gets recorded.
      s = snap && snap.value !== null ? generate(meta, snap, createRandom(deriveSeed(this.seed, logId))) : EMPTY;
    }
    this.history.set(logId, s);
    return s;
  }

  private lastBooleanBefore(logId: string, rec: Recorded, at: number): number | undefined {
    for (let i = rec.t.length - 1; i >= 0; i--) if ((rec.t[i] as number) <= at) return rec.v[i];
    const meta = logMeta(this.homey, logId);
    if (!meta) return undefined;
    const s = this.series(logId, meta);
    for (let i = s.t.length - 1; i >= 0; i--) if ((s.t[i] as number) <= at) return s.v[i];
    const snap = this.snapshots.get(logId);
    return typeof snap?.value === 'boolean' && s.t.length === 0 ? Number(snap.value) : undefined;
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
