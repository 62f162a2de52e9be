/**
 * The doctor's cut rule on measured benefit (issue 12): the weight-average gap.
 *
 * The trainer keeps an exponential moving average θ̄ of the weights (horizon about one epoch) and
 * reports, after each epoch, G = L(θ) - L(θ̄) with a 95% interval over the validation examples
 * (or a fixed probe of training images): `EpochRecord.average.gap`. Averaging the iterates acts
 * like decaying the LR, so G estimates what a cut would buy now, net of the progress the
 * average's lag gives up. G < 0: the weights still lead their own average (progress dominates);
 * G clearly above a few percent of L(θ̄): the LR's noise costs more than the drift gains.
 *
 * The rule, over the epochs run at the current LR (the first full epoch after a cut left out: the
 * average still holds the old LR's iterates):
 *
 * 1. the gap's interval, relative to L(θ̄), lies above `gapThreshold` (3%) in each of the last
 *    `confirmations` (2) epochs;
 * 2. the remaining progress at the current LR, forecast from the averaged curve to the run's last
 *    epoch, is smaller than the gap (the smallest of those epochs'). A cut buys about the gap once
 *    (the weights settle near their average) and slows what progress is left; not cutting keeps
 *    the progress and the noise. The forecast: the Theil-Sen slope s of ln L(θ̄) per epoch over
 *    the last up to 5 of the epochs judged (at least 3), continued as a power law of the epochs
 *    trained (L ∝ t^-α with α = -s·t at epoch t, so a slope fades as 1/t), which gives a fall of
 *    1 - (T/t)^-α by the last epoch T (T = 2t when the run's length is unknown). When the averaged
 *    loss falls beyond doubt (Sen's interval below 0) and the forecast fall exceeds the gap,
 *    progress continues: no cut;
 * 3. the training-loss trend over the same epochs is quoted, not gated on: slopes do not separate
 *    runs where a cut helps from runs where it hurts (issue 12).
 *
 * Decided from typed numbers (`judgeAverageGap`), explained at the edge (`explainAverageGap`).
 */
import { theilSen } from '../detect/stats/theil-sen.js';
import { num, pct, withSign, xValue } from '../numbers.js';
import type { AverageGap } from '../logs/run-log.js';

export const averageGapDefaults = {
  /** A cut needs the gap's 95% interval above this fraction of L(θ̄). */
  gapThreshold: 0.03,
} as const;

/** At most this many of the latest epochs feed the forecast's slope. */
export const FORECAST_WINDOW = 5;
/** At least this many epochs at the current LR before the forecast (and a cut) can be judged. */
export const FORECAST_MIN_POINTS = 3;

/** One epoch as the rule sees it (validation or probe fields only, never test). */
export interface GapObservation {
  epoch: number;
  trainLoss: number;
  gap: AverageGap;
}

export interface GapRuleOptions {
  gapThreshold: number;
  confirmations: number;
}

/** The gap of one epoch, absolute and relative to the averaged loss L(θ̄). */
export interface GapNumbers {
  epoch: number;
  mean: number;
  low: number;
  high: number;
  averagedLoss: number;
  relative: number;
  relLow: number;
  relHigh: number;
  source: AverageGap['source'];
  examples: number;
}

/** A Theil-Sen trend of ln(loss) per epoch with Sen's 95% interval (relative change per epoch). */
export interface EpochTrend {
  from: number;
  to: number;
  points: number;
  perEpoch: number;
  low: number;
  high: number;
}

/** What the averaged curve says about staying at the current LR until the end of the run. */
export interface GapForecast {
  /** The averaged loss L(θ̄) per epoch. */
  trend: EpochTrend;
  /** The epoch judged (t) and the run's last epoch (T; 2t when unknown). */
  epoch: number;
  lastEpoch: number;
  /** Expected relative fall of L(θ̄) from t to T at the current LR (positive: it falls), as a power law: 1 - (T/t)^(s t). */
  fall: number;
  /** The gap the fall is compared with: the smallest relative gap of the last `confirmations` epochs. */
  gap: number;
  /** The averaged loss falls beyond doubt and the forecast fall exceeds the gap: keep the LR. */
  continues: boolean;
}

