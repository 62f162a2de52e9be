/**
 * Regularized incomplete beta function I_x(a, b), by the continued fraction of
 * Numerical Recipes (3rd ed., section 6.4, `betai`/`betacf`, modified Lentz).
 *
 * Throws a RangeError when x is outside [0, 1] or a, b are not positive.
 *
 * @example regularizedIncompleteBeta(0.5, 2, 2); // => 0.5
 */
export declare function regularizedIncompleteBeta(x: number, a: number, b: number): number;
/**
 * Cumulative distribution function of Student's t distribution with `dof` degrees of freedom
 * (dof may be fractional, e.g. an effective sample size minus 2), via
 * P(T <= t) = 1 - I_{dof/(dof+t^2)}(dof/2, 1/2) / 2 for t >= 0.
 *
 * Reference values (R `pt`): pt(2.228139, 10) = 0.975, pt(-1, 1) = 0.25.
 *
 * @example tCdf(0, 7); // => 0.5
 */
export declare function tCdf(t: number, dof: number): number;
/**
 * Quantile function (inverse CDF) of Student's t distribution: the t with tCdf(t, dof) = p.
 * Bisection on tCdf to 1e-10 (monotone, so it always converges).
 *
 * Reference values (R `qt`): qt(0.975, 10) = 2.228139, qt(0.975, 1) = 12.7062, qt(0.975, 1e6) ~ 1.959966.
 *
 * @example tQuantile(0.975, 10); // => 2.2281388...
 */
export declare function tQuantile(p: number, dof: number): number;
/**
 * Two-sided critical value of Student's t: the half-width multiplier of a `confidence`
 * interval (0.95 -> qt(0.975, dof)). Cached, since the detector asks for the same few dof.
 *
 * @example tCritical(0.95, 10); // => 2.2281388...
 */
export declare function tCritical(confidence: number, dof: number): number;
/**
 * CDF of the standard normal distribution, Phi(z) = (1 + erf(z / sqrt 2)) / 2, computed from the
 * t CDF's large-dof limit would be slow; this uses the complementary error function of Numerical
 * Recipes (`erfcc`, fractional error < 1.2e-7).
 *
 * @example normalCdf(1.959964); // => 0.975
 */
export declare function normalCdf(z: number): number;
