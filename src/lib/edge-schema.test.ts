import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { collectionEntries, parseCollection, parseOne, ResponseShapeError, toText, toTimestamp } from './edge-schema.ts';

const item = v.looseObject({ id: v.string(), name: v.string() });

describe('parseCollection', () => {
  it('reads a map keyed by id and an array alike', () => {
    const asMap = parseCollection({ a: { id: 'a', name: 'A' }, b: { id: 'b', name: 'B' } }, item, 'things');
    const asList = parseCollection([{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }], item, 'things');
    expect(asMap.items.map((x) => x.id)).toEqual(['a', 'b']);
    expect(asList.items.map((x) => x.id)).toEqual(['a', 'b']);
  });

  it('fills a missing id from the map key', () => {
    expect(parseCollection({ k: { name: 'K' } }, item, 'things').items[0]?.id).toBe('k');
  });

  it('reports a broken item with its id, name and the reason, and keeps the rest', () => {
    const result = parseCollection({ a: { id: 'a', name: 'A' }, b: { id: 'b', name: 42 }, c: 'nonsense' }, item, 'things');
    expect(result.items.map((x) => x.id)).toEqual(['a']);
    expect(result.broken).toEqual([
      { id: 'b', problem: expect.stringMatching(/^name: .*string/) },
      { id: 'c', problem: expect.stringMatching(/object/i) },
    ]);
  });

  it('names array items without an id by their position', () => {
    expect(parseCollection([{ name: 'x' }], item, 'things').broken[0]?.id).toBe('#0');
  });

  it('keeps problem text short even when the bad value is huge', () => {
    const result = parseCollection({ a: { id: 'a', name: 'A', kind: 'x'.repeat(10_000) } }, v.looseObject({ id: v.string(), kind: v.picklist(['p', 'q']) }), 'things');
    expect(result.broken[0]?.problem.length).toBeLessThanOrEqual(320);
  });

  it('refuses an answer that is not a list at all', () => {
    expect(() => parseCollection('<html>captive portal</html>', item, 'devices')).toThrow(ResponseShapeError);
    expect(() => parseCollection(null, item, 'devices')).toThrow(/devices: expected a map or a list, got null/);
    expect(() => collectionEntries(42, 'zones')).toThrow(/a number/);
  });
});

describe('parseOne', () => {
  it('returns the output or throws with where and what', () => {
    expect(parseOne({ id: 'x', name: 'y' }, item, 'me').name).toBe('y');
    expect(() => parseOne({ id: 'x' }, item, 'users/user/me')).toThrow(/^users\/user\/me: name: /);
  });
});

describe('lenient fields', () => {
  it('toText takes strings as they are and per-language objects by language, then English', () => {
    expect(toText('  <b>odd</b>  ')).toBe('  <b>odd</b>  ');
    expect(toText({ nl: 'Deur', en: 'Door' })).toBe('Door');
    expect(toText({ nl: 'Deur', en: 'Door' }, 'nl')).toBe('Deur');
    expect(toText({ sv: 'Dörr' })).toBe('Dörr');
    expect(toText(12)).toBeNull();
    expect(toText(null)).toBeNull();
  });

  it('toTimestamp keeps ISO text, converts epoch ms and drops nonsense', () => {
    expect(toTimestamp('2019-01-29T08:26:21.327Z')).toBe('2019-01-29T08:26:21.327Z');
    expect(toTimestamp(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(toTimestamp('soon')).toBeNull();
    expect(toTimestamp(null)).toBeNull();
  });
});
