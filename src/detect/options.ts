import { PlateauDoctorError, rejectUnknownOptions } from '../errors.js';

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
  /**
   * Validation: the validation loss counts as rising (`overfitting`) only when its fitted line over
   * the epochs after its best rises by at least this fraction (and twice its relative noise), with
   * Sen's interval above 0. Default 0.03 (the offline pair diagnosis' `minRise`).
   */
  valMinDelta?: number;
  /** Validation: epochs after the best needed before a rise is judged. Default 5. */
  valWindow?: number;
}

export type ResolvedDetectorOptions = Required<Omit<DetectorOptions, 'stepsPerEpoch' | 'classes' | 'totalSteps'>> & {
  stepsPerEpoch: number | undefined;
  totalSteps: number | undefined;
  classes: number | undefined;
};

export const detectorDefaults = {
  confidence: 0.95,
  plateauRate: 0.02,
  riseRate: 0.05,
  minPlateauFraction: 0.2,
  recentFraction: 0.25,
  minDrop: 0.1,
  chanceTolerance: 0.03,
  minRise: 0.1,
  minPoints: 8,
  minBlocks: 5,
  warmup: 100,
  capacity: 128,
  x: 'step',
  valMinDelta: 0.03,
  valWindow: 5,
} as const;

/** Every key a DetectorOptions object may have. */
export const DETECTOR_OPTION_KEYS: readonly (keyof DetectorOptions)[] = [...(Object.keys(detectorDefaults) as (keyof DetectorOptions)[]), 'stepsPerEpoch', 'totalSteps', 'classes'];

/** Fills defaults and validates; throws PlateauDoctorError naming the bad (or unknown) option. */
export function resolveDetectorOptions(options: DetectorOptions = {}): ResolvedDetectorOptions {
  rejectUnknownOptions('detector', options, DETECTOR_OPTION_KEYS);
  const o: ResolvedDetectorOptions = {
    confidence: options.confidence ?? detectorDefaults.confidence,
    plateauRate: options.plateauRate ?? detectorDefaults.plateauRate,
    riseRate: options.riseRate ?? detectorDefaults.riseRate,
    minPlateauFraction: options.minPlateauFraction ?? detectorDefaults.minPlateauFraction,
    recentFraction: options.recentFraction ?? detectorDefaults.recentFraction,
    minDrop: options.minDrop ?? detectorDefaults.minDrop,
    chanceTolerance: options.chanceTolerance ?? detectorDefaults.chanceTolerance,
    minRise: options.minRise ?? detectorDefaults.minRise,
    minPoints: options.minPoints ?? detectorDefaults.minPoints,
    minBlocks: options.minBlocks ?? detectorDefaults.minBlocks,
    warmup: options.warmup ?? detectorDefaults.warmup,
    capacity: options.capacity ?? detectorDefaults.capacity,
    x: options.x ?? detectorDefaults.x,
    valMinDelta: options.valMinDelta ?? detectorDefaults.valMinDelta,
    valWindow: options.valWindow ?? detectorDefaults.valWindow,
    stepsPerEpoch: options.stepsPerEpoch,
    totalSteps: options.totalSteps,
    classes: options.classes,
  };
  const check = (name: string, ok: boolean, what: string) => {
    if (!ok) throw new PlateauDoctorError(`detector option ${name} must be ${what}, got ${String((o as Record<string, unknown>)[name])}`);
  };
  check('confidence', o.confidence > 0 && o.confidence < 1, 'in (0, 1)');
  check('plateauRate', o.plateauRate > 0, '> 0');
  check('riseRate', o.riseRate > 0, '> 0');
  check('minPlateauFraction', o.minPlateauFraction > 0 && o.minPlateauFraction < 1, 'in (0, 1)');
  check('recentFraction', o.recentFraction > 0 && o.recentFraction <= 1, 'in (0, 1]');
  check('minDrop', o.minDrop >= 0 && o.minDrop < 1, 'in [0, 1)');
  check('chanceTolerance', o.chanceTolerance >= 0, '>= 0');
  check('minRise', o.minRise >= 0, '>= 0');
  check('minPoints', Number.isInteger(o.minPoints) && o.minPoints >= 3, 'an integer >= 3');
  check('minBlocks', Number.isInteger(o.minBlocks) && o.minBlocks >= 3, 'an integer >= 3');
  check('warmup', Number.isInteger(o.warmup) && o.warmup >= 0, 'an integer >= 0');
  check('capacity', Number.isInteger(o.capacity) && o.capacity >= 16 && o.capacity % 2 === 0, 'an even integer >= 16');
  check('valMinDelta', o.valMinDelta >= 0, '>= 0');
  check('valWindow', Number.isInteger(o.valWindow) && o.valWindow >= 3, 'an integer >= 3');
  if (o.stepsPerEpoch !== undefined) check('stepsPerEpoch', o.stepsPerEpoch > 0, '> 0');
  if (o.totalSteps !== undefined) check('totalSteps', o.totalSteps > 0, '> 0');
  if (o.classes !== undefined) check('classes', Number.isInteger(o.classes) && o.classes >= 2, 'an integer >= 2');
  return o;
}
