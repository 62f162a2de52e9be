import { createDoctorController } from './doctor.js';
import { PlateauDoctorError } from '../errors.js';
import { SCHEDULER_SCHEDULES, createSchedulerController } from './scheduler-controllers.js';
/** Every schedule `plateau-doctor run --schedules` accepts. */
export const SCHEDULES = ['none', 'step', 'multistep', 'exponential', 'plateau', 'doctor'];
export function isScheduleName(name) {
    return SCHEDULES.includes(name);
}
/**
 * Builds the LR controller for a schedule by name. This is the one place that knows every
 * schedule; it runs in worker threads too, so `options` must be plain data.
 */
export function createController(schedule, options) {
    if (SCHEDULER_SCHEDULES.includes(schedule)) {
        return createSchedulerController(schedule, options);
    }
    if (schedule === 'doctor')
        return createDoctorController(options);
    throw new PlateauDoctorError(`unknown schedule "${schedule}": choose from ${SCHEDULES.join(', ')}`);
}
//# sourceMappingURL=schedules.js.map