import { medianOfSorted } from '../../numbers.js';

/**
 * Robust point-to-point noise: the standard deviation of independent noise around a slowly
 * varying level, estimated from the median absolute first difference,
 * σ ≈ 1.4826 · median|y_{i+1} - y_i - median(Δ)| / sqrt 2 (differences remove the slow trend, the
 * MAD ignores spikes; the 1.4826 factor makes the MAD consistent for a normal distribution, and a
 * difference of two independent points has variance 2σ²). Returns 0 for fewer than 3 points.
 *
 * @example noiseStd([1, 3, 1, 3, 1, 3]); // => 0 (all differences are ±2, so their MAD is 0)
 */
export function noiseStd(ys: ArrayLike<number>, from = 0, to = ys.length): number {
  const n = to - from;
  if (n < 3) return 0;
  const diffs = new Float64Array(n - 1);
  for (let i = from; i < to - 1; i++) diffs[i - from] = ys[i + 1] - ys[i];
  diffs.sort();
  const center = medianOfSorted(diffs);
  for (let i = 0; i < diffs.length; i++) diffs[i] = Math.abs(diffs[i] - center);
  diffs.sort();
  return (1.4826 * medianOfSorted(diffs)) / Math.SQRT2;
}
