/** Arithmetic mean (simple-statistics, compensated sum); NaN for no values. */
export declare function mean(xs: readonly number[]): number;
/** Sample standard deviation (n - 1 in the denominator, simple-statistics); NaN for fewer than 2 values. */
export declare function sampleStd(xs: readonly number[]): number;
/** A mean with its t-based confidence interval; `low`/`high` are null with one value. */
export interface MeanInterval {
    mean: number;
    low: number | null;
    high: number | null;
    n: number;
}
/**
 * Mean and two-sided `level` (default 0.95) t interval of the mean.
 * meanInterval([1, 2, 3, 4, 5]); // => { mean: 3, low: 1.03676, high: 4.96324, n: 5 }
 */
export declare function meanInterval(xs: readonly number[], level?: number): MeanInterval;
export interface PairedTTest {
    /** Mean of the differences a[i] - b[i]. */
    meanDifference: number;
    low: number;
    high: number;
    t: number;
    df: number;
    /** Two-sided p-value. */
    p: number;
    n: number;
}
/**
 * Paired two-sided t-test of a[i] - b[i] against 0, with the `level` interval (default 0.95)
 * of the mean difference. Needs at least 2 pairs; returns null otherwise.
 * When all differences are equal, the interval is a point and p is 0 (or 1 when they are 0).
 * pairedTTest([1, 2, 3, 4, 5], [0.5, 1.2, 2.9, 3.1, 4.0]).p; // => 0.015518 (scipy.stats.ttest_rel)
 */
export declare function pairedTTest(a: readonly number[], b: readonly number[], level?: number): PairedTTest | null;
