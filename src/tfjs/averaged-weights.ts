/**
 * The weight average inside tfjs `model.fit` (issue 12): an exponential moving average θ̄ of a
 * model's trainable weights, updated after every batch, and its evaluation next to the raw
 * weights θ on a held-out set, giving `EpochRecord.average` (averaged loss and accuracy, and
 * the paired gap L(θ) - L(θ̄) with its 95% interval). The EMA weight per step and the gap's
 * statistics are `lr/weight-average.ts`, shared with the built-in trainer.
 */
import * as tf from '@tensorflow/tfjs';
import { PlateauDoctorError } from '../errors.js';
import type { AveragedEvaluation } from '../logs/run-log.js';
import { AVERAGE_HORIZON_EPOCHS, averageGap, averageWeight, checkAverageHorizon } from '../lr/weight-average.js';
import { checkClassifier, checkLabelledSet, evaluateClassifier, type ClassifierEvaluation, type ClassifierSet, type LabelledSet } from './classifier-loss.js';

/** A layer weight as tfjs-layers holds it (`model.trainableWeights`). */
type LayerWeight = tf.LayersModel['trainableWeights'][number];

/**
 * Where θ̄ lives: 'device' as tensors updated with tf ops (wasm, webgl, tfjs-node: the weights
 * never leave the backend), 'host' as Float32Arrays updated in a JS loop over `dataSync()` (the
 * cpu backend, whose tensors are JS arrays already: its broadcasting ops cost 7.6 ms per step on
 * a 784x128 kernel where the loop costs 0.34 ms).
 */
export type AverageStorage = 'host' | 'device';

/** The storage for the current backend (see AverageStorage). */
export function defaultAverageStorage(): AverageStorage {
  return tf.getBackend() === 'cpu' ? 'host' : 'device';
}

/**
 * The EMA of a list of trainable weights: `update()` after every optimizer step folds the
 * current values in with weight `averageWeight(step, horizonSteps)` (the running mean until the
 * horizon, then 1/horizonSteps); `withAveraged(fn)` runs `fn` with θ̄ in the variables and puts
 * the raw values back bit for bit. With 'device' storage it holds one tensor per weight;
 * `dispose()` frees them.
 */
export class AveragedWeights {
  private averages: tf.Tensor[] = [];
  private host: Float32Array[] = [];
  private steps = 0;
  private readonly storage: AverageStorage;

  /**
   * @param weights the variables averaged (a model's `trainableWeights`).
   * @param horizonSteps the horizon in steps, or Infinity while unknown (a plain running mean
   *   until `setHorizon` is called).
   * @param storage where θ̄ lives; default by backend. Weights that are not float32 stay on the device.
   */
  constructor(
    private readonly weights: readonly LayerWeight[],
    private horizonSteps: number,
    storage: AverageStorage = defaultAverageStorage(),
  ) {
    this.storage = weights.every((w) => w.dtype === 'float32') ? storage : 'device';
  }

  /** Steps folded in so far. */
  get count(): number {
    return this.steps;
  }

  setHorizon(horizonSteps: number): void {
    this.horizonSteps = Math.max(1, horizonSteps);
  }

  /** Folds the weights' current values into the average. */
  update(): void {
    this.steps += 1;
    const alpha = this.steps === 1 ? 1 : averageWeight(this.steps, this.horizonSteps);
    if (this.storage === 'host') {
      if (alpha === 1) this.host = this.weights.map((w) => Float32Array.from(w.read().dataSync() as Float32Array));
      else this.host.forEach((m, i) => foldIn(m, this.weights[i]!.read().dataSync() as Float32Array, alpha));
      return;
    }
    const old = this.averages;
    if (alpha === 1) this.averages = this.weights.map((w) => tf.clone(w.read()));
    else this.averages = tf.tidy(() => this.weights.map((w, i) => tf.add(old[i]!, tf.mul(tf.sub(w.read(), old[i]!), alpha))));
    tf.dispose(old);
  }

