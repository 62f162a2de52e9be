export interface OlsSlope {
    slope: number;
    intercept: number;
    /** Standard error of the slope (inflated for lag-1 autocorrelation when asked). */
    standardError: number;
    /** Degrees of freedom of the t interval (n_eff - 2, at least 1). */
    dof: number;
    low: number;
    high: number;
    /** Residual standard deviation (n - 2 denominator). */
    residualStd: number;
    /** Lag-1 autocorrelation of the residuals (0 when n < 4). */
    rho1: number;
    /** Effective sample size used for the interval. */
    effectiveN: number;
}
export interface OlsOptions {
    /** Confidence of the interval. Default 0.95. */
    confidence?: number;
    /**
     * Correct the interval for positive lag-1 autocorrelation of the residuals: the variance of the
     * slope is multiplied by (1 + rho) / (1 - rho) and the dof use n_eff = n (1 - rho) / (1 + rho)
     * (the AR(1) effective-sample-size correction, e.g. Wilks, Statistical Methods in the
     * Atmospheric Sciences, 3rd ed., eq. 5.12). Default true.
     */
    autocorrelation?: boolean;
}
/**
 * Ordinary least-squares slope of ys on xs with a Student-t confidence interval
 * (slope ± t_{dof} · s / sqrt(Σ(x - x̄)²)). Returns null when there are fewer than 3 points or all
 * xs are equal.
 *
 * @example olsSlope([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]).slope; // => 0.6 (scipy.stats.linregress agrees)
 */
export declare function olsSlope(xs: ArrayLike<number>, ys: ArrayLike<number>, options?: OlsOptions, from?: number, to?: number): OlsSlope | null;
