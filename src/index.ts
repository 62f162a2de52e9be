/** plateau-doctor's public library API (named exports only). */
export { PlateauDoctorError } from './errors.js';
export type * from './logs/run-log.js';
export type * from './logs/loss-log.js';
export type * from './detect/types.js';
export type { LrController, LrDecision } from './train/lr-controller.js';
export { main } from './cli.js';
