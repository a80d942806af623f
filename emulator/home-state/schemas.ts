import { createRequire } from 'node:module';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject, SchemaObject, ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

// Athom's own JSON Schemas for the items the emulator serves, straight from the `homey-api` package,
// so tests can hold the emulator's output to exactly what the official client was generated from.

export type ItemKind = 'device' | 'zone' | 'log' | 'session' | 'user' | 'flow' | 'advancedflow';
export type ItemValidation = { ok: true } | { ok: false; errors: string[] };

interface Specification {
  managers: Record<string, { items?: Record<string, { schema?: SchemaObject }> }>;
}

const require = createRequire(import.meta.url);
const spec = require('homey-api/assets/specifications/HomeyAPIV3Local.json') as Specification;

const SOURCES: Record<ItemKind, [manager: string, item: string]> = {
  device: ['ManagerDevices', 'Device'],
  zone: ['ManagerZones', 'Zone'],
  log: ['ManagerInsights', 'Log'],
  session: ['ManagerSessions', 'Session'],
  user: ['ManagerUsers', 'User'],
  flow: ['ManagerFlow', 'Flow'],
  advancedflow: ['ManagerFlow', 'AdvancedFlow'],
};

function officialSchema(kind: ItemKind): SchemaObject {
  const [manager, item] = SOURCES[kind];
  const schema = spec.managers[manager]?.items?.[item]?.schema;
  if (!schema) throw new Error(`homey-api specification has no schema for ${manager}.items.${item}`);
  // A deep copy, so the deviation below never edits the object `require` caches for other modules.
  return structuredClone(schema);
}

/**
 * The Log schema says `id` is a uuid, but a v3 Homey serves log ids like
 * `homey:device:<deviceId>:<capabilityId>` (docs/homey-web-api.md §2, seen in a v3 wire capture),
 * and homey-api's own ManagerInsights.getLogEntries splits the id on ':' to build the entry URL.
 * The schema is wrong about the wire, so we keep `type: string` and drop the uuid format and pattern.
 */
function logSchema(): SchemaObject {
  const schema = officialSchema('log');
  const id = (schema.properties as Record<string, Record<string, unknown>> | undefined)?.id;
  if (id) {
    delete id.format;
    delete id.pattern;
  }
  return schema;
}

// ajv-formats' `uuid` accepts any 8-4-4-4-12 hex id (any version), which covers `randomUUID()` and
// `uuidFromSeed()`; the stricter v1–v8 check lives in the schemas' own `pattern`, where they have one.
const ajv = new Ajv2020({ allErrors: true });
addFormats(ajv);

const validators = new Map<ItemKind, ValidateFunction>();

function validator(kind: ItemKind): ValidateFunction {
  let validate = validators.get(kind);
  if (!validate) {
    validate = ajv.compile(kind === 'log' ? logSchema() : officialSchema(kind));
    validators.set(kind, validate);
  }
  return validate;
}

/** Checks one item (a Device, Zone, Log, …) against homey-api's official schema for it. */
export function validateItem(kind: ItemKind, item: unknown): ItemValidation {
  const validate = validator(kind);
  if (validate(item)) return { ok: true };
  return { ok: false, errors: readableErrors(validate.errors ?? []) };
}

/**
 * One line per problem: `/capabilities/0: must be string`. An `anyOf` of types (the schemas spell
 * "string or null" that way) would otherwise yield one line per branch plus a vague summary, so the
 * branches fold into `must be string or null`.
 */
function readableErrors(errors: ErrorObject[]): string[] {
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf');
  const lines: string[] = [];
  for (const error of errors) {
    // A branch of an anyOf (even a nested anyOf) is told by its outermost anyOf's line.
    if (anyOfs.some((a) => a !== error && a.instancePath === error.instancePath && error.schemaPath.startsWith(`${a.schemaPath}/`))) continue;
    // The schemas pair `format: uuid` with a version pattern; "must match format uuid" says it without the regex.
    if (error.keyword === 'pattern' && errors.some((e) => e.keyword === 'format' && e.instancePath === error.instancePath && e.propertyName === error.propertyName)) continue;
    // propertyNames repeats its inner errors in a vaguer summary.
    if (error.keyword === 'propertyNames' && errors.some((e) => e !== error && e.propertyName !== undefined && e.instancePath === error.instancePath)) continue;
    const where = `${error.instancePath === '' ? '(root)' : error.instancePath}${error.propertyName === undefined ? '' : ` (property name "${error.propertyName}")`}`;
    if (error.keyword === 'anyOf') {
      const leaves = errors.filter(
        (e) => e.keyword !== 'anyOf' && e.instancePath === error.instancePath && e.schemaPath.startsWith(`${error.schemaPath}/`),
      );
      const message = leaves.every((e) => e.keyword === 'type')
        ? `must be ${[...new Set(leaves.map((e) => String(e.params.type)))].join(' or ')}`
        : [...new Set(leaves.map((e) => `${e.message ?? 'is invalid'}${detail(e)}`))].join(' or ');
      lines.push(`${where}: ${leaves.length > 0 ? message : (error.message ?? 'is invalid')}`);
      continue;
    }
    lines.push(`${where}: ${error.message ?? 'is invalid'}${detail(error)}`);
  }
  return [...new Set(lines)];
}

function detail(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') return `: "${String(params.additionalProperty)}"`;
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) return ` (${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')})`;
  return '';
}
