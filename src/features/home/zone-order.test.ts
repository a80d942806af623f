import { describe, expect, it } from 'vitest';
import type { Zone } from './home-schema.ts';
import { nameComparator, orderZones } from './zone-order.ts';

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

describe('nameComparator', () => {
  const collator = new Intl.Collator();
  // Plain names take the fast path; the order must be the collator's all the same.
  const plain = ['living room', 'Living room', 'Living Room', 'Kitchen', 'kitchen 2', 'Kitchen 10', 'Floor 2', 'Floor 10', 'a', 'A', 'Ab', 'aB', 'ab', '2nd floor', 'Attic', 'attic', 'Zolder', ' Garage', 'Garage', ''];

  it('sorts plain names exactly as the collator does', () => {
    const compare = nameComparator(plain);
    expect([...plain].sort(compare)).toEqual([...plain].sort(collator.compare));
    for (const a of plain) for (const b of plain) expect(Math.sign(compare(a, b))).toBe(Math.sign(collator.compare(a, b)));
  });

  it('hands a list with any other character to the collator', () => {
    const names = ['Éetkamer', 'Eetkamer', 'Zolder', "Kid's room", 'Ä', 'z'];
    expect([...names].sort(nameComparator(names))).toEqual([...names].sort(collator.compare));
    expect([...names].sort(nameComparator(names))[0]).not.toBe("Kid's room");
  });
});
