import { type BlockState } from './blocks.js';
import { type Assessment } from './assess.js';
import { type DetectorOptions, type ResolvedDetectorOptions } from './options.js';
import type { Diagnosis, TrendEstimate } from './types.js';
/** Per-epoch metrics the detector may use. Never pass test-set numbers. */
export interface EpochObservation {
    epoch: number;
    trainLoss?: number | null;
    valLoss?: number | null;
    valAccuracy?: number | null;
}
/** Where the validation curve stands. */
export interface ValidationStatus {
    bestEpoch: number;
    bestLoss: number;
    lastLoss: number;
    lastEpoch: number;
    /** Epochs since the best (or since the last LR change, if later). */
    epochsSinceBest: number;
    /** Trend of the validation loss per epoch over the last `valWindow` epochs (since the last LR change), when there are that many. */
    trend: TrendEstimate | null;
    stalled: boolean;
}
/** Everything needed to resume a detector exactly (plain JSON). */
export interface DetectorState {
    version: 1;
    options: DetectorOptions;
    blocks: BlockState;
    first: number[];
    xStart: number | null;
    xEnd: number | null;
    pointCount: number;
    updates: number;
    nonFiniteAt: number | null;
    blockEndX: number | null;
    /** The last step passed to update (null before the first). */
    lastStep: number | null;
    epochs: Array<{
        epoch: number;
        trainLoss: number | null;
        valLoss: number | null;
    }>;
    resetEpoch: number;
}
/**
 * The online plateau detector. Feed it every step's loss with `update(step, loss)` (and,
 * optionally, each epoch's validation loss with `observeEpoch`); it returns the current
 * Diagnosis. Steps are aggregated into blocks (see BlockSeries), and the verdict is re-assessed
 * only when a block completes, so an update costs O(1) amortised and memory is bounded.
 * The same decision (`assess`) drives the offline `diagnoseSeries`.
 *
 * @example
 *   const detector = new PlateauDetector({ stepsPerEpoch: 938, classes: 10 });
 *   for (const [step, loss] of losses) detector.update(step, loss).verdict; // 'warmup', ..., 'descending'
 */
export declare class PlateauDetector {
    readonly options: ResolvedDetectorOptions;
    private readonly userOptions;
    private blocks;
    private first;
    private xStart;
    private xEnd;
    private pointCount;
    private updates;
    private nonFiniteAt;
    /** The last step seen (steps must not decrease). */
    private lastStep;
    /** x of the last point of the last complete block. */
    private blockEndX;
    private epochs;
    private resetEpoch;
    private trainAssessment;
    private current;
    constructor(options?: DetectorOptions);
    /** The latest diagnosis (same object `update` returned last). */
    get diagnosis(): Diagnosis;
    /** The latest train-loss assessment, with plateau start, knee and divergence start. */
    get assessment(): Assessment | null;
    /** Adds one step's loss and returns the diagnosis at this step. */
    update(step: number, loss: number): Diagnosis;
    /**
     * Adds one epoch's metrics (train and validation loss; never test). The validation curve counts
     * as stalled after `valPatience` epochs without beating its best by `valMinDelta`; a stall while
     * the training loss still falls gives the verdict `overfitting`.
     */
    observeEpoch(observation: EpochObservation): Diagnosis;
    /** Tells the detector the LR changed after `epoch`: validation patience counts from there. */
    noteLrChange(epoch: number): void;
    /** Where the validation curve stands, or null without validation losses. */
    validationStatus(): ValidationStatus | null;
    stateDict(): DetectorState;
    loadStateDict(state: DetectorState): void;
    private at;
    private reassess;
    private combine;
    private warmupDiagnosis;
}
