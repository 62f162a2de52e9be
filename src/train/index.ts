// Public API of src/train (named exports). Re-exported by src/index.ts.
export { Rng } from './rng.js';
export type { RunEvent, RunPlan } from './events.js';
export type { LrController, LrDecision } from './lr-controller.js';
export * from './data/index.js';
