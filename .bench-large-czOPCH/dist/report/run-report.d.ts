/**
 * The run report: model -> charts -> page. `buildRunReport` is pure apart from reading the
 * vega bundles from node_modules; `writeRunReport` writes the file atomically.
 */
import type { RunLog } from '../logs/run-log.js';
import { type RunReportModel, type RunReportModelOptions } from './model.js';
import { type ChartSizeOptions } from './specs.js';
export interface RunReportOptions extends RunReportModelOptions, ChartSizeOptions {
}
/** The chart containers of a run report, in page order (the browser test counts them). */
export declare const RUN_REPORT_CHART_IDS: readonly ['chart-steps', 'chart-epoch-loss', 'chart-accuracy'];
/** Builds the self-contained HTML report comparing `runs`. */
export declare function buildRunReport(runs: readonly RunLog[], options?: RunReportOptions): string;
/** Writes the report to `file` atomically (temporary file + rename). Returns the byte size. */
export declare function writeRunReport(file: string, runs: readonly RunLog[], options?: RunReportOptions): {
    path: string;
    bytes: number;
};
/** Renders a model as a page. */
export declare function renderRunReport(model: RunReportModel, options?: ChartSizeOptions): string;
