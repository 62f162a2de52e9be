import type { PairDiagnosis } from './pair.js';
import type { SeriesDiagnosis } from './types.js';
export interface PairNames {
    train: string;
    val: string;
}
export interface PairExplanation {
    summary: string;
    suggestion: string;
}
/**
 * @example explainPair(diagnosePair({ x: 'epoch', xs, val, train }), { train: 'loss', val: 'val_loss' }).suggestion
 * // => 'early stopping: keep the checkpoint of epoch 25 (best val_loss 0.472), stop after 5 epochs without a new best; ...'
 */
export declare function explainPair(d: PairDiagnosis, names: PairNames): PairExplanation;
/**
 * The per-series diagnosis of a validation series, as its pair reads it:
 * - `overfitting`: verdict `overfitting`, the pair's sentences, and the rise since the best as the
 *   evidence's trend (Sen's interval above 0), so the verdict never contradicts its printed interval;
 * - `generalization_gap` or `both_plateau`, where the series alone was `insufficient_data` and the
 *   validation stretch is flat within ±plateauRate per 10% of the run: verdict `plateau` since the
 *   stretch's start, with that stretch as evidence;
 * - `both_descending` or `val_falls_train_flat`, where the series alone was `insufficient_data`:
 *   verdict `descending` (the pair's validation trend has its interval below 0);
 * - `overfitting` and `generalization_gap` also take the pair's advice (stop early, not a decay).
 * Any other series diagnosis is returned as it is.
 */
export declare function pairSeriesDiagnosis(series: SeriesDiagnosis, d: PairDiagnosis, text: PairExplanation): SeriesDiagnosis;
