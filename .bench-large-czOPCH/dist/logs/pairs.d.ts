/**
 * Training/validation pairs in a LossLog: which series measure the same quantity on the
 * training and the validation (and test) data of one run, and their values on one x axis.
 * Pure functions over LossLog/LossSeries; the detector's pair diagnosis (src/detect/pair.ts)
 * takes the aligned arrays.
 */
import type { LossLog, LossSeries, XUnit } from './loss-log.js';
export type PairRole = 'train' | 'validation' | 'test';
/** What a series name says: its role, the quantity it measures and the run it belongs to. */
export interface SeriesKey {
    role: PairRole | null;
    /** The name without role words, step/epoch suffixes and run labels: `train/box_loss` -> `box loss`. */
    quantity: string;
    /** `(run 2)` suffix or a W&B export's `<run> - ` prefix; null for a single-run file. */
    run: string | null;
}
/** Indices into `LossLog.series` of one training/validation pair (and a test series of the same quantity, if any). */
export interface SeriesPair {
    train: number;
    validation: number;
    test: number | null;
    quantity: string;
    run: string | null;
}
/** Both curves of a pair on the validation series' x axis (one point per evaluation). */
export interface AlignedPair {
    x: XUnit;
    xs: number[];
    /** Validation loss at each x, as logged. */
    val: number[];
    /** Training loss over the interval ending at each x (mean of the training points in it, or the nearest point). */
    train: number[];
    /** LR of the training series at each x, when it has one. */
    lrs?: number[];
    stepsPerEpoch?: number;
}
/**
 * Role, quantity and run of a series name.
 *
 * @example seriesKey('train/box_loss'); // => { role: 'train', quantity: 'box loss', run: null }
 * @example seriesKey('val_loss (run 3)'); // => { role: 'validation', quantity: 'loss', run: 'run 3' }
 * @example seriesKey('average_val_loss'); // => { role: 'validation', quantity: 'average loss', run: null }
 */
export declare function seriesKey(name: string): SeriesKey;
/**
 * The training/validation pairs of a log: each validation series with the training series of
 * the same quantity and run. Among several training candidates (`train/loss_step` and
 * `train/loss_epoch`, or `loss` per step and `train loss` per evaluation) the one logged at the
 * same x values wins, then the one with the same x unit, then the one with the closest count.
 *
 * @example findPairs({ file: 'h.csv', format: 'keras', series: [loss, valLoss] }); // => [{ train: 0, validation: 1, test: null, quantity: 'loss', run: null }]
 */
export declare function findPairs(log: LossLog): SeriesPair[];
/**
 * The training series on the validation series' x axis: for each evaluation, the mean of the
 * training points logged since the previous evaluation (up to and including it), else the
 * nearest training point within one evaluation interval. Evaluations without a training value
 * are left out. Epoch counts are converted to steps (end of the epoch) and back with the log's
 * steps per epoch; without it, series in different units cannot be aligned (null).
 */
export declare function alignPair(train: LossSeries, val: LossSeries): AlignedPair | null;
