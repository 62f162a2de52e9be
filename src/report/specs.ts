/**
 * Vega-Lite spec builders: pure functions from report data to typed `TopLevelSpec`s. Every
 * spec carries its data in `datasets` (named, long format), so it stands alone: it compiles
 * with `compile()` and renders in the Vega editor. The HTML writer moves the datasets into one
 * compact JSON block.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { RunChartData } from './model.js';

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Sizes of the charts in pixels. */
export interface ChartSizeOptions {
  /** Width of step-level charts. Default 900. */
  wideWidth?: number;
  /** Width of epoch-level charts. Default 380. */
  narrowWidth?: number;
}

const LOG_PARAM = 'logScale';
const PICK_PARAM = 'pick';
const ZOOM_PARAM = 'zoom';

/** Decoration layers (LR changes, plateaus, knees) that may be left out when they have no data. */
const OPTIONAL_DATA = new Set(['lrChanges', 'lrLabelsLeft', 'lrLabelsRight', 'plateaus', 'knees', 'raw']);

interface LayerLike {
  data?: { name?: string };
  params?: unknown[];
  layer?: LayerLike[];
  vconcat?: LayerLike[];
}

/**
 * Leaves out decoration layers whose dataset is empty: Vega warns in the browser console about
 * the infinite extent of an empty data set. Layers that define params are always kept.
 */
export function pruneEmptyLayers(spec: TopLevelSpec): TopLevelSpec {
  const datasets = (spec as { datasets?: Record<string, readonly unknown[]> }).datasets ?? {};
  const empty = (l: LayerLike) => !l.params && l.data?.name !== undefined && OPTIONAL_DATA.has(l.data.name) && (datasets[l.data.name]?.length ?? 0) === 0;
  const walk = (node: LayerLike): LayerLike => {
    const out: LayerLike = { ...node };
    if (node.layer) out.layer = node.layer.filter((l) => !empty(l)).map(walk);
    if (node.vconcat) out.vconcat = node.vconcat.map(walk);
    return out;
  };
  return walk(spec as LayerLike) as TopLevelSpec;
}

/** y = log10(field) when the log-scale toggle is on, else the field itself. */
function logCalc(field: string): { calculate: string; as: string } {
  return { calculate: `${LOG_PARAM} ? (datum['${field}'] > 0 ? log(datum['${field}']) / LN10 : null) : datum['${field}']`, as: 'y' };
}

/** Axis labels show the loss, not its logarithm, in both modes. */
const Y_LABEL_EXPR = `${LOG_PARAM} ? format(pow(10, datum.value), '.2~g') : format(datum.value, '.3~g')`;

function colorTitle(data: RunChartData): string {
  return data.colorField === 'run' ? 'run (click to show/hide)' : 'schedule (click to show/hide)';
}

/**
 * Chart 1 and 4, stacked with one shared x (zoom and pan with the mouse wheel and drag in
 * either; double-click resets): training loss per step (raw batch loss faint and downsampled
 * keeping spikes, debiased EMA over it, LR changes as rules, plateaus as bands, knees as
 * diamonds, log-scale toggle) and the LR per step (log scale).
 */
export function stepChartsSpec(data: RunChartData, options: ChartSizeOptions = {}): TopLevelSpec {
  return pruneEmptyLayers(stepChartsFullSpec(data, options));
}

