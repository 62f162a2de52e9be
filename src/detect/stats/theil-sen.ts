import { probit } from 'simple-statistics';
import { medianOfSorted } from '../../numbers.js';

export interface TheilSenSlope {
  /** Median of the pairwise slopes. */
  slope: number;
  /** Median of y - slope * x. */
  intercept: number;
  /** Sen's distribution-free confidence interval for the slope. */
  low: number;
  high: number;
  /** Number of pairwise slopes (pairs with distinct x). */
  pairs: number;
}

/**
 * Theil-Sen slope (median of pairwise slopes; Theil 1950, Sen 1968) with Sen's confidence
 * interval: with N pairwise slopes sorted and C = z_{1-α/2} · sqrt(n(n-1)(2n+5)/18) (the
 * standard deviation of Kendall's S), the interval runs from the ((N - C)/2)-th to the
 * ((N + C)/2 + 1)-th slope. Robust to up to ~29% outliers (a loss spike does not move it).
 * The interval assumes independent residuals; feed it block means, not raw autocorrelated points.
 * O(n² log n): meant for windows of at most a few hundred points. Returns null for n < 3.
 *
 * @example theilSen([1, 2, 3, 4, 5], [1, 2, 3, 4, 100]).slope; // => 1 (the outlier is ignored)
 */
export function theilSen(xs: ArrayLike<number>, ys: ArrayLike<number>, confidence = 0.95, from = 0, to = xs.length): TheilSenSlope | null {
  const n = to - from;
  if (n < 3) return null;
  const slopes = new Float64Array((n * (n - 1)) / 2);
  let count = 0;
  for (let i = from; i < to; i++) {
    for (let j = i + 1; j < to; j++) {
      const dx = xs[j] - xs[i];
      if (dx !== 0) slopes[count++] = (ys[j] - ys[i]) / dx;
    }
  }
  if (count === 0) return null;
  const values = slopes.subarray(0, count);
  // Order statistics by quickselect (O(N) each) instead of a full sort.
  const mid = count >> 1;
  const slope = count % 2 === 1 ? select(values, mid) : (select(values, mid - 1) + select(values, mid)) / 2;
  const residuals = new Float64Array(n);
  for (let i = from; i < to; i++) residuals[i - from] = ys[i] - slope * xs[i];
  const intercept = medianOfSorted(residuals.sort());
  const z = probit(1 - (1 - confidence) / 2);
  const c = z * Math.sqrt((n * (n - 1) * (2 * n + 5)) / 18);
  const lowRank = Math.max(1, Math.floor((count - c) / 2));
  const highRank = Math.min(count, Math.ceil((count + c) / 2) + 1);
  const low = select(values, lowRank - 1);
  const high = select(values, highRank - 1);
  return { slope, intercept, low, high, pairs: count };
}

/** The k-th smallest (0-based) of `a`, reordering `a` in place (Hoare's quickselect, median-of-3 pivot). */
export function select(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    const mid = (left + right) >> 1;
    // Median of three as pivot.
    let pivot = a[mid];
    const l = a[left];
    const r = a[right];
    if ((l <= pivot && pivot <= r) || (r <= pivot && pivot <= l)) {
      // pivot stays
    } else if ((pivot <= l && l <= r) || (r <= l && l <= pivot)) pivot = l;
    else pivot = r;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return a[k];
  }
  return a[k];
}
