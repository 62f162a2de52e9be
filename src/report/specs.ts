/**
 * Vega-Lite spec builders: pure functions from report data to typed `TopLevelSpec`s. Every
 * spec carries its data in `datasets` (named, long format), so it stands alone: it compiles
 * with `compile()` and renders in the Vega editor. The HTML writer moves the datasets into one
 * compact JSON block.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { RunChartData } from './run-chart-data.js';

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
const OPTIONAL_DATA = new Set(['lrChanges', 'lrLabelsLeft', 'lrLabelsRight', 'plateaus', 'knees', 'raw', 'gaps', 'bests']);

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

/** y = log10(field) when the log-scale toggle is on, else the field itself (as `as`). */
export function logCalc(field: string, as = 'y'): { calculate: string; as: string } {
  return { calculate: `${LOG_PARAM} ? (datum['${field}'] > 0 ? log(datum['${field}']) / LN10 : null) : datum['${field}']`, as };
}

/** Axis labels show the loss, not its logarithm, in both modes. */
export const Y_LABEL_EXPR = `${LOG_PARAM} ? format(pow(10, datum.value), '.2~g') : format(datum.value, '.3~g')`;

/** Opacity that follows the legend pick: `on` for the picked lines (all when none is picked), `off` for the rest. */
export function pickOpacity(on: number, off: number) {
  return { condition: { param: PICK_PARAM, value: on }, value: off };
}

function colorTitle(data: RunChartData): string {
  return data.colorField === 'run' ? 'run (click to show/hide)' : 'schedule (click to show/hide)';
}

/** Colour by run (or schedule), with a horizontal legend of thick strokes. */
function runColor(data: RunChartData, orient: 'top' | 'bottom', labelLimit: number) {
  return {
    field: data.colorField,
    type: 'nominal' as const,
    title: colorTitle(data),
    scale: { domain: data.colorDomain },
    legend: { orient, direction: 'horizontal' as const, labelLimit, symbolType: 'stroke', symbolStrokeWidth: 3, symbolOpacity: 1 },
  };
}

/** Dashed rule marking an LR change. */
export function lrRuleMark(strokeWidth: number) {
  return { type: 'rule' as const, strokeDash: [6, 3], strokeWidth };
}

/** Diamond at the end of the fast drop (the knee). */
export function kneeMark(size: number, clip: boolean) {
  return { type: 'point' as const, shape: 'diamond', filled: true, size, stroke: 'black', strokeWidth: 0.8, ...(clip ? { clip: true } : {}) };
}

/** Shaded band of each plateau, from `start` to `end` on x. */
export function plateauBandLayer<Color, Tooltip>(data: string, start: string, end: string, opacity: number, color: Color, tooltip: Tooltip[]) {
  return {
    data: { name: data },
    mark: { type: 'rect' as const, opacity },
    encoding: { x: { field: start, type: 'quantitative' as const }, x2: { field: end }, color, tooltip },
  };
}

/** A plateau band reaches this factor above and below its run's plateau level. */
const PLATEAU_BAND_SPAN = 1.12;

/**
 * A plateau band attached to its run: in the run's colour, from its start to its end on x and
 * only around the run's loss level there (level / 1.12 .. level * 1.12), so a band of one run
 * never covers another run that is still descending elsewhere on the chart. Follows the
 * legend pick like the lines.
 */
export function attachedPlateauBandLayer<Color, Tooltip>(color: Color, tooltip: Tooltip[]) {
  return {
    data: { name: 'plateaus' },
    transform: [
      { calculate: `datum.level / ${PLATEAU_BAND_SPAN}`, as: 'levelLow' },
      { calculate: `datum.level * ${PLATEAU_BAND_SPAN}`, as: 'levelHigh' },
      logCalc('levelLow', 'y'),
      logCalc('levelHigh', 'y2'),
    ],
    mark: { type: 'rect' as const, clip: true },
    encoding: {
      x: { field: 'start', type: 'quantitative' as const },
      x2: { field: 'end' },
      y: { field: 'y', type: 'quantitative' as const },
      y2: { field: 'y2' },
      color,
      opacity: pickOpacity(0.3, 0.03),
      tooltip,
    },
  };
}

