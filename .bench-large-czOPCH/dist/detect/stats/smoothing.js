/**
 * TensorBoard's smoothing: an exponential moving average with weight `weight` in [0, 1),
 * debiased like Adam (divided by 1 - weight^k) so the first points are not pulled toward 0.
 * Non-finite values are passed through without updating the average.
 *
 * @example debiasedEma([1, 1, 1], 0.9); // => [1, 1, 1] (no start-up bias)
 */
export function debiasedEma(ys, weight = 0.6) {
    if (!(weight >= 0 && weight < 1))
        throw new RangeError(`debiasedEma: weight must be in [0, 1), got ${weight}`);
    const out = new Array(ys.length);
    let last = 0;
    let k = 0;
    for (let i = 0; i < ys.length; i++) {
        const y = ys[i];
        if (!Number.isFinite(y)) {
            out[i] = y;
            continue;
        }
        last = last * weight + (1 - weight) * y;
        k++;
        out[i] = last / (1 - weight ** k);
    }
    return out;
}
/**
 * Running median over a centered window of `window` points (odd; shrunk at the edges).
 * Robust to isolated spikes. O(n · window · log window); meant for block means, not raw steps.
 *
 * @example runningMedian([1, 9, 1, 1, 1], 3); // => [5, 1, 1, 1, 1]
 */
export function runningMedian(ys, window = 3) {
    const half = Math.max(0, Math.floor(window / 2));
    const out = new Array(ys.length);
    for (let i = 0; i < ys.length; i++) {
        const from = Math.max(0, i - half);
        const to = Math.min(ys.length, i + half + 1);
        const slice = Array.from({ length: to - from }, (_, k) => ys[from + k]).sort((a, b) => a - b);
        const m = slice.length >> 1;
        out[i] = slice.length % 2 ? slice[m] : (slice[m - 1] + slice[m]) / 2;
    }
    return out;
}
/**
 * The mean of `values[i - 1 .. i + 1]`, the window shrunk at index 0 and at `end - 1` (values
 * from `end` on are left out). The detector's 3-block running mean.
 *
 * @example runningMean3([3, 6, 9, 12], 0, 4); // => 4.5 (mean of 3 and 6)
 * @example runningMean3([3, 6, 9, 12], 2, 3); // => 7.5 (mean of 6 and 9; 12 is past end)
 */
export function runningMean3(values, i, end) {
    const a = Math.max(0, i - 1);
    const b = Math.min(end - 1, i + 1);
    let sum = 0;
    for (let k = a; k <= b; k++)
        sum += values[k];
    return sum / (b - a + 1);
}
//# sourceMappingURL=smoothing.js.map