function stepChartsFullSpec(data: RunChartData, options: ChartSizeOptions): TopLevelSpec {
  const width = options.wideWidth ?? 900;
  const colorField = data.colorField;
  const color = {
    field: colorField,
    type: 'nominal' as const,
    title: colorTitle(data),
    scale: { domain: data.colorDomain },
    legend: { orient: 'top' as const, direction: 'horizontal' as const, labelLimit: 260, symbolType: 'stroke', symbolStrokeWidth: 3, symbolOpacity: 1 },
  };
  const hoverEvery = Math.max(1, Math.ceil(data.stepsSmooth.length / Math.max(1, data.runs.length) / 250));
  const stepsHover = data.stepsSmooth.filter((_, i) => i % hoverEvery === 0);
  const pickOpacity = (on: number, off: number) => ({ condition: { param: PICK_PARAM, value: on }, value: off });
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: 'Training loss and learning rate per optimizer step, one line per run.',
    datasets: {
      stepsSmooth: data.stepsSmooth,
      stepsRaw: data.stepsRaw,
      stepsHover,
      lrSteps: data.lrSteps,
      lrChanges: data.lrChanges,
      lrLabelsRight: data.lrLabelsRight,
      lrLabelsLeft: data.lrLabelsLeft,
      plateaus: data.plateaus,
      knees: data.knees,
    },
    params: [
      { name: LOG_PARAM, value: true, bind: { input: 'checkbox', name: 'log-scale loss axis ' } },
      { name: ZOOM_PARAM, select: { type: 'interval', encodings: ['x'] }, bind: 'scales', views: ['lossSmooth', 'lrLine'] },
      { name: PICK_PARAM, select: { type: 'point', fields: [colorField] }, bind: 'legend', views: ['lossSmooth'] },
    ],
    resolve: { scale: { x: 'shared', color: 'shared' }, legend: { strokeDash: 'independent' } },
    spacing: 12,
    // A filled plot background catches the wheel and drag events for zoom and pan anywhere in a plot.
    config: { view: { fill: 'white' } },
    vconcat: [
      {
        width,
        height: 330,
        title: {
          text: 'Training loss per step',
          subtitle: [
            `line: EMA smoothing ${data.smoothing} (TensorBoard-style, debiased, every step) · faint: raw batch loss (min and max of ${data.rawBuckets} buckets per run, spikes kept)`,
            'dashed rules: LR changes (labelled) · shaded: plateaus found by the detector · diamond: end of the fast drop',
          ],
          anchor: 'start',
        },
        layer: [
          {
            name: 'plateauBands',
            data: { name: 'plateaus' },
            mark: { type: 'rect', opacity: 0.1 },
            encoding: {
              x: { field: 'start', type: 'quantitative' },
              x2: { field: 'end' },
              color,
              tooltip: [
                { field: 'run', title: 'plateau of run' },
                { field: 'start', title: 'from step', format: ',d' },
                { field: 'end', title: 'to step', format: ',d' },
                { field: 'level', title: 'loss level', format: '.4~g' },
              ],
            },
          },
          {
            data: { name: 'stepsRaw' },
            transform: [logCalc('loss')],
            mark: { type: 'line', strokeWidth: 0.6, clip: true },
            encoding: {
              x: { field: 'step', type: 'quantitative', title: 'optimizer step', axis: { format: ',d' }, scale: { nice: false } },
              y: { field: 'y', type: 'quantitative', title: 'training loss', scale: { zero: false }, axis: { labelExpr: Y_LABEL_EXPR } },
              color,
              detail: { field: 'run' },
              opacity: pickOpacity(0.22, 0.02),
            },
          },
          {
            name: 'lossSmooth',
            data: { name: 'stepsSmooth' },
            transform: [logCalc('loss')],
            mark: { type: 'line', strokeWidth: 2, clip: true },
            encoding: {
              x: { field: 'step', type: 'quantitative' },
              y: { field: 'y', type: 'quantitative' },
              color,
              detail: { field: 'run' },
              opacity: pickOpacity(1, 0.08),
            },
          },
          {
            data: { name: 'stepsHover' },
            transform: [logCalc('loss')],
            params: [{ name: 'hover', select: { type: 'point', on: 'pointerover', clear: 'pointerout' } }],
            mark: { type: 'point', filled: true, size: 90, clip: true },
            encoding: {
              x: { field: 'step', type: 'quantitative' },
              y: { field: 'y', type: 'quantitative' },
              color,
              opacity: { condition: { param: 'hover', empty: false, value: 1 }, value: 0 },
              tooltip: [
                { field: 'run' },
                { field: 'step', format: ',d' },
                { field: 'loss', title: 'smoothed loss', format: '.4~g' },
              ],
            },
          },
          {
            name: 'lrRules',
            data: { name: 'lrChanges' },
            mark: { type: 'rule', strokeDash: [6, 3], strokeWidth: 1.6 },
            encoding: {
              x: { field: 'step', type: 'quantitative' },
              color,
              opacity: pickOpacity(0.9, 0.1),
              tooltip: [
                { field: 'run', title: 'LR change in run' },
                { field: 'step', title: 'after step', format: ',d' },
                { field: 'epoch', title: 'epoch' },
                { field: 'change', title: 'learning rate' },
                { field: 'reason', title: 'reason' },
                { field: 'verdict', title: 'detector verdict' },
                { field: 'evidenceSummary', title: 'detector summary' },
                { field: 'evidence', title: 'evidence' },
              ],
            },
          },
          {
            data: { name: 'lrLabelsRight' },
            mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, fontSize: 10 },
            encoding: {
              x: { field: 'step', type: 'quantitative' },
              y: { field: 'labelY', type: 'quantitative', scale: null },
              text: { field: 'label' },
              color,
              opacity: pickOpacity(1, 0.1),
            },

          },
          {
            data: { name: 'lrLabelsLeft' },
            mark: { type: 'text', align: 'right', baseline: 'top', dx: -3, fontSize: 10 },
            encoding: {
              x: { field: 'step', type: 'quantitative' },
              y: { field: 'labelY', type: 'quantitative', scale: null },
              text: { field: 'label' },
              color,
              opacity: pickOpacity(1, 0.1),
            },

          },
          {
            name: 'kneeMarks',
            data: { name: 'knees' },
            transform: [logCalc('loss')],
            mark: { type: 'point', shape: 'diamond', filled: true, size: 120, stroke: 'black', strokeWidth: 0.8, clip: true },
            encoding: {
              x: { field: 'step', type: 'quantitative' },
              y: { field: 'y', type: 'quantitative' },
              color,
              opacity: pickOpacity(1, 0.1),
              tooltip: [
                { field: 'run', title: 'fast drop ends, run' },
                { field: 'step', title: 'at step', format: ',d' },
                { field: 'loss', title: 'smoothed loss', format: '.4~g' },
              ],
            },
          },
        ],
      },
      {
        width,
        height: 130,
        title: { text: 'Learning rate per step (log scale)', anchor: 'start' },
        layer: [
          {
            name: 'lrLine',
            data: { name: 'lrSteps' },
            mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2, clip: true },
            encoding: {
              x: { field: 'step', type: 'quantitative', title: 'optimizer step', axis: { format: ',d' }, scale: { nice: false } },
              y: { field: 'lr', type: 'quantitative', title: 'learning rate', scale: { type: 'log' }, axis: { format: '~g', tickCount: 4 } },
              color,
              detail: { field: 'run' },
              strokeDash: { field: 'run', type: 'nominal', legend: null },
              tooltip: [{ field: 'run' }, { field: 'step', title: 'from step', format: ',d' }, { field: 'lr', title: 'learning rate', format: '~g' }],
            },
          },
          {
            data: { name: 'lrChanges' },
            mark: { type: 'point', filled: true, size: 60, clip: true },
            encoding: {
              x: { field: 'step', type: 'quantitative' },
              y: { field: 'newLr', type: 'quantitative' },
              color,
              tooltip: [
                { field: 'run', title: 'LR change in run' },
                { field: 'step', title: 'after step', format: ',d' },
                { field: 'epoch', title: 'epoch' },
                { field: 'change', title: 'learning rate' },
                { field: 'reason', title: 'reason' },
              ],
            },
          },
        ],
      },
    ],
  };
}

