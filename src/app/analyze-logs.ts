/**
 * The `analyze` use case: read loss logs (src/logs) and diagnose every series (src/detect).
 */
import { SeriesDiagnoser, diagnoseSeries } from '../detect/diagnose.js';
import type { DiagnoseOptions, SeriesDiagnosis } from '../detect/types.js';
import { isUserError } from '../errors.js';
import type { AnalyzedFile, AnalyzedSeries } from '../logs/analysis.js';
import { readDirectory, type SkippedFile } from '../logs/discover.js';
import { FollowedLog } from '../logs/follow-reader.js';
import type { LossLog, LossSeries } from '../logs/loss-log.js';
import { readLossLog, type ReadLossLogOptions } from '../logs/read-loss-log.js';
import { orient, orientationOf } from '../logs/metric-direction.js';
import { writeAnalyzeReport } from '../report/analyze-report.js';
import { cannotWriteReport } from '../report/html.js';
import { analyzePairs, pairJson } from './analyze-pairs.js';

export type { AnalyzedFile, AnalyzedSeries };

/** The detector's offline diagnosis (src/detect `diagnoseSeries`, the default); tests may pass another function of the same shape. */
export type DiagnoseSeriesFn = (xs: number[], ys: number[], options: DiagnoseOptions) => SeriesDiagnosis;

/** Runs the offline diagnosis on every series of a LossLog. */
export function analyzeLossLog(log: LossLog, diagnose: DiagnoseSeriesFn = diagnoseSeries): AnalyzedSeries[] {
  return log.series.map((s) => analyzeSeries(s, diagnose));
}

/**
 * A higher-is-better series (accuracy, mAP, F1, BLEU, reward, by name) flipped so that falling
 * means improving, with a note saying so; a loss as it is.
 */
export function oriented(s: LossSeries): LossSeries {
  const o = orientationOf(s.name, s.ys);
  return o ? { ...s, ys: orient(s.ys, o), notes: [...(s.notes ?? []), o.note] } : s;
}

export function analyzeSeries(series: LossSeries, diagnose: DiagnoseSeriesFn = diagnoseSeries): AnalyzedSeries {
  const s = oriented(series);
  const options: DiagnoseOptions = { x: s.x };
  if (s.lrs) options.lrs = s.lrs;
  if (s.stepsPerEpoch !== undefined && s.x === 'step') options.stepsPerEpoch = s.stepsPerEpoch;
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
export function analyzeReadLog(log: LossLog, diagnose: DiagnoseSeriesFn = diagnoseSeries): Extract<AnalyzedFile, { kind: 'ok' }> {
  const series = analyzeLossLog(log, diagnose);
  const result: Extract<AnalyzedFile, { kind: 'ok' }> = { kind: 'ok', file: log.file, format: log.format, notes: log.notes ?? [], pairs: analyzePairs(log, series), series };
  if (log.run !== undefined) result.run = log.run;
  if (log.parts) result.parts = log.parts;
  return result;
}

/** A directory walked (`analyze DIR`): one result per run found, and the files that are not logs. */
export async function analyzeDirectory(dir: string, options: ReadLossLogOptions = {}, diagnose: DiagnoseSeriesFn = diagnoseSeries): Promise<{ files: AnalyzedFile[]; skipped: SkippedFile[] }> {
  const { logs, skipped } = await readDirectory(dir, options);
  const files = logs.map((l): AnalyzedFile => (l.kind === 'ok' ? analyzeReadLog(l.log, diagnose) : l));
  return { files, skipped };
}

/**
 * `--follow` on one file: `poll` reads what was appended (FollowedLog) and updates each series'
 * diagnosis with the new points only (SeriesDiagnoser), so a check costs O(new bytes) plus
 * O(detector capacity) per series; a file read from the start rebuilds them.
 */
export class FollowedAnalysis {
  private readonly followed: FollowedLog;
  private diagnosers = new Map<LossSeries, SeriesDiagnoser>();

  constructor(readonly file: string, options: ReadLossLogOptions = {}) {
    this.followed = new FollowedLog(file, options);
  }

  async poll(): Promise<{ kind: 'unchanged' } | { kind: 'missing' } | { kind: 'error'; error: string } | { kind: 'ok'; series: AnalyzedSeries[]; points?: number }> {
    const update = await this.followed.poll();
    if (update.kind !== 'read' && update.kind !== 'appended') return update;
    if (update.kind === 'read') this.diagnosers = new Map();
    const series = update.log.series.map((read) => {
      const s = oriented(read);
      let d = this.diagnosers.get(read);
      if (!d) this.diagnosers.set(read, (d = new SeriesDiagnoser({ x: s.x, ...(s.stepsPerEpoch !== undefined && s.x === 'step' ? { stepsPerEpoch: s.stepsPerEpoch } : {}) })));
      const diagnoser = d;
      diagnoser.update(s.xs, s.ys, s.lrs);
      return analyzeSeries(read, (xs, ys, o) => diagnoser.diagnose(xs, ys, o.lrs));
    });
    return update.kind === 'appended' ? { kind: 'ok', series, points: update.points } : { kind: 'ok', series };
  }
}

/** Reads and diagnoses each file, in order (see `analyzeFile`). */
export async function analyzeLogs(files: readonly string[], options: ReadLossLogOptions = {}, diagnose: DiagnoseSeriesFn = diagnoseSeries): Promise<AnalyzedFile[]> {
  const results: AnalyzedFile[] = [];
  for (const file of files) results.push(await analyzeFile(file, options, diagnose));
  return results;
}

/** Reads and diagnoses one file; a user error becomes `{ kind: 'error' }`, anything else is thrown. */
export async function analyzeFile(file: string, options: ReadLossLogOptions = {}, diagnose: DiagnoseSeriesFn = diagnoseSeries): Promise<AnalyzedFile> {
  try {
    return { ...analyzeReadLog(await readLossLog(file, options), diagnose), file };
  } catch (error) {
    if (isUserError(error)) return { kind: 'error', file, error: error.message };
    throw error;
  }
}

/** The `--json` document: `{"files":[...]}` with the field names (series data left out); `skipped` after a directory walk. */
export function analyzeJson(files: AnalyzedFile[], skipped?: SkippedFile[]): unknown {
  return {
    ...(skipped ? { skipped } : {}),
    files: files.map((f) =>
      f.kind === 'error'
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
          },
    ),
  };
}

/** Writes the `--html` report to `out`; a write failure is a user error naming the file as the user gave it (`shownAs`). */
export function writeAnalyzeHtml(out: string, shownAs: string, results: AnalyzedFile[]): void {
  try {
    writeAnalyzeReport(out, results);
  } catch (error) {
    throw cannotWriteReport(`--html ${shownAs}`, error);
  }
}

