/** The analyze report's Vega-Lite spec for one panel (built from analyze-chart-data.ts). Pure. */
import type { TopLevelSpec } from 'vega-lite';
import type { AnalyzePanelData, AnalyzeReportOptions } from './analyze-chart-data.js';
import { VEGA_LITE_SCHEMA, Y_LABEL_EXPR, kneeMark, logCalc, lrRuleMark, pickOpacity, plateauBandLayer, pruneEmptyLayers } from './specs.js';

/** A panel's Vega-Lite spec: series, plateaus, knee and LR changes on one x axis. Pure. */
export function analyzePanelSpec(panel: AnalyzePanelData, options: AnalyzeReportOptions = {}): TopLevelSpec {
  return pruneEmptyLayers(analyzePanelFullSpec(panel, options));
}

function analyzePanelFullSpec(panel: AnalyzePanelData, options: AnalyzeReportOptions): TopLevelSpec {
  const width = options.width ?? 900;
  // Legend swatches in the line colours (not the pale plateau bands that share the scale), names in full.
  const color = {
    field: 'series',
    type: 'nominal' as const,
    title: 'series (click to show/hide)',
    scale: { domain: panel.series },
    legend: { labelLimit: 0, symbolType: 'stroke', symbolStrokeWidth: 3, symbolOpacity: 1 },
  };
  const yCalc = logCalc('y', 'yv');
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: `Loss series of ${panel.file}`,
    datasets: { raw: panel.raw, smooth: panel.smooth, plateaus: panel.plateaus, knees: panel.knees, lrChanges: panel.lrChanges, gaps: panel.gaps, bests: panel.bests },
    params: [{ name: 'logScale', value: false, bind: panel.logAllowed ? { input: 'checkbox', name: 'log-scale loss axis ' } : undefined }],
    width,
    height: 300,
    title: { text: `${panel.file}: loss per ${panel.xTitle}`, subtitle: `format: ${panel.format}`, anchor: 'start', limit: width },
    layer: [
      ...pairLayers(),
      plateauBandLayer('plateaus', 'start', 'end', 0.12, color, [
        { field: 'series', title: 'plateau of' },
        { field: 'start', title: 'from' },
        { field: 'end', title: 'to' },
        { field: 'level', title: 'loss level', format: '.4~g' },
      ]),
      {
        data: { name: 'raw' },
        transform: [yCalc],
        mark: { type: 'line', strokeWidth: 0.6, clip: true },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: panel.xTitle },
          y: { field: 'yv', type: 'quantitative', title: 'loss', scale: { zero: false }, axis: { labelExpr: Y_LABEL_EXPR } },
          color,
          opacity: pickOpacity(0.25, 0.03),
        },
      },
      {
        name: 'seriesLines',
        data: { name: 'smooth' },
        transform: [yCalc],
        params: [
          { name: 'pick', select: { type: 'point', fields: ['series'] }, bind: 'legend' },
          { name: 'zoom', select: { type: 'interval', encodings: ['x'] }, bind: 'scales' },
        ],
        mark: { type: 'line', strokeWidth: 2, clip: true, tooltip: true },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: panel.xTitle },
          y: { field: 'yv', type: 'quantitative', title: 'loss' },
          color,
          opacity: pickOpacity(1, 0.08),
        },
      },
      {
        name: 'lrRules',
        data: { name: 'lrChanges' },
        mark: lrRuleMark(1.5),
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          color,
          tooltip: [{ field: 'series', title: 'LR change in' }, { field: 'x', title: 'at' }, { field: 'change', title: 'learning rate' }, { field: 'responded', title: 'loss responded' }, { field: 'summary', title: 'evidence' }],
        },
      },
      {
        data: { name: 'knees' },
        transform: [yCalc],
        mark: kneeMark(120, true),
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'yv', type: 'quantitative' },
          color,
          tooltip: [{ field: 'series', title: 'fast drop ends' }, { field: 'x', title: 'at' }],
        },
      },
    ],
  };
}

/** A training/validation pair: the gap between the two losses as a grey band, and a dotted rule at the best validation loss. */
function pairLayers(): Extract<TopLevelSpec, { layer: unknown }>['layer'] {
  return [
    {
      data: { name: 'gaps' },
      transform: [logCalc('train', 'yt'), logCalc('val', 'yv')],
      mark: { type: 'area', opacity: 0.15, color: '#888', clip: true },
      encoding: {
        x: { field: 'x', type: 'quantitative' },
        y: { field: 'yt', type: 'quantitative' },
        y2: { field: 'yv' },
        detail: { field: 'pair', type: 'nominal' },
        tooltip: [{ field: 'pair', title: 'gap of' }, { field: 'x', title: 'at' }, { field: 'train', title: 'training', format: '.4~g' }, { field: 'val', title: 'validation', format: '.4~g' }],
      },
    },
    {
      data: { name: 'bests' },
      mark: { type: 'rule', strokeDash: [2, 2], strokeWidth: 1.5, color: '#333' },
      encoding: {
        x: { field: 'x', type: 'quantitative' },
        tooltip: [{ field: 'pair', title: 'best validation of' }, { field: 'x', title: 'at (keep this checkpoint)' }, { field: 'y', title: 'validation loss', format: '.4~g' }, { field: 'kind', title: 'pair diagnosis' }],
      },
    },
  ];
}
