import { type LrControllerCallback, type LrControllerCallbackOptions } from './callbacks.js';
import { type DoctorOptions } from '../lr/doctor.js';
/**
 * The `doctor` schedule as a TensorFlow.js `model.fit` callback: watches every batch loss (and
 * `val_loss` when fit has validation data) and sets the optimizer's LR when a decay is expected
 * to help. `log` receives verdict changes and one line per LR change.
 *
 *   await model.fit(xs, ys, { epochs: 30, validationSplit: 0.1, callbacks: [plateauDoctor({ log: console.log })] });
 */
export declare function plateauDoctor(options?: DoctorOptions & LrControllerCallbackOptions): LrControllerCallback;
