import { describe, expect, it } from 'vitest';
import { daily, daylight, seasonal } from './cycles.ts';

const at = (iso: string) => Date.parse(iso);

describe('cycles', () => {
  it('peaks in the afternoon and bottoms out before dawn', () => {
    expect(daily(at('2024-03-01T15:00:00Z'))).toBeCloseTo(1);
    expect(daily(at('2024-03-01T03:00:00Z'))).toBeCloseTo(-1);
  });

  it('is summer in July and winter in January', () => {
    expect(seasonal(at('2024-07-24T00:00:00Z'))).toBeGreaterThan(0.99);
    expect(seasonal(at('2024-01-20T00:00:00Z'))).toBeLessThan(-0.99);
  });

  it('is dark at night and brightest at midday', () => {
    expect(daylight(at('2024-06-01T01:00:00Z'))).toBe(0);
    expect(daylight(at('2024-06-01T22:00:00Z'))).toBe(0);
    expect(daylight(at('2024-06-01T12:00:00Z'))).toBeCloseTo(1);
  });
});
