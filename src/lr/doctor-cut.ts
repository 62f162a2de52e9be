/**
 * The `doctor` schedule's one cut: the new LR (`cutTarget`), what a cut resets (`applyCut`), and
 * the decision with its reason line (`cutLr`). Every rule that cuts goes through `cutLr`.
 */
import type { LrDecision } from './controller.js';
import type { Diagnosis } from '../detect/types.js';
import { num, xValue } from '../numbers.js';
import type { DoctorSettings } from './doctor-options.js';
import type { DoctorRun } from './doctor-run.js';

/**
 * The LR after a cut: `decayFactor` times the current one, rounded to 12 significant digits (so
 * 0.1 x 0.1 is 0.01, not 0.010000000000000002), never below `minLr`; null when that changes the
 * LR by no more than `eps` (already at `minLr`).
 *
 * @example
 *   cutTarget({ decayFactor: 0.1, minLr: 0, eps: 1e-8 }, 0.1); // => 0.01
 *   cutTarget({ decayFactor: 0.1, minLr: 0.5, eps: 1e-8 }, 0.5); // => null
 */
export function cutTarget(s: Pick<DoctorSettings, 'decayFactor' | 'minLr' | 'eps'>, currentLr: number): number | null {
  const newLr = Math.max(s.minLr, Number((currentLr * s.decayFactor).toPrecision(12)));
  return currentLr - newLr > s.eps ? newLr : null;
}

/** A cut's reason line: "step 5,630: <why>; lr 0.1 -> 0.01". */
export function cutReason(step: number, why: string, oldLr: number, newLr: number): string {
  return `step ${xValue(step)}: ${why}; lr ${num(oldLr)} -> ${num(newLr)}`;
}

/** The message instead of a cut when the LR is already at `minLr`. */
export function atMinLrMessage(step: number, why: string, currentLr: number, minLr: number): string {
  return `doctor: step ${xValue(step)}: ${why}; lr ${num(currentLr)} is already at --min-lr ${num(minLr)}, no cut`;
}

/** What a cut at `step` resets: the streaks, the cooldown's start, the detector's and the gap rule's reference epoch, the LR. */
export function applyCut(run: DoctorRun, step: number, newLr: number): void {
  run.lastCutStep = step;
  run.plateauStreak = 0;
  run.stuckStreak = 0;
  const epoch = Math.max(run.stepsPerEpoch ? Math.ceil(step / run.stepsPerEpoch) : run.lastEpoch, run.lastEpoch);
  run.detector?.noteLrChange(epoch);
  run.gap.lastCutEpoch = epoch;
  run.gap.lastKind = null;
  run.lr = newLr;
}

/**
 * Cuts the LR (see `cutTarget`): the decision with `why` in its reason and `evidence` (plus the
 * step). At `minLr` there is no decision, only a message, and the cooldown starts so that the
 * message is not repeated every step.
 */
export function cutLr(run: DoctorRun, step: number, why: string, evidence: Record<string, unknown>, currentLr: number, verdict?: Diagnosis['verdict']): LrDecision | undefined {
  const newLr = cutTarget(run.settings, currentLr);
  if (newLr === null) {
    run.messages.push(atMinLrMessage(step, why, currentLr, run.settings.minLr));
    run.lastCutStep = step;
    return undefined;
  }
  applyCut(run, step, newLr);
  return { lr: newLr, reason: cutReason(step, why, currentLr, newLr), ...(verdict ? { verdict } : {}), evidence: { step, ...evidence } };
}

/** A cut on a detector verdict: its summary (plus `why`) as the reason, its evidence, its verdict. */
export function cutOnVerdict(run: DoctorRun, step: number, d: Diagnosis, why: string, currentLr: number): LrDecision | undefined {
  return cutLr(run, step, `${d.summary}${why}`, { verdict: d.verdict, summary: d.summary, ...(d.evidence ?? {}) }, currentLr, d.verdict);
}
