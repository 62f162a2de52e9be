/**
 * The run report: model -> charts -> page. `buildRunReport` is pure apart from reading the
 * vega bundles from node_modules; `writeRunReport` writes the file atomically.
 */
import { formatDuration, formatMetric, formatPoints, xValue } from '../numbers.js';
import type { RunLog } from '../logs/run-log.js';
import type { MeanInterval } from './stats.js';
import { buildRunReportModel, type RunReportModel, type RunReportModelOptions, type SummaryRow } from './model.js';
import { runChartSpecs, type ChartSizeOptions } from './specs.js';
import { escapeHtml, renderPage, writePage } from './html.js';
import { describeLrChanges } from './lr-change-timing.js';

export interface RunReportOptions extends RunReportModelOptions, ChartSizeOptions {}

/** The chart containers of a run report, in page order (the browser test counts them). */
export const RUN_REPORT_CHART_IDS = ['chart-steps', 'chart-epoch-loss', 'chart-accuracy'] as const;

/** Builds the self-contained HTML report comparing `runs`. */
export function buildRunReport(runs: readonly RunLog[], options: RunReportOptions = {}): string {
  return renderRunReport(buildRunReportModel(runs, options), options);
}

/** Writes the report to `file` atomically (temporary file + rename). Returns the byte size. */
export function writeRunReport(file: string, runs: readonly RunLog[], options: RunReportOptions = {}): { path: string; bytes: number } {
  return writePage(file, buildRunReport(runs, options));
}

/** Renders a model as a page. */
export function renderRunReport(model: RunReportModel, options: ChartSizeOptions = {}): string {
  const specs = runChartSpecs(model.charts, options);
  const e = escapeHtml;
  const body = [
    `<h1>${e(model.title)}</h1>`,
    `<p class="sub">Generated ${e(model.generatedAt.slice(0, 19).replace('T', ' '))} UTC by plateau-doctor · ${e(String(model.charts.runs.length))} run${model.charts.runs.length === 1 ? '' : 's'}</p>`,
    '<h2>Result</h2>',
    `<ul class="verdict">${model.verdictLines.map((l) => `<li>${e(l)}</li>`).join('')}</ul>`,
    '<h2>Summary per schedule</h2>',
    summaryTable(model.rows, model.setups.length > 1),
    `<p class="note">★ marks the best value in each column${model.setups.length > 1 ? ' among the runs of one setup' : ''}. ${model.rows.some((r) => r.seeds.length > 1) ? 'Values are means over seeds with their 95% t interval.' : 'One run per schedule.'} Accuracy is on the ${e(model.testSizes.length ? model.testSizes.map(xValue).join('/') + '-image ' : '')}test set after the last epoch; the test set is never used for a decision.</p>`,
    '<h2>Charts</h2>',
    '<p class="note">Hover for values; dashed rules mark LR changes (hover one for its reason and evidence). Click a legend entry to show only that run (shift-click to add more, click on empty space to show all). Scroll to zoom and drag to pan along the steps in the upper charts; double-click to reset.</p>',
    `<div class="chart" id="${RUN_REPORT_CHART_IDS[0]}"></div>`,
    `<div class="row"><div class="chart" id="${RUN_REPORT_CHART_IDS[1]}"></div><div class="chart" id="${RUN_REPORT_CHART_IDS[2]}"></div></div>`,
    model.runDiagnoses.length
      ? `<h2>Detector verdicts on the step losses</h2><ul>${model.runDiagnoses.map((d) => `<li><b>${e(d.run)}</b>: ${e(d.verdict)}: ${e(d.summary)}</li>`).join('')}</ul>`
      : '',
    '<h2>What was run</h2>',
    `<dl>${model.facts.map((f) => `<dt>${e(f.label)}</dt><dd>${e(f.value)}</dd>`).join('')}</dl>`,
    lrChangeList(model),
    model.notes.length ? `<h2>Notes</h2><ul>${model.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>` : '',
  ].join('\n');
  return renderPage({
    title: model.title,
    bodyHtml: body,
    charts: [
      { id: RUN_REPORT_CHART_IDS[0], spec: specs.steps },
      { id: RUN_REPORT_CHART_IDS[1], spec: specs.epochLoss },
      { id: RUN_REPORT_CHART_IDS[2], spec: specs.accuracy },
    ],
  });
}

