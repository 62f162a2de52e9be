/**
 * Callbacks for TensorFlow.js `model.fit` that set the optimizer's learning rate:
 * `reduceLROnPlateau` (PyTorch's semantics; tfjs has no such callback) and
 * `lrControllerCallback`, which drives any LrController (a wrapped scheduler, or the
 * detector's `doctor` controller) from fit's batch and epoch hooks.
 *
 *   const model = tf.sequential({ layers: [...] });
 *   model.compile({ optimizer: tf.train.sgd(0.01), loss: 'categoricalCrossentropy' });
 *   await model.fit(xs, ys, { epochs: 30, validationSplit: 0.1, callbacks: [reduceLROnPlateau({ patience: 3 })] });
 */
import * as tf from '@tensorflow/tfjs';
import { PlateauDoctorError, rejectUnknownOptions } from '../errors.js';
import type { EpochRecord, LrChangeEvent } from '../logs/run-log.js';
import type { LrController, LrDecision } from '../lr/controller.js';
import { lrChange } from '../lr/lr-change.js';
import { stepPlateau } from '../lr/scheduler-controllers.js';
import { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from '../lr/schedulers.js';
import { WEIGHT_AVERAGE_OPTION_KEYS, WeightAverageEvaluator, type AverageStorage, type WeightAverageOptions } from './averaged-weights.js';

/** Anything with an LR the way tfjs optimizers hold it. */
interface OptimizerLike {
  setLearningRate?: (lr: number) => void;
  learningRate?: number;
  getConfig?: () => Record<string, unknown>;
}

/** The optimizer's current learning rate (SGD, momentum, Adam, RMSProp, ... all report it in getConfig). */
export function getOptimizerLearningRate(optimizer: unknown): number {
  const o = optimizer as OptimizerLike | null;
  const fromConfig = o?.getConfig?.().learningRate;
  const lr = typeof fromConfig === 'number' ? fromConfig : o?.learningRate;
  if (typeof lr !== 'number' || !Number.isFinite(lr)) {
    throw new PlateauDoctorError(
      'cannot read the learning rate of the model\'s optimizer; compile the model with an optimizer object such as tf.train.sgd(0.01)',
    );
  }
  return lr;
}

/**
 * Sets a tfjs optimizer's learning rate: `setLearningRate()` where it exists (SGD, momentum),
 * else the `learningRate` field the others read on every update (Adam, RMSProp, Adagrad, ...).
 */
export function setOptimizerLearningRate(optimizer: unknown, lr: number): void {
  const o = optimizer as OptimizerLike | null;
  if (o && typeof o.setLearningRate === 'function') o.setLearningRate(lr);
  else if (o && typeof o.learningRate === 'number') o.learningRate = lr;
  else {
    throw new PlateauDoctorError(
      'cannot set the learning rate of the model\'s optimizer; compile the model with an optimizer object such as tf.train.sgd(0.01)',
    );
  }
}

type LogValue = number | tf.Tensor | undefined;

/** A log entry as a number: tfjs may hand over scalar tensors instead of numbers. */
async function resolveLog(value: unknown): Promise<number | undefined> {
  const v = value as LogValue;
  if (typeof v === 'number') return v;
  if (v && typeof (v as tf.Tensor).data === 'function') return (await (v as tf.Tensor).data())[0];
  return undefined;
}

export interface ReduceLROnPlateauCallbackOptions extends ReduceLROnPlateauOptions {
  /**
   * The epoch log watched: 'val_loss' (default; falls back to 'loss' when fit has no
   * validation data, saying so through `log`), 'loss', 'val_acc', or any other epoch log key.
   * Default 'val_loss'. With an accuracy key, pass mode 'max'.
   */
  monitor?: string;
  /** Receives one line per LR change (and the fallback notice). Default: ignore. */
  log?: (line: string) => void;
  /** Start afresh (best, counters, initial LR from the optimizer) at every fit() call. Default false: state carries over like a PyTorch scheduler object. */
  resetOnTrainBegin?: boolean;
}

/**
 * A tfjs callback applying PyTorch's ReduceLROnPlateau once per epoch. Built by
 * `reduceLROnPlateau(options)`; its `scheduler` and `changes` can be inspected.
 */
export class ReduceLROnPlateauCallback extends tf.Callback {
  readonly monitorKey: string;
  /** The scheduler (created at the first onTrainBegin from the optimizer's LR). */
  scheduler: ReduceLROnPlateau | undefined;
  /** Every LR change made so far. */
  readonly changes: { epoch: number; oldLr: number; newLr: number; reason: string }[] = [];
  private readonly schedulerOptions: ReduceLROnPlateauOptions;
  private readonly log: (line: string) => void;
  private readonly resetOnTrainBegin: boolean;
  private warnedFallback = false;
  /** Batches done over all fit() calls (the step an LR change is logged at). */
  private step = 0;

  constructor(options: ReduceLROnPlateauCallbackOptions = {}) {
    super();
    const { monitor, log, resetOnTrainBegin, ...schedulerOptions } = options;
    this.monitorKey = monitor ?? 'val_loss';
    this.log = log ?? (() => undefined);
    this.resetOnTrainBegin = resetOnTrainBegin ?? false;
    this.schedulerOptions = schedulerOptions;
    new ReduceLROnPlateau(1, schedulerOptions); // check the options now
  }

  override async onTrainBegin(): Promise<void> {
    if (!this.scheduler || this.resetOnTrainBegin) {
      this.scheduler = new ReduceLROnPlateau(getOptimizerLearningRate(this.model.optimizer), this.schedulerOptions);
    }
  }

  override async onBatchEnd(): Promise<void> {
    this.step += 1;
  }

  override async onEpochEnd(epoch: number, logs?: Record<string, unknown>): Promise<void> {
    if (!this.scheduler) await this.onTrainBegin();
    const scheduler = this.scheduler as ReduceLROnPlateau;
    let key = this.monitorKey;
    let value = await resolveLog(logs?.[key]);
    if (value === undefined && key === 'val_loss' && logs && 'loss' in logs) {
      key = 'loss';
      value = await resolveLog(logs.loss);
      if (!this.warnedFallback) {
        this.warnedFallback = true;
        this.log('reduceLROnPlateau: no val_loss in the epoch logs (fit has no validation data); watching loss instead');
      }
    }
    if (value === undefined) {
      throw new PlateauDoctorError(
        `reduceLROnPlateau: the epoch logs have no "${this.monitorKey}" (they have ${Object.keys(logs ?? {}).join(', ') || 'nothing'}); pass monitor: one of those`,
      );
    }
    const at = { step: this.step, epoch: epoch + 1, lr: scheduler.lr };
    const event = lrChange('reduceLROnPlateau', stepPlateau(scheduler, key, value), at);
    if (!event) return;
    setOptimizerLearningRate(this.model.optimizer, event.newLr);
    this.changes.push({ epoch: event.epoch, oldLr: event.oldLr, newLr: event.newLr, reason: event.reason });
    this.log(`epoch ${event.epoch}: ${event.reason}`);
  }
}

/**
 * PyTorch's ReduceLROnPlateau as a tfjs `model.fit` callback: after each epoch it reads
 * `val_loss` (or `loss` without validation data, or `options.monitor`) from the epoch logs,
 * steps the scheduler and sets the optimizer's LR when it drops. Options and defaults are
 * PyTorch's (mode 'min', factor 0.1, patience 10, threshold 1e-4 rel, cooldown 0, minLr 0, eps 1e-8).
 */
export function reduceLROnPlateau(options: ReduceLROnPlateauCallbackOptions = {}): ReduceLROnPlateauCallback {
  return new ReduceLROnPlateauCallback(options);
}

export interface LrControllerCallbackOptions extends WeightAverageOptions {
  /** Receives each LR change as it happens (step = batches done so far over the whole fit). */
  onLrChange?: (event: LrChangeEvent) => void;
  /** Receives the controller's messages and one line per LR change. Default: ignore. */
  log?: (line: string) => void;
}

/** The option keys of `lrControllerCallback` (the rest of `plateauDoctor`'s options go to the doctor). */
export const LR_CONTROLLER_CALLBACK_OPTION_KEYS = ['onLrChange', 'log', ...WEIGHT_AVERAGE_OPTION_KEYS] as const;

/**
 * Drives an LrController from tfjs `model.fit`: `start` at train begin (initial LR from the
 * optimizer, steps per epoch from fit's params, classes from the model's output), `onStep`
 * after every batch with the batch loss, and `onEpoch` after every epoch with an EpochRecord
 * built from the epoch logs (`loss`, `val_loss`, `val_acc`; test fields are NaN, fit has no
 * test set). Each decision sets the optimizer's LR from the next batch on.
 *
 * With `validationData` (or `probeData`) it also keeps an exponential moving average of the
 * trainable weights (updated after every batch, restarted at every fit call) and evaluates it
 * next to the raw weights after every epoch: the record's `average` (see WeightAverageOptions).
 */
export class LrControllerCallback extends tf.Callback {
  readonly controller: LrController;
  /** Every LR change made so far. */
  readonly changes: LrChangeEvent[] = [];
  /** Every epoch record built so far (over all fit calls), as passed to the controller. */
  readonly records: EpochRecord[] = [];
  private readonly options: LrControllerCallbackOptions;
  private readonly averaging: WeightAverageEvaluator | null;
  private readonly keepBestAverage: boolean;
  private readonly averageStorage: AverageStorage | undefined;
  /** Set when the controller stopped training (early stopping): after which epoch, which weights it kept, why. */
  stopped: { epoch: number; keepEpoch: number; weights: 'averaged' | 'raw'; restored: boolean; reason: string } | null = null;
  private lr = Number.NaN;
  private step = 0;
  private epochStarted = 0;
  private currentEpoch = 0;
  private batchesThisEpoch = 0;

  /**
   * @param owner names the callback in errors ('plateauDoctor' when built by it).
   * @param keepBestAverage keep θ̄ of the best averaged-validation epoch, so an early stop can
   *   put it into the model (plateauDoctor with `earlyStop`).
   * @param averageStorage where θ̄ lives (default by backend; tests force each).
   */
  constructor(
    controller: LrController,
    options: LrControllerCallbackOptions = {},
    internal: { owner?: string; keepBestAverage?: boolean; averageStorage?: AverageStorage } = {},
  ) {
    super();
    const owner = internal.owner ?? 'lrControllerCallback';
    rejectUnknownOptions(owner, options, LR_CONTROLLER_CALLBACK_OPTION_KEYS);
    this.controller = controller;
    this.options = options;
    this.averaging = WeightAverageEvaluator.create(owner, options);
    this.keepBestAverage = internal.keepBestAverage ?? false;
    this.averageStorage = internal.averageStorage;
  }

  override async onTrainBegin(): Promise<void> {
    this.lr = getOptimizerLearningRate(this.model.optimizer);
    this.step = 0;
    const samples = Number(this.params.samples);
    const batchSize = Number(this.params.batchSize);
    const steps = Number(this.params.steps);
    const stepsPerEpoch = Number.isFinite(steps) && steps > 0 ? steps : Math.ceil(samples / batchSize);
    this.averaging?.start(this.model, Number.isFinite(stepsPerEpoch) && stepsPerEpoch > 0 ? stepsPerEpoch : null, this.keepBestAverage, this.averageStorage);
    this.stopped = null;
    const outputShape = this.model.outputs[0]?.shape ?? [];
    const classes = Number(outputShape[outputShape.length - 1] ?? 0);
    this.controller.start?.({ initialLr: this.lr, stepsPerEpoch, epochs: Number(this.params.epochs), classes });
    this.drain();
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    this.epochStarted = performance.now();
    this.currentEpoch = epoch + 1;
    this.batchesThisEpoch = 0;
  }

  override async onBatchEnd(_batch: number, logs?: Record<string, unknown>): Promise<void> {
    this.step += 1;
    this.batchesThisEpoch += 1;
    this.averaging?.onBatchEnd();
    if (!this.controller.onStep) return;
    const loss = await resolveLog(logs?.loss);
    if (loss === undefined) return;
    this.apply(this.controller.onStep(this.step, loss, this.lr));
  }

  override async onEpochEnd(epoch: number, logs?: Record<string, unknown>): Promise<void> {
    if (!this.controller.onEpoch && !this.averaging) return;
    const trainLoss = await resolveLog(logs?.loss);
    const valLoss = await resolveLog(logs?.val_loss);
    const valAccuracy = (await resolveLog(logs?.val_acc)) ?? (await resolveLog(logs?.val_accuracy));
    const averaged = await this.averaging?.evaluate(this.model, epoch + 1, this.batchesThisEpoch);
    const record: EpochRecord = {
      epoch: epoch + 1,
      trainLoss: trainLoss ?? Number.NaN,
      valLoss: averaged?.raw ? averaged.raw.loss : (valLoss ?? null),
      valAccuracy: averaged?.raw ? averaged.raw.accuracy : (valAccuracy ?? null),
      testLoss: Number.NaN,
      testAccuracy: Number.NaN,
      lr: this.lr,
      seconds: (performance.now() - this.epochStarted) / 1000,
    };
    if (averaged) record.average = averaged.average;
    this.records.push(record);
    if (!this.controller.onEpoch) return;
    const decision = this.controller.onEpoch(record);
    if (decision?.stop) this.stop(record.epoch, decision.stop, decision.reason);
    this.apply(decision);
  }

  /**
   * Early stopping asked by the controller: fit ends after this epoch. When the kept weights are
   * the averaged ones of an epoch whose θ̄ was kept, the model gets them (restore-best-weights);
   * otherwise it keeps its current weights, and `log` says so.
   */
  private stop(epoch: number, stop: NonNullable<LrDecision['stop']>, reason: string): void {
    this.model.stopTraining = true;
    const restored = stop.weights === 'averaged' && (this.averaging?.restoreBest(this.model, stop.keepEpoch) ?? false);
    this.stopped = { epoch, keepEpoch: stop.keepEpoch, weights: stop.weights, restored, reason };
    const outcome = restored
      ? `the model now holds the averaged weights of epoch ${stop.keepEpoch}`
      : `the model keeps its weights of epoch ${epoch} (the ${stop.weights} weights of epoch ${stop.keepEpoch} were not kept)`;
    this.options.log?.(`stopped early: ${reason}; ${outcome}`);
  }

  /** Copies of the averaged trainable weights (in `model.trainableWeights` order; empty when averaging is off). The caller disposes them. */
  averagedWeights(): tf.Tensor[] {
    return this.averaging?.averagedWeights() ?? [];
  }

  /** Frees the averaged weights' tensors (averaging starts afresh at the next fit). */
  dispose(): void {
    this.averaging?.dispose();
  }

  private apply(decision: LrDecision | undefined): void {
    this.drain();
    const event = lrChange(this.controller.name, decision, { step: this.step, epoch: this.currentEpoch, lr: this.lr });
    if (!event) return;
    setOptimizerLearningRate(this.model.optimizer, event.newLr);
    this.lr = event.newLr;
    this.changes.push(event);
    this.options.onLrChange?.(event);
    this.options.log?.(`step ${event.step} (epoch ${event.epoch}): ${event.reason}`);
  }

  private drain(): void {
    const messages = this.controller.drainMessages?.() ?? [];
    for (const m of messages) this.options.log?.(m);
  }
}

/** Adapts an LrController (e.g. `createSchedulerController('step')`, or the doctor) to a tfjs `model.fit` callback. */
export function lrControllerCallback(controller: LrController, options: LrControllerCallbackOptions = {}): LrControllerCallback {
  return new LrControllerCallback(controller, options);
}
