/** plateau-doctor's public library API (named exports only). */
export { PlateauDoctorError } from './errors.js';
export type * from './logs/run-log.js';
export type * from './logs/loss-log.js';
export type * from './detect/types.js';
export * from './train/index.js';
export * from './detect/index.js';
export * from './logs/index.js';
export * from './report/index.js';
export { main } from './cli.js';
