import type { LossSeries } from './loss-log.js';
/** How to treat an x counter that goes back (a resumed run, or runs appended to one file). */
export type RestartMode = 'auto' | 'split' | 'stitch';
/**
 * Points of one series as a reader collected them, before cleaning: a LossSeries whose xs may
 * go back, repeat or be missing (NaN) and whose `lrs` may have gaps (NaN), plus where each
 * point came from.
 */
export interface RawSeries extends LossSeries {
    /** 1-based source line (or record) of each point, for notes. */
    lines?: number[];
    /** What `lines` counts, for notes: 'line' (default), 'row', 'record', 'entry'. */
    lineUnit?: string;
}
export interface BuildSeriesOptions {
    /** Default 'auto': stitch when the loss after the restart continues from where it was, split when it starts over. */
    restarts?: RestartMode;
    /**
     * The file's runs (several runs appended to one text log), so that every series of the file
     * is split at the same restarts, the same way, and names its runs by the file's run numbers.
     */
    plan?: RunPlan;
}
/**
 * What the file says between two points of a series (source lines `before` and `at`) about a
 * restart there: a new run was started (`split`), a run was resumed (`stitch`), or nothing.
 */
export type RestartEvidence = (before: number, at: number) => 'split' | 'stitch' | undefined;
/** The runs of one file, decided once from its main series (see `planRuns`). */
export interface RunPlan {
    /** How many runs the file holds. */
    count: number;
    /**
     * The file's decision at a restart of a series whose points go from source line `before` to
     * `at`: the restart of the main series in the same gap, or undefined when it has none there.
     */
    restartAt(before: number, at: number): {
        mode: 'split' | 'stitch';
        run: number;
    } | undefined;
    /** The 1-based run of the file that source line `line` belongs to. */
    runOf(line: number): number;
    /** Where run `run` is in the file, for notes: "lines 37-72". */
    where(run: number): string;
}
/**
 * Cleans one raw series into one or more LossSeries: drops points without an x, keeps the
 * last of several points that share an x, and handles x counters that go back (split into
 * runs, or stitched into one run by offsetting x), recording each decision in `notes`.
 */
export declare function buildSeries(raw: RawSeries, options?: BuildSeriesOptions): LossSeries[];
/**
 * The runs of a file, from its main series (the one with most points): where its counter
 * restarts, split or stitch is decided once (as `buildSeries` would), and every other series
 * of the file follows that decision at a restart of its own in the same gap.
 * Undefined when the main series never restarts.
 */
export declare function planRuns(main: RawSeries, mode?: RestartMode, evidence?: RestartEvidence): RunPlan | undefined;
/** Replaces each non-finite entry by the last finite one before it (leading ones stay NaN). */
export declare function forwardFill(values: readonly number[]): number[];
/** Forward-fills NaN entries, and back-fills leading ones from the first known value. */
export declare function fillGaps(values: number[]): number[];
/**
 * Optimizer steps per epoch from the first and last rows that have both a step and an epoch
 * (paired by index); undefined when the epoch does not advance by at least 1 or the step does not grow.
 * estimateStepsPerEpoch([100, 200, 300], [1, 2, 3]); // => 100
 */
export declare function estimateStepsPerEpoch(steps: readonly number[], epochs: readonly number[]): number | undefined;
