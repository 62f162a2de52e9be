/**
 * The `doctor` schedule after each epoch, in this order: the epoch's train and validation loss
 * (never test fields) go to the detector and its averaged-weights numbers to the gap memory
 * (`feedEpoch`); the epoch-level bouncing check (`bouncingRule`); then, in gap mode, the averaged
 * weights' overfitting (`averagedOverfittingRule`) and the weight-average gap (`averageGapRule`),
 * else the raw validation loss's overfitting (`validationRule`).
 */
import type { LrDecision } from './controller.js';
import type { EpochRecord } from '../logs/run-log.js';
import type { Diagnosis } from '../detect/types.js';
import { closeWindow, explainWindow, noteStuckCut } from './stuck.js';
import { explainAverageGap, judgeAverageGap } from './average-gap.js';
import { explainAveragedOverfitting, judgeAveragedOverfitting } from './averaged-overfitting.js';
import { cutLr, cutOnVerdict } from './doctor-cut.js';
import { ensureDetector, inCooldown, inGapMode, noteVerdict, type DoctorRun } from './doctor-run.js';

/** The epoch rules: the first that decides wins. */
export function doctorEpoch(run: DoctorRun, record: EpochRecord): LrDecision | undefined {
  run.lastEpoch = record.epoch;
  if (Number.isFinite(record.lr)) run.lr = record.lr;
  const d = feedEpoch(run, record);
  const bouncing = bouncingRule(run, record.epoch, run.lr);
  if (bouncing) return bouncing;
  if (inGapMode(run)) return averagedOverfittingRule(run, record.epoch, run.lr) ?? averageGapRule(run, record.epoch, run.lr);
  return validationRule(run, record.epoch, d, run.lr);
}

/** Feeds one epoch: train and validation loss to the detector (the test set must never steer the LR), the averaged weights' numbers to the gap memory. */
export function feedEpoch(run: DoctorRun, record: EpochRecord): Diagnosis {
  const d = ensureDetector(run).observeEpoch({ epoch: record.epoch, trainLoss: record.trainLoss, valLoss: record.valLoss, valAccuracy: record.valAccuracy });
  noteVerdict(run, run.lastStep, d);
  observeAverage(run, record);
  return d;
}

/** Keeps the epoch's averaged-weights numbers (validation or probe fields only). */
export function observeAverage(run: DoctorRun, record: EpochRecord): void {
  const avg = record.average;
  const g = avg?.gap;
  if (g && [g.mean, g.low, g.high, g.averagedLoss].every(Number.isFinite) && g.averagedLoss > 0 && Number.isFinite(record.trainLoss)) {
    run.gap.history.push({ epoch: record.epoch, trainLoss: record.trainLoss, gap: { ...g } });
  }
  if (avg && avg.valLoss !== null && Number.isFinite(avg.valLoss) && Number.isFinite(record.trainLoss)) {
    run.gap.averaged.push({ epoch: record.epoch, trainLoss: record.trainLoss, avgValLoss: avg.valLoss });
  }
}

/** The epoch-level bouncing check (stuck.ts closeWindow): far above any useful loss and not falling. */
export function bouncingRule(run: DoctorRun, epoch: number, currentLr: number): LrDecision | undefined {
  const { stuck, settings } = run;
  const j = closeWindow(stuck, epoch, run.classes, settings);
  if (j.kind === 'learning' || stuck.dead) return undefined;
  const text = explainWindow(j);
  if (j.kind === 'dead') {
    stuck.dead = true;
    run.messages.push(`doctor: epoch ${epoch}: ${text}; no cut`);
    return undefined;
  }
  if (inCooldown(run, run.lastStep) || (run.gap.epochs > 0 && epoch >= run.gap.epochs)) return undefined;
  if (stuck.lastCut === null && run.stuckCuts >= settings.maxStuckCuts) return undefined; // trial cuts used up (0: never)
  const decision = cutLr(run, run.lastStep, `after epoch ${epoch}: ${text}`, { rule: 'bouncing', epoch, summary: text, bouncing: j }, currentLr, 'stuck');
  if (decision) {
    run.stuckCuts++;
    noteStuckCut(stuck, run.lastStep, currentLr, decision.lr, j.level, epoch);
  }
  return decision;
}

/** Gap mode: real overfitting of the averaged weights: advice once per best; with earlyStop, the stop decision. */
export function averagedOverfittingRule(run: DoctorRun, epoch: number, currentLr: number): LrDecision | undefined {
  const o = ensureDetector(run).options;
  const pair = judgeAveragedOverfitting(run.gap.averaged, { minAfterBest: o.valWindow, minRise: o.valMinDelta, plateauRate: o.plateauRate, confidence: o.confidence });
  if (!pair || run.gap.overfitBest === pair.best!.at) return undefined;
  run.gap.overfitBest = pair.best!.at;
  // After the last epoch there is nothing left to stop: advice only (the run ends anyway).
  const stopping = run.settings.earlyStop && (run.gap.epochs === 0 || epoch < run.gap.epochs);
  const text = explainAveragedOverfitting(pair, stopping);
  if (!stopping) {
    run.messages.push(`doctor: epoch ${epoch}: ${text}`);
    return undefined;
  }
  const evidence = { rule: 'averaged_overfitting', epoch, summary: text, pair };
  return { lr: currentLr, reason: `epoch ${epoch}: ${text}`, verdict: 'overfitting', evidence, stop: { keepEpoch: pair.best!.at, weights: 'averaged' } };
}

/** Gap mode: the weight-average gap rule (average-gap.ts) on the epochs since the last cut; a message when its judgement changes. */
export function averageGapRule(run: DoctorRun, epoch: number, currentLr: number): LrDecision | undefined {
  const { gap, settings } = run;
  const since = gap.lastCutEpoch === null ? 0 : gap.lastCutEpoch + 1;
  const history = gap.history.filter((h) => h.epoch > since);
  if (history.length === 0 || history[history.length - 1].epoch !== epoch) return undefined;
  const j = judgeAverageGap(history, gap.epochs, settings);
  const text = explainAverageGap(j);
  if (j.kind !== 'cut' || inCooldown(run, run.lastStep)) {
    if (j.kind !== gap.lastKind) run.messages.push(`doctor: epoch ${epoch}: ${text}`);
    gap.lastKind = j.kind;
    return undefined;
  }
  return cutLr(run, run.lastStep, `after epoch ${epoch}: ${text}`, { rule: 'average_gap', epoch, summary: text, averageGap: j }, currentLr);
}

/** Without averaged weights: `overfitting` of the raw validation loss cuts, again only after a new best since the last such cut. */
export function validationRule(run: DoctorRun, epoch: number, d: Diagnosis, currentLr: number): LrDecision | undefined {
  if (!run.settings.useValidation || d.verdict !== 'overfitting' || inCooldown(run, run.lastStep)) return undefined;
  const val = ensureDetector(run).validationStatus();
  if (run.lastValCutEpoch !== null && val && val.bestEpoch <= run.lastValCutEpoch) return undefined; // no new best since the last cut
  const decision = cutOnVerdict(run, run.lastStep, d, ` (after epoch ${epoch}; early stopping would keep epoch ${val!.bestEpoch})`, currentLr);
  if (decision) run.lastValCutEpoch = epoch;
  return decision;
}
