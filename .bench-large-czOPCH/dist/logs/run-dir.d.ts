import type { EpochRecord, LrChangeEvent, RunLog, RunMeta, StepRecord } from './run-log.js';
/**
 * A plateau-doctor run directory:
 *
 *   RUN/steps.csv   step,epoch,loss,lr             one row per optimizer step, appended as training goes
 *   RUN/epochs.csv  epoch,train_loss,val_loss,val_accuracy,test_loss,test_accuracy,lr,seconds
 *   RUN/run.json    RunMeta plus `lrChanges`, rewritten atomically after every epoch and at the end
 *
 * An output directory holds one RUN per schedule and seed, and `summary.json`.
 */
export declare const STEPS_HEADER = "step,epoch,loss,lr";
export declare const EPOCHS_HEADER = "epoch,train_loss,val_loss,val_accuracy,test_loss,test_accuracy,lr,seconds";
/** Appends a run's log to its directory as events arrive; every write lands on disk at once. */
export declare class RunDirWriter {
    readonly dir: string;
    private meta;
    private readonly lrChanges;
    constructor(dir: string, meta: RunMeta);
    appendSteps(steps: readonly StepRecord[]): void;
    appendEpoch(r: EpochRecord): void;
    addLrChange(event: LrChangeEvent): void;
    /** Replaces the metadata (e.g. the final one) and rewrites run.json. */
    updateMeta(meta: RunMeta): void;
    get currentMeta(): RunMeta;
    get changes(): readonly LrChangeEvent[];
    private writeMeta;
}
/** One entry of `summary.json`. */
export interface RunSummaryEntry {
    name: string;
    dir: string;
    schedule: string;
    seed: number;
    status: string;
    final: {
        test_accuracy: number | null;
        test_loss: number | null;
        train_loss: number | null;
        val_loss: number | null;
    };
    lr_changes: number;
    lr_change_epochs: number[];
    samples_per_second: number;
    seconds: number;
    backend: string;
}
export declare function summaryEntry(log: {
    meta: RunMeta;
    lrChanges: readonly LrChangeEvent[];
}, dir: string): RunSummaryEntry;
/** Writes `summary.json` (atomically) for an output directory. */
export declare function writeSummary(outDir: string, entries: RunSummaryEntry[], extra?: Record<string, unknown>): void;
/** Reads one run directory (RUN/run.json, steps.csv, epochs.csv) back into a RunLog. */
export declare function readRunDir(dir: string): RunLog;
/**
 * Reads a run directory, or an output directory holding several (every subdirectory with
 * a run.json, in summary.json order when there is one, else by name).
 */
export declare function readRunDirs(dir: string): RunLog[];
