/**
 * The diagnosis of a training/validation pair: is the model overfitting (validation best at b
 * and risen since, while training still falls), past its useful training (validation flat while
 * training falls: a widening generalization gap), still improving, or on a plateau? A pure
 * decision over the two curves on one x axis (one point per evaluation), returning typed numbers;
 * src/detect/pair-explain.ts builds the sentences from them.
 *
 * Every claim rests on a Theil-Sen trend of ln(loss) with Sen's distribution-free interval over a
 * whole segment (all points after the validation minimum, or every point of a flat stretch),
 * which keeps its power on short series (15-100 evaluations) where a recent-window fit has little.
 */
import { theilSen } from './stats/theil-sen.js';
import { mannKendall } from './stats/mann-kendall.js';
import { noiseStd } from './stats/noise.js';
import type { TrendEstimate } from './types.js';
import { heldLrJumps } from './lr-schedule.js';

export type PairKind = 'overfitting' | 'generalization_gap' | 'both_descending' | 'both_plateau' | 'val_falls_train_flat' | 'diverging' | 'insufficient_data';

export interface PairInput {
  x: 'step' | 'epoch' | 'time';
  /** One x per evaluation, increasing. */
  xs: readonly number[];
  /** Validation loss per evaluation. */
  val: readonly number[];
  /** Training loss over the interval ending at each evaluation. */
  train: readonly number[];
  /** Training LR per evaluation, when logged. */
  lrs?: readonly number[];
  stepsPerEpoch?: number;
}

export interface PairOptions {
  /** Fewer finite evaluations: insufficient_data. Default 5. */
  minPoints?: number;
  /**
   * Points after the validation minimum needed to test a rise. Default 5: below that, Sen's
   * normal-approximation interval can exclude 0 where the exact test (all k! orders) does not.
   */
  minAfterBest?: number;
  /** Overfitting: the fitted line after the best must rise by this fraction (and twice the relative noise). Default 0.03. */
  minRise?: number;
  /** Flat: the trend's interval within ±this per 10% of the run (the detector's plateauRate). Default 0.02. */
  plateauRate?: number;
  /** A flat validation stretch covers at least this fraction of the evaluations (and 5 of them). Default 0.2. */
  minFlatFraction?: number;
  /** The LR is annealed when its last value is below this fraction of its peak. Default 0.1. */
  annealedFraction?: number;
  confidence?: number;
}

const DEFAULTS: Required<PairOptions> = { minPoints: 5, minAfterBest: 5, minRise: 0.03, plateauRate: 0.02, minFlatFraction: 0.2, annealedFraction: 0.1, confidence: 0.95 };

/** A trend over a segment of evaluations [from, to] (x values), with Sen's interval and the Mann-Kendall p-value. */
export interface SegmentTrend {
  from: number;
  to: number;
  points: number;
  /** Relative change per epoch (when epochs are known) or per 10% of the run. */
  trend: TrendEstimate;
  /** The same per 10% of the run (the unit of `plateauRate`). */
  per10: TrendEstimate;
  /** Two-sided Mann-Kendall p-value (Hamed-Rao corrected). */
  mannKendallP: number;
  /** Fitted level at the segment's start and end. */
  startLevel: number;
  endLevel: number;
}

export interface PairDiagnosis {
  kind: PairKind;
  x: 'step' | 'epoch' | 'time';
  /** Finite evaluations used. */
  points: number;
  /** The validation minimum: where to stop / which checkpoint to keep. */
  best: { at: number; val: number; train: number } | null;
  last: { at: number; val: number; train: number } | null;
  /** Validation now vs its best, relative (0.25 = 25% worse). */
  lostSinceBest: number | null;
  /** Start of the stretch over which validation no longer improves (generalization_gap, both_plateau). */
  stalledSince: number | null;
  /** The validation and training trends the kind rests on (over the same segment). */
  valTrend: SegmentTrend | null;
  trainTrend: SegmentTrend | null;
  /** The training loss falls over that segment (interval below -plateauRate / 4 per 10% of the run). */
  trainFalls: boolean | null;
  /** generalization_gap: validation's trend minus training's over the stretch (interval above 0: the gap widens). */
  gapTrend?: TrendEstimate;
  /** Validation minus training loss at the segment's start and at the end (fitted levels). */
  gap: { start: number; end: number } | null;
  /** Robust point-to-point noise of the validation loss, relative to its best. */
  valNoise: number | null;
  /** Early stopping with this patience (evaluations without a new best) would have kept the best. */
  patience: number | null;
  /** The training LR at its peak and at the end, when logged. */
  lr: { peak: number; last: number; annealed: boolean } | null;
  /** x of the first non-finite loss (diverging). */
  nonFiniteAt: number | null;
  thresholds: Record<string, number>;
}

