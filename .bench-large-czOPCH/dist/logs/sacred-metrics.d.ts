import type { LossLog } from './loss-log.js';
import { type ReadTabularOptions } from './tabular.js';
/** One metric of Sacred's `metrics.json`: values logged with `_run.log_scalar(name, value, step)`. */
interface SacredMetric {
    steps: unknown[];
    values: unknown[];
    timestamps?: unknown[];
}
/**
 * Sacred's FileStorageObserver `metrics.json`: `{"train.loss": {"steps": [0, 1, ...],
 * "timestamps": [...], "values": [...]}, ...}`, one entry per logged metric.
 */
export declare function isSacredMetrics(doc: unknown): doc is Record<string, SacredMetric>;
/** Every metric by its steps, as records (`step` plus one key per metric logged at that step), read as a table. */
export declare function sacredToLossLog(file: string, doc: Record<string, SacredMetric>, options: ReadTabularOptions): LossLog;
export {};
