// Public API of src/report (named exports). Re-exported by src/index.ts.
export { buildRunReport, writeRunReport, renderRunReport, RUN_REPORT_CHART_IDS } from './run-report.js';
export type { RunReportOptions } from './run-report.js';
export { buildAnalyzeReport, writeAnalyzeReport, analyzeReportFile, analyzePanelData, analyzePanelSpec } from './analyze-report.js';
export type { AnalyzeReportFile, AnalyzeReportOptions, AnalyzePanelData } from './analyze-report.js';
export { buildRunReportModel, formatEvidence, formatP } from './model.js';
export type { RunReportModel, RunReportModelOptions, RunChartData, SummaryRow, Comparison, DiagnoseSeries } from './model.js';
export { stepChartsSpec, epochLossSpec, accuracySpec, runChartSpecs } from './specs.js';
export type { ChartSizeOptions, RunCharts } from './specs.js';
export { escapeHtml, jsonForScript, encodeDataset, decodeDataset } from './html.js';
export { pairedTTest, meanInterval } from './stats.js';
export type { PairedTTest, MeanInterval } from './stats.js';
export { minMaxDownsample } from './series.js';
