import { describe, expect, it } from 'vitest';
import { FIRST_TILES, cutToLimit } from './device-sections.tsx';

// The dashboard's first commit holds about a screenful of tiles (FIRST_TILES), taken from the
// sections in the order they are shown: favourites, then zones, then "Other devices".

describe('cutToLimit', () => {
  it('fills the sections in order and stops at the limit', () => {
    expect(cutToLimit([['a', 'b'], ['c', 'd', 'e'], ['f']], 4)).toEqual([['a', 'b'], ['c', 'd'], []]);
    expect(cutToLimit([[], ['c'], ['d', 'e']], 2)).toEqual([[], ['c'], ['d']]);
  });

  it('leaves every list whole without a limit, and as the same arrays', () => {
    const lists = [['a'], ['b', 'c'], []];
    const cut = cutToLimit(lists, Number.POSITIVE_INFINITY);
    expect(cut).toEqual(lists);
    cut.forEach((list, i) => expect(list).toBe(lists[i]));
  });

  it('draws at most a screenful first', () => {
    const zones = Array.from({ length: 10 }, (_, z) => Array.from({ length: 5 }, (_, d) => `${z}.${d}`));
    expect(cutToLimit(zones, FIRST_TILES).flat()).toHaveLength(FIRST_TILES);
    expect(FIRST_TILES).toBeGreaterThanOrEqual(8);
  });
});
