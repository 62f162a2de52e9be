import { type PairDiagnosis } from '../detect/pair.js';
import type { SeriesDiagnosis, Verdict } from '../detect/types.js';
import type { LossLog } from './loss-log.js';
import { type AlignedPair } from './pairs.js';
/** One training/validation pair of a file with its diagnosis: what `analyze` prints per pair. */
export interface AnalyzedPair {
    train: string;
    validation: string;
    test: string | null;
    run: string | null;
    quantity: string;
    kind: PairDiagnosis['kind'];
    /** x of the validation minimum (the checkpoint to keep), or null. */
    bestAt: number | null;
    summary: string;
    suggestion: string;
    diagnosis: PairDiagnosis;
    /** Both curves on the validation x axis (not printed in JSON; the report draws the gap). */
    aligned: AlignedPair;
}
/** The per-series fields a pair diagnosis updates (analyze-log's AnalyzedSeries has them). */
export interface PairedSeries {
    verdict: Verdict;
    summary: string;
    suggestion: string;
    diagnosis: SeriesDiagnosis;
}
/**
 * Finds and diagnoses the training/validation pairs of a log, and lets each pair's reading into
 * its validation series' own verdict (`pairSeriesDiagnosis`: a validation loss rising while the
 * training loss falls is overfitting, not diverging or insufficient data). `series` is in log
 * order and is updated in place.
 */
export declare function analyzePairs(log: LossLog, series: PairedSeries[]): AnalyzedPair[];
/** The `--json` form of a pair (the aligned curves left out). */
export declare function pairJson(p: AnalyzedPair): unknown;
