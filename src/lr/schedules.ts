import { createDoctorController, type DoctorOptions } from './doctor.js';
import { PlateauDoctorError } from '../errors.js';
import type { LrController } from './controller.js';
import { SCHEDULER_SCHEDULES, createSchedulerController, type SchedulerControllerOptions, type SchedulerScheduleName } from './scheduler-controllers.js';

/** Every schedule `plateau-doctor run --schedules` accepts. */
export const SCHEDULES = ['none', 'step', 'multistep', 'exponential', 'plateau', 'doctor'] as const;
export type ScheduleName = (typeof SCHEDULES)[number];

export function isScheduleName(name: string): name is ScheduleName {
  return (SCHEDULES as readonly string[]).includes(name);
}

/**
 * Builds the LR controller for a schedule by name. This is the one place that knows every
 * schedule; it runs in worker threads too, so `options` must be plain data.
 */
export function createController(schedule: string, options: Record<string, unknown>): LrController {
  if ((SCHEDULER_SCHEDULES as readonly string[]).includes(schedule)) {
    return createSchedulerController(schedule as SchedulerScheduleName, options as SchedulerControllerOptions);
  }
  if (schedule === 'doctor') return createDoctorController(options as DoctorOptions);
  throw new PlateauDoctorError(`unknown schedule "${schedule}": choose from ${SCHEDULES.join(', ')}`);
}
