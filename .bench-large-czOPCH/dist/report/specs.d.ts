/**
 * Vega-Lite spec builders: pure functions from report data to typed `TopLevelSpec`s. Every
 * spec carries its data in `datasets` (named, long format), so it stands alone: it compiles
 * with `compile()` and renders in the Vega editor. The HTML writer moves the datasets into one
 * compact JSON block.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { RunChartData } from './model.js';
export declare const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";
/** Sizes of the charts in pixels. */
export interface ChartSizeOptions {
    /** Width of step-level charts. Default 900. */
    wideWidth?: number;
    /** Width of epoch-level charts. Default 380. */
    narrowWidth?: number;
}
/**
 * Leaves out decoration layers whose dataset is empty: Vega warns in the browser console about
 * the infinite extent of an empty data set. Layers that define params are always kept.
 */
export declare function pruneEmptyLayers(spec: TopLevelSpec): TopLevelSpec;
/** y = log10(field) when the log-scale toggle is on, else the field itself (as `as`). */
export declare function logCalc(field: string, as?: string): {
    calculate: string;
    as: string;
};
/** Axis labels show the loss, not its logarithm, in both modes. */
export declare const Y_LABEL_EXPR = "logScale ? format(pow(10, datum.value), '.2~g') : format(datum.value, '.3~g')";
/** Opacity that follows the legend pick: `on` for the picked lines (all when none is picked), `off` for the rest. */
export declare function pickOpacity(on: number, off: number): {
    condition: {
        param: string;
        value: number;
    };
    value: number;
};
/** Dashed rule marking an LR change. */
export declare function lrRuleMark(strokeWidth: number): {
    type: 'rule';
    strokeDash: number[];
    strokeWidth: number;
};
/** Diamond at the end of the fast drop (the knee). */
export declare function kneeMark(size: number, clip: boolean): {
    type: 'point';
    shape: string;
    filled: boolean;
    size: number;
    stroke: string;
    strokeWidth: number;
    clip?: boolean | undefined;
};
/** Shaded band of each plateau, from `start` to `end` on x. */
export declare function plateauBandLayer<Color, Tooltip>(data: string, start: string, end: string, opacity: number, color: Color, tooltip: Tooltip[]): {
    data: {
        name: string;
    };
    mark: {
        type: 'rect';
        opacity: number;
    };
    encoding: {
        x: {
            field: string;
            type: 'quantitative';
        };
        x2: {
            field: string;
        };
        color: Color;
        tooltip: Tooltip[];
    };
};
/**
 * Chart 1 and 4, stacked with one shared x (zoom and pan with the mouse wheel and drag in
 * either; double-click resets): training loss per step (raw batch loss faint and downsampled
 * keeping spikes, debiased EMA over it, LR changes as rules, plateaus as bands, knees as
 * diamonds, log-scale toggle) and the LR per step (log scale).
 */
export declare function stepChartsSpec(data: RunChartData, options?: ChartSizeOptions): TopLevelSpec;
/** Chart 2: train, validation and test loss per epoch, one colour per run, dash per split. */
export declare function epochLossSpec(data: RunChartData, options?: ChartSizeOptions): TopLevelSpec;
/** Chart 3: test (and validation) accuracy per epoch, in percent. */
export declare function accuracySpec(data: RunChartData, options?: ChartSizeOptions): TopLevelSpec;
/** The charts of a run report, in page order. */
export interface RunCharts {
    steps: TopLevelSpec;
    epochLoss: TopLevelSpec;
    accuracy: TopLevelSpec;
}
export declare function runChartSpecs(data: RunChartData, options?: ChartSizeOptions): RunCharts;
