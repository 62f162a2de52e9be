import type { RunMeta } from '../logs/run-log.js';
import { type SelectedBackend } from './backend.js';
import { type TrainingData } from './batches.js';
import { type Dataset } from './data/datasets.js';
import type { RunEvent, RunPlan } from './events.js';
import type { LrController } from '../lr/controller.js';
export interface TrainRunOptions {
    /** Sets the LR: a wrapped scheduler, the detector's `doctor`, or a constant. */
    controller: LrController;
    /** Receives the run's events, in order (see RunEvent). */
    emit: (event: RunEvent) => void;
    /** Aborting finishes the current step, flushes the logged steps and ends the run as 'interrupted'. */
    signal?: AbortSignal;
    /** A flag another thread sets (to non-zero) to interrupt the run, checked after every step. */
    abortFlag?: Int32Array;
    /** Prepared data (normalised, split); skips loading. Must match the plan's valSize and seed. */
    data?: TrainingData;
    /** A loaded data set to prepare; used when `data` is absent. Default: load `plan.dataset` from `plan.dataDir`. */
    dataset?: Dataset;
    /** An already selected backend. Default: `selectBackend(plan.backend)`. */
    backend?: SelectedBackend;
    /** Steps per 'steps' event. Default 100 (also flushed at every epoch end and LR change). */
    stepBlock?: number;
    /** Human-readable lines while loading the data set (which files, downloads, fallbacks). */
    log?: (line: string) => void;
}
/** Validates the numbers of a plan; throws a PlateauDoctorError naming the option. */
export declare function checkPlan(plan: RunPlan): void;
/**
 * Trains the seed's SimpleNN for one plan and reports everything through `emit`:
 * 'start' (RunMeta with config, backend, versions, data set), 'steps' blocks (every step's
 * batch loss and the LR it used), 'lr-change' when the controller returns a decision,
 * 'epoch' after each epoch's evaluation (validation when valSize > 0, and test), 'message',
 * and 'end' with the final RunMeta (status completed, interrupted or diverged).
 *
 * LR control: `controller.onStep(step, loss, lr)` sees every step's loss right after the
 * step (the loss is computed on the CPU from the batch's logits, so no extra synchronisation
 * is needed on wasm/cpu); a decision applies from the next step. `controller.onEpoch(record)`
 * runs after the epoch's evaluation; its decision applies from the next epoch's first step,
 * and the epoch record's `lr` is the LR its last step used.
 *
 * Determinism: initial weights come from `Rng(seed)`, the data order from its own stream
 * (`EpochBatches`), so runs with the same seed are identical until their LRs differ.
 */
export declare function trainRun(plan: RunPlan, options: TrainRunOptions): Promise<RunMeta>;
