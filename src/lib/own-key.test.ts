import { describe, expect, it } from 'vitest';
import { ownValue } from './own-key.ts';

describe('ownValue', () => {
  const views: Record<string, { devices: string[] }> = { kitchen: { devices: ['lamp'] } };

  it('finds what the record holds itself', () => {
    expect(ownValue(views, 'kitchen')).toEqual({ devices: ['lamp'] });
    expect(ownValue(views, 'hall')).toBeUndefined();
  });

  it.each(['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__'])(
    'finds nothing for %s, which every object inherits',
    (name) => {
      expect(ownValue(views, name)).toBeUndefined();
    },
  );

  it('finds a record’s own entry even under an inherited name, and in a record without a prototype', () => {
    const own = JSON.parse('{"constructor":{"devices":[]},"__proto__":{"devices":["x"]}}') as Record<string, { devices: string[] }>;
    expect(ownValue(own, 'constructor')).toEqual({ devices: [] });
    expect(ownValue(own, '__proto__')).toEqual({ devices: ['x'] });
    const bare = Object.assign(Object.create(null) as Record<string, number>, { a: 1 });
    expect(ownValue(bare, 'a')).toBe(1);
    expect(ownValue(bare, 'toString')).toBeUndefined();
  });
});
