import type { LrController } from './controller.js';
/** Every schedule `plateau-doctor run --schedules` accepts. */
export declare const SCHEDULES: readonly ['none', 'step', 'multistep', 'exponential', 'plateau', 'doctor'];
export type ScheduleName = (typeof SCHEDULES)[number];
export declare function isScheduleName(name: string): name is ScheduleName;
/**
 * Builds the LR controller for a schedule by name. This is the one place that knows every
 * schedule; it runs in worker threads too, so `options` must be plain data.
 */
export declare function createController(schedule: string, options: Record<string, unknown>): LrController;
