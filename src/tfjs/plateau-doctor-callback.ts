import { LR_CONTROLLER_CALLBACK_OPTION_KEYS, LrControllerCallback, type LrControllerCallbackOptions } from './callbacks.js';
import { createDoctorController, DOCTOR_OPTION_KEYS, type DoctorOptions } from '../lr/doctor.js';
import { rejectUnknownOptions } from '../errors.js';

/** Options of `plateauDoctor()`: the doctor's (as the `doctor` schedule's flags) and the callback's. */
export type PlateauDoctorCallbackOptions = DoctorOptions & LrControllerCallbackOptions;

/**
 * The `doctor` schedule as a TensorFlow.js `model.fit` callback: watches every batch loss (and
 * `val_loss` when fit has validation data) and sets the optimizer's LR when a decay is expected
 * to help. `log` receives verdict changes and one line per LR change; the reasons are the
 * doctor's, word for word as `plateau-doctor run --schedules doctor` prints them.
 *
 * With `validationData: [x, y]` (fit's validation data does not reach callbacks) it keeps an
 * exponential moving average of the trainable weights (horizon `averageHorizon` epochs, default
 * 1) and gives the doctor, after every epoch, the averaged weights' validation loss and accuracy
 * and the paired weight-average gap L(θ) - L(θ̄) with its 95% interval (`EpochRecord.average`).
 * Without it, no average is kept and the doctor decides as before. With `earlyStop: true`, when
 * the averaged weights overfit (their validation loss rises beyond doubt while the training loss
 * falls) fit stops after that epoch and the model gets the averaged weights of the best epoch
 * (`callback.stopped` says what happened).
 *
 *   await model.fit(xs, ys, { epochs: 30, validationData: [xVal, yVal],
 *     callbacks: [plateauDoctor({ validationData: [xVal, yVal], log: console.log })] });
 */
export function plateauDoctor(options: PlateauDoctorCallbackOptions = {}): LrControllerCallback {
  rejectUnknownOptions('plateauDoctor', options, [...LR_CONTROLLER_CALLBACK_OPTION_KEYS, ...DOCTOR_OPTION_KEYS]);
  const callbackOptions: Record<string, unknown> = {};
  const doctorOptions: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if ((LR_CONTROLLER_CALLBACK_OPTION_KEYS as readonly string[]).includes(key)) callbackOptions[key] = value;
    else doctorOptions[key] = value;
  }
  const controller = createDoctorController(doctorOptions as DoctorOptions);
  return new LrControllerCallback(controller, callbackOptions as LrControllerCallbackOptions, { owner: 'plateauDoctor', keepBestAverage: controller.options.earlyStop === true });
}
