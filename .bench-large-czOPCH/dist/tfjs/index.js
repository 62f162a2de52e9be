/**
 * `plateau-doctor/tfjs`: everything that runs on TensorFlow.js. The `model.fit` callbacks
 * (PyTorch's ReduceLROnPlateau, any LrController, the doctor) and the training engine behind
 * `plateau-doctor run`. Kept out of the main entry so reading and diagnosing logs never loads
 * TensorFlow.js.
 */
export { reduceLROnPlateau, ReduceLROnPlateauCallback, lrControllerCallback, LrControllerCallback, getOptimizerLearningRate, setOptimizerLearningRate, } from './callbacks.js';
export { plateauDoctor } from './plateau-doctor-callback.js';
export { trainRun } from '../train/trainer.js';
export { runComparison } from '../train/compare.js';
export { selectBackend, BACKEND_REQUESTS } from '../train/backend.js';
export { loadDataset } from '../train/data/datasets.js';
//# sourceMappingURL=index.js.map