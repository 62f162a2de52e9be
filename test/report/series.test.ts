import { describe, expect, it } from 'vitest';
import { debiasedEma } from '../../src/detect/stats/smoothing.js';
import { changePoints, minMaxDownsample, roundForJson } from '../../src/report/series.js';

describe('debiasedEma (the detector\'s, drawn over the loss by the report)', () => {
  it('follows TensorBoard: last = last*w + (1-w)*y, divided by 1 - w^n', () => {
    const w = 0.5;
    const ys = [1, 2, 3];
    const expected: number[] = [];
    let last = 0;
    ys.forEach((y, i) => {
      last = last * w + (1 - w) * y;
      expected.push(last / (1 - w ** (i + 1)));
    });
    expect(debiasedEma(ys, w)).toEqual(expected);
    expect(expected[1]).toBeCloseTo(5 / 3, 12);
  });

  it('starts at the first value (no pull towards zero) and keeps a constant series constant', () => {
    const out = debiasedEma([2.3, 2.3, 2.3, 2.3], 0.98);
    for (const v of out) expect(v).toBeCloseTo(2.3, 12);
  });

  it('weight 0 is the identity; non-finite values pass through and do not enter the average', () => {
    expect(debiasedEma([3, 1, 4], 0)).toEqual([3, 1, 4]);
    const out = debiasedEma([1, NaN, 1], 0.9);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(1, 12);
  });

  it('rejects a weight outside [0, 1)', () => {
    expect(() => debiasedEma([1], 1)).toThrow(/weight/);
  });
});

describe('minMaxDownsample', () => {
  it('keeps a single spike and a single dip among 10,000 points', () => {
    const xs = Array.from({ length: 10000 }, (_, i) => i + 1);
    const ys = xs.map(() => 1);
    ys[4321] = 50;
    ys[8765] = -3;
    const out = minMaxDownsample(xs, ys, 100);
    expect(out.length).toBeLessThanOrEqual(200);
    expect(out).toContainEqual({ x: 4322, y: 50 });
    expect(out).toContainEqual({ x: 8766, y: -3 });
    // Points stay in x order.
    for (let i = 1; i < out.length; i++) expect(out[i].x).toBeGreaterThan(out[i - 1].x);
  });

  it('returns short series whole, without non-finite values', () => {
    expect(minMaxDownsample([1, 2, 3], [1, Infinity, 2], 5)).toEqual([{ x: 1, y: 1 }, { x: 3, y: 2 }]);
  });
});

describe('changePoints and roundForJson', () => {
  it('keeps the first point, each change and the last point', () => {
    expect(changePoints([1, 2, 3, 4, 5], [0.1, 0.1, 0.01, 0.01, 0.01])).toEqual([
      { x: 1, y: 0.1 },
      { x: 3, y: 0.01 },
      { x: 5, y: 0.01 },
    ]);
  });

  it('rounds to significant digits and maps non-finite to null', () => {
    expect(roundForJson(0.123456789, 5)).toBe(0.12346);
    expect(roundForJson(2345.678, 3)).toBe(2350);
    expect(roundForJson(NaN, 3)).toBeNull();
  });
});
