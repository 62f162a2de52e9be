import { tCritical } from './t-distribution.js';
/**
 * Ordinary least-squares slope of ys on xs with a Student-t confidence interval
 * (slope ± t_{dof} · s / sqrt(Σ(x - x̄)²)). Returns null when there are fewer than 3 points or all
 * xs are equal.
 *
 * @example olsSlope([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]).slope; // => 0.6 (scipy.stats.linregress agrees)
 */
export function olsSlope(xs, ys, options = {}, from = 0, to = xs.length) {
    const confidence = options.confidence ?? 0.95;
    const n = to - from;
    if (n < 3)
        return null;
    let sx = 0;
    let sy = 0;
    for (let i = from; i < to; i++) {
        sx += xs[i];
        sy += ys[i];
    }
    const mx = sx / n;
    const my = sy / n;
    let sxx = 0;
    let sxy = 0;
    for (let i = from; i < to; i++) {
        const dx = xs[i] - mx;
        sxx += dx * dx;
        sxy += dx * (ys[i] - my);
    }
    if (!(sxx > 0))
        return null;
    const slope = sxy / sxx;
    const intercept = my - slope * mx;
    let sse = 0;
    let lagProduct = 0;
    let previous = 0;
    for (let i = from; i < to; i++) {
        const r = ys[i] - (intercept + slope * xs[i]);
        sse += r * r;
        if (i > from)
            lagProduct += r * previous;
        previous = r;
    }
    const residualStd = Math.sqrt(sse / (n - 2));
    let rho1 = n >= 4 && sse > 0 ? lagProduct / sse : 0;
    if (options.autocorrelation === false || rho1 < 0)
        rho1 = 0;
    rho1 = Math.min(rho1, 0.95);
    const inflation = (1 + rho1) / (1 - rho1);
    const effectiveN = Math.max(3, n / inflation);
    const dof = Math.max(1, effectiveN - 2);
    const standardError = Math.sqrt((residualStd * residualStd * inflation) / sxx);
    const half = tCritical(confidence, dof) * standardError;
    return { slope, intercept, standardError, dof, low: slope - half, high: slope + half, residualStd, rho1, effectiveN };
}
//# sourceMappingURL=ols.js.map