/**
 * Diagnoses a training/validation pair. Order: non-finite or too few points; a significant rise
 * of the validation loss over every point after its minimum (Sen's interval above 0, and a fitted
 * rise of at least max(minRise, 2 x noise)) -> overfitting (diverging when the training loss
 * rises too); else the earliest stretch (>= minFlatFraction of the points) over which the
 * validation loss does not fall significantly: generalization_gap when the training loss falls
 * significantly faster there (intervals apart), both_plateau when both are flat within
 * ±plateauRate per 10% of the run; no such stretch (validation still falling): both_descending or
 * val_falls_train_flat; anything the intervals cannot separate: insufficient_data.
 *
 * @example diagnosePair({ x: 'epoch', xs, val, train }).kind; // => 'overfitting' for a U-shaped validation curve
 */
export function diagnosePair(input: PairInput, options: PairOptions = {}): PairDiagnosis {
  const o = { ...DEFAULTS, ...options };
  const thresholds = { minPoints: o.minPoints, minAfterBest: o.minAfterBest, minRise: o.minRise, plateauRatePer10pct: o.plateauRate, minFlatFraction: o.minFlatFraction, confidence: o.confidence, maxSegmentPoints: MAX_POINTS };
  const base: PairDiagnosis = { kind: 'insufficient_data', x: input.x, points: 0, best: null, last: null, lostSinceBest: null, stalledSince: null, valTrend: null, trainTrend: null, trainFalls: null, gap: null, valNoise: null, patience: null, lr: lrState(input.lrs, o.annealedFraction), nonFiniteAt: null, thresholds };
  const len = Math.min(input.xs.length, input.val.length, input.train.length);
  const nonFiniteAt = blowUp(input, len);
  if (nonFiniteAt !== null) return { ...base, kind: 'diverging', nonFiniteAt };
  const keep = Array.from({ length: len }, (_, i) => i).filter((i) => Number.isFinite(input.val[i]) && Number.isFinite(input.train[i]) && input.val[i] > 0 && input.train[i] > 0);
  const xs = keep.map((i) => input.xs[i]);
  const val = keep.map((i) => input.val[i]);
  const train = keep.map((i) => input.train[i]);
  const n = xs.length;
  let b = 0;
  for (let i = 1; i < n; i++) if (val[i] < val[b]) b = i;
  const seen = n === 0 ? {} : { best: { at: xs[b], val: val[b], train: train[b] }, last: { at: xs[n - 1], val: val[n - 1], train: train[n - 1] } };
  if (n < o.minPoints || !(xs[n - 1] > xs[0])) return { ...base, ...seen, points: n };
  const common: PairDiagnosis = {
    ...base,
    points: n,
    best: { at: xs[b], val: val[b], train: train[b] },
    last: { at: xs[n - 1], val: val[n - 1], train: train[n - 1] },
    lostSinceBest: val[n - 1] / val[b] - 1,
    valNoise: noiseStd(val) / val[b],
  };
  // Trends run on ln(loss), on means of consecutive evaluations when there are more than MAX_POINTS
  // (Theil-Sen is quadratic); the best stays the raw minimum, the checkpoint one would keep.
  const k = Math.ceil(n / MAX_POINTS);
  const curves: Curves = { xs: binMeans(xs, k), val: binMeans(val.map(Math.log), k), train: binMeans(train.map(Math.log), k), best: Math.floor(b / k) };
  const units = trendUnits(input, xs[n - 1] - xs[0]);
  const judge: Judge = {
    o,
    curves,
    regimeFrom: regimeStart(input.lrs, keep, k, curves.xs.length, minFlatPoints(curves.xs.length, o)),
    trendOf: (ys, from, to = ys.length) => segmentTrend(curves.xs, ys, from, to, units, o.confidence)!,
    falls: (t) => t.per10.high < -o.plateauRate / 4,
    rises: (t) => t.per10.low > 0 && t.endLevel / t.startLevel - 1 >= o.minRise,
    patience: patienceFor(n, b),
  };
  return judgeOverfitting(judge, common) ?? judgeDescending(judge, common) ?? judgeFlat(judge, common);
}