/** Chart 2: train, validation and test loss per epoch, one colour per run, dash per split. */
export function epochLossSpec(data: RunChartData, options: ChartSizeOptions = {}): TopLevelSpec {
  return pruneEmptyLayers(epochLossFullSpec(data, options));
}

function epochLossFullSpec(data: RunChartData, options: ChartSizeOptions): TopLevelSpec {
  const width = options.narrowWidth ?? 380;
  const color = { field: data.colorField, type: 'nominal' as const, title: colorTitle(data), scale: { domain: data.colorDomain }, legend: { orient: 'bottom' as const, direction: 'horizontal' as const, labelLimit: 200, symbolType: 'stroke', symbolStrokeWidth: 3, symbolOpacity: 1 } };
  const pickOpacity = (on: number, off: number) => ({ condition: { param: PICK_PARAM, value: on }, value: off });
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: 'Mean training loss, validation loss and test loss after every epoch.',
    datasets: { epochs: data.epochs, lrChanges: data.lrChanges, plateaus: data.plateaus, knees: data.knees },
    width,
    height: 280,
    title: { text: 'Loss per epoch', subtitle: 'solid: training (epoch mean) · dashed: validation · dotted: test', anchor: 'start' },
    layer: [
      {
        data: { name: 'plateaus' },
        mark: { type: 'rect', opacity: 0.1 },
        encoding: {
          x: { field: 'startEpoch', type: 'quantitative' },
          x2: { field: 'endEpoch' },
          color,
          tooltip: [{ field: 'run', title: 'plateau of run' }, { field: 'startEpoch', title: 'from epoch', format: '.2f' }, { field: 'endEpoch', title: 'to epoch', format: '.2f' }],
        },
      },
      {
        name: 'epochLines',
        data: { name: 'epochs' },
        transform: [{ filter: 'isValid(datum.loss)' }],
        params: [{ name: PICK_PARAM, select: { type: 'point', fields: [data.colorField] }, bind: 'legend' }],
        mark: { type: 'line', point: true, strokeWidth: 2 },
        encoding: {
          x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1 } },
          y: { field: 'loss', type: 'quantitative', title: 'loss', scale: { zero: false } },
          color,
          detail: { field: 'run' },
          strokeDash: { field: 'split', type: 'nominal', title: 'split', legend: { orient: 'bottom', direction: 'horizontal' }, scale: { domain: ['train', 'validation', 'test'], range: [[1, 0], [6, 3], [2, 2]] } },
          opacity: pickOpacity(1, 0.08),
          tooltip: [{ field: 'run' }, { field: 'epoch' }, { field: 'split' }, { field: 'loss', format: '.4f' }],
        },
      },
      {
        name: 'epochLrRules',
        data: { name: 'lrChanges' },
        mark: { type: 'rule', strokeDash: [6, 3], strokeWidth: 1.5 },
        encoding: {
          x: { field: 'epochPosition', type: 'quantitative' },
          color,
          opacity: pickOpacity(0.9, 0.1),
          tooltip: [
            { field: 'run', title: 'LR change in run' },
            { field: 'epoch', title: 'epoch' },
            { field: 'change', title: 'learning rate' },
            { field: 'reason', title: 'reason' },
            { field: 'verdict', title: 'detector verdict' },
            { field: 'evidenceSummary', title: 'detector summary' },
            { field: 'evidence', title: 'evidence' },
          ],
        },
      },
      {
        data: { name: 'knees' },
        mark: { type: 'point', shape: 'diamond', filled: true, size: 100, stroke: 'black', strokeWidth: 0.8 },
        encoding: {
          x: { field: 'epochPosition', type: 'quantitative' },
          y: { field: 'loss', type: 'quantitative' },
          color,
          tooltip: [{ field: 'run', title: 'fast drop ends, run' }, { field: 'epochPosition', title: 'at epoch', format: '.2f' }],
        },
      },
    ],
  };
}