interface Judged {
  gap: GapNumbers;
  threshold: number;
}

export type GapJudgement =
  /** The gap's interval is below the threshold: a cut would buy less than the threshold (or the weights lead their average). */
  | (Judged & { kind: 'below' })
  /** The interval holds the threshold: not clearly above. */
  | (Judged & { kind: 'unclear' })
  /** Above the threshold, but fewer than FORECAST_MIN_POINTS epochs at this LR to forecast from. */
  | (Judged & { kind: 'too_early'; points: number; needed: number })
  /** Above the threshold, but the averaged curve still falls faster than the gap: progress continues. */
  | (Judged & { kind: 'progress'; forecast: GapForecast; train: EpochTrend | null })
  /** Above the threshold, no progress forecast to wait for, but not yet `confirmations` epochs in a row. */
  | (Judged & { kind: 'confirming'; streak: number; needed: number; forecast: GapForecast; train: EpochTrend | null })
  /** Cut: above the threshold for `confirmations` epochs, progress does not outweigh the gap. */
  | (Judged & { kind: 'cut'; streak: number; forecast: GapForecast; train: EpochTrend | null });

export function gapNumbers(o: GapObservation): GapNumbers {
  const { mean, low, high, averagedLoss, source, examples } = o.gap;
  const scale = Math.abs(averagedLoss);
  return { epoch: o.epoch, mean, low, high, averagedLoss, relative: mean / scale, relLow: low / scale, relHigh: high / scale, source, examples };
}

/** Theil-Sen trend of ln(values) per epoch over the given epochs, or null with fewer than 3 usable points. */
export function epochTrend(epochs: readonly number[], values: readonly number[]): EpochTrend | null {
  const keep = epochs.map((_, i) => i).filter((i) => Number.isFinite(values[i]) && values[i] > 0);
  if (keep.length < 3) return null;
  const xs = keep.map((i) => epochs[i]);
  const t = theilSen(xs, keep.map((i) => Math.log(values[i])));
  if (!t) return null;
  const rel = (s: number) => Math.expm1(s);
  return { from: xs[0], to: xs[xs.length - 1], points: xs.length, perEpoch: rel(t.slope), low: rel(t.low), high: rel(t.high) };
}

/**
 * The fall of the averaged loss expected from epoch t to the last epoch T at the current LR: the
 * log-slope s per epoch continued as a power law of the epochs trained, 1 - (T/t)^(s·t).
 *
 * @example forecastFall(-0.02, 10, 30); // => 0.199 (-2%/epoch at epoch 10 fades to -0.67%/epoch by 30)
 */
export function forecastFall(perEpoch: number, t: number, T: number): number {
  if (!(T > t) || !(t > 0)) return 0;
  return -Math.expm1(Math.log1p(perEpoch) * t * Math.log(T / t));
}

/**
 * Judges the latest epoch of `history` (the epochs run at the current LR, oldest first, the first
 * full epoch after a cut left out) in a run whose last epoch is `lastEpoch` (0: unknown).
 *
 * @example
 *   // gap +6% of L(θ̄) (interval +5..+7%) two epochs running, averaged loss flat: cut
 *   judgeAverageGap(history, 30, { gapThreshold: 0.03, confirmations: 2 }).kind; // => 'cut'
 */
