import { describe, expect, it } from 'vitest';
import { tCdf as studentTCdf, tQuantile as studentTQuantile } from '../../src/detect/stats/t-distribution.js';
import { meanInterval, pairedTTest } from '../../src/report/stats.js';

// Expected values computed with scipy 1.17 (scipy.stats.t.cdf / t.ppf / ttest_rel).
describe('Student t distribution', () => {
  it.each([
    [2.776445105197793, 4, 0.975],
    [-1.5, 3, 0.11529193262241147],
    [0.3, 100, 0.6176000598498482],
    [12.706204736174694, 1, 0.975],
    [0, 7, 0.5],
    [-3, 2, 0.04773298313335461],
  ])('cdf(%f, df=%i) = %f', (t, df, p) => {
    expect(studentTCdf(t, df)).toBeCloseTo(p, 10);
  });

  it.each([
    [0.975, 4, 2.7764451051977934],
    [0.975, 1, 12.706204736174694],
    [0.975, 30, 2.0422724563012378],
    [0.025, 9, -2.2621571627409915],
  ])('quantile(%f, df=%i) = %f', (p, df, t) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(t, 8);
  });

  it('rejects bad arguments', () => {
    expect(() => studentTCdf(1, 0)).toThrow(/dof must be > 0/);
    expect(() => studentTQuantile(1, 3)).toThrow(/p must be in/);
  });
});

describe('meanInterval', () => {
  it('gives the t interval of the mean (scipy: 1.0367568385224428..4.963243161477557)', () => {
    const m = meanInterval([1, 2, 3, 4, 5]);
    expect(m.mean).toBe(3);
    expect(m.low!).toBeCloseTo(1.0367568385224428, 9);
    expect(m.high!).toBeCloseTo(4.963243161477557, 9);
    expect(m.n).toBe(5);
  });

  it('has no interval with one value', () => {
    expect(meanInterval([94.2])).toEqual({ mean: 94.2, low: null, high: null, n: 1 });
  });
});

describe('pairedTTest', () => {
  it('matches scipy.stats.ttest_rel (t = 4.046719640600775, p = 0.015517663945534586)', () => {
    const r = pairedTTest([1, 2, 3, 4, 5], [0.5, 1.2, 2.9, 3.1, 4.0])!;
    expect(r.t).toBeCloseTo(4.046719640600775, 10);
    expect(r.p).toBeCloseTo(0.015517663945534586, 10);
    expect(r.df).toBe(4);
    expect(r.meanDifference).toBeCloseTo(0.66, 12);
    // Interval: mean ± t(0.975, 4) * sd / sqrt(n).
    expect(r.low).toBeCloseTo(0.2071755070339742, 8);
    expect(r.high).toBeCloseTo(1.1128244929660256, 8);
  });

  it('needs two pairs', () => {
    expect(pairedTTest([1], [2])).toBeNull();
    expect(() => pairedTTest([1, 2], [1])).toThrow(/2 vs 1/);
  });

  it('handles identical differences without dividing by zero', () => {
    const r = pairedTTest([2, 3, 4], [1, 2, 3])!;
    expect(r.p).toBe(0);
    expect(r.low).toBe(1);
    expect(pairedTTest([1, 2], [1, 2])!.p).toBe(1);
  });
});
