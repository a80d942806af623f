import { describe, expect, it } from 'vitest';
import { createRandom, deriveSeed } from './random.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('createRandom', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const draw = (seed: number) => {
      const r = createRandom(seed);
      return [r.next(), r.int(1, 6), r.uuid(), r.hex(8), r.pick(['a', 'b', 'c'])];
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('keeps next() in [0, 1) and int() inside its inclusive bounds, reaching both ends', () => {
    const r = createRandom(7);
    const xs = Array.from({ length: 5000 }, () => r.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const ns = Array.from({ length: 5000 }, () => r.int(-2, 2));
    expect(new Set(ns)).toEqual(new Set([-2, -1, 0, 1, 2]));
  });

  it('makes lowercase RFC 4122 v4 uuids with every variant digit and no repeats', () => {
    const r = createRandom(1);
    const ids = Array.from({ length: 2000 }, () => r.uuid());
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids.map((id) => id[19]))).toEqual(new Set(['8', '9', 'a', 'b']));
  });

  it('draws normal deviates with mean near 0 and spread near 1', () => {
    const r = createRandom(3);
    const xs = Array.from({ length: 20000 }, () => r.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(sd - 1)).toBeLessThan(0.05);
  });

  it('refuses to pick from nothing', () => {
    expect(() => createRandom(1).pick([])).toThrow(RangeError);
  });
});

describe('deriveSeed', () => {
  it('is stable per label and separates labels', () => {
    expect(deriveSeed(1, 'homey:device:a:measure_power')).toBe(deriveSeed(1, 'homey:device:a:measure_power'));
    expect(deriveSeed(1, 'a')).not.toBe(deriveSeed(1, 'b'));
    expect(deriveSeed(1, 'a')).not.toBe(deriveSeed(2, 'a'));
  });
});
