/**
 * The `analyze --html` report: one panel per loss-log file, its series overlaid with the
 * detector's verdicts (plateau bands, knee, LR changes seen in the log and whether the loss
 * responded), built from the same blocks as the run report.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { LossLog, LossSeries } from '../logs/loss-log.js';
import type { SeriesDiagnosis } from '../detect/types.js';
/**
 * One input file of the analyze report: read and diagnosed (`ok`, one entry per series with its
 * diagnosis, null when it could not be diagnosed), or failed with a one-line error. The same
 * shape as `analyze`'s own results (src/logs/analyze-log.ts), so they can be passed as they are.
 */
export type AnalyzeReportFile = {
    kind: 'ok';
    file: string;
    format: string;
    notes?: string[];
    series: ReadonlyArray<{
        series: LossSeries;
        diagnosis: SeriesDiagnosis | null;
    }>;
    /** Training/validation pairs with their diagnosis (analyze's AnalyzedPair fits). */
    pairs?: ReadonlyArray<AnalyzeReportPair>;
} | {
    kind: 'error';
    file: string;
    error: string;
};
/** A diagnosed training/validation pair: both curves on the validation x axis, and where validation was best. */
export interface AnalyzeReportPair {
    train: string;
    validation: string;
    kind: string;
    summary: string;
    suggestion: string;
    bestAt: number | null;
    aligned: {
        x: string;
        xs: readonly number[];
        val: readonly number[];
        train: readonly number[];
    };
}
/** Wraps a LossLog and its per-series diagnoses (same order) as an analyze report input. */
export declare function analyzeReportFile(log: LossLog, diagnoses: ReadonlyArray<SeriesDiagnosis | null>): AnalyzeReportFile;
export interface AnalyzeReportOptions {
    /** Page title. Default 'plateau-doctor analyze'. */
    title?: string;
    /** Time shown as the report's date. Default: now. */
    generatedAt?: Date;
    /** EMA weight for series with more than `smoothAbove` points. Default 0.9. */
    smoothing?: number;
    /** Series with more points get a faint raw line and a smoothed line. Default 300. */
    smoothAbove?: number;
    /** Buckets for the raw line of long series (min and max kept per bucket). Default 1000. */
    rawBuckets?: number;
    /** Points kept of a smoothed line (every k-th point beyond that). Default 5000. */
    maxSmoothPoints?: number;
    /** Width of each panel in pixels. Default 900. */
    width?: number;
}
export interface AnalyzePanelData {
    file: string;
    format: string;
    xTitle: string;
    series: string[];
    verdictLines: string[];
    raw: Array<{
        series: string;
        x: number;
        y: number | null;
    }>;
    smooth: Array<{
        series: string;
        x: number;
        y: number | null;
    }>;
    plateaus: Array<{
        series: string;
        start: number;
        end: number;
        level: number;
    }>;
    knees: Array<{
        series: string;
        x: number;
        y: number;
    }>;
    lrChanges: Array<{
        series: string;
        x: number;
        change: string;
        summary: string;
        responded: string;
    }>;
    /** The band between a training loss and its validation loss, per evaluation. */
    gaps: Array<{
        pair: string;
        x: number;
        train: number;
        val: number;
    }>;
    /** The best validation loss of each pair (where to stop). */
    bests: Array<{
        pair: string;
        x: number;
        y: number;
        kind: string;
    }>;
    smoothing: number;
    logAllowed: boolean;
}
/** Chart data of one analysed file. Pure. */
export declare function analyzePanelData(log: LossLog, diagnoses: ReadonlyArray<SeriesDiagnosis | null>, options?: AnalyzeReportOptions, pairs?: ReadonlyArray<AnalyzeReportPair>): AnalyzePanelData;
/** A panel's Vega-Lite spec: series, plateaus, knee and LR changes on one x axis. Pure. */
export declare function analyzePanelSpec(panel: AnalyzePanelData, options?: AnalyzeReportOptions): TopLevelSpec;
/** Builds the `analyze --html` page: one panel per file, errors listed as text. */
export declare function buildAnalyzeReport(files: readonly AnalyzeReportFile[], options?: AnalyzeReportOptions): string;
/** Writes the analyze report atomically. Returns the path and byte size. */
export declare function writeAnalyzeReport(file: string, files: readonly AnalyzeReportFile[], options?: AnalyzeReportOptions): {
    path: string;
    bytes: number;
};
