import type { LossLog } from './loss-log.js';
/**
 * Parts of one run written to several files (a resumed TensorBoard run's second event file,
 * Lightning's `version_1` after `version_0`), in order. Consecutive parts are stitched, as
 * TensorBoard shows them, when they hold the same series and every series' steps continue
 * where the previous part stopped; otherwise they stay separate runs.
 */
export declare function stitchGroup(parts: LossLog[]): LossLog[];
