/**
 * The `analyze --html` page: one panel per loss-log file, its series overlaid with the
 * detector's verdicts (plateau bands, knee, LR changes seen in the log and whether the loss
 * responded). Chart data: analyze-chart-data.ts; spec: analyze-spec.ts.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { SeriesDiagnosis } from '../detect/types.js';
import type { AnalyzedFile, SeriesWithDiagnosis } from '../logs/analysis.js';
import type { LossLog } from '../logs/loss-log.js';
import { analyzePanelData, verdictLine, type AnalyzeReportOptions, type AnalyzeReportPair } from './analyze-chart-data.js';
import { analyzePanelSpec } from './analyze-spec.js';
import { escapeHtml, renderPage, writePage, type PageChart } from './html.js';
import { uniqueLabels } from './model.js';

export type { AnalyzeReportOptions, AnalyzeReportPair };

/** One input file of the analyze report: `analyze`'s own result, or any log with diagnoses (see `analyzeReportFile`). */
export type AnalyzeReportFile = AnalyzedFile<SeriesWithDiagnosis, AnalyzeReportPair>;

/** Wraps a LossLog and its per-series diagnoses (same order) as an analyze report input. */
export function analyzeReportFile(log: LossLog, diagnoses: ReadonlyArray<SeriesDiagnosis | null>): AnalyzeReportFile {
  return { kind: 'ok', file: log.file, format: log.format, notes: [], pairs: [], series: log.series.map((series, i) => ({ series, diagnosis: diagnoses[i] ?? null })) };
}

/** Builds the `analyze --html` page: one panel per file, errors listed as text. */
export function buildAnalyzeReport(files: readonly AnalyzeReportFile[], options: AnalyzeReportOptions = {}): string {
  const e = escapeHtml;
  const title = options.title ?? 'plateau-doctor analyze';
  const charts: PageChart[] = [];
  const parts: string[] = [
    `<h1>${e(title)}</h1>`,
    `<p class="sub">Generated ${e((options.generatedAt ?? new Date()).toISOString().slice(0, 19).replace('T', ' '))} UTC by plateau-doctor · ${files.length} file${files.length === 1 ? '' : 's'}</p>`,
    '<p class="note">Shaded: plateaus found by the detector · grey band: the gap between a training loss and its validation loss · dotted rule: the best validation loss (where to stop) · diamond: end of the fast drop · dashed rules: LR changes seen in the log (hover for whether the loss responded). Long series show the raw values faint (min and max per bucket) under a smoothed line. Click a legend entry to show only that series; scroll to zoom, drag to pan, double-click to reset.</p>',
  ];
  files.forEach((f, i) => {
    if (f.kind === 'error') {
      parts.push(`<h2>${e(f.file)}</h2><p class="error">Could not be analysed: ${e(f.error)}</p>`);
      return;
    }
    const log: LossLog = { file: f.file, format: f.format, series: f.series.map((s) => s.series) };
    const names = uniqueLabels(log.series.map((s) => s.name));
    parts.push(`<h2>${e(f.file)}</h2>`);
    const pairs = f.pairs;
    if (pairs.length) parts.push(`<ul class="pairs">${pairs.map((p) => `<li><b>${e(`${p.train} / ${p.validation}: ${p.kind}`)}</b>: ${e(p.summary)} (${e(p.suggestion)})</li>`).join('')}</ul>`);
    parts.push(`<ul>${f.series.map((s, k) => `<li>${e(verdictLine(names[k], s.diagnosis))}</li>`).join('')}</ul>`);
    const notes = [...f.notes, ...log.series.flatMap((s) => (s.notes ?? []).map((n) => `${s.name}: ${n}`))];
    if (notes.length) parts.push(`<p class="note">${notes.map(e).join('<br>')}</p>`);
    // One panel per x unit: series counted in steps and in epochs do not share an axis.
    const units = [...new Set(f.series.map((s) => s.series.x))];
    units.forEach((unit, u) => {
      const members = f.series.filter((s) => s.series.x === unit);
      const panel = analyzePanelData({ ...log, series: members.map((s) => s.series) }, members.map((s) => s.diagnosis), options, pairs.filter((p) => p.aligned.x === unit));
      const id = `chart-file-${i + 1}${units.length > 1 ? `-${u + 1}` : ''}`;
      parts.push(`<div class="chart" id="${id}"></div>`);
      charts.push({ id, spec: analyzePanelSpec(panel, options) });
    });
  });
  return renderPage({ title, bodyHtml: parts.join('\n'), charts: charts.map((c, i) => ({ id: c.id, spec: renameDatasets(c.spec, `f${i + 1}_`) })) });
}

/** Writes the analyze report atomically. Returns the path and byte size. */
export function writeAnalyzeReport(file: string, files: readonly AnalyzeReportFile[], options: AnalyzeReportOptions = {}): { path: string; bytes: number } {
  return writePage(file, buildAnalyzeReport(files, options));
}

/** Prefixes dataset names so panels do not share data in the page. */
function renameDatasets(spec: TopLevelSpec, prefix: string): TopLevelSpec {
  const s = spec as TopLevelSpec & { datasets?: Record<string, unknown[]>; layer?: Array<{ data?: { name?: string } }> };
  const datasets: Record<string, unknown[]> = {};
  for (const [k, v] of Object.entries(s.datasets ?? {})) datasets[prefix + k] = v;
  const layer = (s.layer ?? []).map((l) => (l.data?.name ? { ...l, data: { name: prefix + l.data.name } } : l));
  return { ...s, datasets, layer } as TopLevelSpec;
}
