import { lrControllerCallback } from './callbacks.js';
import { createDoctorController } from '../lr/doctor.js';
/**
 * The `doctor` schedule as a TensorFlow.js `model.fit` callback: watches every batch loss (and
 * `val_loss` when fit has validation data) and sets the optimizer's LR when a decay is expected
 * to help. `log` receives verdict changes and one line per LR change.
 *
 *   await model.fit(xs, ys, { epochs: 30, validationSplit: 0.1, callbacks: [plateauDoctor({ log: console.log })] });
 */
export function plateauDoctor(options = {}) {
    const { onLrChange, log, ...doctorOptions } = options;
    return lrControllerCallback(createDoctorController(doctorOptions), { ...(onLrChange ? { onLrChange } : {}), ...(log ? { log } : {}) });
}
//# sourceMappingURL=plateau-doctor-callback.js.map