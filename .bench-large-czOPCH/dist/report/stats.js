/**
 * Small statistics the report needs: a mean with its 95% interval over seeds, and a paired
 * t-test. Pure functions; mean and standard deviation come from simple-statistics, Student's t
 * from the detector's statistics module.
 */
import { mean as ssMean, sampleStandardDeviation } from 'simple-statistics';
import { tCdf as studentTCdf, tQuantile as studentTQuantile } from '../detect/stats/t-distribution.js';
/** Arithmetic mean (simple-statistics, compensated sum); NaN for no values. */
export function mean(xs) {
    return xs.length === 0 ? NaN : ssMean(xs);
}
/** Sample standard deviation (n - 1 in the denominator, simple-statistics); NaN for fewer than 2 values. */
export function sampleStd(xs) {
    return xs.length < 2 ? NaN : sampleStandardDeviation(xs);
}
/**
 * Mean and two-sided `level` (default 0.95) t interval of the mean.
 * meanInterval([1, 2, 3, 4, 5]); // => { mean: 3, low: 1.03676, high: 4.96324, n: 5 }
 */
export function meanInterval(xs, level = 0.95) {
    const n = xs.length;
    const m = mean(xs);
    if (n < 2)
        return { mean: m, low: null, high: null, n };
    const halfWidth = (studentTQuantile(1 - (1 - level) / 2, n - 1) * sampleStd(xs)) / Math.sqrt(n);
    return { mean: m, low: m - halfWidth, high: m + halfWidth, n };
}
/**
 * Paired two-sided t-test of a[i] - b[i] against 0, with the `level` interval (default 0.95)
 * of the mean difference. Needs at least 2 pairs; returns null otherwise.
 * When all differences are equal, the interval is a point and p is 0 (or 1 when they are 0).
 * pairedTTest([1, 2, 3, 4, 5], [0.5, 1.2, 2.9, 3.1, 4.0]).p; // => 0.015518 (scipy.stats.ttest_rel)
 */
export function pairedTTest(a, b, level = 0.95) {
    if (a.length !== b.length)
        throw new RangeError(`pairedTTest: ${a.length} vs ${b.length} values`);
    const n = a.length;
    if (n < 2)
        return null;
    const differences = a.map((x, i) => x - b[i]);
    const m = mean(differences);
    const sd = sampleStd(differences);
    const df = n - 1;
    const standardError = sd / Math.sqrt(n);
    if (standardError === 0) {
        return { meanDifference: m, low: m, high: m, t: m === 0 ? 0 : Math.sign(m) * Infinity, df, p: m === 0 ? 1 : 0, n };
    }
    const t = m / standardError;
    const p = 2 * (1 - studentTCdf(Math.abs(t), df));
    const halfWidth = studentTQuantile(1 - (1 - level) / 2, df) * standardError;
    return { meanDifference: m, low: m - halfWidth, high: m + halfWidth, t, df, p, n };
}
//# sourceMappingURL=stats.js.map