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
  const compare = (a: Zone, b: Zone) => (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER) || a.name.localeCompare(b.name);
  const out: OrderedZone[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number, path: string) => {
    for (const zone of [...(children.get(parent) ?? [])].sort(compare)) {
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
