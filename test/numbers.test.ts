import { describe, expect, it } from 'vitest';
import { formatDuration, formatMetric, formatP, formatPoints, formatSigned, median, medianOfSorted, num, pct, roundSignificant, withSign, xValue } from '../src/numbers.js';

describe('numbers: the one median', () => {
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
});

// Expected strings worked out by hand from each rule's doc comment.
function expectTable(format: (x: number) => string, table: Array<[number, string]>): void {
  for (const [x, expected] of table) expect(format(x), `${format.name}(${x})`).toBe(expected);
}

describe('numbers: one copy of each number format', () => {
  it('roundSignificant: float noise removed, non-finite unchanged', () => {
    expect(roundSignificant(0.0010000000000000002, 4)).toBe(0.001);
    expect(roundSignificant(2345.678, 3)).toBe(2350);
    expect(roundSignificant(Number.POSITIVE_INFINITY, 3)).toBe(Number.POSITIVE_INFINITY);
    expect(roundSignificant(Number.NaN, 3)).toBeNaN();
  });

  it('num: 4 significant digits, plain in [1e-3, 1e5), exponent outside', () => {
    expectTable(num, [
      [0.27134, '0.2713'],
      [0.0010000000000000002, '0.001'],
      [0.031622776, '0.03162'],
      [1.322, '1.322'],
      [99999, '1e+5'], // 4 digits round 99999 up to 100000: exponent
      [12345.6, '12350'],
      [123456, '1.235e+5'],
      [0.00099996, '0.001'], // rounds up into the plain range
      [0.0001, '1e-4'],
      [1.956e-4, '1.956e-4'],
      [8e-5, '8e-5'],
      [1e-5, '1e-5'],
      [-0.0005, '-5e-4'],
      [0, '0'],
      [Number.NaN, 'NaN'],
      [Number.NEGATIVE_INFINITY, '-Infinity'],
    ]);
    expect(num(0.01 * 0.95 ** 3, 6)).toBe('0.00857375');
    expect(num(0.123456789, 6)).toBe('0.123457');
  });

  it('formatMetric: 4 decimals in the plain range, num outside it', () => {
    expectTable(formatMetric, [
      [0.27134, '0.2713'],
      [2, '2.0000'],
      [0, '0.0000'],
      [0.001, '0.0010'],
      [0.00012346, '1.235e-4'],
      [123456, '1.235e+5'],
      [Number.NaN, 'NaN'],
    ]);
  });

  it('formatPoints: percent points with 2 decimals', () => {
    expect(formatPoints(97.123)).toBe('97.12');
    expect(formatPoints(0.5)).toBe('0.50');
  });

  it('withSign and formatSigned: "+" before 0 and above', () => {
    expect(withSign(0, '0')).toBe('+0');
    expect(withSign(-1, '-1')).toBe('-1');
    expect(formatSigned(0.523)).toBe('+0.52');
    expect(formatSigned(-1.3, 4)).toBe('-1.3000');
  });

  it('pct: whole percent from 10%, one decimal from 1%, two below', () => {
    expect(pct(0.123)).toBe('12');
    expect(pct(-0.0654, true)).toBe('-6.5');
    expect(pct(0.003, true)).toBe('+0.30');
    expect(pct(0, true)).toBe('+0.00');
  });

  // Issue 11, "numbers": steps were printed as 1.196e+6.
  it('xValue: whole numbers with thousands separators, never exponent notation; fractions to 4 significant digits', () => {
    expectTable(xValue, [
      [1196000, '1,196,000'],
      [4100, '4,100'],
      [60, '60'],
      [2.5, '2.5'],
      [12.3456, '12.35'],
      [12345.25, '12,345.3'],
    ]);
  });

  it('formatP: two significant digits, floor at 0.001', () => {
    expect(formatP(0.0123)).toBe('p = 0.012');
    expect(formatP(0.2)).toBe('p = 0.2');
    expect(formatP(0.0004)).toBe('p < 0.001');
  });

  it('formatDuration: one decimal under 90 s, minutes and seconds from there', () => {
    expect(formatDuration(12.34)).toBe('12.3 s');
    expect(formatDuration(89.94)).toBe('89.9 s');
    expect(formatDuration(1205)).toBe('20 min 05 s');
    expect(formatDuration(3599.6)).toBe('60 min 00 s'); // never "59 min 60 s"
    expect(formatDuration(Number.NaN)).toBe('–');
  });
});
