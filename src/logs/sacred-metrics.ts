import type { LossLog } from './loss-log.js';
import { tableFromRecords, type JsonRecord, type ReadTabularOptions } from './tabular.js';

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
export function isSacredMetrics(doc: unknown): doc is Record<string, SacredMetric> {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return false;
  const metrics = Object.values(doc);
  return (
    metrics.length > 0 &&
    metrics.every((m) => typeof m === 'object' && m !== null && Array.isArray((m as SacredMetric).steps) && Array.isArray((m as SacredMetric).values) && (m as SacredMetric).steps.length === (m as SacredMetric).values.length)
  );
}

/** Every metric by its steps, as records (`step` plus one key per metric logged at that step), read as a table. */
export function sacredToLossLog(file: string, doc: Record<string, SacredMetric>, options: ReadTabularOptions): LossLog {
  const rows = new Map<number, Record<string, unknown>>();
  for (const [name, metric] of Object.entries(doc)) {
    metric.steps.forEach((step, i) => {
      if (typeof step !== 'number') return;
      let row = rows.get(step);
      if (!row) rows.set(step, (row = { step }));
      row[name] = metric.values[i];
    });
  }
  const records: JsonRecord[] = [...rows.values()].sort((a, b) => (a.step as number) - (b.step as number)).map((values, i) => ({ values, line: i + 1 }));
  const log = tableFromRecords(file, 'json', records, options, 'step entry');
  return { ...log, notes: ['read as Sacred metrics.json (one entry per step)', ...(log.notes ?? [])] };
}
