import { createRequire } from 'node:module';

// Which scope each Homey operation needs comes straight from Athom's specification, so the
// emulator refuses exactly what a real Homey refuses to a read-only API key or session.

interface Operation {
  method: string;
  path: string;
  scopes?: string[];
}
interface Specification {
  managers: Record<string, { id: string; operations: Record<string, Operation> }>;
}

const require = createRequire(import.meta.url);
const spec = require('homey-api/assets/specifications/HomeyAPIV3Local.json') as Specification;

export function operation(manager: string, operationId: string): Operation & { fullPath: string } {
  const m = spec.managers[manager];
  const op = m?.operations[operationId];
  if (!m || !op) throw new Error(`Unknown Homey operation ${manager}.${operationId}`);
  return { ...op, fullPath: `/api/manager/${m.id}${op.path}` };
}

/** Every scope any operation names, for `intersectedScopes` of a full-access session. */
export const ALL_SCOPES: readonly string[] = [
  ...new Set(
    Object.values(spec.managers).flatMap((m) => Object.values(m.operations).flatMap((op) => op.scopes ?? [])),
  ),
].sort();

// Athom's scopes nest: `homey` grants everything, `homey.device` grants `homey.device.control`
// and `homey.device.readonly`, and `homey.device.control` includes reading.
export function grants(held: string, needed: string): boolean {
  if (held === needed || needed.startsWith(`${held}.`)) return true;
  if (held.endsWith('.control')) return needed === `${held.slice(0, -'.control'.length)}.readonly`;
  return false;
}

export function hasScopes(held: readonly string[], needed: readonly string[] | undefined): boolean {
  return (needed ?? []).every((n) => held.some((h) => grants(h, n)));
}

export function intersectedScopes(held: readonly string[]): string[] {
  return ALL_SCOPES.filter((s) => held.some((h) => grants(h, s)));
}
