import { PlateauDoctorError } from '../errors.js';
import type { AverageGap } from '../logs/run-log.js';

/**
 * The weight average behind `EpochRecord.average` (issue 12), engine-free: the one rule for the
 * exponential moving average's weight per step and the one computation of the weight-average
 * gap G = L(θ) - L(θ̄) from per-example losses. The built-in trainer and the tfjs
 * `plateauDoctor()` callback both use these, so their averages and gaps mean the same thing.
 */

/** Default horizon of the weight average, in epochs (about one epoch of iterates). */
export const AVERAGE_HORIZON_EPOCHS = 1;

/** Two-sided 95% quantile of the normal distribution (the gap's interval is a normal approximation). */
const Z95 = 1.959963984540054;

/**
 * Checks a horizon option (in epochs): a finite number > 0. `owner` and `option` name it in the
 * error, e.g. `plateauDoctor: averageHorizon must be a number of epochs > 0, got 0`.
 */
export function checkAverageHorizon(owner: string, option: string, horizonEpochs: number): void {
  if (!(typeof horizonEpochs === 'number' && Number.isFinite(horizonEpochs) && horizonEpochs > 0)) {
    throw new PlateauDoctorError(`${owner}: ${option} must be a number of epochs > 0, got ${String(horizonEpochs)}`);
  }
}

/**
 * The weight α of step `step` (1-based, counted since the average started) in the update
 * θ̄ ← θ̄ + α (θ - θ̄), for a horizon of `horizonSteps` steps: α = max(1/horizonSteps, 1/step).
 * Until the horizon is reached θ̄ is the plain mean of the iterates so far (step 1 copies θ, so
 * the average never remembers the initialisation); after it, an EMA with decay 1 - 1/horizonSteps,
 * whose weights have a mean age of about `horizonSteps` steps.
 *
 * @example averageWeight(1, 938); // => 1
 * @example averageWeight(4, 938); // => 0.25
 * @example averageWeight(5000, 938); // => 1 / 938
 */
export function averageWeight(step: number, horizonSteps: number): number {
  if (!(Number.isInteger(step) && step >= 1)) throw new RangeError(`averageWeight: step must be an integer >= 1, got ${step}`);
  if (!(horizonSteps >= 1)) throw new RangeError(`averageWeight: horizonSteps must be >= 1, got ${horizonSteps}`);
  return Math.max(1 / horizonSteps, 1 / step);
}

/**
 * The paired weight-average gap from per-example losses of the raw weights (`raw[i]` = L_i(θ))
 * and of the averaged weights on the same examples (`averaged[i]` = L_i(θ̄)): the mean of
 * d_i = raw[i] - averaged[i] with a 95% normal-approximation interval (mean ± 1.96·s/√n, s the
 * sample standard deviation of d). Null with fewer than 2 examples (no interval). Throws a
 * RangeError when the lengths differ.
 *
 * @example averageGap([1, 2, 3], [0.5, 1.5, 2.5], 'validation');
 * // => { mean: 0.5, low: 0.5, high: 0.5, averagedLoss: 1.5, examples: 3, source: 'validation' }
 */
export function averageGap(raw: ArrayLike<number>, averaged: ArrayLike<number>, source: AverageGap['source']): AverageGap | null {
  const n = raw.length;
  if (averaged.length !== n) throw new RangeError(`averageGap: ${n} raw losses but ${averaged.length} averaged ones`);
  if (n < 2) return null;
  let sumDiff = 0;
  let sumAveraged = 0;
  for (let i = 0; i < n; i++) {
    sumDiff += raw[i] - averaged[i];
    sumAveraged += averaged[i];
  }
  const mean = sumDiff / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (raw[i] - averaged[i] - mean) ** 2;
  const halfWidth = (Z95 * Math.sqrt(squares / (n - 1))) / Math.sqrt(n);
  return { mean, low: mean - halfWidth, high: mean + halfWidth, averagedLoss: sumAveraged / n, examples: n, source };
}
