import { type DetectorOptions } from './options.js';
import type { DiagnoseOptions, LrResponse, SeriesDiagnosis } from './types.js';
/** Options of the offline diagnosis: the series' units plus any detector threshold. */
export type DiagnoseSeriesOptions = DiagnoseOptions & Omit<DetectorOptions, 'x' | 'stepsPerEpoch' | 'classes'>;
/**
 * Offline diagnosis of a whole series (e.g. every loss column of a log): the verdict at the
 * last point (same decision as the online detector), the knee (end of the fast drop), plateau
 * spans, segments (drop, descent, plateau, flat, rise) and, with `lrs`, whether the loss
 * responded to each LR change. xs must be in the series' own units (non-decreasing; points
 * out of order are sorted); non-finite ys make the verdict `diverging` from the first one.
 *
 * @example diagnoseSeries(steps, losses, { stepsPerEpoch: 938, classes: 10 }).verdict; // => 'descending' for the seed pipeline
 */
export declare function diagnoseSeries(xs: number[], ys: number[], options?: DiagnoseSeriesOptions): SeriesDiagnosis;
/**
 * The diagnosis of a growing series (`analyze --follow`): `update` adds the points appended
 * since the last call (xs in order), `diagnose` decides from the blocks in O(capacity), plus the
 * LR responses (O(n)) when the series has an LR, recomputed when an LR change arrived or the
 * series grew by 10% (their windows are a tenth of the series). Same result as `diagnoseSeries`
 * on the whole series, except that LR responses may lag by under 10% of the points.
 */
export declare class SeriesDiagnoser {
    private readonly o;
    private readonly acc;
    private pushed;
    private responses;
    private responsesAt;
    private lrChanged;
    constructor(options?: DiagnoseSeriesOptions);
    /** Points pushed so far. */
    get count(): number;
    update(xs: ArrayLike<number>, ys: ArrayLike<number>, lrs?: ArrayLike<number>): void;
    diagnose(xs: ArrayLike<number>, ys: ArrayLike<number>, lrs?: ArrayLike<number>): SeriesDiagnosis;
}
/**
 * On a plateau, what the log's own LR cuts say about cutting again: if the last cut (a lower
 * LR) moved the loss beyond noise, another is likely to help too; if it did not, another
 * decay is unlikely to help. Without a judged cut the suggestion stays as it is.
 *
 * @example adviseAfterCuts('plateau', 'a decay here would likely help', [{ at: 9, oldLr: 0.1, newLr: 0.01, responded: false, judged: true, summary: '' }], 'epoch')
 * // => 'the loss did not respond to the last LR cut (0.1 -> 0.01 at epoch 9): another decay is unlikely to help; stop here (early stopping) or change the model, data or regularisation'
 */
export declare function adviseAfterCuts(verdict: string, suggestion: string, responses: readonly LrResponse[], x: 'step' | 'epoch' | 'time'): string;
