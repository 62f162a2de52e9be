import type { TrendEstimate } from './types.js';
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
    best: {
        at: number;
        val: number;
        train: number;
    } | null;
    last: {
        at: number;
        val: number;
        train: number;
    } | null;
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
    gap: {
        start: number;
        end: number;
    } | null;
    /** Robust point-to-point noise of the validation loss, relative to its best. */
    valNoise: number | null;
    /** Early stopping with this patience (evaluations without a new best) would have kept the best. */
    patience: number | null;
    /** The training LR at its peak and at the end, when logged. */
    lr: {
        peak: number;
        last: number;
        annealed: boolean;
    } | null;
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
export declare function diagnosePair(input: PairInput, options?: PairOptions): PairDiagnosis;
