/**
 * The detector's public vocabulary, shared by the online detector, offline segmentation,
 * the `doctor` schedule, `analyze` and the report. Owned by src/detect; other modules only
 * import these types and the functions of the module they need.
 */

import type { LrScheduleReading } from './lr-schedule.js';

/** Every verdict, in the order the docs list them (`--fail-on` accepts these). */
export const VERDICTS = ['insufficient_data', 'warmup', 'descending', 'plateau', 'stuck', 'diverging', 'overfitting'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** A trend with its confidence interval, as a relative change of the loss level per unit. */
export interface TrendEstimate {
  /** e.g. -0.065 = falling 6.5% per unit. */
  relative: number;
  /** 95% interval of `relative`. */
  low: number;
  high: number;
  /**
   * 'epoch' when steps per epoch are known and two epochs have been seen, else '10%' (per 10% of
   * the elapsed x, or of the planned run), or 'x' (per `per` units of x) when that 10% would be
   * longer than the window the trend was fitted on.
   */
  unit: 'epoch' | '10%' | 'x';
  /** With unit 'x': the number of x units the change is over, e.g. 20 (steps). */
  per?: number;
  /** With unit 'x': what x counts. */
  x?: 'step' | 'epoch' | 'time';
}

/** Numbers behind a verdict, so a user can check it. x values are in the series' own units. */
/** A relative difference (0.65 = 65% above) with its confidence interval. */
export interface RelativeInterval {
  relative: number;
  low: number;
  high: number;
}

export interface Evidence {
  /** The window of points the verdict is based on. */
  window: { start: number; end: number; points: number };
  trend: TrendEstimate;
  /** Point-to-point noise as a fraction of the current level (robust std / level). */
  noise: number;
  /** Current smoothed level of the loss. */
  level: number;
  /** level / level at the start of the series. */
  levelRelStart: number;
  /** Where the flat stretch begins, for 'plateau' and 'stuck'. */
  plateauStart?: number;
  /** Where the fast drop ends, when found. */
  knee?: number;
  /** Thresholds the decision used, by name. */
  thresholds: Record<string, number>;
  /**
   * How `trend` was estimated: 'ols' (default when absent: least squares on ln level with an
   * autocorrelation-widened interval) or 'theil-sen' (used for a curve that falls at every block,
   * where a line fitted to the curvature gives no meaningful interval).
   */
  trendMethod?: 'ols' | 'theil-sen';
  /** The same trend per 10% of elapsed x (the scale-free unit the decision thresholds use). */
  trendPer10pct?: TrendEstimate;
  /** Theil-Sen trend of the same window (robust to spikes), same unit as `trend`. */
  theilSen?: TrendEstimate;
  /** Two-sided p-value of the Mann-Kendall test (Hamed-Rao corrected) on the window's block means. */
  mannKendallP?: number;
  /** Lag-1 autocorrelation of the trend fit's residuals (the interval is widened for it). */
  rho1?: number;
  /** Points per block mean, and block means in the window. */
  blockSize?: number;
  blocks?: number;
  /** Where a rise began, for 'diverging'. */
  divergenceStart?: number;
  /** ln(classes) when known: the loss of an untrained classifier. */
  chanceLevel?: number;
  /**
   * The last points sit well above the level before them (explosion.ts `findSurge`), on a verdict
   * other than diverging: a spike in progress or a divergence starting; the suggestion says so.
   */
  surge?: { since: number; points: number; baseline: number; factor: number; threshold: number };
  /**
   * For a `diverging` judged on levels (rose far above its low and stayed, after a jump and a
   * partial fall that make the trend since the low meaningless): the recent level against the
   * level held at the low, ratio - 1 with its interval (above 0).
   */
  levelRise?: RelativeInterval;
  /** Validation evidence, for verdicts that use it ('overfitting', validation plateaus). */
  validation?: { bestEpoch: number; bestLoss: number; lastLoss: number; epochsSinceBest: number; trend?: TrendEstimate | null };
}

/** One verdict, online (at a step) or offline (for a whole series). */
export interface Diagnosis {
  verdict: Verdict;
  /** x of the last point seen. */
  at: number;
  evidence: Evidence | null;
  /** One line with the numbers, e.g. "plateau since step 4100, trend -0.3%/epoch (95% CI -0.9..+0.2), noise 18% of level". */
  summary: string;
  /** What to do, e.g. "a decay here would likely help", "still improving: do not decay yet". */
  suggestion: string;
}

export type SegmentKind = 'drop' | 'descent' | 'plateau' | 'rise' | 'flat';

export interface Segment {
  kind: SegmentKind;
  start: number;
  end: number;
  startLevel: number;
  endLevel: number;
}

export interface PlateauSpan {
  start: number;
  end: number;
  level: number;
}

/**
 * What an LR change did to the loss: 'responded' (the level jumped beyond noise against its prior
 * trend), 'slowed' (a cut while the loss was still falling significantly, after which it fell at
 * significantly less than half that rate: a premature decay), 'none' (neither), 'unjudged' (too
 * few points around the change).
 */
export type LrResponseKind = 'responded' | 'slowed' | 'none' | 'unjudged';

/** What an LR change seen in a log did to the loss. */
export interface LrResponse {
  at: number;
  oldLr: number;
  newLr: number;
  /** Relative change of the trend after vs before, and a word for it. */
  responded: boolean;
  /** False when there were too few points around the change to judge it. */
  judged?: boolean;
  /** The typed reading (always set by lrResponses; optional for hand-made values). */
  kind?: LrResponseKind;
  /** Trends of same-length windows just before and after the change (after a short transient), when both could be fitted. */
  trends?: { before: TrendEstimate; after: TrendEstimate };
  summary: string;
}

/** Offline diagnosis of a whole series (used by `analyze` and the report). */
export interface SeriesDiagnosis extends Diagnosis {
  /** Where the fast initial drop ends, or null when there is none. */
  knee: number | null;
  plateaus: PlateauSpan[];
  segments: Segment[];
  lrResponses: LrResponse[];
  /** What the log's own LR column says about its schedule (with `lrs`). */
  lrSchedule?: LrScheduleReading;
}

/** Options for the offline diagnosis of one series. */
export interface DiagnoseOptions {
  /** Units of xs. Default 'step'. */
  x?: 'step' | 'epoch' | 'time';
  /** Steps per epoch when known (trend is then reported per epoch). Default: unknown. */
  stepsPerEpoch?: number;
  /** Number of classes when the loss is cross-entropy (ln C marks an untrained model). Default: unknown. */
  classes?: number;
  /** LR per point, when the log has it. */
  lrs?: number[];
}