/** Above this many evaluations, trends use means of consecutive evaluations. */
const MAX_POINTS = 200;

interface Curves {
  xs: number[];
  /** ln of the losses. */
  val: number[];
  train: number[];
  /** Index of the validation minimum. */
  best: number;
}

/** What the three judgements share. */
interface Judge {
  o: Required<PairOptions>;
  curves: Curves;
  /**
   * Index (in `curves`) of the first evaluation after the last discrete LR cut, when one leaves at
   * least minFlat evaluations after it (else 0): trends of the current regime never span a cut,
   * whose drop would read as progress (ReduceLROnPlateau's staircase).
   */
  regimeFrom: number;
  trendOf: (ys: number[], from: number, to?: number) => SegmentTrend;
  /** Falls: faster than a quarter of plateauRate with confidence (a significant but negligible fall, e.g. a flat curve's chance tilt, is not progress). */
  falls: (t: SegmentTrend) => boolean;
  /** Rises: significantly, and the fitted line by at least minRise. */
  rises: (t: SegmentTrend) => boolean;
  patience: number;
}

function gapOf(v: SegmentTrend, t: SegmentTrend): { start: number; end: number } {
  return { start: v.startLevel - t.startLevel, end: v.endLevel - t.endLevel };
}

/**
 * Overfitting: every point after the minimum (the minimum itself left out: it is the lowest by
 * selection) rises significantly, and the fitted line by more than max(minRise, 2 x noise).
 * Diverging when the training loss rises too.
 */
function judgeOverfitting(j: Judge, common: PairDiagnosis): PairDiagnosis | null {
  const { curves: c, o } = j;
  const n = c.xs.length;
  if (n - 1 - c.best < o.minAfterBest) return null;
  const valAfter = j.trendOf(c.val, c.best + 1);
  // The rise of the fitted line across the segment (not against the minimum, which is biased low).
  const rise = valAfter.endLevel / valAfter.startLevel - 1;
  if (!(valAfter.per10.low > 0 && rise >= Math.max(o.minRise, 2 * (common.valNoise ?? 0)))) return null;
  const trainAfter = j.trendOf(c.train, c.best);
  const trainRose = j.rises(trainAfter);
  return { ...common, kind: trainRose ? 'diverging' : 'overfitting', valTrend: valAfter, trainTrend: trainAfter, trainFalls: j.falls(trainAfter), gap: gapOf(valAfter, trainAfter), patience: trainRose ? null : j.patience };
}

/**
 * Still falling: validation falls over the last half of the evaluations, over the last 8 (short
 * series: more power than a half of 5), or over the last minFlat; training falls over the same
 * stretch or over its last minFlat evaluations (a jump, e.g. YOLO's close_mosaic, can hide a fall
 * over a longer one). At most three stretches are tried.
 */
