import { SeriesDiagnoser, diagnoseSeries } from '../detect/diagnose.js';
import { isUserError } from '../errors.js';
import { readLossLog } from './read-loss-log.js';
import { readDirectory } from './discover.js';
import { analyzePairs, pairJson } from './analyze-pairs.js';
import { FollowedLog } from './follow-reader.js';
/** Runs the offline diagnosis on every series of a LossLog. */
export function analyzeLossLog(log, diagnose = diagnoseSeries) {
    return log.series.map((s) => analyzeSeries(s, diagnose));
}
export function analyzeSeries(s, diagnose = diagnoseSeries) {
    const options = { x: s.x };
    if (s.lrs)
        options.lrs = s.lrs;
    if (s.stepsPerEpoch !== undefined && s.x === 'step')
        options.stepsPerEpoch = s.stepsPerEpoch;
    const d = diagnose(s.xs, s.ys, options);
    return {
        name: s.name,
        role: s.role,
        x: s.x,
        points: s.xs.length,
        verdict: d.verdict,
        plateaus: d.plateaus.map((p) => ({ start: p.start, end: p.end, level: p.level })),
        knee: d.knee,
        suggestion: d.suggestion,
        summary: d.summary,
        diagnosis: d,
        series: s,
    };
}
/** Diagnoses a log that has been read. */
export function analyzeReadLog(log, diagnose = diagnoseSeries) {
    const series = analyzeLossLog(log, diagnose);
    const result = { kind: 'ok', file: log.file, format: log.format, notes: log.notes ?? [], pairs: analyzePairs(log, series), series };
    if (log.run !== undefined)
        result.run = log.run;
    if (log.parts)
        result.parts = log.parts;
    return result;
}
/** A directory walked (`analyze DIR`): one result per run found, and the files that are not logs. */
export async function analyzeDirectory(dir, options = {}, diagnose = diagnoseSeries) {
    const { logs, skipped } = await readDirectory(dir, options);
    const files = logs.map((l) => (l.kind === 'ok' ? analyzeReadLog(l.log, diagnose) : l));
    return { files, skipped };
}
/**
 * `--follow` on one file: `poll` reads what was appended (FollowedLog) and updates each series'
 * diagnosis with the new points only (SeriesDiagnoser), so a check costs O(new bytes) plus
 * O(detector capacity) per series; a file read from the start rebuilds them.
 */
export class FollowedAnalysis {
    file;
    followed;
    diagnosers = new Map();
    constructor(file, options = {}) {
        this.file = file;
        this.followed = new FollowedLog(file, options);
    }
    async poll() {
        const update = await this.followed.poll();
        if (update.kind !== 'read' && update.kind !== 'appended')
            return update;
        if (update.kind === 'read')
            this.diagnosers = new Map();
        const series = update.log.series.map((s) => {
            let d = this.diagnosers.get(s);
            if (!d)
                this.diagnosers.set(s, (d = new SeriesDiagnoser({ x: s.x, ...(s.stepsPerEpoch !== undefined && s.x === 'step' ? { stepsPerEpoch: s.stepsPerEpoch } : {}) })));
            const diagnoser = d;
            diagnoser.update(s.xs, s.ys, s.lrs);
            return analyzeSeries(s, (xs, ys, o) => diagnoser.diagnose(xs, ys, o.lrs));
        });
        return update.kind === 'appended' ? { kind: 'ok', series, points: update.points } : { kind: 'ok', series };
    }
}
/** Reads and diagnoses one file; a user error becomes `{ kind: 'error' }`, anything else is thrown. */
export async function analyzeFile(file, options = {}, diagnose = diagnoseSeries) {
    try {
        return { ...analyzeReadLog(await readLossLog(file, options), diagnose), file };
    }
    catch (error) {
        if (isUserError(error))
            return { kind: 'error', file, error: error.message };
        throw error;
    }
}
/** The `--json` document: `{"files":[...]}` with the field names (series data left out); `skipped` after a directory walk. */
export function analyzeJson(files, skipped) {
    return {
        ...(skipped ? { skipped } : {}),
        files: files.map((f) => f.kind === 'error'
            ? { file: f.file, error: f.error }
            : {
                file: f.file,
                ...(f.run !== undefined ? { run: f.run } : {}),
                ...(f.parts ? { parts: f.parts } : {}),
                format: f.format,
                notes: f.notes,
                pairs: f.pairs.map(pairJson),
                series: f.series.map((s) => ({
                    name: s.name,
                    role: s.role,
                    x: s.x,
                    points: s.points,
                    verdict: s.verdict,
                    plateaus: s.plateaus,
                    knee: s.knee,
                    suggestion: s.suggestion,
                    summary: s.summary,
                    at: s.diagnosis.at,
                    stepsPerEpoch: s.series.stepsPerEpoch ?? null,
                    evidence: s.diagnosis.evidence,
                    segments: s.diagnosis.segments,
                    lrResponses: s.diagnosis.lrResponses,
                    notes: s.series.notes ?? [],
                })),
            }),
    };
}
//# sourceMappingURL=analyze-log.js.map