/** Chart 3: test (and validation) accuracy per epoch, in percent. */
export function accuracySpec(data: RunChartData, options: ChartSizeOptions = {}): TopLevelSpec {
  return pruneEmptyLayers(accuracyFullSpec(data, options));
}

function accuracyFullSpec(data: RunChartData, options: ChartSizeOptions): TopLevelSpec {
  const width = options.narrowWidth ?? 380;
  const color = { field: data.colorField, type: 'nominal' as const, title: colorTitle(data), scale: { domain: data.colorDomain }, legend: { orient: 'bottom' as const, direction: 'horizontal' as const, labelLimit: 200, symbolType: 'stroke', symbolStrokeWidth: 3, symbolOpacity: 1 } };
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: 'Test and validation accuracy after every epoch.',
    datasets: { epochs: data.epochs, lrChanges: data.lrChanges },
    width,
    height: 280,
    title: { text: 'Accuracy per epoch (%)', subtitle: 'solid: test · dashed: validation · dashed rules: LR changes', anchor: 'start' },
    layer: [
      {
        name: 'accuracyLines',
        data: { name: 'epochs' },
        transform: [{ filter: 'isValid(datum.accuracy)' }],
        params: [{ name: PICK_PARAM, select: { type: 'point', fields: [data.colorField] }, bind: 'legend' }],
        mark: { type: 'line', point: true, strokeWidth: 2 },
        encoding: {
          x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1 } },
          y: { field: 'accuracy', type: 'quantitative', title: 'accuracy (%)', scale: { zero: false } },
          color,
          detail: { field: 'run' },
          strokeDash: { field: 'split', type: 'nominal', title: 'split', legend: { orient: 'bottom', direction: 'horizontal' }, scale: { domain: ['test', 'validation'], range: [[1, 0], [6, 3]] } },
          opacity: { condition: { param: PICK_PARAM, value: 1 }, value: 0.08 },
          tooltip: [{ field: 'run' }, { field: 'epoch' }, { field: 'split' }, { field: 'accuracy', title: 'accuracy (%)', format: '.2f' }],
        },
      },
      {
        data: { name: 'lrChanges' },
        mark: { type: 'rule', strokeDash: [6, 3], strokeWidth: 1.2, opacity: 0.7 },
        encoding: {
          x: { field: 'epochPosition', type: 'quantitative' },
          color,
          tooltip: [{ field: 'run', title: 'LR change in run' }, { field: 'epoch' }, { field: 'change', title: 'learning rate' }, { field: 'reason' }],
        },
      },
    ],
  };
}

/** The charts of a run report, in page order. */
export interface RunCharts {
  steps: TopLevelSpec;
  epochLoss: TopLevelSpec;
  accuracy: TopLevelSpec;
}

export function runChartSpecs(data: RunChartData, options: ChartSizeOptions = {}): RunCharts {
  return { steps: stepChartsSpec(data, options), epochLoss: epochLossSpec(data, options), accuracy: accuracySpec(data, options) };
}
