// Insights answers validated at the edge (docs/homey-web-api.md §2): the list of logs and a log's entries.
import * as v from 'valibot';
import type { CollectionResult } from '../../lib/edge-schema.ts';
import { idSchema, isRecord, lenient, parseCollection, parseOne, toText } from '../../lib/edge-schema.ts';

export interface InsightsLog {
  /** The v3 log id: `homey:device:<deviceId>:<capabilityId>` (v2 answers are rewritten to it). */
  id: string;
  /** `homey:device:<deviceId>`, `homey:manager:weather`, … */
  ownerUri: string;
  ownerId: string | null;
  ownerName: string | null;
  /** `number` or `boolean`; anything else is kept as sent and charted as a number. */
  type: string;
  title: string | null;
  titleTrue: string | null;
  titleFalse: string | null;
  units: string | null;
  decimals: number | null;
  /** v2 boolean logs were seen reporting `0`/`1` here (homey-mcp capture). */
  lastValue: number | boolean | null;
}

const logSchema = v.pipe(
  v.looseObject({
    id: idSchema,
    type: v.optional(v.string(), 'number'),
    title: lenient.text,
    titleTrue: lenient.text,
    titleFalse: lenient.text,
    units: lenient.text,
    decimals: lenient.nullableNumber,
    lastValue: lenient.scalar,
    ownerUri: lenient.optionalString,
    ownerId: lenient.nullableString,
    ownerName: lenient.nullableString,
    // v2: `{ uri: "homey:device:<d>", uriObj: { id, name }, id: "measure_temperature" }`.
    uri: lenient.optionalString,
    uriObj: lenient.record,
  }),
  v.check((l) => l.ownerUri !== undefined || l.uri !== undefined || ownerOf(l.id) !== undefined, 'has no owner uri'),
  v.transform((l): InsightsLog => {
    const ownerUri = l.ownerUri ?? l.uri ?? ownerOf(l.id) ?? '';
    const id = l.id.startsWith(`${ownerUri}:`) ? l.id : `${ownerUri}:${l.id}`;
    return {
      id,
      ownerUri,
      ownerId: l.ownerId ?? (typeof l.uriObj.id === 'string' ? l.uriObj.id : ownerUri.split(':')[2] ?? null),
      ownerName: l.ownerName ?? toText(l.uriObj.name),
      type: l.type,
      title: l.title,
      titleTrue: l.titleTrue,
      titleFalse: l.titleFalse,
      units: l.units,
      decimals: l.decimals === null || l.decimals < 0 ? null : Math.min(20, Math.round(l.decimals)),
      lastValue: l.lastValue,
    };
  }),
);

/** The owner uri inside a full v3 log id (its first three colon parts), if it has one. */
function ownerOf(logId: string): string | undefined {
  const parts = logId.split(':');
  return parts.length > 3 && parts[0] === 'homey' ? parts.slice(0, 3).join(':') : undefined;
}

/** `GET insights/log`: a map keyed by log id on v3, a list on v2; both become v3-shaped logs. */
export function parseInsightsLogs(raw: unknown): CollectionResult<InsightsLog> {
  return parseCollection(raw, logSchema, 'insights logs');
}

export interface InsightsPoint {
  /** Epoch milliseconds. */
  t: number;
  /** `null` is a gap (or the newest bucket still filling), never zero. Booleans arrive as 1/0. */
  v: number | null;
}

export interface InsightsEntries {
  values: InsightsPoint[];
  start: number | null;
  end: number | null;
  /** Bucket width in ms. */
  step: number | null;
  /** Milliseconds until the next bucket lands: when to fetch again. */
  updatesIn: number | null;
  lastValue: number | boolean | null;
}

function toPoint(raw: unknown): InsightsPoint | undefined {
  if (!isRecord(raw)) return undefined;
  const t = typeof raw.t === 'string' ? Date.parse(raw.t) : typeof raw.t === 'number' ? raw.t : Number.NaN;
  if (!Number.isFinite(t)) return undefined;
  const value = raw.v;
  // One numeric path for charts and stats; the log's type says whether to label the axis with titles.
  const v = typeof value === 'number' && Number.isFinite(value) ? value : typeof value === 'boolean' ? Number(value) : null;
  return { t, v };
}

function toTime(raw: unknown): number | null {
  const t = typeof raw === 'string' ? Date.parse(raw) : typeof raw === 'number' ? raw : Number.NaN;
  return Number.isFinite(t) ? t : null;
}

const entriesSchema = v.pipe(
  v.looseObject({
    values: v.array(v.unknown(), 'values must be a list'),
    start: lenient.unknown,
    end: lenient.unknown,
    step: lenient.nullableNumber,
    updatesIn: lenient.nullableNumber,
    lastValue: lenient.scalar,
  }),
  v.transform((e): InsightsEntries => {
    const values: InsightsPoint[] = [];
    for (const raw of e.values) {
      const point = toPoint(raw);
      if (point) values.push(point);
    }
    // Charts and downsampling need time order; the Homey sends it, a proxy or an app might not.
    if (values.some((p, i) => i > 0 && p.t < (values[i - 1]?.t ?? p.t))) values.sort((a, b) => a.t - b.t);
    return {
      values,
      start: toTime(e.start),
      end: toTime(e.end),
      step: e.step,
      updatesIn: e.updatesIn,
      lastValue: e.lastValue,
    };
  }),
);

/** `GET insights/log/:uri/:id/entry`. Throws `ResponseShapeError` when it has no list of values. */
export function parseInsightsEntries(raw: unknown): InsightsEntries {
  return parseOne(raw, entriesSchema, 'insights entries');
}
