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
