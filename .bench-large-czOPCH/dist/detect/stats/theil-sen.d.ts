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
export declare function theilSen(xs: ArrayLike<number>, ys: ArrayLike<number>, confidence?: number, from?: number, to?: number): TheilSenSlope | null;
/** Median of an ascending array. */
export declare function medianOfSorted(sorted: ArrayLike<number>): number;
/** The k-th smallest (0-based) of `a`, reordering `a` in place (Hoare's quickselect, median-of-3 pivot). */
export declare function select(a: Float64Array, k: number): number;
