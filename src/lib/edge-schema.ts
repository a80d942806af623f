// Building blocks for validating Homey answers where they enter the app, so a wrong shape becomes a
// clear error there instead of a crash further in. Real homes are messy (docs/homey-web-api.md §3
// lists what they send): maps that some firmware or clients send as arrays, titles that arrive as
// per-language objects, fields older firmware leaves out. These helpers accept that mess, and still
// turn an item that is truly broken into an error on that item alone, so one odd device never
// blanks a whole wall.
import * as v from 'valibot';

/** An item of a list answer that could not be used, and why (shown on a warning tile). */
export interface BrokenItem {
  id: string;
  name?: string;
  problem: string;
}

export interface CollectionResult<T> {
  items: T[];
  broken: BrokenItem[];
}

/** A whole answer that has the wrong shape (an HTML page from a captive portal, a bare string, …). */
export class ResponseShapeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ResponseShapeError';
  }
}

// Messages can quote the offending value; a 10 KB hostile string must not become a 10 KB banner.
const MAX_PROBLEM = 300;

/** One readable line from valibot's issues: where, and what was wrong. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  if (!first) return 'invalid';
  const path = v.getDotPath(first);
  const text = path ? `${path}: ${first.message}` : first.message;
  const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : '';
  return clip(text) + more;
}

function clip(text: string): string {
  return text.length > MAX_PROBLEM ? `${text.slice(0, MAX_PROBLEM - 1)}…` : text;
}

/** A plain object (a JSON object), not null and not a list. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The entries of a map answer (`{ id: item }`), or of an array answer: some clients and firmware
 * send arrays where the spec says map (docs/homey-web-api.md §2, e.g. v2 `insights/log`). Array
 * entries have no key. Anything else is not a list at all.
 */
export function collectionEntries(raw: unknown, what: string): [key: string | undefined, item: unknown][] {
  if (Array.isArray(raw)) return raw.map((item) => [undefined, item]);
  if (isRecord(raw)) return Object.entries(raw);
  throw new ResponseShapeError(`${what}: expected a map or a list, got ${describeType(raw)}`);
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Parses every item of a map-or-array answer on its own, so a broken item is reported with its id
 * and name and the rest still arrive. A map key fills in a missing `id` (a map is keyed by id).
 */
export function parseCollection<T>(
  raw: unknown,
  schema: v.GenericSchema<unknown, T>,
  what: string,
): CollectionResult<T> {
  const items: T[] = [];
  const broken: BrokenItem[] = [];
  collectionEntries(raw, what).forEach(([key, item], index) => {
    const input = isRecord(item) && typeof item.id !== 'string' && key !== undefined ? { ...item, id: key } : item;
    const result = v.safeParse(schema, input);
    if (result.success) {
      items.push(result.output);
      return;
    }
    const ownId = isRecord(item) && typeof item.id === 'string' && item.id !== '' ? item.id : undefined;
    const name = isRecord(item) && typeof item.name === 'string' ? item.name : undefined;
    broken.push({
      id: ownId ?? key ?? `#${index}`,
      ...(name === undefined ? {} : { name }),
      problem: describeIssues(result.issues),
    });
  });
  return { items, broken };
}

/** Parses a single-object answer; a wrong shape throws with a readable reason. */
export function parseOne<T>(raw: unknown, schema: v.GenericSchema<unknown, T>, what: string): T {
  const result = v.safeParse(schema, raw);
  if (result.success) return result.output;
  throw new ResponseShapeError(`${what}: ${describeIssues(result.issues)}`);
}

// ---------------------------------------------------------------- lenient fields

/**
 * Text as the Homey sends it, or `null`. Apps sometimes leave a per-language object where the
 * Homey would have resolved a string (`options.title: { en, nl }`, seen in the sparegris dumps):
 * English first, then the first language given. Strings pass through unchanged, however odd.
 */
export function toText(value: unknown, language?: string): string | null {
  if (typeof value === 'string') return value;
  if (!isRecord(value)) return null;
  const wanted = language === undefined ? undefined : value[language];
  if (typeof wanted === 'string') return wanted;
  if (typeof value.en === 'string') return value.en;
  const first = Object.values(value).find((x): x is string => typeof x === 'string');
  return first ?? null;
}

export function toFiniteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** An ISO time, or `null`. Epoch milliseconds (some apps) become ISO; unparsable text becomes `null`. */
export function toTimestamp(value: unknown): string | null {
  if (typeof value === 'string') return Number.isNaN(Date.parse(value)) ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  return null;
}

/** The strings of a list, in order; other items are dropped, and anything but a list is an empty one. */
export function toStringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * Lenient valibot fields: they never fail, they fall back. Use for what we can live without.
 * `optional(…, null)` lets the key be missing (valibot otherwise reports "Invalid key") and still
 * runs the transform, so an absent field gets the same fallback as a null one.
 */
function lenientField<T>(transform: (input: unknown) => T) {
  return v.optional(v.pipe(v.unknown(), v.transform(transform)), null);
}

export const lenient = {
  text: lenientField((x) => toText(x)),
  number: lenientField(toFiniteNumber),
  nullableNumber: lenientField((x) => toFiniteNumber(x) ?? null),
  timestamp: lenientField(toTimestamp),
  stringList: lenientField(toStringList),
  record: lenientField((x): Record<string, unknown> => (isRecord(x) ? x : {})),
  boolean: (fallback: boolean) => lenientField((x) => (typeof x === 'boolean' ? x : fallback)),
  optionalString: lenientField((x) => (typeof x === 'string' ? x : undefined)),
  nullableString: lenientField((x) => (typeof x === 'string' ? x : null)),
  /** A number or boolean as sent (Insights `lastValue`), else null. */
  scalar: lenientField((x) => (typeof x === 'number' || typeof x === 'boolean' ? x : null)),
  /** Anything; for fields a later transform reads itself. */
  unknown: lenientField((x) => x),
};

/** A required, non-empty id. */
export const idSchema = v.pipe(v.string(), v.minLength(1, 'must not be empty'));
