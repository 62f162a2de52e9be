export interface MannKendallResult {
    /** Kendall's S = Σ_{i<j} sign(y_j - y_i). */
    s: number;
    /** Variance of S under no trend, corrected for ties (and for autocorrelation when asked). */
    varianceS: number;
    /** Continuity-corrected normal score. */
    z: number;
    /** Two-sided p-value of "no monotonic trend". */
    p: number;
    /** Kendall's tau-a = S / (n(n-1)/2). */
    tau: number;
    /** Variance inflation n/n* applied by the Hamed-Rao correction (1 when off or not needed). */
    varianceInflation: number;
}
export interface MannKendallOptions {
    /**
     * Hamed & Rao (1998, J. Hydrology 204:182-196) modified test: the variance of S is multiplied by
     * n/n* = 1 + 2/(n(n-1)(n-2)) · Σ_k (n-k)(n-k-1)(n-k-2) ρ_k over the lags whose rank
     * autocorrelation ρ_k of the detrended series is significant at 5%. Default true.
     */
    autocorrelation?: boolean;
    /** Trend per index used to detrend for the Hamed-Rao correction. Default: the Theil-Sen slope over indices. */
    detrendSlope?: number;
}
/**
 * Mann-Kendall test for a monotonic trend in ys (in order), with the tie correction of the
 * variance (Kendall 1975): Var(S) = [n(n-1)(2n+5) - Σ t(t-1)(2t+5)] / 18 over groups of t ties.
 * Returns null for fewer than 3 points.
 *
 * @example mannKendall([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { autocorrelation: false }).p; // => 8.30e-5 (S = 45, Var(S) = 125, z = 44 / sqrt 125)
 */
export declare function mannKendall(ys: ArrayLike<number>, options?: MannKendallOptions): MannKendallResult | null;
