import { normalCdf } from './t-distribution.js';
/**
 * Mann-Kendall test for a monotonic trend in ys (in order), with the tie correction of the
 * variance (Kendall 1975): Var(S) = [n(n-1)(2n+5) - Σ t(t-1)(2t+5)] / 18 over groups of t ties.
 * Returns null for fewer than 3 points.
 *
 * @example mannKendall([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { autocorrelation: false }).p; // => 8.30e-5 (S = 45, Var(S) = 125, z = 44 / sqrt 125)
 */
export function mannKendall(ys, options = {}) {
    const n = ys.length;
    if (n < 3)
        return null;
    let s = 0;
    for (let i = 0; i < n - 1; i++) {
        const yi = ys[i];
        for (let j = i + 1; j < n; j++)
            s += Math.sign(ys[j] - yi);
    }
    const sorted = Float64Array.from(ys).sort();
    let tieTerm = 0;
    for (let i = 0; i < n;) {
        let j = i + 1;
        while (j < n && sorted[j] === sorted[i])
            j++;
        const t = j - i;
        if (t > 1)
            tieTerm += t * (t - 1) * (2 * t + 5);
        i = j;
    }
    let varianceS = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
    let varianceInflation = 1;
    if (options.autocorrelation !== false && n >= 8) {
        varianceInflation = hamedRaoInflation(ys, options.detrendSlope);
        varianceS *= varianceInflation;
    }
    const z = varianceS > 0 ? (s > 0 ? (s - 1) / Math.sqrt(varianceS) : s < 0 ? (s + 1) / Math.sqrt(varianceS) : 0) : 0;
    const p = 2 * (1 - normalCdf(Math.abs(z)));
    return { s, varianceS, z, p: Math.min(1, p), tau: s / ((n * (n - 1)) / 2), varianceInflation };
}
/** n/n* of Hamed & Rao, from the rank autocorrelation of the Sen-detrended series. */
function hamedRaoInflation(ys, detrendSlope) {
    const n = ys.length;
    let slope = detrendSlope;
    if (slope === undefined) {
        // Theil-Sen slope over indices (median of pairwise slopes); O(n² log n).
        const slopes = new Float64Array((n * (n - 1)) / 2);
        let k = 0;
        for (let i = 0; i < n - 1; i++)
            for (let j = i + 1; j < n; j++)
                slopes[k++] = (ys[j] - ys[i]) / (j - i);
        slopes.sort();
        const m = slopes.length;
        slope = m % 2 ? slopes[(m - 1) / 2] : (slopes[m / 2 - 1] + slopes[m / 2]) / 2;
    }
    const detrended = new Float64Array(n);
    for (let i = 0; i < n; i++)
        detrended[i] = ys[i] - slope * i;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => detrended[a] - detrended[b]);
    const ranks = new Float64Array(n);
    for (let r = 0; r < n; r++)
        ranks[order[r]] = r + 1;
    const meanRank = (n + 1) / 2;
    let denominator = 0;
    for (let i = 0; i < n; i++)
        denominator += (ranks[i] - meanRank) ** 2;
    if (denominator === 0)
        return 1;
    const bound = 1.96 / Math.sqrt(n);
    let sum = 0;
    for (let k = 1; k < n - 2; k++) {
        let numerator = 0;
        for (let i = 0; i < n - k; i++)
            numerator += (ranks[i] - meanRank) * (ranks[i + k] - meanRank);
        const rho = numerator / denominator;
        if (Math.abs(rho) > bound)
            sum += (n - k) * (n - k - 1) * (n - k - 2) * rho;
    }
    const inflation = 1 + (2 / (n * (n - 1) * (n - 2))) * sum;
    return Math.max(1, inflation);
}
//# sourceMappingURL=mann-kendall.js.map