import { PlateauDoctorError, rejectUnknownOptions } from '../errors.js';
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
    valPatience: 3,
    valMinDelta: 0.01,
    valWindow: 5,
};
/** Every key a DetectorOptions object may have. */
export const DETECTOR_OPTION_KEYS = [...Object.keys(detectorDefaults), 'stepsPerEpoch', 'totalSteps', 'classes'];
/** Fills defaults and validates; throws PlateauDoctorError naming the bad (or unknown) option. */
export function resolveDetectorOptions(options = {}) {
    rejectUnknownOptions('detector', options, DETECTOR_OPTION_KEYS);
    const o = {
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
        valPatience: options.valPatience ?? detectorDefaults.valPatience,
        valMinDelta: options.valMinDelta ?? detectorDefaults.valMinDelta,
        valWindow: options.valWindow ?? detectorDefaults.valWindow,
        stepsPerEpoch: options.stepsPerEpoch,
        totalSteps: options.totalSteps,
        classes: options.classes,
    };
    const check = (name, ok, what) => {
        if (!ok)
            throw new PlateauDoctorError(`detector option ${name} must be ${what}, got ${String(o[name])}`);
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
    check('valPatience', Number.isInteger(o.valPatience) && o.valPatience >= 1, 'an integer >= 1');
    check('valMinDelta', o.valMinDelta >= 0, '>= 0');
    check('valWindow', Number.isInteger(o.valWindow) && o.valWindow >= 3, 'an integer >= 3');
    if (o.stepsPerEpoch !== undefined)
        check('stepsPerEpoch', o.stepsPerEpoch > 0, '> 0');
    if (o.totalSteps !== undefined)
        check('totalSteps', o.totalSteps > 0, '> 0');
    if (o.classes !== undefined)
        check('classes', Number.isInteger(o.classes) && o.classes >= 2, 'an integer >= 2');
    return o;
}
//# sourceMappingURL=options.js.map