/** Tooltip of an LR change: where (with the step when `step`), the change, its reason and (when `detector`) the detector's verdict and evidence. */
function lrChangeTooltip(options: { step: boolean; detector: boolean }) {
  return [
    { field: 'run', title: 'LR change in run' },
    ...(options.step ? [{ field: 'step', title: 'after step', format: ',d' }] : []),
    { field: 'epoch', title: 'epoch' },
    { field: 'change', title: 'learning rate' },
    { field: 'reason', title: 'reason' },
    ...(options.detector
      ? [
          { field: 'verdict', title: 'detector verdict' },
          { field: 'evidenceSummary', title: 'detector summary' },
          { field: 'evidence', title: 'evidence' },
        ]
      : []),
  ];
}

/** The label next to an LR change rule, right (`dx` > 0) or left of it. */
function lrLabelLayer<Color>(data: 'lrLabelsRight' | 'lrLabelsLeft', color: Color) {
  const right = data === 'lrLabelsRight';
  return {
    data: { name: data },
    mark: { type: 'text' as const, align: right ? ('left' as const) : ('right' as const), baseline: 'top' as const, dx: right ? 3 : -3, fontSize: 10 },
    encoding: {
      x: { field: 'step', type: 'quantitative' as const },
      y: { field: 'labelY', type: 'quantitative' as const, scale: null },
      text: { field: 'label' },
      color,
      opacity: pickOpacity(1, 0.1),
    },
  };
}

/** Lines per epoch of `y.field`, one colour per run and one dash per split (legend pick toggles runs). */
function splitLinesLayer<Color>(data: RunChartData, name: string, color: Color, y: { field: string; title: string; format: string }, splits: Array<[string, number[]]>) {
  return {
    name,
    data: { name: 'epochs' },
    transform: [{ filter: `isValid(datum.${y.field})` }],
    params: [{ name: PICK_PARAM, select: { type: 'point' as const, fields: [data.colorField] }, bind: 'legend' as const }],
    mark: { type: 'line' as const, point: true, strokeWidth: 2 },
    encoding: {
      x: { field: 'epoch', type: 'quantitative' as const, title: 'epoch', axis: { tickMinStep: 1 } },
      y: { field: y.field, type: 'quantitative' as const, title: y.title, scale: { zero: false } },
      color,
      detail: { field: 'run' },
      strokeDash: {
        field: 'split',
        type: 'nominal' as const,
        title: 'split',
        legend: { orient: 'bottom' as const, direction: 'horizontal' as const },
        scale: { domain: splits.map(([split]) => split), range: splits.map(([, dash]) => dash) },
      },
      opacity: pickOpacity(1, 0.08),
      tooltip: [{ field: 'run' }, { field: 'epoch' }, { field: 'split' }, { field: y.field, title: y.title, format: y.format }],
    },
  };
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
  const color = runColor(data, 'top', 260);
  const hoverEvery = Math.max(1, Math.ceil(data.stepsSmooth.length / Math.max(1, data.runs.length) / 250));
  const stepsHover = data.stepsSmooth.filter((_, i) => i % hoverEvery === 0);
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
    vconcat: [stepLossView(data, width, color), stepLrView(data, width, color)],
  };
}

type ConcatView = Extract<TopLevelSpec, { vconcat: unknown }>['vconcat'][number];
type Color = ReturnType<typeof runColor>;

