/**
 * Thresholds of the detector. Rates are relative changes of the loss level per 10% of the
 * elapsed x (steps since the first point), a scale-free unit: a power law L ∝ t^-α falls by
 * about α·10% per 10% of elapsed steps at any time, and an exponential settling on a floor
 * falls ever slower in this unit.
 */
export interface DetectorOptions {
    /** Confidence of every interval. Default 0.95. */
    confidence?: number;
    /**
     * A window is flat when its whole 95% interval lies within ±plateauRate (an equivalence test:
     * we are confident the loss changes by less than this fraction of its level per 10% of elapsed
     * x, and the interval is narrow enough to say so). Default 0.02 (2% per 10% of the run so far).
     */
    plateauRate?: number;
    /** A recent trend is a rise (diverging) when significantly positive and above this. Default 0.05. */
    riseRate?: number;
    /** A flat stretch must cover at least this fraction of the elapsed x. Default 0.2. */
    minPlateauFraction?: number;
    /** The recent window (for descending / diverging) is this fraction of the elapsed x. Default 0.25. */
    recentFraction?: number;
    /** A flat stretch is `plateau` only if the loss fell by at least this fraction of its start level before it; else `stuck`. Default 0.1. */
    minDrop?: number;
    /** Flat within this relative distance of ln(classes) is `stuck` at chance level. Default 0.03. */
    chanceTolerance?: number;
    /** Diverging also needs the end level this fraction above the lowest smoothed level. Default 0.1. */
    minRise?: number;
    /** Fewer finite points than this: `insufficient_data`. Default 8. */
    minPoints?: number;
    /** Fewest block means a window may hold. Default 5. */
    minBlocks?: number;
    /** Online: the first `warmup` updates get `warmup`. Default 100. */
    warmup?: number;
    /** Block means kept (even, >= 8); history is merged pairwise when full. Default 128. */
    capacity?: number;
    /**
     * Planned length of the run in x units from its first point (e.g. epochs × steps per epoch),
     * when known. Rates are then per 10% of max(elapsed, planned), so early in a long run a slow
     * but steady fall is not mistaken for a plateau. Default unknown (10% of elapsed x).
     */
    totalSteps?: number;
    /** Steps per epoch, when known: trends are then reported per epoch. Default unknown. */
    stepsPerEpoch?: number;
    /** Classes of a cross-entropy loss (ln C = untrained level). Default unknown. */
    classes?: number;
    /** Units of x. Default 'step'. */
    x?: 'step' | 'epoch' | 'time';
    /** Validation: before `valWindow` epochs exist, epochs without a new best (by `valMinDelta`) before the validation curve counts as stalled. Default 3. */
    valPatience?: number;
    /** Validation: a new best must beat the old by this fraction. Default 0.01. */
    valMinDelta?: number;
    /**
     * Validation: epochs in the trend test. The curve is stalled when the last 2 epochs brought no
     * new best and, over the last valWindow epochs since the last LR change, it neither falls
     * significantly nor by valMinDelta per epoch on average. Default 5.
     */
    valWindow?: number;
}
export type ResolvedDetectorOptions = Required<Omit<DetectorOptions, 'stepsPerEpoch' | 'classes' | 'totalSteps'>> & {
    stepsPerEpoch: number | undefined;
    totalSteps: number | undefined;
    classes: number | undefined;
};
export declare const detectorDefaults: {
    readonly confidence: 0.95;
    readonly plateauRate: 0.02;
    readonly riseRate: 0.05;
    readonly minPlateauFraction: 0.2;
    readonly recentFraction: 0.25;
    readonly minDrop: 0.1;
    readonly chanceTolerance: 0.03;
    readonly minRise: 0.1;
    readonly minPoints: 8;
    readonly minBlocks: 5;
    readonly warmup: 100;
    readonly capacity: 128;
    readonly x: 'step';
    readonly valPatience: 3;
    readonly valMinDelta: 0.01;
    readonly valWindow: 5;
};
/** Every key a DetectorOptions object may have. */
export declare const DETECTOR_OPTION_KEYS: readonly (keyof DetectorOptions)[];
/** Fills defaults and validates; throws PlateauDoctorError naming the bad (or unknown) option. */
export declare function resolveDetectorOptions(options?: DetectorOptions): ResolvedDetectorOptions;
