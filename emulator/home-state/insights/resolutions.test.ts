import { describe, expect, it } from 'vitest';
import { isResolution, RESOLUTIONS } from './resolutions.ts';

describe('resolutions', () => {
  it('lists the fifteen Homey resolutions and recognises only those', () => {
    expect(new Set(RESOLUTIONS).size).toBe(15);
    for (const r of RESOLUTIONS) expect(isResolution(r)).toBe(true);
    for (const bad of ['last3Days', 'LASTHOUR', '', 'constructor', '__proto__', 'toString']) expect(isResolution(bad)).toBe(false);
  });
});
