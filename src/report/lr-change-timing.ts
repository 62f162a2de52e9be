import { xValue } from '../numbers.js';
import type { LrChangeEvent, RunLog } from '../logs/run-log.js';

/** When an LR change took effect: after an epoch ended (schedulers), or between two steps of an epoch (the doctor). */
export type LrChangeTiming = { kind: 'after-epoch'; epoch: number } | { kind: 'during-epoch'; epoch: number; step: number };

/**
 * Tells, for a run's LR changes, which happened at the end of an epoch and which during one: a
 * change is during its epoch when the run logged a later step of that epoch. (epochs.csv's `lr`
 * is the LR the epoch was trained with, so a change during an epoch shows there only from the
 * next row; the report says when it really happened.)
 */
export function lrChangeTimings(log: Pick<RunLog, 'steps' | 'lrChanges'>): LrChangeTiming[] {
  const lastStepOfEpoch = new Map<number, number>();
  for (const s of log.steps) if (s.step > (lastStepOfEpoch.get(s.epoch) ?? -Infinity)) lastStepOfEpoch.set(s.epoch, s.step);
  return log.lrChanges.map((c: LrChangeEvent) => {
    const last = lastStepOfEpoch.get(c.epoch);
    return last !== undefined && c.step < last ? { kind: 'during-epoch', epoch: c.epoch, step: c.step } : { kind: 'after-epoch', epoch: c.epoch };
  });
}

/** "after epoch 5" / "during epoch 1 (step 593)". */
export function describeLrChangeTiming(t: LrChangeTiming): string {
  return t.kind === 'after-epoch' ? `after epoch ${t.epoch}` : `during epoch ${t.epoch} (step ${xValue(t.step)})`;
}

/**
 * A run's LR changes in a few words: "none", "2 (after epochs 5, 8)", or, when any happened
 * during an epoch, "2: during epoch 1 (step 593), after epoch 5".
 */
export function describeLrChanges(timings: readonly LrChangeTiming[]): string {
  if (timings.length === 0) return 'none';
  if (timings.every((t) => t.kind === 'after-epoch')) {
    return `${timings.length} (after epoch${timings.length === 1 ? '' : 's'} ${timings.map((t) => t.epoch).join(', ')})`;
  }
  return `${timings.length}: ${timings.map(describeLrChangeTiming).join(', ')}`;
}