function judgeDescending(j: Judge, common: PairDiagnosis): PairDiagnosis | null {
  const { curves: c, o } = j;
  const n = c.xs.length;
  const half = recentFrom(n, o);
  const short = n - minFlatPoints(n, o);
  const starts = [...new Set([half, Math.max(0, Math.min(half, n - 8)), short].map((f) => Math.max(f, j.regimeFrom)))];
  const from = starts.find((f) => j.falls(j.trendOf(c.val, f)));
  if (from === undefined) return null;
  const valRecent = j.trendOf(c.val, from);
  let trainRecent = j.trendOf(c.train, from);
  if (!j.falls(trainRecent) && j.falls(j.trendOf(c.train, short))) trainRecent = j.trendOf(c.train, short);
  const found = { ...common, valTrend: valRecent, trainTrend: trainRecent, trainFalls: j.falls(trainRecent), gap: gapOf(valRecent, trainRecent) };
  if (j.falls(trainRecent)) return { ...found, kind: 'both_descending' };
  if (within(trainRecent, o.plateauRate)) return { ...found, kind: 'val_falls_train_flat' };
  return { ...found, kind: 'insufficient_data' };
}

/** Start of the last half of n evaluations, keeping at least minFlat of them. */
function recentFrom(n: number, o: Required<PairOptions>): number {
  return Math.max(0, Math.min(n - minFlatPoints(n, o), Math.floor(n / 2)));
}

function minFlatPoints(n: number, o: Required<PairOptions>): number {
  return Math.min(n, Math.max(5, Math.ceil(o.minFlatFraction * n)));
}

/**
 * Validation not falling over the last half: the earliest stretch (at least minFlat points) over
 * which it does not fall, its start moved on past the tail of the fall. generalization_gap when
 * training falls there faster than validation (intervals apart), both_plateau when validation is
 * flat within ±plateauRate and training does not fall.
 */
function judgeFlat(j: Judge, common: PairDiagnosis): PairDiagnosis {
  const { curves: c, o } = j;
  const n = c.xs.length;
  const half = Math.max(recentFrom(n, o), j.regimeFrom);
  const minFlat = minFlatPoints(n, o);
  let s = half;
  for (let i = j.regimeFrom; i < half; i++) {
    if (!j.falls(j.trendOf(c.val, i))) {
      s = i;
      break;
    }
  }
  // The stretch's head may still hold the end of the fall (the whole-window interval averages it
  // with the flat part): move the start on while its first minFlat points fall faster than
  // plateauRate (Theil-Sen estimate), as long as the rest still does not fall.
  while (s + 1 < half && j.trendOf(c.val, s, s + minFlat).per10.relative < -o.plateauRate && !j.falls(j.trendOf(c.val, s + 1))) s++;
  const valFlat = j.trendOf(c.val, s);
  const trainFlat = j.trendOf(c.train, s);
  const found = { ...common, stalledSince: c.xs[s], valTrend: valFlat, trainTrend: trainFlat, trainFalls: j.falls(trainFlat), gap: gapOf(valFlat, trainFlat) };
  const widening = gapTrend(valFlat, trainFlat);
  if (j.falls(trainFlat) && widening.low > 0) return { ...found, gapTrend: widening, kind: 'generalization_gap', patience: j.patience };
  if (j.rises(trainFlat)) return { ...found, kind: 'diverging' };
  // Both flat within ±plateauRate (the equivalence test of a series plateau), even when training
  // still falls significantly but slowly inside that band.
  if (within(valFlat, o.plateauRate) && (!j.falls(trainFlat) || within(trainFlat, o.plateauRate))) return { ...found, kind: 'both_plateau' };
  return { ...found, kind: 'insufficient_data' };
}

/**
 * x of the first non-finite loss after finite ones, or with no finite one after it (the run blew
 * up there); a NaN before the first value, followed by finite ones, is a logging artefact. Else null.
 */
function blowUp(input: PairInput, len: number): number | null {
  const finite = (i: number) => Number.isFinite(input.val[i]) && Number.isFinite(input.train[i]);
  let seenFinite = false;
  for (let i = 0; i < len; i++) {
    if (finite(i)) {
      seenFinite = true;
      continue;
    }
    let after = false;
    for (let k = i + 1; k < len && !after; k++) after = finite(k);
    if (seenFinite || !after) return input.xs[i];
  }
  return null;
}

/**
 * The first evaluation (index into the binned curves) after the last discrete LR cut (lr-schedule.ts
 * `heldLrJumps`: 1.5x or more down, held for two evaluations before and after, so a StepLR or
 * ReduceLROnPlateau cut, never a continuous schedule), when at least `minFlat` binned evaluations
 * follow; else 0.
 * `keep` maps kept evaluations to input indices, `k` is the bin size.
 */
