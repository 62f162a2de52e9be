/**
 * The doctor's two kinds of `stuck` (issue 12). A loss flat at chance level (or flat from the
 * start) is either
 *
 * - `dead`: no gradient reaches the weights (dead ReLUs, saturated units). The loss is pinned: its
 *   step-to-step noise is ~0, or an LR cut changed nothing. No cut can revive it: a lower initial LR
 *   or another initialisation can.
 * - `bouncing`: the LR is so high that every step throws the weights back to where the loss sits
 *   near ln C. The batch losses stay noisy, and a cut lowers the loss. Cuts are repeated while each
 *   one lowered the loss, and stop at the first that did not.
 *
 * Decided from typed numbers (`judgeStuck`), explained at the edge (`explainStuck`).
 */
import { num, pct, xValue } from '../numbers.js';

export const stuckDefaults = {
  /** Step-to-step relative noise below this: the loss is pinned (dead). */
  deadNoise: 1e-4,
  /** A cut helped when the smoothed loss fell this fraction below its level at the cut. */
  responseDrop: 0.03,
  /** The epoch-level bouncing check: a window's mean loss above this fraction of ln C that is not falling. >= 1 leaves only loss above chance; large values switch it off. */
  bouncingLevel: 0.6,
} as const;

/** Smoothing of the step losses (about 50 steps) for the response to a cut. */
const EMA_ALPHA = 0.02;
/** Steps needed before the noise estimate is trusted. */
const MIN_NOISE_STEPS = 50;

/** Plain JSON, kept in the doctor's state dict. */
export interface StuckTrackerState {
  prev: number | null;
  /** Exponentially weighted mean of the squared relative step-to-step change. */
  sq: number;
  steps: number;
  /** Smoothed loss. */
  ema: number | null;
  /** The last cut made on `stuck`: where, the level it cut at, the lowest smoothed loss since. */
  lastCut: { step: number; oldLr: number; newLr: number; level: number; lowest: number; window?: number } | null;
  /** Once dead, always dead: the doctor says so once and never cuts on `stuck` again. */
  dead: boolean;
  /** The current window of step losses (the first half of epoch 1, its second half, then whole epochs): sum and count. */
  window: { sum: number; count: number };
  /** The previous window: its mean step loss, the epoch it ended (0.5: the middle of epoch 1), its centre and its number of steps. */
  previous: { mean: number; at: number; centre: number; count: number } | null;
}

export function newStuckTracker(): StuckTrackerState {
  return { prev: null, sq: 0, steps: 0, ema: null, lastCut: null, dead: false, window: { sum: 0, count: 0 }, previous: null };
}

/** Adds one step's (finite) loss. */
export function observeStuckStep(s: StuckTrackerState, loss: number): void {
  if (!Number.isFinite(loss)) return;
  if (s.prev !== null && s.prev !== 0) {
    const rel = (loss - s.prev) / Math.abs(s.prev);
    s.sq = s.steps === 1 ? rel * rel : s.sq + EMA_ALPHA * (rel * rel - s.sq);
  }
  s.prev = loss;
  s.steps++;
  s.window.sum += loss;
  s.window.count++;
  s.ema = s.ema === null ? loss : s.ema + EMA_ALPHA * (loss - s.ema);
  if (s.lastCut) s.lastCut.lowest = Math.min(s.lastCut.lowest, s.ema);
}

/** Step-to-step noise of the batch losses as a fraction of the level (RMS of relative changes / sqrt 2). */
export function stepNoise(s: StuckTrackerState): number {
  return Math.sqrt(s.sq / 2);
}

export type StuckJudgement =
  /** Noise ~0: nothing moves the weights. */
  | { kind: 'dead'; cause: 'pinned'; noise: number; deadNoise: number; level: number }
  /** The last cut did not lower the loss. */
  | { kind: 'dead'; cause: 'no_response'; noise: number; cut: NonNullable<StuckTrackerState['lastCut']>; drop: number; responseDrop: number }
  /** Noisy near the stuck level: a (first, trial) cut may revive it, or the last cut lowered the loss. */
  | { kind: 'bouncing'; noise: number; level: number; cut: NonNullable<StuckTrackerState['lastCut']> | null; drop: number | null; responseDrop: number };

/** Judges a confirmed `stuck` at `level` (the flat level the detector found). */
export function judgeStuck(s: StuckTrackerState, level: number, o: { deadNoise: number; responseDrop: number }): StuckJudgement {
  const noise = stepNoise(s);
  if (s.steps >= MIN_NOISE_STEPS && noise < o.deadNoise) return { kind: 'dead', cause: 'pinned', noise, deadNoise: o.deadNoise, level };
  const cut = s.lastCut;
  if (cut === null) return { kind: 'bouncing', noise, level, cut: null, drop: null, responseDrop: o.responseDrop };
  const drop = 1 - cut.lowest / cut.level;
  if (drop < o.responseDrop) return { kind: 'dead', cause: 'no_response', noise, cut: { ...cut }, drop, responseDrop: o.responseDrop };
  return { kind: 'bouncing', noise, level, cut: { ...cut }, drop, responseDrop: o.responseDrop };
}

/** Records a cut made on `stuck` at the given level. */
export function noteStuckCut(s: StuckTrackerState, step: number, oldLr: number, newLr: number, level: number, window?: number): void {
  s.lastCut = { step, oldLr, newLr, level, lowest: s.ema ?? level, ...(window === undefined ? {} : { window }) };
}

