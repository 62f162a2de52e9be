// Public API of src/detect (named exports). Re-exported by src/index.ts.
export type * from './types.js';
export { diagnoseSeries, type DiagnoseSeriesOptions } from './diagnose.js';
export { detectorDefaults, resolveDetectorOptions, type DetectorOptions } from './options.js';
export { lrResponses, type LrResponseOptions } from './lr-response.js';
export { olsSlope, type OlsSlope, type OlsOptions } from './stats/ols.js';
export { theilSen, type TheilSenSlope } from './stats/theil-sen.js';
export { mannKendall, type MannKendallResult, type MannKendallOptions } from './stats/mann-kendall.js';
export { noiseStd } from './stats/noise.js';
export { debiasedEma, runningMedian } from './stats/smoothing.js';
export { tCdf, tQuantile, tCritical, normalCdf, regularizedIncompleteBeta } from './stats/t-distribution.js';
export { CostL2, CostLinear, pelt, bestSplit, type SegmentCost } from './stats/change-points.js';
export { PlateauDetector, type DetectorState, type EpochObservation, type ValidationStatus } from './detector.js';
export { generateCurve, generateSet, type CurveCategory, type SyntheticCurve, type SyntheticOptions } from './synthetic.js';
export { createDoctorController, doctorDefaults, type DoctorOptions, type DoctorController, type DoctorState } from './doctor.js';
export { plateauDoctor } from './plateau-doctor-callback.js';
