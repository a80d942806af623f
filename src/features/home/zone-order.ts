import type { Zone } from './home-schema.ts';

// Zones as the Homey app lists them: a tree walked depth-first, siblings by `order` then name.
// A zone whose parent is missing from the answer (seen in real dumps) is treated as a root.

export interface OrderedZone {
  zone: Zone;
  depth: number;
  /** "Home › Ground floor › Kitchen", for search and for telling two "Kitchen"s apart. */
  path: string;
}

export function orderZones(zones: readonly Zone[]): OrderedZone[] {
  const byId = new Map(zones.map((z) => [z.id, z]));
  const children = new Map<string | null, Zone[]>();
  for (const zone of zones) {
    const parent = zone.parent !== null && byId.has(zone.parent) && zone.parent !== zone.id ? zone.parent : null;
    const list = children.get(parent) ?? [];
    list.push(zone);
    children.set(parent, list);
  }
  const byOrder = (a: Zone, b: Zone) => (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER);
  const out: OrderedZone[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number, path: string) => {
    const siblings = children.get(parent) ?? [];
    const byName = nameComparator(siblings.map((z) => z.name));
    for (const zone of [...siblings].sort((a, b) => byOrder(a, b) || byName(a.name, b.name))) {
      // A cycle in a hand-edited home must not hang the wall.
      if (seen.has(zone.id)) continue;
      seen.add(zone.id);
      const here = path ? `${path} › ${zone.name}` : zone.name;
      out.push({ zone, depth, path: here });
      walk(zone.id, depth + 1, here);
    }
  };
  walk(null, 0, '');
  // Zones only reachable through a cycle still get listed.
  for (const zone of zones) if (!seen.has(zone.id)) out.push({ zone, depth: 0, path: zone.name });
  return out;
}

// Letters, digits and spaces only: names whose collation order is plain, case-insensitive ASCII order.
const PLAIN_NAME = /^[A-Za-z0-9 ]*$/;
let collator: Intl.Collator | undefined;

/**
 * How a list of sibling names sorts: as the locale's collator would. Zone names are almost always
 * plain ("Living room", "Floor 2"), and for those the collator's order is case-insensitive ASCII
 * order with lower case first on a tie, which needs no collator: creating one loads ICU's collation
 * data, ~40 ms of a cheap tablet's start-up on the way to the first tile. One comparator for the
 * whole list, so the sort stays consistent.
 */
export function nameComparator(names: readonly string[]): (a: string, b: string) => number {
  if (names.every((name) => PLAIN_NAME.test(name))) return comparePlain;
  collator ??= new Intl.Collator();
  return collator.compare;
}

function comparePlain(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  // Same letters: the first difference in case decides, lower case first (a code unit greater in ASCII).
  return a === b ? 0 : a > b ? -1 : 1;
}
