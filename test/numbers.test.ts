import { describe, expect, it } from 'vitest';
import { formatLr, median, medianOfSorted } from '../src/numbers.js';

describe('numbers: the one median and the LR formatter', () => {
  it('medianOfSorted: middle value, mean of the two middle ones, NaN when empty', () => {
    expect(medianOfSorted([1, 2, 4])).toBe(2);
    expect(medianOfSorted([1, 2, 4, 8])).toBe(3);
    expect(medianOfSorted(new Float64Array([5]))).toBe(5);
    expect(medianOfSorted([])).toBeNaN();
  });

  it('median: any order, NaN left out, input unchanged', () => {
    const values = [3, Number.NaN, 1, 2];
    expect(median(values)).toBe(2);
    expect(values).toEqual([3, Number.NaN, 1, 2]);
    expect(median([Number.NaN])).toBeNaN();
  });

  it('formatLr: 4 significant digits, float noise removed', () => {
    expect(formatLr(0.0010000000000000002)).toBe('0.001');
    expect(formatLr(0.031622776)).toBe('0.03162');
    expect(formatLr(1e-5)).toBe('0.00001');
  });
});