export function judgeAverageGap(history: readonly GapObservation[], lastEpoch: number, o: GapRuleOptions): GapJudgement {
  const last = history[history.length - 1];
  if (!last) throw new RangeError('judgeAverageGap: no epoch to judge');
  const gap = gapNumbers(last);
  const threshold = o.gapThreshold;
  const base = { gap, threshold };
  if (!(gap.relLow > threshold)) return { ...base, kind: gap.relHigh <= threshold ? 'below' : 'unclear' };
  if (history.length < FORECAST_MIN_POINTS) return { ...base, kind: 'too_early', points: history.length, needed: FORECAST_MIN_POINTS };
  const recent = history.slice(-FORECAST_WINDOW);
  const epochs = recent.map((h) => h.epoch);
  const trend = epochTrend(epochs, recent.map((h) => h.gap.averagedLoss));
  if (!trend) return { ...base, kind: 'too_early', points: 0, needed: FORECAST_MIN_POINTS };
  let streak = 0;
  for (let i = history.length - 1; i >= 0 && gapNumbers(history[i]).relLow > threshold; i--) streak++;
  const judged = history.slice(-Math.min(streak, o.confirmations)).map((h) => gapNumbers(h).relative);
  const t = last.epoch;
  const T = lastEpoch > 0 ? lastEpoch : 2 * t;
  const fall = forecastFall(trend.perEpoch, t, T);
  const smallest = Math.min(...judged);
  const forecast: GapForecast = { trend, epoch: t, lastEpoch: T, fall, gap: smallest, continues: trend.high < 0 && fall > smallest };
  const train = epochTrend(epochs, recent.map((h) => h.trainLoss));
  if (streak < o.confirmations) return { ...base, kind: 'confirming', streak, needed: o.confirmations, forecast, train };
  if (forecast.continues) return { ...base, kind: 'progress', forecast, train };
  return { ...base, kind: 'cut', streak, forecast, train };
}

const signedNum = (v: number) => withSign(v, num(v));

function gapText(g: GapNumbers): string {
  const where = g.source === 'validation' ? 'validation' : 'training-image probe';
  return `weight-average gap ${signedNum(g.mean)} (95% CI ${signedNum(g.low)}..${signedNum(g.high)}, ${xValue(g.examples)} ${where} examples) = ${pct(g.relative, true)}% of the averaged loss ${num(g.averagedLoss)} (${pct(g.relLow, true)}..${pct(g.relHigh, true)}%)`;
}

/** "-0.40%/epoch (95% CI -1.2..+0.30) over epoch 5..9". */
export function epochTrendText(t: EpochTrend): string {
  return `${pct(t.perEpoch, true)}%/epoch (95% CI ${pct(t.low, true)}..${pct(t.high, true)}) over epoch ${t.from}..${t.to}`;
}

function forecastText(f: GapForecast): string {
  return `averaged loss ${epochTrendText(f.trend)}, forecast ${pct(-f.fall, true)}% from epoch ${f.epoch} to ${f.lastEpoch} at this LR (power law)`;
}

/** How the forecast compares with the gap, in words its own numbers never contradict. */
function forecastVerdict(f: GapForecast): string {
  const gap = `the gap (${pct(f.gap, true)}%)`;
  if (f.continues) return `more than ${gap}`;
  if (f.fall <= f.gap) return `less than ${gap}`;
  return `more than ${gap}, but the trend's interval holds 0 (no evidence that progress continues)`;
}

/** One clause with every number the judgement used. */
export function explainAverageGap(j: GapJudgement): string {
  const g = gapText(j.gap);
  const thr = `${pct(j.threshold)}%`;
  const train = (t: EpochTrend | null) => (t ? `; training loss ${epochTrendText(t)}` : '');
  switch (j.kind) {
    case 'below':
      return j.gap.relHigh < 0
        ? `${g}: the weights still lead their own average (progress outruns the LR's noise): keep the LR`
        : `${g}: below the ${thr} a cut needs: keep the LR`;
    case 'unclear':
      return `${g}: not clearly above the ${thr} a cut needs (the interval holds it): keep the LR`;
    case 'too_early':
      return `${g}: above ${thr}, but only ${j.points} epoch${j.points === 1 ? '' : 's'} at this LR to forecast from (${j.needed} needed): keep the LR for now`;
    case 'progress':
      return `${g}, above ${thr}; but progress continues: ${forecastText(j.forecast)}, ${forecastVerdict(j.forecast)}${train(j.train)}: keep the LR`;
    case 'confirming':
      return `${g}, above ${thr} (${j.streak} of ${j.needed} epochs in a row); ${forecastText(j.forecast)}, ${forecastVerdict(j.forecast)}${train(j.train)}`;
    case 'cut':
      return `${g}, above ${thr} for ${j.streak} epochs in a row; ${forecastText(j.forecast)}, ${forecastVerdict(j.forecast)}${train(j.train)}: a cut is expected to help`;
  }
}