  /** Copies of the averaged values, in the order of the weights (the caller disposes them). */
  values(): tf.Tensor[] {
    // slice(): tf.tensor may keep the very array it is given (cpu backend), which later updates change.
    if (this.storage === 'host') return this.host.map((m, i) => tf.tensor(m.slice(), this.weights[i]!.shape as number[], 'float32'));
    return this.averages.map((t) => tf.clone(t));
  }

  /**
   * Runs `fn` with the averaged values in the variables, then restores the raw values exactly
   * (the variables point at the saved raw buffers again, so they are bit-identical). Assigns the
   * variables directly rather than through `setWeights`, which would re-apply weight
   * constraints on the way back. No-op swap before the first `update`.
   */
  async withAveraged<T>(fn: () => Promise<T>): Promise<T> {
    if (this.steps === 0) return fn();
    const averaged = this.storage === 'host' ? this.values() : this.averages;
    const raw = this.weights.map((w) => tf.clone(w.read()));
    try {
      this.weights.forEach((w, i) => (w.read() as tf.Variable).assign(averaged[i]!));
      return await fn();
    } finally {
      this.weights.forEach((w, i) => (w.read() as tf.Variable).assign(raw[i]!));
      tf.dispose(raw);
      if (this.storage === 'host') tf.dispose(averaged);
    }
  }

  dispose(): void {
    tf.dispose(this.averages);
    this.averages = [];
    this.host = [];
    this.steps = 0;
  }
}

/** m ← m + α (x - m), element by element (computed in float64, stored as float32). */
function foldIn(m: Float32Array, x: Float32Array, alpha: number): void {
  for (let j = 0; j < m.length; j++) m[j] += alpha * (x[j]! - m[j]!);
}

/** Options that switch the weight average on in the tfjs callbacks. */
export interface WeightAverageOptions {
  /**
   * `[x, y]` held-out examples (fit's `validationData` does not reach callbacks, so pass it here
   * too). With it the callback keeps the weight average and fills `EpochRecord.average`; the
   * record's `valLoss`/`valAccuracy` are then the raw weights' on this set (the same examples as
   * the average's). Needs a softmax classifier (see `classifier-loss.ts`). Default: none,
   * averaging off.
   */
  validationData?: LabelledSet;
  /**
   * `[x, y]` examples for the gap only (e.g. a fixed subset of the training data) when there is
   * no validation set: `average.gap.source` is 'probe' and the average's validation fields are
   * null. Not together with `validationData`. Default: none.
   */
  probeData?: LabelledSet;
  /** Horizon of the average in epochs (> 0). Default 1 (AVERAGE_HORIZON_EPOCHS). */
  averageHorizon?: number;
}

export const WEIGHT_AVERAGE_OPTION_KEYS = ['validationData', 'probeData', 'averageHorizon'] as const;

/** What one end-of-epoch evaluation gives: the raw weights' numbers on a validation set, and the record's `average`. */
export interface EpochAverageResult {
  raw: ClassifierEvaluation | null;
  average: AveragedEvaluation;
}

/**
 * The weight average of one model during fit, with its evaluation. Built by `create` from the
 * callback's options (null when neither `validationData` nor `probeData` is given: averaging
 * off). `start` at train begin (checks the model, resets the average), `onBatchEnd` after every
 * batch, `evaluate` at epoch end.
 */
export class WeightAverageEvaluator {
  private average: AveragedWeights | null = null;
  private set: ClassifierSet | null = null;
  private stepsPerEpochKnown = false;
  /** With `keepBest`: a copy of θ̄ from the epoch with the lowest averaged validation loss so far. */
  private best: { epoch: number; loss: number; weights: tf.Tensor[] } | null = null;
  private keepBest = false;

  private constructor(
    private readonly owner: string,
    private readonly data: LabelledSet,
    private readonly source: 'validation' | 'probe',
    private readonly horizonEpochs: number,
  ) {}

