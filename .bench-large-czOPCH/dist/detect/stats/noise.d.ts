/**
 * Robust point-to-point noise: the standard deviation of independent noise around a slowly
 * varying level, estimated from the median absolute first difference,
 * σ ≈ 1.4826 · median|y_{i+1} - y_i - median(Δ)| / sqrt 2 (differences remove the slow trend, the
 * MAD ignores spikes; the 1.4826 factor makes the MAD consistent for a normal distribution, and a
 * difference of two independent points has variance 2σ²). Returns 0 for fewer than 3 points.
 *
 * @example noiseStd([1, 3, 1, 3, 1, 3]); // => 0 (all differences are ±2, so their MAD is 0)
 */
export declare function noiseStd(ys: ArrayLike<number>, from?: number, to?: number): number;
