import { describe, expect, it } from 'vitest';
import { tCdf, tQuantile, normalCdf, regularizedIncompleteBeta } from '../../src/detect/stats/t-distribution.js';
import { olsSlope } from '../../src/detect/stats/ols.js';
import { theilSen } from '../../src/detect/stats/theil-sen.js';
import { mannKendall } from '../../src/detect/stats/mann-kendall.js';
import { noiseStd } from '../../src/detect/stats/noise.js';
import { debiasedEma, runningMedian } from '../../src/detect/stats/smoothing.js';
import { CostL2, CostLinear, pelt, bestSplit } from '../../src/detect/stats/change-points.js';
import { Rng } from '../../src/rng.js';
import { lrResponses } from '../../src/detect/lr-response.js';
import { gammaln } from 'simple-statistics';

describe('t distribution', () => {
  it('matches R pt/qt', () => {
    // scipy 1.17 stats.t.ppf(0.975, [1, 2, 10, 30]) = 12.706205, 4.302653, 2.228139, 2.042272
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.706205, 4);
    expect(tQuantile(0.975, 2)).toBeCloseTo(4.302653, 5);
    expect(tQuantile(0.975, 10)).toBeCloseTo(2.228139, 5);
    expect(tQuantile(0.975, 30)).toBeCloseTo(2.042272, 5);
    expect(tQuantile(0.025, 10)).toBeCloseTo(-2.228139, 5);
    // Closed form for 2 dof: F(t) = 1/2 + t / (2 sqrt(t^2 + 2)); F(1.5) = 0.8638034.
    expect(tCdf(1.5, 2)).toBeCloseTo(0.5 + 1.5 / (2 * Math.sqrt(4.25)), 10);
    // Fractional dof: against Simpson integration of the density from 0 to 1.5.
    const dof = 4.5;
    const c = Math.exp(gammaln((dof + 1) / 2) - gammaln(dof / 2)) / Math.sqrt(dof * Math.PI);
    const density = (t: number) => c * Math.pow(1 + (t * t) / dof, -(dof + 1) / 2);
    let integral = 0;
    const steps = 1000;
    for (let i = 0; i < steps; i++) {
      const a = (1.5 * i) / steps;
      const b = (1.5 * (i + 1)) / steps;
      integral += ((b - a) / 6) * (density(a) + 4 * density((a + b) / 2) + density(b));
    }
    expect(tCdf(1.5, dof)).toBeCloseTo(0.5 + integral, 9);
    // scipy stats.t.cdf(1.5, 4.5) = 0.8998904571719233
    expect(tCdf(1.5, dof)).toBeCloseTo(0.8998904571719233, 10);
    // Cauchy (1 dof): F(-1) = 1/4.
    expect(tCdf(-1, 1)).toBeCloseTo(0.25, 10);
    expect(tCdf(0, 3)).toBe(0.5);
  });
  it('incomplete beta and normal CDF match known values', () => {
    // scipy stats.beta.cdf(0.3, 2, 5) = 0.579825
    expect(regularizedIncompleteBeta(0.3, 2, 5)).toBeCloseTo(0.579825, 5);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.1586553, 6);
  });
});

describe('slopes', () => {
  it('OLS matches R lm on a small example', () => {
    // scipy stats.linregress([1..5], [2,4,5,4,5]): slope 0.6, stderr 0.2828427; 95% CI 0.6 ± t(3)·se = -0.3001..1.5001
    const fit = olsSlope([1, 2, 3, 4, 5], [2, 4, 5, 4, 5], { autocorrelation: false })!;
    expect(fit.slope).toBeCloseTo(0.6, 10);
    expect(fit.standardError).toBeCloseTo(0.2828427, 6);
    expect(fit.low).toBeCloseTo(-0.3001, 3);
    expect(fit.high).toBeCloseTo(1.5001, 3);
  });
  it('OLS widens the interval for autocorrelated residuals', () => {
    const rng = new Rng(5);
    const xs = Array.from({ length: 200 }, (_, i) => i);
    let e = 0;
    const ys = xs.map(() => (e = 0.9 * e + rng.normal()));
    const plain = olsSlope(xs, ys, { autocorrelation: false })!;
    const corrected = olsSlope(xs, ys)!;
    expect(corrected.rho1).toBeGreaterThan(0.5);
    expect(corrected.high - corrected.low).toBeGreaterThan(2 * (plain.high - plain.low));
  });
  it('Theil-Sen ignores an outlier and its interval covers the true slope', () => {
    expect(theilSen([1, 2, 3, 4, 5], [1, 2, 3, 4, 100])!.slope).toBe(1);
    const rng = new Rng(9);
    let covered = 0;
    for (let k = 0; k < 200; k++) {
      const xs = Array.from({ length: 30 }, (_, i) => i);
      const ys = xs.map((x) => 2 * x + 5 * rng.normal());
      const ts = theilSen(xs, ys)!;
      if (ts.low <= 2 && ts.high >= 2) covered++;
    }
    // Nominal 95%: with 200 trials the coverage lies in 0.90..0.99 unless the interval is wrong.
    expect(covered / 200).toBeGreaterThan(0.9);
    expect(covered / 200).toBeLessThan(0.995);
  });
});

