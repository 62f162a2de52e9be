import type { DiagnoseOptions, SeriesDiagnosis, Verdict } from '../detect/types.js';
import type { LossLog, LossSeries, SeriesRole, XUnit } from './loss-log.js';
import { type ReadLossLogOptions } from './read-loss-log.js';
import { type SkippedFile } from './discover.js';
import { type AnalyzedPair } from './analyze-pairs.js';
/** One series with its diagnosis: what `analyze --json` prints per series (plus `diagnosis`). */
export interface AnalyzedSeries {
    name: string;
    role: SeriesRole;
    x: XUnit;
    points: number;
    verdict: Verdict;
    plateaus: {
        start: number;
        end: number;
        level: number;
    }[];
    knee: number | null;
    suggestion: string;
    summary: string;
    /** The full offline diagnosis (evidence, segments, LR responses). */
    diagnosis: SeriesDiagnosis;
    /** The series itself (not printed in JSON; the report draws it). */
    series: LossSeries;
}
/** A file that was read (`series`) or could not be (`error`), discriminated by `kind`. */
export type AnalyzedFile = {
    kind: 'ok';
    file: string;
    format: string;
    notes: string[];
    series: AnalyzedSeries[];
    pairs: AnalyzedPair[];
    run?: string;
    parts?: string[];
} | {
    kind: 'error';
    file: string;
    error: string;
};
/** The detector's offline diagnosis (src/detect `diagnoseSeries`, the default); tests may pass another function of the same shape. */
export type DiagnoseSeriesFn = (xs: number[], ys: number[], options: DiagnoseOptions) => SeriesDiagnosis;
/** Runs the offline diagnosis on every series of a LossLog. */
export declare function analyzeLossLog(log: LossLog, diagnose?: DiagnoseSeriesFn): AnalyzedSeries[];
export declare function analyzeSeries(s: LossSeries, diagnose?: DiagnoseSeriesFn): AnalyzedSeries;
/** Diagnoses a log that has been read. */
export declare function analyzeReadLog(log: LossLog, diagnose?: DiagnoseSeriesFn): Extract<AnalyzedFile, {
    kind: 'ok';
}>;
/** A directory walked (`analyze DIR`): one result per run found, and the files that are not logs. */
export declare function analyzeDirectory(dir: string, options?: ReadLossLogOptions, diagnose?: DiagnoseSeriesFn): Promise<{
    files: AnalyzedFile[];
    skipped: SkippedFile[];
}>;
/**
 * `--follow` on one file: `poll` reads what was appended (FollowedLog) and updates each series'
 * diagnosis with the new points only (SeriesDiagnoser), so a check costs O(new bytes) plus
 * O(detector capacity) per series; a file read from the start rebuilds them.
 */
export declare class FollowedAnalysis {
    readonly file: string;
    private readonly followed;
    private diagnosers;
    constructor(file: string, options?: ReadLossLogOptions);
    poll(): Promise<{
        kind: 'unchanged';
    } | {
        kind: 'missing';
    } | {
        kind: 'error';
        error: string;
    } | {
        kind: 'ok';
        series: AnalyzedSeries[];
        points?: number;
    }>;
}
/** Reads and diagnoses one file; a user error becomes `{ kind: 'error' }`, anything else is thrown. */
export declare function analyzeFile(file: string, options?: ReadLossLogOptions, diagnose?: DiagnoseSeriesFn): Promise<AnalyzedFile>;
/** The `--json` document: `{"files":[...]}` with the field names (series data left out); `skipped` after a directory walk. */
export declare function analyzeJson(files: AnalyzedFile[], skipped?: SkippedFile[]): unknown;
