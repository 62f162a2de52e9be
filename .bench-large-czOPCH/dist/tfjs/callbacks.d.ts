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
import type { LrChangeEvent } from '../logs/run-log.js';
import type { LrController } from '../lr/controller.js';
import { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from '../lr/schedulers.js';
/** The optimizer's current learning rate (SGD, momentum, Adam, RMSProp, ... all report it in getConfig). */
export declare function getOptimizerLearningRate(optimizer: unknown): number;
/**
 * Sets a tfjs optimizer's learning rate: `setLearningRate()` where it exists (SGD, momentum),
 * else the `learningRate` field the others read on every update (Adam, RMSProp, Adagrad, ...).
 */
export declare function setOptimizerLearningRate(optimizer: unknown, lr: number): void;
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
export declare class ReduceLROnPlateauCallback extends tf.Callback {
    readonly monitorKey: string;
    /** The scheduler (created at the first onTrainBegin from the optimizer's LR). */
    scheduler: ReduceLROnPlateau | undefined;
    /** Every LR change made so far. */
    readonly changes: {
        epoch: number;
        oldLr: number;
        newLr: number;
        reason: string;
    }[];
    private readonly schedulerOptions;
    private readonly log;
    private readonly resetOnTrainBegin;
    private warnedFallback;
    /** Batches done over all fit() calls (the step an LR change is logged at). */
    private step;
    constructor(options?: ReduceLROnPlateauCallbackOptions);
    onTrainBegin(): Promise<void>;
    onBatchEnd(): Promise<void>;
    onEpochEnd(epoch: number, logs?: Record<string, unknown>): Promise<void>;
}
/**
 * PyTorch's ReduceLROnPlateau as a tfjs `model.fit` callback: after each epoch it reads
 * `val_loss` (or `loss` without validation data, or `options.monitor`) from the epoch logs,
 * steps the scheduler and sets the optimizer's LR when it drops. Options and defaults are
 * PyTorch's (mode 'min', factor 0.1, patience 10, threshold 1e-4 rel, cooldown 0, minLr 0, eps 1e-8).
 */
export declare function reduceLROnPlateau(options?: ReduceLROnPlateauCallbackOptions): ReduceLROnPlateauCallback;
export interface LrControllerCallbackOptions {
    /** Receives each LR change as it happens (step = batches done so far over the whole fit). */
    onLrChange?: (event: LrChangeEvent) => void;
    /** Receives the controller's messages and one line per LR change. Default: ignore. */
    log?: (line: string) => void;
}
/**
 * Drives an LrController from tfjs `model.fit`: `start` at train begin (initial LR from the
 * optimizer, steps per epoch from fit's params, classes from the model's output), `onStep`
 * after every batch with the batch loss, and `onEpoch` after every epoch with an EpochRecord
 * built from the epoch logs (`loss`, `val_loss`, `val_acc`; test fields are NaN, fit has no
 * test set). Each decision sets the optimizer's LR from the next batch on.
 */
export declare class LrControllerCallback extends tf.Callback {
    readonly controller: LrController;
    /** Every LR change made so far. */
    readonly changes: LrChangeEvent[];
    private readonly options;
    private lr;
    private step;
    private epochStarted;
    private currentEpoch;
    constructor(controller: LrController, options?: LrControllerCallbackOptions);
    onTrainBegin(): Promise<void>;
    onEpochBegin(epoch: number): Promise<void>;
    onBatchEnd(_batch: number, logs?: Record<string, unknown>): Promise<void>;
    onEpochEnd(epoch: number, logs?: Record<string, unknown>): Promise<void>;
    private apply;
    private drain;
}
/** Adapts an LrController (e.g. `createSchedulerController('step')`, or the doctor) to a tfjs `model.fit` callback. */
export declare function lrControllerCallback(controller: LrController, options?: LrControllerCallbackOptions): LrControllerCallback;
