/**
 * The shared number helpers (base layer: every layer may use them): one median and the LR
 * formatter. Sentence-level formatting stays with the words that use it (detect/format.ts for
 * the detector's sentences, report/run-words.ts for the report's).
 */

/**
 * Median of an ascending array; NaN when empty.
 *
 * @example medianOfSorted([1, 2, 4, 8]); // => 3
 */
export function medianOfSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Median of a list in any order, NaN values left out (the list is not modified); NaN when
 * nothing is left.
 *
 * @example median([3, NaN, 1, 2]); // => 2
 */
export function median(values: readonly number[]): number {
  return medianOfSorted(values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b));
}

/**
 * A learning rate to 4 significant digits, float noise removed.
 *
 * @example formatLr(0.0010000000000000002); // => '0.001'
 */
export function formatLr(lr: number): string {
  return Number(lr.toPrecision(4)).toString();
}

/** p-value with two significant digits: "p = 0.012", "p = 0.2", "p < 0.001". */
export function formatP(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  return `p = ${Number(p.toPrecision(2))}`;
}
