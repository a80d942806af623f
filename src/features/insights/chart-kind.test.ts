import { describe, expect, it } from 'vitest';
import { chartKindFor } from './chart-kind.ts';

describe('chartKindFor', () => {
  it.each([
    ['line', 'line', 'linear'],
    ['spline', 'line', 'monotone'],
    ['stepLine', 'line', 'stepAfter'],
    ['area', 'area', 'linear'],
    ['splineArea', 'area', 'monotone'],
    ['column', 'bar', 'linear'],
    ['scatter', 'scatter', 'linear'],
  ] as const)('%s → %s with a %s curve', (chartType, shape, curve) => {
    expect(chartKindFor(chartType, 'number')).toEqual({ shape, curve });
  });

  it('draws a straight line when chartType is absent or unknown', () => {
    for (const chartType of [undefined, null, '', 'pie', 'SPLINE', 'constructor', '__proto__', 'toString']) {
      expect(chartKindFor(chartType, 'number'), String(chartType)).toEqual({ shape: 'line', curve: 'linear' });
    }
  });

  it('steps a boolean log whatever its chartType says', () => {
    for (const chartType of [undefined, 'spline', 'column', 'area']) {
      expect(chartKindFor(chartType, 'boolean')).toEqual({ shape: 'line', curve: 'stepAfter' });
    }
  });

  it('works without a log type', () => {
    expect(chartKindFor('splineArea')).toEqual({ shape: 'area', curve: 'monotone' });
  });
});
