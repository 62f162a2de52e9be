/**
 * The `doctor` schedule after each optimizer step: the step's loss goes to the detector and the
 * stuck tracker (`feedStep`); on a fresh assessment, a confirmed `plateau` (`plateauRule`) or
 * `stuck` (`stuckRule`) may cut.
 */
import type { LrDecision } from './controller.js';
import type { Assessment } from '../detect/assess.js';
import type { Diagnosis } from '../detect/types.js';
import { xValue } from '../numbers.js';
import { closeWindow, explainStuck, judgeStuck, noteStuckCut, observeStuckStep } from './stuck.js';
import { cutOnVerdict } from './doctor-cut.js';
import { ensureDetector, inCooldown, inGapMode, noteVerdict, type DoctorRun } from './doctor-run.js';

/** What one step told the doctor. */
export interface StepFeed {
  diagnosis: Diagnosis;
  /** The detector's train-loss assessment (plateau start etc.). */
  assessment: Assessment | null;
  /** A new assessment (a block completed): only then do the step rules look. */
  fresh: boolean;
}

/**
 * Feeds one step's loss: the detector, the stuck tracker (and, at the middle of epoch 1, the
 * first window of the epoch-level bouncing check), the verdict-change message.
 */
export function feedStep(run: DoctorRun, step: number, loss: number, currentLr: number): StepFeed {
  run.lr = currentLr;
  run.lastStep = step;
  const det = ensureDetector(run);
  const diagnosis = det.update(step, loss);
  const assessment = det.assessment;
  const fresh = assessment !== run.lastAssessment;
  run.lastAssessment = assessment;
  observeStuckStep(run.stuck, loss);
  const spe = run.stepsPerEpoch;
  if (spe && spe >= 4 && step === Math.floor(spe / 2)) closeWindow(run.stuck, 0.5, run.classes, run.settings);
  noteVerdict(run, step, diagnosis);
  return { diagnosis, assessment, fresh };
}

/** Counts consecutive fresh assessments with the same verdict (`plateau`, `stuck`). */
export function countStreaks(run: DoctorRun, verdict: Diagnosis['verdict']): void {
  run.plateauStreak = verdict === 'plateau' ? run.plateauStreak + 1 : 0;
  run.stuckStreak = verdict === 'stuck' ? run.stuckStreak + 1 : 0;
}

/** The step rules: after `feedStep`, a fresh assessment outside the cooldown may cut on a confirmed plateau or stuck. */
export function doctorStep(run: DoctorRun, step: number, loss: number, currentLr: number): LrDecision | undefined {
  const { diagnosis: d, assessment, fresh } = feedStep(run, step, loss, currentLr);
  if (!fresh) return undefined;
  countStreaks(run, d.verdict);
  if (inCooldown(run, step)) return undefined;
  if (d.verdict === 'plateau' && run.plateauStreak >= run.settings.confirmations && !inGapMode(run)) return plateauRule(run, step, d, assessment?.plateauStart ?? null, currentLr);
  if (d.verdict === 'stuck' && run.stuckStreak >= run.settings.confirmations) return stuckRule(run, step, d, currentLr);
  return undefined;
}

/** A confirmed plateau: cut, unless the flat stretch began before the last cut (that cut restarted nothing). */
export function plateauRule(run: DoctorRun, step: number, d: Diagnosis, plateauStart: number | null, currentLr: number): LrDecision | undefined {
  if (run.lastCutStep !== null && plateauStart !== null && plateauStart <= run.lastCutStep) return undefined;
  return cutOnVerdict(run, step, d, '', currentLr);
}

/** A confirmed `stuck`: dead (say so once, never cut) or bouncing (trial cuts, then more only while each helped). */
export function stuckRule(run: DoctorRun, step: number, d: Diagnosis, currentLr: number): LrDecision | undefined {
  const { stuck, settings } = run;
  if (stuck.dead) return undefined;
  const level = d.evidence?.level ?? stuck.ema ?? Number.NaN;
  const j = judgeStuck(stuck, level, settings);
  if (j.kind === 'dead') {
    stuck.dead = true;
    run.messages.push(`doctor: step ${xValue(step)}: ${d.summary}; ${explainStuck(j)}; no cut`);
    return undefined;
  }
  if (j.cut === null && run.stuckCuts >= settings.maxStuckCuts) return undefined;
  const decision = cutOnVerdict(run, step, d, ` (${explainStuck(j)})`, currentLr);
  if (decision) {
    run.stuckCuts++;
    noteStuckCut(stuck, step, currentLr, decision.lr, level);
    decision.evidence = { ...decision.evidence, stuck: j };
  }
  return decision;
}