function regimeStart(lrs: readonly number[] | undefined, keep: readonly number[], k: number, binned: number, minFlat: number): number {
  if (!lrs) return 0;
  const kept = keep.map((i) => lrs[i]);
  const cuts = heldLrJumps(kept, kept.length).filter((i) => kept[i] < kept[i - 1]);
  if (cuts.length === 0) return 0;
  const cut = cuts[cuts.length - 1];
  const from = Math.ceil(cut / k);
  return binned - from >= minFlat ? from : 0;
}

/** Means of consecutive groups of k values (k = 1: a copy). */
function binMeans(ys: readonly number[], k: number): number[] {
  if (k <= 1) return ys.slice();
  const out: number[] = [];
  for (let i = 0; i < ys.length; i += k) {
    const group = ys.slice(i, i + k);
    out.push(group.reduce((a, b) => a + b, 0) / group.length);
  }
  return out;
}

/**
 * How fast the gap widens: validation's relative trend minus training's, with a 95% interval whose
 * half-width combines the two (independent estimates; the curves' shared noise, if any, only
 * narrows the true interval).
 */
function gapTrend(v: SegmentTrend, t: SegmentTrend): TrendEstimate {
  const diff = v.trend.relative - t.trend.relative;
  const half = Math.hypot((v.trend.high - v.trend.low) / 2, (t.trend.high - t.trend.low) / 2);
  return { relative: diff, low: diff - half, high: diff + half, unit: v.trend.unit };
}

/** The trend's whole interval within ±rate per 10% of the run (an equivalence test: flat). */
function within(t: SegmentTrend, rate: number): boolean {
  return t.per10.low > -rate && t.per10.high < rate;
}

/** Units for trends: per epoch when epochs are known and the run spans two or more, else per 10% of the run. */
function trendUnits(input: PairInput, span: number): { per10: number; report: number | null } {
  const epoch = input.x === 'epoch' ? 1 : input.x === 'step' && input.stepsPerEpoch ? input.stepsPerEpoch : null;
  return { per10: 0.1 * span, report: epoch !== null && 2 * epoch <= span ? epoch : null };
}

function segmentTrend(xs: readonly number[], ln: readonly number[], from: number, to: number, units: { per10: number; report: number | null }, confidence: number): SegmentTrend | null {
  const ts = theilSen(xs, ln, confidence, from, to);
  if (!ts) return null;
  const rel = (slope: number, unit: number) => Math.expm1(slope * unit);
  const per10: TrendEstimate = { relative: rel(ts.slope, units.per10), low: rel(ts.low, units.per10), high: rel(ts.high, units.per10), unit: '10%' };
  const trend: TrendEstimate = units.report === null ? per10 : { relative: rel(ts.slope, units.report), low: rel(ts.low, units.report), high: rel(ts.high, units.report), unit: 'epoch' };
  const mk = mannKendall(ln.slice(from, to));
  return {
    from: xs[from],
    to: xs[to - 1],
    points: to - from,
    trend,
    per10,
    mannKendallP: mk ? mk.p : 1,
    startLevel: Math.exp(ts.intercept + ts.slope * xs[from]),
    endLevel: Math.exp(ts.intercept + ts.slope * xs[to - 1]),
  };
}

/**
 * A patience for early stopping that would have kept this run's best: a tenth of the
 * evaluations (at least 2), but no more than the evaluations that followed the best.
 */
function patienceFor(n: number, best: number): number {
  const after = n - 1 - best;
  return Math.max(1, Math.min(after, Math.max(2, Math.round(0.1 * n))));
}

function lrState(lrs: readonly number[] | undefined, annealedFraction: number): PairDiagnosis['lr'] {
  const finite = (lrs ?? []).filter((v) => Number.isFinite(v) && v > 0);
  if (finite.length === 0) return null;
  const peak = Math.max(...finite);
  const last = finite[finite.length - 1];
  return { peak, last, annealed: last < annealedFraction * peak };
}
