import type { RunLog } from '../logs/run-log.js';
/** When an LR change took effect: after an epoch ended (schedulers), or between two steps of an epoch (the doctor). */
export type LrChangeTiming = {
    kind: 'after-epoch';
    epoch: number;
} | {
    kind: 'during-epoch';
    epoch: number;
    step: number;
};
/**
 * Tells, for a run's LR changes, which happened at the end of an epoch and which during one: a
 * change is during its epoch when the run logged a later step of that epoch. (epochs.csv's `lr`
 * is the LR the epoch was trained with, so a change during an epoch shows there only from the
 * next row; the report says when it really happened.)
 */
export declare function lrChangeTimings(log: Pick<RunLog, 'steps' | 'lrChanges'>): LrChangeTiming[];
/** "after epoch 5" / "during epoch 1 (step 593)". */
export declare function describeLrChangeTiming(t: LrChangeTiming): string;
/**
 * A run's LR changes in a few words: "none", "2 (after epochs 5, 8)", or, when any happened
 * during an epoch, "2: during epoch 1 (step 593), after epoch 5".
 */
export declare function describeLrChanges(timings: readonly LrChangeTiming[]): string;
