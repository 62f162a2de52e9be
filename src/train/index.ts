// Public API of src/train (named exports). Re-exported by src/index.ts.
export { Rng } from './rng.js';
export type { RunEvent, RunPlan } from './events.js';
export type { LrController, LrDecision } from './lr-controller.js';
export * from './data/index.js';
export {
  LrScheduler,
  StepLR,
  MultiStepLR,
  ExponentialLR,
  ReduceLROnPlateau,
  REDUCE_LR_ON_PLATEAU_DEFAULTS,
  schedulerFromPyTorch,
  powInt,
} from './schedulers.js';
export type {
  Scheduler,
  SchedulerClassName,
  SchedulerState,
  StepLROptions,
  MultiStepLROptions,
  ExponentialLROptions,
  ReduceLROnPlateauOptions,
  PlateauStepInfo,
} from './schedulers.js';
export { selectBackend, BACKEND_REQUESTS } from './backend.js';
export type { BackendName, BackendRequest, SelectedBackend, Tf } from './backend.js';
export { SimpleNN, initMlpWeights, softmaxCrossEntropy, SIMPLE_NN } from './model.js';
export type { MlpShape, MlpWeights, Evaluation, SimpleNNOptions } from './model.js';
export { prepareTrainingData, EpochBatches, SHUFFLE_SEED_MIX } from './batches.js';
export type { TrainingData, DataSplit, PrepareOptions } from './batches.js';
export { trainRun, checkPlan } from './trainer.js';
export type { TrainRunOptions } from './trainer.js';
export {
  createSchedulerController,
  SCHEDULER_SCHEDULES,
  SCHEDULER_CONTROLLER_DEFAULTS,
  MONITORS,
} from './scheduler-controllers.js';
export type { SchedulerController, SchedulerControllerOptions, SchedulerScheduleName, Monitor } from './scheduler-controllers.js';
export { runComparison } from './compare.js';
export type { ComparisonOptions } from './compare.js';
export {
  reduceLROnPlateau,
  ReduceLROnPlateauCallback,
  lrControllerCallback,
  LrControllerCallback,
  getOptimizerLearningRate,
  setOptimizerLearningRate,
} from './tfjs-callbacks.js';
export type { ReduceLROnPlateauCallbackOptions, LrControllerCallbackOptions } from './tfjs-callbacks.js';
