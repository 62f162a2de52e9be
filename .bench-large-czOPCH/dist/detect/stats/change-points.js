/**
 * Change-point detection, ruptures-style: a cost (how badly one model fits a segment) is kept
 * separate from the search (which segmentation minimises total cost + penalty), so each can be
 * tested alone and combined freely (Truong, Oudre & Vayatis, "Selective review of offline change
 * point detection methods", Signal Processing 167, 2020).
 */
/**
 * Squared error around the segment mean (piecewise-constant model, ruptures' `l2`). O(1) per
 * query after O(n) prefix sums.
 *
 * @example new CostL2().fit([0, 1, 2, 3], [1, 1, 5, 5]).error(0, 4); // => 16
 */
export class CostL2 {
    name = 'l2';
    minSize = 1;
    s = new Float64Array(1);
    s2 = new Float64Array(1);
    fit(_xs, ys) {
        const n = ys.length;
        this.s = new Float64Array(n + 1);
        this.s2 = new Float64Array(n + 1);
        for (let i = 0; i < n; i++) {
            this.s[i + 1] = this.s[i] + ys[i];
            this.s2[i + 1] = this.s2[i] + ys[i] * ys[i];
        }
        return this;
    }
    error(start, end) {
        const n = end - start;
        if (n <= 0)
            return 0;
        const sum = this.s[end] - this.s[start];
        return Math.max(0, this.s2[end] - this.s2[start] - (sum * sum) / n);
    }
}
/**
 * Residual squared error of a least-squares line through the segment (piecewise-linear model,
 * ruptures' `linear` with x as regressor). O(1) per query after O(n) prefix sums; x is centred
 * on the whole signal to limit cancellation.
 *
 * @example new CostLinear().fit([0, 1, 2, 3], [0, 1, 2, 3]).error(0, 4); // => 0
 */
export class CostLinear {
    name = 'linear';
    minSize = 3;
    sx = new Float64Array(1);
    sy = new Float64Array(1);
    sxx = new Float64Array(1);
    sxy = new Float64Array(1);
    syy = new Float64Array(1);
    fit(xs, ys) {
        const n = ys.length;
        let center = 0;
        for (let i = 0; i < n; i++)
            center += xs[i];
        center = n > 0 ? center / n : 0;
        let scale = 0;
        for (let i = 0; i < n; i++)
            scale = Math.max(scale, Math.abs(xs[i] - center));
        scale = scale > 0 ? scale : 1;
        this.sx = new Float64Array(n + 1);
        this.sy = new Float64Array(n + 1);
        this.sxx = new Float64Array(n + 1);
        this.sxy = new Float64Array(n + 1);
        this.syy = new Float64Array(n + 1);
        for (let i = 0; i < n; i++) {
            const x = (xs[i] - center) / scale;
            const y = ys[i];
            this.sx[i + 1] = this.sx[i] + x;
            this.sy[i + 1] = this.sy[i] + y;
            this.sxx[i + 1] = this.sxx[i] + x * x;
            this.sxy[i + 1] = this.sxy[i] + x * y;
            this.syy[i + 1] = this.syy[i] + y * y;
        }
        return this;
    }
    error(start, end) {
        const n = end - start;
        if (n <= 0)
            return 0;
        const sx = this.sx[end] - this.sx[start];
        const sy = this.sy[end] - this.sy[start];
        const syyc = this.syy[end] - this.syy[start] - (sy * sy) / n;
        if (n < 3)
            return Math.max(0, syyc);
        const sxxc = this.sxx[end] - this.sxx[start] - (sx * sx) / n;
        const sxyc = this.sxy[end] - this.sxy[start] - (sx * sy) / n;
        const explained = sxxc > 1e-15 ? (sxyc * sxyc) / sxxc : 0;
        return Math.max(0, syyc - explained);
    }
}
/**
 * PELT (Killick, Fearnhead & Eckley 2012, JASA 107:1590): the segmentation minimising
 * Σ cost(segment) + penalty · (number of segments), exactly, with pruning. Returns the end
 * indices of the segments (exclusive), the last being n, as ruptures' `predict` does.
 *
 * @example pelt(new CostL2().fit([0,1,2,3,4,5], [0,0,0,9,9,9]), 6, 1); // => [3, 6]
 */
export function pelt(cost, n, penalty, minSize = cost.minSize) {
    if (n <= 0)
        return [];
    const size = Math.max(1, minSize);
    const best = new Float64Array(n + 1).fill(Infinity);
    const previous = new Int32Array(n + 1).fill(-1);
    best[0] = -penalty;
    let candidates = [0];
    for (let end = size; end <= n; end++) {
        let bestValue = Infinity;
        let bestStart = -1;
        const values = [];
        for (const start of candidates) {
            if (end - start < size) {
                values.push(Infinity);
                continue;
            }
            const value = best[start] + cost.error(start, end) + penalty;
            values.push(value);
            if (value < bestValue) {
                bestValue = value;
                bestStart = start;
            }
        }
        if (bestStart < 0)
            continue;
        best[end] = bestValue;
        previous[end] = bestStart;
        // Prune starts that can never be optimal again (the PELT inequality with K = 0).
        const kept = [];
        for (let k = 0; k < candidates.length; k++) {
            const start = candidates[k];
            if (end - start < size || values[k] - penalty <= bestValue)
                kept.push(start);
        }
        kept.push(end);
        candidates = kept;
    }
    if (!Number.isFinite(best[n]))
        return [n];
    const ends = [];
    for (let end = n; end > 0; end = previous[end]) {
        ends.push(end);
        if (previous[end] < 0)
            break;
    }
    return ends.reverse();
}
/**
 * The best single split of [start, end) into two segments of at least `minSize` points:
 * the index k minimising cost(start, k) + cost(k, end), and the cost saved against no split.
 * Returns null when the range is too short.
 *
 * @example bestSplit(new CostL2().fit([0,1,2,3], [1,1,5,5]), 0, 4, 1); // => { index: 2, gain: 16 }
 */
export function bestSplit(cost, start, end, minSize = cost.minSize) {
    const size = Math.max(1, minSize);
    if (end - start < 2 * size)
        return null;
    const whole = cost.error(start, end);
    let bestIndex = -1;
    let bestValue = Infinity;
    for (let k = start + size; k <= end - size; k++) {
        const value = cost.error(start, k) + cost.error(k, end);
        if (value < bestValue) {
            bestValue = value;
            bestIndex = k;
        }
    }
    return bestIndex < 0 ? null : { index: bestIndex, gain: whole - bestValue };
}
//# sourceMappingURL=change-points.js.map