describe('Mann-Kendall', () => {
  it('matches the textbook statistics', () => {
    const r = mannKendall([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { autocorrelation: false })!;
    expect(r.s).toBe(45);
    expect(r.varianceS).toBeCloseTo(125, 10);
    expect(r.tau).toBe(1);
    // z = (45 - 1)/sqrt(125) = 3.9355; p = 2(1 - Phi(z)) = 8.30e-5
    expect(r.z).toBeCloseTo(3.9355, 4);
    expect(r.p).toBeCloseTo(8.3e-5, 6);
  });
  it('corrects the variance for ties', () => {
    // Ties: one group of 3 => Var = (5*4*15 - 3*2*11)/18 = (300 - 66)/18 = 13
    expect(mannKendall([1, 2, 2, 2, 3], { autocorrelation: false })!.varianceS).toBeCloseTo(13, 10);
  });
  it('Hamed-Rao inflates the variance of a persistent series', () => {
    const rng = new Rng(3);
    let e = 0;
    const ys = Array.from({ length: 100 }, () => (e = 0.8 * e + rng.normal()));
    const r = mannKendall(ys)!;
    expect(r.varianceInflation).toBeGreaterThan(1.5);
    expect(mannKendall(ys, { autocorrelation: false })!.p).toBeLessThan(r.p);
  });
});

describe('noise and smoothing', () => {
  it('noiseStd recovers the std of white noise around a trend', () => {
    const rng = new Rng(1);
    const ys = Array.from({ length: 5000 }, (_, i) => 10 - i * 0.001 + 0.5 * rng.normal());
    expect(noiseStd(ys)).toBeGreaterThan(0.47);
    expect(noiseStd(ys)).toBeLessThan(0.53);
  });
  it('debiased EMA has no start-up bias, running median drops spikes', () => {
    expect(debiasedEma([1, 1, 1], 0.9)).toEqual([1, 1, 1].map((v) => expect.closeTo(v, 12)));
    expect(runningMedian([1, 9, 1, 1, 1], 3)).toEqual([5, 1, 1, 1, 1]);
  });
});

describe('change points', () => {
  it('PELT finds exact breakpoints without noise, for both costs', () => {
    const xs = Array.from({ length: 30 }, (_, i) => i);
    const steps = xs.map((x) => (x < 10 ? 0 : x < 20 ? 5 : 2));
    expect(pelt(new CostL2().fit(xs, steps), 30, 1)).toEqual([10, 20, 30]);
    const kinks = xs.map((x) => (x < 12 ? 10 - x : x < 24 ? 3 : 6 + 0.5 * (x - 24)));
    expect(pelt(new CostLinear().fit(xs, kinks), 30, 0.01)).toEqual([12, 24, 30]);
  });
  it('the doc-comment examples hold', () => {
    expect(pelt(new CostL2().fit([0, 1, 2, 3, 4, 5], [0, 0, 0, 9, 9, 9]), 6, 1)).toEqual([3, 6]);
    expect(new CostL2().fit([0, 1, 2, 3], [1, 1, 5, 5]).error(0, 4)).toBe(16);
    expect(new CostLinear().fit([0, 1, 2, 3], [0, 1, 2, 3]).error(0, 4)).toBeCloseTo(0, 12);
    expect(noiseStd([1, 3, 1, 3, 1, 3])).toBe(0);
    expect(lrResponses([1, 2, 3, 4, 5, 6], [1, 1, 1, 0.5, 0.5, 0.5], [0.1, 0.1, 0.1, 0.01, 0.01, 0.01], { window: 3 })[0].responded).toBe(true);
  });

  it('bestSplit finds the single change and its gain', () => {
    expect(bestSplit(new CostL2().fit([0, 1, 2, 3], [1, 1, 5, 5]), 0, 4, 1)).toEqual({ index: 2, gain: 16 });
  });
});
