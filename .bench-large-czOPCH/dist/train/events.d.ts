import type { EpochRecord, LrChangeEvent, RunMeta, StepRecord } from '../logs/run-log.js';
/**
 * What one run (in this thread or a worker) tells the command that writes its run directory.
 * Events of a run arrive in order; `steps` come in blocks.
 */
export type RunEvent = {
    kind: 'start';
    run: string;
    meta: RunMeta;
} | {
    kind: 'steps';
    run: string;
    steps: StepRecord[];
} | {
    kind: 'epoch';
    run: string;
    record: EpochRecord;
} | {
    kind: 'lr-change';
    run: string;
    event: LrChangeEvent;
} | {
    kind: 'message';
    run: string;
    text: string;
} | {
    kind: 'end';
    run: string;
    meta: RunMeta;
};
/**
 * A serialisable description of one run (it crosses into worker threads).
 * Defaults are the seed pipeline's.
 */
export interface RunPlan {
    /** Unique name of the run within the invocation (also its directory name). */
    name: string;
    /** Schedule name as given to `--schedules`. */
    schedule: string;
    /** The schedule's own options (stepSize, gamma, milestones, patience, factor, ...). */
    scheduleOptions: Record<string, unknown>;
    seed: number;
    /** Default 10. */
    epochs: number;
    /** Default 0.01. */
    lr: number;
    /** Default 64. */
    batchSize: number;
    /** Training images held out for validation, chosen by the seed. Default 5000. */
    valSize: number;
    dataset: 'mnist' | 'fashion-mnist';
    /** Where to look for (or download) the IDX files. Default './data'. */
    dataDir: string;
    /** Default 'auto': tensorflow, then wasm, then cpu. */
    backend: 'auto' | 'tensorflow' | 'wasm' | 'cpu';
}
