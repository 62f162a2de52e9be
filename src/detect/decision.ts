/**
 * The detector's decision as typed data: which verdict, why (a `kind` per reason), and the
 * numbers behind it. `assess.ts` decides; `explain.ts` turns a decision into the one-line
 * summary and suggestion. A new reason is a new member of `Decision` with its own fields, and
 * one more case in `explain` (the compiler lists the cases a new member leaves unexplained).
 */
import type { Evidence, RelativeInterval, TrendEstimate, Verdict } from './types.js';

/** Fields every decision has: where it was made and the positions the segmentation and the doctor use. */
export interface DecisionBase {
  verdict: Verdict;
  /** x of the last point seen. */
  at: number;
  /** Where the fast drop ends (Kneedle), when found. */
  knee: number | null;
  /** Where the flat stretch begins ('plateau', 'stuck'). */
  plateauStart: number | null;
  /** Where a rise began ('diverging'). */
  divergenceStart: number | null;
  evidence: Evidence | null;
}

/** A decision with a fitted window: its evidence, and whether the trend is also shown per 10% of the run. */
export interface WindowDecision extends DecisionBase {
  evidence: Evidence;
  /**
   * An epoch is longer than 10% of the run: the trend is reported per epoch, and the per-10%
   * figure the thresholds use is shown next to it.
   */
  showPer10: boolean;
  /**
   * The confidence of the printed interval when it is not the options' own: a flat stretch found
   * offline by the equivalence test at the 5% level (its 90% interval within the band).
   */
  confidence?: number;
}

/** A non-finite loss was seen. */
export interface NonFiniteDecision extends DecisionBase {
  kind: 'non_finite';
  verdict: 'diverging';
  divergenceStart: number;
  evidence: null;
}

/** The loss left every sane range and never came back (explosion.ts RangeWatch). */
export interface OutOfRangeDecision extends DecisionBase {
  kind: 'out_of_range';
  verdict: 'diverging';
  divergenceStart: number;
  evidence: null;
  /** The last point's level, the reference (first loss, or ln C when larger) and their ratio. */
  level: number;
  reference: number;
  factor: number;
  /** The reference includes ln C (classes known). */
  withChance: boolean;
}

/** The tail explodes: a significant exponential rise to riseFactor times the level it held (explosion.ts findExplosion). */
export interface ExplodingDecision extends WindowDecision {
  kind: 'exploding';
  verdict: 'diverging';
  divergenceStart: number;
  /** The level held before the rise, and the fitted end over it. */
  baseline: number;
  factor: number;
}

/** Too few points, or x values that do not vary. */
export interface TooLittleDataDecision extends DecisionBase {
  kind: 'too_few_points' | 'constant_x';
  verdict: 'insufficient_data';
  evidence: null;
  pointCount: number;
  minPoints: number;
}

/** The recent window rises significantly, well above the lowest level reached. */
export interface RisingDecision extends WindowDecision {
  kind: 'rising';
  verdict: 'diverging';
  divergenceStart: number;
  /** Fitted level at the end over the lowest 3-block mean, minus 1. */
  aboveLow: number;
}

/** The recent window sits far above the lowest level before it, not coming back, after a significant rise since that low. */
export interface RoseAndStaysDecision extends WindowDecision {
  kind: 'rose_and_stays';
  verdict: 'diverging';
  divergenceStart: number;
  /** The lowest 3-block mean before the recent window, and the recent window's mean level. */
  low: number;
  level: number;
  /** level / low - 1. */
  rise: number;
  /**
   * Set when the rise is judged on levels, not on the trend since the low (a jump then a partial
   * fall): the recent window's level against the low's, ratio - 1 with its interval (above minRise).
   */
  levelRise?: RelativeInterval;
}

/** The recent window rises significantly (interval above 0) but slower or less than a `rising` decision needs. */
export interface RisingSlowlyDecision extends WindowDecision {
  kind: 'rising_slowly';
  verdict: 'diverging';
  divergenceStart: number;
  /** The lowest 3-block mean before the recent window. */
  low: number;
}

/** The earliest flat window sits well above a lower level reached before it and still rises. */
export interface RoseStillRisingDecision extends WindowDecision {
  kind: 'rose_still_rising';
  verdict: 'diverging';
  divergenceStart: number;
  /** Start of the (slowly rising) flat window. */
  windowStart: number;
  /** The lowest 3-block mean before the window, and the window's mean level. */
  low: number;
  level: number;
  /** level relative to low, minus 1. */
  riseAbove: number;
}

/** Why a flat stretch is 'stuck' rather than a plateau. */
export type StuckCause =
  | { kind: 'chance'; classes: number; chanceLevel: number }
  | { kind: 'rose'; low: number; riseAbove: number }
  | { kind: 'no_progress' };

/** A flat stretch from the start, after a rise, or at chance level: decaying the LR will not fix it. */
export interface StuckDecision extends WindowDecision {
  kind: 'stuck';
  verdict: 'stuck';
  plateauStart: number;
  level: number;
  cause: StuckCause;
}

/** The loss fell, then stayed flat: a decay is expected to help. */
export interface PlateauDecision extends WindowDecision {
  kind: 'plateau';
  verdict: 'plateau';
  plateauStart: number;
  /**
   * Set when the stretch is flat from the first point of a log that starts well into the run
   * (its first x at least half its span): the fall happened before the log (a resumed run, a
   * log kept only from step 49,500), so no fall is seen, yet it is a plateau.
   */
  logStart?: number;
}

/** A significant fall. */
export interface DescendingDecision extends WindowDecision {
  kind: 'descending';
  verdict: 'descending';
  /**
   * 'interval': the trend's interval is below 0; 'every_block': a fall at every block beyond chance
   * (Theil-Sen trend reported); 'short_run': a short series whose run after the knee falls
   * significantly on Sen's interval and the Mann-Kendall test (Theil-Sen trend reported).
   */
  method: 'interval' | 'every_block' | 'short_run';
  /** Block means falling one after the other at the end of the window, when that is the case. */
  fallingBlocks: number | null;
  /** Points per block mean. */
  blockSize: number;
  /** The whole interval is under the plateau threshold (a smooth curve creeping to its asymptote). */
  slow: boolean;
  /**
   * Slow, after a drop: the recent window's trend per 10% of the run, still falling significantly
   * (the stretch never levelled off, so it is not a plateau).
   */
  stillFalling?: TrendEstimate;
  /** Falling again, but well above a lower level reached earlier. */
  recovering: { aboveLow: number; low: number; lowAt: number } | null;
}

/** Neither flat nor falling beyond the noise. */
export interface TooNoisyDecision extends WindowDecision {
  kind: 'too_noisy';
  verdict: 'insufficient_data';
}

export type Decision =
  | NonFiniteDecision
  | OutOfRangeDecision
  | ExplodingDecision
  | RoseAndStaysDecision
  | RisingSlowlyDecision
  | TooLittleDataDecision
  | RisingDecision
  | RoseStillRisingDecision
  | StuckDecision
  | PlateauDecision
  | DescendingDecision
  | TooNoisyDecision;
