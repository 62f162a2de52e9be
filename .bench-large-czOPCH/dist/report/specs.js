export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const LOG_PARAM = 'logScale';
const PICK_PARAM = 'pick';
const ZOOM_PARAM = 'zoom';
/** Decoration layers (LR changes, plateaus, knees) that may be left out when they have no data. */
const OPTIONAL_DATA = new Set(['lrChanges', 'lrLabelsLeft', 'lrLabelsRight', 'plateaus', 'knees', 'raw', 'gaps', 'bests']);
/**
 * Leaves out decoration layers whose dataset is empty: Vega warns in the browser console about
 * the infinite extent of an empty data set. Layers that define params are always kept.
 */
export function pruneEmptyLayers(spec) {
    const datasets = spec.datasets ?? {};
    const empty = (l) => !l.params && l.data?.name !== undefined && OPTIONAL_DATA.has(l.data.name) && (datasets[l.data.name]?.length ?? 0) === 0;
    const walk = (node) => {
        const out = { ...node };
        if (node.layer)
            out.layer = node.layer.filter((l) => !empty(l)).map(walk);
        if (node.vconcat)
            out.vconcat = node.vconcat.map(walk);
        return out;
    };
    return walk(spec);
}
/** y = log10(field) when the log-scale toggle is on, else the field itself (as `as`). */
export function logCalc(field, as = 'y') {
    return { calculate: `${LOG_PARAM} ? (datum['${field}'] > 0 ? log(datum['${field}']) / LN10 : null) : datum['${field}']`, as };
}
/** Axis labels show the loss, not its logarithm, in both modes. */
export const Y_LABEL_EXPR = `${LOG_PARAM} ? format(pow(10, datum.value), '.2~g') : format(datum.value, '.3~g')`;
/** Opacity that follows the legend pick: `on` for the picked lines (all when none is picked), `off` for the rest. */
export function pickOpacity(on, off) {
    return { condition: { param: PICK_PARAM, value: on }, value: off };
}
function colorTitle(data) {
    return data.colorField === 'run' ? 'run (click to show/hide)' : 'schedule (click to show/hide)';
}
/** Colour by run (or schedule), with a horizontal legend of thick strokes. */
function runColor(data, orient, labelLimit) {
    return {
        field: data.colorField,
        type: 'nominal',
        title: colorTitle(data),
        scale: { domain: data.colorDomain },
        legend: { orient, direction: 'horizontal', labelLimit, symbolType: 'stroke', symbolStrokeWidth: 3, symbolOpacity: 1 },
    };
}
/** Dashed rule marking an LR change. */
export function lrRuleMark(strokeWidth) {
    return { type: 'rule', strokeDash: [6, 3], strokeWidth };
}
/** Diamond at the end of the fast drop (the knee). */
export function kneeMark(size, clip) {
    return { type: 'point', shape: 'diamond', filled: true, size, stroke: 'black', strokeWidth: 0.8, ...(clip ? { clip: true } : {}) };
}
/** Shaded band of each plateau, from `start` to `end` on x. */
export function plateauBandLayer(data, start, end, opacity, color, tooltip) {
    return {
        data: { name: data },
        mark: { type: 'rect', opacity },
        encoding: { x: { field: start, type: 'quantitative' }, x2: { field: end }, color, tooltip },
    };
}
/** Tooltip of an LR change: where (with the step when `step`), the change, its reason and (when `detector`) the detector's verdict and evidence. */
function lrChangeTooltip(options) {
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
function lrLabelLayer(data, color) {
    const right = data === 'lrLabelsRight';
    return {
        data: { name: data },
        mark: { type: 'text', align: right ? 'left' : 'right', baseline: 'top', dx: right ? 3 : -3, fontSize: 10 },
        encoding: {
            x: { field: 'step', type: 'quantitative' },
            y: { field: 'labelY', type: 'quantitative', scale: null },
            text: { field: 'label' },
            color,
            opacity: pickOpacity(1, 0.1),
        },
    };
}
/** Lines per epoch of `y.field`, one colour per run and one dash per split (legend pick toggles runs). */
function splitLinesLayer(data, name, color, y, splits) {
    return {
        name,
        data: { name: 'epochs' },
        transform: [{ filter: `isValid(datum.${y.field})` }],
        params: [{ name: PICK_PARAM, select: { type: 'point', fields: [data.colorField] }, bind: 'legend' }],
        mark: { type: 'line', point: true, strokeWidth: 2 },
        encoding: {
            x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1 } },
            y: { field: y.field, type: 'quantitative', title: y.title, scale: { zero: false } },
            color,
            detail: { field: 'run' },
            strokeDash: {
                field: 'split',
                type: 'nominal',
                title: 'split',
                legend: { orient: 'bottom', direction: 'horizontal' },
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
export function stepChartsSpec(data, options = {}) {
    return pruneEmptyLayers(stepChartsFullSpec(data, options));
}
function stepChartsFullSpec(data, options) {
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
                        ...plateauBandLayer('plateaus', 'start', 'end', 0.1, color, [
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
                        mark: lrRuleMark(1.6),
                        encoding: {
                            x: { field: 'step', type: 'quantitative' },
                            color,
                            opacity: pickOpacity(0.9, 0.1),
                            tooltip: lrChangeTooltip({ step: true, detector: true }),
                        },
                    },
                    lrLabelLayer('lrLabelsRight', color),
                    lrLabelLayer('lrLabelsLeft', color),
                    {
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
                            tooltip: lrChangeTooltip({ step: true, detector: false }),
                        },
                    },
                ],
            },
        ],
    };
}
/** Chart 2: train, validation and test loss per epoch, one colour per run, dash per split. */
export function epochLossSpec(data, options = {}) {
    return pruneEmptyLayers(epochLossFullSpec(data, options));
}
function epochLossFullSpec(data, options) {
    const width = options.narrowWidth ?? 380;
    const color = runColor(data, 'bottom', 200);
    return {
        $schema: VEGA_LITE_SCHEMA,
        description: 'Mean training loss, validation loss and test loss after every epoch.',
        datasets: { epochs: data.epochs, lrChanges: data.lrChanges, plateaus: data.plateaus, knees: data.knees },
        width,
        height: 280,
        title: { text: 'Loss per epoch', subtitle: 'solid: training (epoch mean) · dashed: validation · dotted: test', anchor: 'start' },
        layer: [
            plateauBandLayer('plateaus', 'startEpoch', 'endEpoch', 0.1, color, [
                { field: 'run', title: 'plateau of run' },
                { field: 'startEpoch', title: 'from epoch', format: '.2f' },
                { field: 'endEpoch', title: 'to epoch', format: '.2f' },
            ]),
            splitLinesLayer(data, 'epochLines', color, { field: 'loss', title: 'loss', format: '.4f' }, [
                ['train', [1, 0]],
                ['validation', [6, 3]],
                ['test', [2, 2]],
            ]),
            {
                name: 'epochLrRules',
                data: { name: 'lrChanges' },
                mark: lrRuleMark(1.5),
                encoding: {
                    x: { field: 'epochPosition', type: 'quantitative' },
                    color,
                    opacity: pickOpacity(0.9, 0.1),
                    tooltip: lrChangeTooltip({ step: false, detector: true }),
                },
            },
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
export function accuracySpec(data, options = {}) {
    return pruneEmptyLayers(accuracyFullSpec(data, options));
}
function accuracyFullSpec(data, options) {
    const width = options.narrowWidth ?? 380;
    const color = runColor(data, 'bottom', 200);
    return {
        $schema: VEGA_LITE_SCHEMA,
        description: 'Test and validation accuracy after every epoch.',
        datasets: { epochs: data.epochs, lrChanges: data.lrChanges },
        width,
        height: 280,
        title: { text: 'Accuracy per epoch (%)', subtitle: 'solid: test · dashed: validation · dashed rules: LR changes', anchor: 'start' },
        layer: [
            splitLinesLayer(data, 'accuracyLines', color, { field: 'accuracy', title: 'accuracy (%)', format: '.2f' }, [
                ['test', [1, 0]],
                ['validation', [6, 3]],
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
export function runChartSpecs(data, options = {}) {
    return { steps: stepChartsSpec(data, options), epochLoss: epochLossSpec(data, options), accuracy: accuracySpec(data, options) };
}
//# sourceMappingURL=specs.js.map