/** A table cell: the mean (and its interval) in the column's format (the one `markBest` compares), '–' when not finite. */
function cell(value: MeanInterval | null, format: (x: number) => string, best: boolean): string {
  if (!value || value.n === 0) return '<td>–</td>';
  const shown = (x: number) => (Number.isFinite(x) ? format(x) : '–');
  const ci = value.low !== null && value.high !== null ? `<span class="ci">95% CI ${shown(value.low)}..${shown(value.high)} (n=${value.n})</span>` : '';
  return `<td${best ? ' class="best"' : ''}>${shown(value.mean)}${best ? ' ★' : ''}${ci}</td>`;
}

function lrChangesText(row: SummaryRow): string {
  const texts = row.lrChanges.timings.map(describeLrChanges);
  if (new Set(texts).size <= 1) return escapeHtml(texts[0] ?? 'none') + (row.runs.length > 1 ? ' in every run' : '');
  return texts.map((text, i) => `seed ${escapeHtml(String(row.seeds[i]))}: ${escapeHtml(text)}`).join('<br>');
}

/**
 * The summary per schedule. With averaged weights (issue 12) their final test and validation
 * accuracy stand beside the raw weights' (columns shown only when some run has them).
 */
function summaryTable(rows: SummaryRow[], showSetup: boolean): string {
  const e = escapeHtml;
  const averaged = rows.some((r) => r.averagedTestAccuracy !== null);
  const val = rows.some((r) => r.valAccuracy !== null || r.averagedValAccuracy !== null);
  const finalWeights = rows.length > 0 && rows.every((r) => r.finalWeights === 'averaged') ? ' (averaged weights)' : '';
  const head =
    (showSetup ? '<tr><th>Setup</th>' : '<tr>') +
    `<th>Schedule</th><th>Seed(s)</th><th>Final test accuracy (%)${finalWeights}</th>` +
    (averaged ? `<th>Averaged weights: test accuracy (%)</th>` : '') +
    (val ? `<th>Final validation accuracy (%)${finalWeights}</th>` : '') +
    (averaged && val ? `<th>Averaged weights: validation accuracy (%)</th>` : '') +
    '<th>Final test loss</th><th>Best validation loss</th><th>LR changes</th><th>Wall time</th></tr>';
  const body = rows.map((r) => {
    const best = (c: SummaryRow['best'][number]) => r.best.includes(c);
    const wall = r.wallSeconds;
    return (
      `<tr>${showSetup ? `<td>${r.setup + 1}</td>` : ''}<td>${e(r.schedule)}${r.problems.length ? ` <span class="error">(${e(r.problems.join('; '))})</span>` : ''}</td>` +
      `<td>${e(r.seeds.join(', '))}</td>` +
      cell(r.testAccuracy, formatPoints, best('testAccuracy')) +
      (averaged ? cell(r.averagedTestAccuracy, formatPoints, best('averagedTestAccuracy')) : '') +
      (val ? cell(r.valAccuracy, formatPoints, false) : '') +
      (averaged && val ? cell(r.averagedValAccuracy, formatPoints, false) : '') +
      cell(r.testLoss, formatMetric, best('testLoss')) +
      cell(r.bestValLoss, formatMetric, best('bestValLoss')) +
      `<td>${lrChangesText(r)}</td>` +
      `<td${best('wallSeconds') ? ' class="best"' : ''}>${e(formatDuration(wall.mean))}${best('wallSeconds') ? ' ★' : ''}</td></tr>`
    );
  });
  return `<table id="summary">${head}${body.join('')}</table>`;
}

function lrChangeList(model: RunReportModel): string {
  const changes = model.charts.lrChanges;
  if (changes.length === 0) return '<h2>LR changes</h2><p>No run changed its learning rate.</p>';
  const e = escapeHtml;
  const rows = changes.map(
    (c) =>
      `<tr><td>${e(c.run)}</td><td>${e(String(c.epoch))}</td><td>${e(xValue(c.step))}</td><td>${e(c.change)}</td><td style="text-align:left">${e(c.reason)}${c.verdict ? ` (verdict: ${e(c.verdict)})` : ''}${c.evidenceSummary ? `<span class="ci">${e(c.evidenceSummary)}</span>` : ''}${c.evidence ? `<span class="ci">${e(c.evidence.replace(/\n/g, '; '))}</span>` : ''}</td></tr>`,
  );
  return `<h2>LR changes</h2><table id="lr-changes"><tr><th>Run</th><th>Epoch</th><th>After step</th><th>Learning rate</th><th style="text-align:left">Reason</th></tr>${rows.join('')}</table>`;
}
