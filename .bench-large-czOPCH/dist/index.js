/**
 * plateau-doctor's library API: what a user calls to read loss logs, diagnose them, drive the
 * LR from a training loop and write reports. Nothing here loads TensorFlow.js; the tfjs
 * `model.fit` callbacks and the training engine are in `plateau-doctor/tfjs` (src/tfjs/index.ts).
 */
export { PlateauDoctorError } from './errors.js';
export { diagnoseSeries } from './detect/diagnose.js';
export { PlateauDetector } from './detect/detector.js';
export { detectorDefaults } from './detect/options.js';
// LR control: PyTorch-exact schedulers, the controller contract, the doctor, the schedule registry.
export { LrScheduler, StepLR, MultiStepLR, ExponentialLR, ReduceLROnPlateau, REDUCE_LR_ON_PLATEAU_DEFAULTS, schedulerFromPyTorch, } from './lr/schedulers.js';
export { lrChange } from './lr/lr-change.js';
export { createSchedulerController, SCHEDULER_CONTROLLER_DEFAULTS, } from './lr/scheduler-controllers.js';
export { createDoctorController, doctorDefaults } from './lr/doctor.js';
export { createController, SCHEDULES } from './lr/schedules.js';
// Reading logs.
export { readLossLog, detectFormat, LOSS_LOG_FORMATS } from './logs/read-loss-log.js';
export { readRunDir, readRunDirs, RunDirWriter } from './logs/run-dir.js';
export { analyzeFile, analyzeLossLog, analyzeJson } from './logs/analyze-log.js';
// Reports.
export { buildRunReport, writeRunReport } from './report/run-report.js';
export { buildAnalyzeReport, writeAnalyzeReport, analyzeReportFile, } from './report/analyze-report.js';
//# sourceMappingURL=index.js.map