/**
 * TensorBoard's smoothing: an exponential moving average with weight `weight` in [0, 1),
 * debiased like Adam (divided by 1 - weight^k) so the first points are not pulled toward 0.
 * Non-finite values are passed through without updating the average.
 *
 * @example debiasedEma([1, 1, 1], 0.9); // => [1, 1, 1] (no start-up bias)
 */
export declare function debiasedEma(ys: ArrayLike<number>, weight?: number): number[];
/**
 * Running median over a centered window of `window` points (odd; shrunk at the edges).
 * Robust to isolated spikes. O(n · window · log window); meant for block means, not raw steps.
 *
 * @example runningMedian([1, 9, 1, 1, 1], 3); // => [5, 1, 1, 1, 1]
 */
export declare function runningMedian(ys: ArrayLike<number>, window?: number): number[];
/**
 * The mean of `values[i - 1 .. i + 1]`, the window shrunk at index 0 and at `end - 1` (values
 * from `end` on are left out). The detector's 3-block running mean.
 *
 * @example runningMean3([3, 6, 9, 12], 0, 4); // => 4.5 (mean of 3 and 6)
 * @example runningMean3([3, 6, 9, 12], 2, 3); // => 7.5 (mean of 6 and 9; 12 is past end)
 */
export declare function runningMean3(values: ArrayLike<number>, i: number, end: number): number;
