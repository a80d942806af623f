import { describe, expect, it } from 'vitest';
import type { Zone } from './home-schema.ts';
import { orderZones } from './zone-order.ts';

const zone = (id: string, name: string, parent: string | null, order?: number): Zone => ({
  id,
  name,
  parent,
  icon: null,
  active: false,
  activeLastUpdated: null,
  ...(order === undefined ? {} : { order }),
});

describe('orderZones', () => {
  it('walks the tree depth-first with siblings by order, then name', () => {
    const ordered = orderZones([
      zone('k', 'Kitchen', 'g', 2),
      zone('h', 'Home', null),
      zone('g', 'Ground floor', 'h', 1),
      zone('l', 'Living room', 'g', 1),
      zone('a', 'Attic', 'h', 2),
    ]);
    expect(ordered.map((z) => z.path)).toEqual(['Home', 'Home › Ground floor', 'Home › Ground floor › Living room', 'Home › Ground floor › Kitchen', 'Home › Attic']);
    expect(ordered.map((z) => z.depth)).toEqual([0, 1, 2, 2, 1]);
  });

  it('treats a zone with a missing parent as a root and survives cycles', () => {
    const ordered = orderZones([zone('x', 'Orphan', 'gone'), zone('a', 'A', 'b'), zone('b', 'B', 'a')]);
    expect(ordered.map((z) => z.zone.id).sort()).toEqual(['a', 'b', 'x']);
  });
});