  /** Checks the options (one-line PlateauDoctorError) and returns null when averaging is off. */
  static create(owner: string, options: WeightAverageOptions): WeightAverageEvaluator | null {
    const horizon = options.averageHorizon ?? AVERAGE_HORIZON_EPOCHS;
    checkAverageHorizon(owner, 'averageHorizon', horizon);
    if (options.validationData !== undefined && options.probeData !== undefined) {
      throw new PlateauDoctorError(`${owner}: pass validationData or probeData, not both (the probe stands in for a missing validation set)`);
    }
    if (options.validationData !== undefined) return new WeightAverageEvaluator(owner, checkLabelledSet(owner, 'validationData', options.validationData), 'validation', horizon);
    if (options.probeData !== undefined) return new WeightAverageEvaluator(owner, checkLabelledSet(owner, 'probeData', options.probeData), 'probe', horizon);
    if (options.averageHorizon !== undefined) {
      throw new PlateauDoctorError(`${owner}: averageHorizon needs validationData (or probeData) to evaluate the average on`);
    }
    return null;
  }

  /** True when the evaluation set is a validation set (the record's raw validation fields come from it). */
  get isValidation(): boolean {
    return this.source === 'validation';
  }

  /** Steps folded into the average since `start`. */
  get steps(): number {
    return this.average?.count ?? 0;
  }

  /**
   * At train begin: checks the model against the data and starts a fresh average. With
   * `keepBest` (and validation data) it also keeps a copy of θ̄ from the epoch whose averaged
   * validation loss is lowest, for an early stop (`restoreBest`).
   */
  start(model: tf.LayersModel, stepsPerEpoch: number | null, keepBest = false, storage?: AverageStorage): void {
    this.set = checkClassifier(this.owner, this.source === 'validation' ? 'validationData' : 'probeData', model, this.data);
    this.dispose();
    this.keepBest = keepBest && this.source === 'validation';
    this.stepsPerEpochKnown = stepsPerEpoch !== null;
    this.average = new AveragedWeights(model.trainableWeights, stepsPerEpoch === null ? Number.POSITIVE_INFINITY : this.horizonEpochs * stepsPerEpoch, storage);
  }

  onBatchEnd(): void {
    this.average?.update();
  }

  /**
   * At epoch end: evaluates the raw and the averaged weights on the set. When fit did not say
   * how many steps an epoch has, the first epoch's batch count sets the horizon from then on.
   */
  async evaluate(model: tf.LayersModel, epoch: number, batchesThisEpoch: number): Promise<EpochAverageResult> {
    const average = this.average;
    const set = this.set;
    if (!average || !set) throw new Error('WeightAverageEvaluator.evaluate before start');
    if (!this.stepsPerEpochKnown && batchesThisEpoch > 0) {
      average.setHorizon(this.horizonEpochs * batchesThisEpoch);
      this.stepsPerEpochKnown = true;
    }
    const raw = await evaluateClassifier(model, set);
    const avg = await average.withAveraged(() => evaluateClassifier(model, set));
    const validation = this.source === 'validation';
    if (this.keepBest && !(avg.loss >= (this.best?.loss ?? Number.POSITIVE_INFINITY))) {
      tf.dispose(this.best?.weights ?? []);
      this.best = { epoch, loss: avg.loss, weights: average.values() };
    }
    return {
      raw: validation ? raw : null,
      average: {
        valLoss: validation ? avg.loss : null,
        valAccuracy: validation ? avg.accuracy : null,
        testLoss: Number.NaN,
        testAccuracy: Number.NaN,
        gap: averageGap(raw.losses, avg.losses, this.source),
      },
    };
  }

  /** Copies of the averaged weights (in `model.trainableWeights` order; the caller disposes them). */
  averagedWeights(): tf.Tensor[] {
    return this.average?.values() ?? [];
  }

  /**
   * Puts the kept θ̄ of `epoch` into the model's trainable weights (an early stop that keeps the
   * averaged weights of its best epoch). False, changing nothing, when that epoch's θ̄ was not kept.
   */
  restoreBest(model: tf.LayersModel, epoch: number): boolean {
    if (!this.best || this.best.epoch !== epoch) return false;
    const weights = this.best.weights;
    model.trainableWeights.forEach((w, i) => (w.read() as tf.Variable).assign(weights[i]!));
    tf.dispose(weights);
    this.best = null;
    return true;
  }

  dispose(): void {
    this.average?.dispose();
    this.average = null;
    tf.dispose(this.best?.weights ?? []);
    this.best = null;
  }
}