/** The training loss per step: raw extremes, EMA line, hover points, LR rules and labels, plateau bands, knees. */
function stepLossView(data: RunChartData, width: number, color: Color): ConcatView {
  return {
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
        ...attachedPlateauBandLayer(color, [
          { field: 'run', title: 'plateau of run' },
          { field: 'start', title: 'from step', format: ',d' },
          { field: 'end', title: 'to step', format: ',d' },
          { field: 'level', title: 'loss level', format: '.4~g' },
        ]),
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
      stepHoverLayer(color),
      lrRulesLayer('lrRules', 'step', 1.6, color),
      lrLabelLayer('lrLabelsRight', color),
      lrLabelLayer('lrLabelsLeft', color),
      stepKneeLayer(color),
    ],
  };
}

type Layer = Extract<ConcatView, { layer: unknown }>['layer'][number];

/** The LR changes as dashed rules at their step (or fractional epoch), with the reason and evidence on hover. */
function lrRulesLayer(name: string, x: 'step' | 'epochPosition', strokeWidth: number, color: Color): Layer {
  return {
    name,
    data: { name: 'lrChanges' },
    mark: lrRuleMark(strokeWidth),
    encoding: {
      x: { field: x, type: 'quantitative' },
      color,
      opacity: pickOpacity(0.9, 0.1),
      tooltip: lrChangeTooltip({ step: x === 'step', detector: true }),
    },
  };
}

/** Invisible points on the smoothed loss that show their values on hover. */
function stepHoverLayer(color: Color): Layer {
  return {
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
  };
}

/** The knee (end of the fast drop) of each run, as a diamond on its smoothed loss. */
function stepKneeLayer(color: Color): Layer {
  return {
    name: 'kneeMarks',
    data: { name: 'knees' },
    transform: [logCalc('loss')],
    mark: kneeMark(120, true),
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
  };
}

/** The LR per step (log scale), with a point at each change. */
function stepLrView(data: RunChartData, width: number, color: Color): ConcatView {
  return {
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
          tooltip: lrChangeTooltip({ step: true, detector: false }),
        },
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
  const color = runColor(data, 'bottom', 200);
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: 'Mean training loss, validation loss and test loss after every epoch.',
    datasets: { epochs: data.epochs, lrChanges: data.lrChanges, plateaus: data.plateaus, knees: data.knees },
    width,
    height: 280,
    title: { text: 'Loss per epoch', subtitle: 'solid: training (epoch mean) · dashed: validation (dash-dot: averaged weights) · dotted: test', anchor: 'start' },
    layer: [
      plateauBandLayer('plateaus', 'startEpoch', 'endEpoch', 0.1, color, [
        { field: 'run', title: 'plateau of run' },
        { field: 'startEpoch', title: 'from epoch', format: '.2f' },
        { field: 'endEpoch', title: 'to epoch', format: '.2f' },
      ]),
      splitLinesLayer(data, 'epochLines', color, { field: 'loss', title: 'loss', format: '.4f' }, [
        ['train', [1, 0]],
        ['validation', [6, 3]],
        ['validation (averaged)', [8, 3, 2, 3]],
        ['test', [2, 2]],
      ]),
      lrRulesLayer('epochLrRules', 'epochPosition', 1.5, color),
      {
        data: { name: 'knees' },
        mark: kneeMark(100, false),
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
  const color = runColor(data, 'bottom', 200);
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: 'Test and validation accuracy after every epoch.',
    datasets: { epochs: data.epochs, lrChanges: data.lrChanges },
    width,
    height: 280,
    title: { text: 'Accuracy per epoch (%)', subtitle: 'solid: test · dashed: validation (dash-dot: averaged weights) · dashed rules: LR changes', anchor: 'start' },
    layer: [
      splitLinesLayer(data, 'accuracyLines', color, { field: 'accuracy', title: 'accuracy (%)', format: '.2f' }, [
        ['test', [1, 0]],
        ['validation', [6, 3]],
        ['validation (averaged)', [8, 3, 2, 3]],
      ]),
      {
        data: { name: 'lrChanges' },
        mark: { ...lrRuleMark(1.2), opacity: 0.7 },
        encoding: {
          x: { field: 'epochPosition', type: 'quantitative' },
          color,
          tooltip: lrChangeTooltip({ step: false, detector: false }),
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
