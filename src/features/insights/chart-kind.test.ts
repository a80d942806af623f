import { describe, expect, it } from 'vitest';
import { chartKindFor, chartKindOf } from './chart-kind.ts';

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

describe('chartKindOf', () => {
  it.each([
    ['line', 'line', 'line', 'linear'],
    ['spline', 'spline', 'line', 'monotone'],
    ['stepLine', 'stepLine', 'line', 'stepAfter'],
    ['area', 'area', 'area', 'linear'],
    ['splineArea', 'splineArea', 'area', 'monotone'],
    ['column', 'column', 'bar', 'linear'],
    ['scatter', 'scatter', 'scatter', 'linear'],
  ] as const)('names %s as %s and draws a %s (%s)', (chartType, name, shape, curve) => {
    expect(chartKindOf(chartType, 'number')).toEqual({ name, shape, curve });
  });

  it('calls an absent or unknown chartType a straight line', () => {
    for (const chartType of [undefined, null, '', 'pie', 'Spline', '__proto__']) {
      expect(chartKindOf(chartType, 'number')).toEqual({ name: 'line', shape: 'line', curve: 'linear' });
    }
  });

  it('calls every boolean log a boolean step chart, whatever its chartType', () => {
    for (const chartType of [undefined, 'column', 'spline', 'scatter']) {
      expect(chartKindOf(chartType, 'boolean')).toEqual({ ...chartKindFor(chartType, 'boolean'), name: 'boolean' });
    }
  });
});
