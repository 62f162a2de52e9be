/**
 * `plateau-doctor/tfjs`: everything that runs on TensorFlow.js. The `model.fit` callbacks
 * (PyTorch's ReduceLROnPlateau, any LrController, the doctor) and the training engine behind
 * `plateau-doctor run`. Kept out of the main entry so reading and diagnosing logs never loads
 * TensorFlow.js.
 */
export {
  reduceLROnPlateau,
  ReduceLROnPlateauCallback,
  lrControllerCallback,
  LrControllerCallback,
  getOptimizerLearningRate,
  setOptimizerLearningRate,
  type ReduceLROnPlateauCallbackOptions,
  type LrControllerCallbackOptions,
} from './callbacks.js';
export { plateauDoctor, type PlateauDoctorCallbackOptions } from './plateau-doctor-callback.js';
export type { WeightAverageOptions } from './averaged-weights.js';
export type { LabelledSet } from './classifier-loss.js';
export { trainRun, type TrainRunOptions } from '../train/trainer.js';
export { trainComparison, type ComparisonOptions } from '../train/compare.js';
export { runComparison, type RunComparisonOptions, type RunComparisonResult, type RunListener } from '../app/run-comparison.js';
export { planRuns, type RunOptions } from '../app/plan-runs.js';
export type { RunEvent, RunPlan } from '../train/events.js';
export { selectBackend, BACKEND_REQUESTS, type BackendName, type BackendRequest, type SelectedBackend } from '../train/backend.js';
export { loadDataset, type Dataset, type LoadDatasetOptions } from '../train/data/datasets.js';
