import { tableFromRecords } from './tabular.js';
/**
 * Sacred's FileStorageObserver `metrics.json`: `{"train.loss": {"steps": [0, 1, ...],
 * "timestamps": [...], "values": [...]}, ...}`, one entry per logged metric.
 */
export function isSacredMetrics(doc) {
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
        return false;
    const metrics = Object.values(doc);
    return (metrics.length > 0 &&
        metrics.every((m) => typeof m === 'object' && m !== null && Array.isArray(m.steps) && Array.isArray(m.values) && m.steps.length === m.values.length));
}
/** Every metric by its steps, as records (`step` plus one key per metric logged at that step), read as a table. */
export function sacredToLossLog(file, doc, options) {
    const rows = new Map();
    for (const [name, metric] of Object.entries(doc)) {
        metric.steps.forEach((step, i) => {
            if (typeof step !== 'number')
                return;
            let row = rows.get(step);
            if (!row)
                rows.set(step, (row = { step }));
            row[name] = metric.values[i];
        });
    }
    const records = [...rows.values()].sort((a, b) => a.step - b.step).map((values, i) => ({ values, line: i + 1 }));
    const log = tableFromRecords(file, 'json', records, options, 'step entry');
    return { ...log, notes: ['read as Sacred metrics.json (one entry per step)', ...(log.notes ?? [])] };
}
//# sourceMappingURL=sacred-metrics.js.map