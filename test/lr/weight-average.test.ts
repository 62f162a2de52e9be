import { describe, expect, it } from 'vitest';
import { averageGap, averageWeight, checkAverageHorizon } from '../../src/lr/weight-average.js';

describe('averageWeight (the EMA weight per step)', () => {
  it('is the running mean until the horizon, then 1/horizon', () => {
    expect(averageWeight(1, 10)).toBe(1);
    expect(averageWeight(4, 10)).toBe(0.25);
    expect(averageWeight(10, 10)).toBe(0.1);
    expect(averageWeight(11, 10)).toBe(0.1);
    expect(averageWeight(5000, 938)).toBe(1 / 938);
  });

  it('gives the plain mean of the iterates within the horizon', () => {
    const iterates = [3, 5, 10, 2];
    let avg = Number.NaN;
    iterates.forEach((x, i) => {
      const a = averageWeight(i + 1, 100);
      avg = i === 0 ? x : avg + a * (x - avg);
    });
    expect(avg).toBeCloseTo(5, 12);
  });

  it('refuses a step below 1 or a horizon below one step', () => {
    expect(() => averageWeight(0, 10)).toThrow(/step must be an integer >= 1/);
    expect(() => averageWeight(1, 0.5)).toThrow(/horizonSteps must be >= 1/);
  });
});

describe('averageGap (paired per-example difference)', () => {
  it('gives the mean difference with a 95% normal interval (values from Python statistics: mean 2.5, stdev 1.29099, z 1.95996)', () => {
    const g = averageGap([2, 4, 6, 8], [1, 2, 3, 4], 'validation')!;
    expect(g.mean).toBeCloseTo(2.5, 12);
    expect(g.low).toBeCloseTo(1.2348486881183403, 10);
    expect(g.high).toBeCloseTo(3.7651513118816595, 10);
    expect(g.averagedLoss).toBeCloseTo(2.5, 12);
    expect(g.examples).toBe(4);
    expect(g.source).toBe('validation');
  });

  it('has a zero-width interval when every example moves by the same amount, and is negative when the average is worse', () => {
    const g = averageGap([1, 2, 3], [1.5, 2.5, 3.5], 'probe')!;
    expect(g.mean).toBeCloseTo(-0.5, 12);
    expect(g.high - g.low).toBeCloseTo(0, 12);
    expect(g.source).toBe('probe');
  });

  it('is null with fewer than 2 examples and refuses unpaired lengths', () => {
    expect(averageGap([1], [1], 'validation')).toBeNull();
    expect(() => averageGap([1, 2], [1], 'validation')).toThrow(/2 raw losses but 1 averaged/);
  });
});

describe('checkAverageHorizon', () => {
  it('accepts a positive number of epochs and names the option otherwise', () => {
    expect(() => checkAverageHorizon('plateauDoctor', 'averageHorizon', 0.5)).not.toThrow();
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => checkAverageHorizon('plateauDoctor', 'averageHorizon', bad)).toThrow(/^plateauDoctor: averageHorizon must be a number of epochs > 0, got /);
    }
  });
});
