import type { RunMeta } from '../logs/run-log.js';
import { type PrepareOptions } from './batches.js';
import { type Dataset } from './data/datasets.js';
import type { RunEvent, RunPlan } from './events.js';
import type { LrController } from '../lr/controller.js';
export interface ComparisonOptions {
    /** Runs trained at the same time, each in its own worker thread. Default `os.availableParallelism()`; 1 trains in this thread, one run after another. */
    jobs?: number;
    /** Receives every run's events; events of one run arrive in order, runs interleave. */
    emit: (event: RunEvent) => void;
    /** Aborting interrupts every running run after its current step; runs not started yet are skipped. */
    signal?: AbortSignal;
    /**
     * Builds a run's LR controller from its plan, for runs trained in this thread (jobs 1).
     * Worker threads always use `createController` from src/schedules.ts (functions cannot
     * cross threads). Default: that same `createController`.
     */
    createController?: (schedule: string, options: Record<string, unknown>) => LrController;
    /** Human-readable lines while loading data sets (which files, downloads, fallbacks). */
    log?: (line: string) => void;
    /** Already loaded data sets by plan.dataset (skips loading them). */
    datasets?: Partial<Record<RunPlan['dataset'], Dataset>>;
    /** Train and test on only the first N images (tests, benchmarks). Default: all. */
    limit?: PrepareOptions['limit'];
}
/**
 * Trains several plans (schedules x seeds) and returns the final RunMeta of every run that
 * started, in plan order.
 *
 * Each data set is read once in this thread; each (data set, valSize, seed) is normalised
 * and split once, into SharedArrayBuffers that every worker reads without copying. With
 * `jobs` > 1, runs go to a pool of worker threads, each with its own tfjs backend instance
 * (wasm runs single-threaded in Node, so one run per core is how the cores get used).
 * Results do not depend on `jobs`: a run's numbers depend only on its plan.
 *
 * A diverged run ends with status 'diverged' and the others go on. An error in a run (a bad
 * schedule option, a backend that cannot load) interrupts the others, lets them flush, and
 * is then thrown.
 */
export declare function runComparison(plans: readonly RunPlan[], options: ComparisonOptions): Promise<RunMeta[]>;
