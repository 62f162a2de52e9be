/**
 * plateau-doctor's library API: what a user calls to read loss logs, diagnose them, drive the
 * LR from a training loop and write reports. Nothing here loads TensorFlow.js; the tfjs
 * `model.fit` callbacks and the training engine are in `plateau-doctor/tfjs` (src/tfjs/index.ts).
 */
export { PlateauDoctorError } from './errors.js';

// Data types: a run (as trained or read back) and any loss log.
export type * from './logs/run-log.js';
export type * from './logs/loss-log.js';

// The detector: offline diagnosis of a whole series, and the online detector.
export type * from './detect/types.js';
export { VERDICTS } from './detect/types.js';
export { diagnoseSeries, type DiagnoseSeriesOptions } from './detect/diagnose.js';
export { PlateauDetector, type DetectorState, type EpochObservation, type ValidationStatus } from './detect/detector.js';
export { detectorDefaults, type DetectorOptions } from './detect/options.js';

// LR control: PyTorch-exact schedulers, the controller contract, the doctor, the schedule registry.
export {
  LrScheduler,
  StepLR,
  MultiStepLR,
  ExponentialLR,
  ReduceLROnPlateau,
  REDUCE_LR_ON_PLATEAU_DEFAULTS,
  schedulerFromPyTorch,
  type Scheduler,
  type SchedulerState,
  type StepLROptions,
  type MultiStepLROptions,
  type ExponentialLROptions,
  type ReduceLROnPlateauOptions,
  type PlateauStepInfo,
} from './lr/schedulers.js';
export type { LrController, LrControllerStart, LrDecision } from './lr/controller.js';
export { lrChange, type LrPosition } from './lr/lr-change.js';
export {
  createSchedulerController,
  SCHEDULER_CONTROLLER_DEFAULTS,
  type SchedulerController,
  type SchedulerControllerOptions,
  type SchedulerScheduleName,
  type Monitor,
} from './lr/scheduler-controllers.js';
export { createDoctorController, doctorDefaults, type DoctorOptions, type DoctorController, type DoctorState } from './lr/doctor.js';
export { createController, SCHEDULES, type ScheduleName } from './lr/schedules.js';

// Reading logs.
export { readLossLog, detectFormat, LOSS_LOG_FORMATS, type LossLogFormat, type ReadLossLogOptions } from './logs/read-loss-log.js';
export { readRunDir, readRunDirs, RunDirWriter } from './logs/run-dir.js';
export { analyzeLogs, analyzeFile, analyzeDirectory, analyzeLossLog, analyzeJson } from './app/analyze-logs.js';
export type { AnalyzedFile, AnalyzedSeries, SeriesWithDiagnosis } from './logs/analysis.js';
export { diagnoseRuns, type RunDiagnoses } from './app/diagnose-runs.js';
export { reportRuns, type ReportRunsOptions } from './app/report-runs.js';

// Reports.
export { buildRunReport, writeRunReport, type RunReportOptions } from './report/run-report.js';
export {
  buildAnalyzeReport,
  writeAnalyzeReport,
  analyzeReportFile,
  type AnalyzeReportFile,
  type AnalyzeReportOptions,
} from './report/analyze-report.js';