/** One clause for the doctor's reason or message, with the numbers the judgement used. */
export function explainStuck(j: StuckJudgement): string {
  const noise = `step noise ${pct(j.noise)}% of level`;
  const cutText = (c: NonNullable<StuckTrackerState['lastCut']>, drop: number) =>
    `the cut at step ${xValue(c.step)} (lr ${num(c.oldLr)} -> ${num(c.newLr)}) took the smoothed loss from ${num(c.level)} to ${num(c.lowest)} at lowest (${pct(-drop, true)}%)`;
  if (j.kind === 'dead' && j.cause === 'pinned') {
    return `dead: the loss is pinned at ${num(j.level)} (${noise}, under ${pct(j.deadNoise)}%): no gradient moves the weights, so no LR cut can revive it; restart with a lower initial LR or another initialisation`;
  }
  if (j.kind === 'dead') {
    return `dead: ${cutText(j.cut, j.drop)}, less than the ${pct(j.responseDrop)}% a revival needs (${noise}): further cuts will not revive it; restart with a lower initial LR (e.g. ${num(j.cut.newLr)}) or another initialisation`;
  }
  if (j.cut === null) return `bouncing: the loss stays noisy near its stuck level ${num(j.level)} (${noise}), as when the LR is too high; a trial cut, repeated only while each cut lowers the loss by ${pct(j.responseDrop)}% or more`;
  return `bouncing: ${cutText(j.cut, j.drop!)} (at least ${pct(j.responseDrop)}% needed) and it is stuck again (${noise}): cutting again`;
}

/**
 * No learning far above a loss that means anything (the epoch-level bouncing check): the mean
 * step loss of a window (the second half of epoch 1, then each epoch) is still above
 * `bouncingLevel` (default 0.6) of ln C and fell less than `responseDrop` per epoch from the window before
 * (half of it across the two halves of epoch 1). A run
 * that learns at any sane LR is far below that after its first half epoch; a run whose LR is too
 * high bounces there for epochs and often dies (MNIST lr 0.3: pinned at ln 10 from epoch 7 on one
 * seed). Judged at each window's end, so a cut comes at epoch 1 instead of after the detector's
 * `stuck` (which needs a flat stretch of several epochs). A cut made at the previous window's end
 * that lowered the loss less than `responseDrop` means dead: no more cuts.
 */

export type WindowJudgement =
  | { kind: 'learning' }
  | { kind: 'bouncing' | 'dead'; level: number; previous: number; at: number; chance: number; fraction: number; progress: number; responseDrop: number; noise: number; afterCut: boolean };

/** Closes the current window (at the middle of epoch 1, `at` 0.5, or at an epoch end) and judges it. */
export function closeWindow(s: StuckTrackerState, at: number, classes: number, o: { responseDrop: number; deadNoise: number; bouncingLevel: number }): WindowJudgement {
  const w = s.window;
  s.window = { sum: 0, count: 0 };
  const prev = s.previous;
  const level = w.count > 0 ? w.sum / w.count : Number.NaN;
  const centre = ((prev?.at ?? 0) + at) / 2;
  if (Number.isFinite(level)) s.previous = { mean: level, at, centre, count: w.count };
  if (!(classes >= 2) || prev === null || !Number.isFinite(level) || !(prev.mean > 0)) return { kind: 'learning' };
  const chance = Math.log(classes);
  const progress = 1 - level / prev.mean;
  // `responseDrop` is progress per epoch, scaled by the distance between the windows' centres
  // (half an epoch between the halves of epoch 1, 0.75 from its second half to epoch 2).
  const needed = o.responseDrop * Math.min(1, centre - prev.centre);
  if (w.count < MIN_NOISE_STEPS || prev.count < MIN_NOISE_STEPS || level < o.bouncingLevel * chance || progress >= needed) return { kind: 'learning' };
  const afterCut = s.lastCut !== null && s.lastCut.window === prev.at;
  const noise = stepNoise(s);
  const pinned = s.steps >= MIN_NOISE_STEPS && noise < o.deadNoise;
  return { kind: afterCut || pinned ? 'dead' : 'bouncing', level, previous: prev.mean, at, chance, fraction: level / chance, progress, responseDrop: needed, noise, afterCut };
}

/** One clause with the numbers of a window judgement (not 'learning'). */
export function explainWindow(j: Exclude<WindowJudgement, { kind: 'learning' }>): string {
  const where = j.at === 1 ? 'the second half of epoch 1' : `epoch ${j.at}`;
  const head = `mean loss ${num(j.level)} over ${where}, ${pct(j.fraction)}% of chance level ln C = ${num(j.chance)}, ${pct(-j.progress, true)}% from the window before (${num(j.previous)}; ${pct(j.responseDrop)}% is progress)`;
  if (j.kind === 'dead' && j.afterCut) return `dead: ${head}: the last cut did not revive it; further cuts will not; restart with a lower initial LR or another initialisation`;
  if (j.kind === 'dead') return `dead: ${head}, step noise ${pct(j.noise)}% of level: no gradient moves the weights; restart with a lower initial LR or another initialisation`;
  return `bouncing: ${head}, step noise ${pct(j.noise)}% of level: the LR is too high for this model to learn; cutting, and again while each cut lowers the loss`;
}
