/**
 * The report model: what a run report says, computed from RunLogs with no I/O and no HTML.
 * Header facts in words, one summary row per schedule (mean and 95% interval over seeds),
 * paired comparisons against the baseline schedule, and the chart data (long format rows).
 */
import type { RunLog } from '../logs/run-log.js';
import type { DiagnoseOptions, SeriesDiagnosis } from '../detect/types.js';
import { type MeanInterval, type PairedTTest } from './stats.js';
import { type LrChangeTiming } from './lr-change-timing.js';
/** The detector's offline diagnosis, as exported by src/detect (`diagnoseSeries`). */
export type DiagnoseSeries = (xs: number[], ys: number[], options?: DiagnoseOptions) => SeriesDiagnosis;
export interface RunReportModelOptions {
    /** Page title. Default 'plateau-doctor report'. */
    title?: string;
    /** TensorBoard-style EMA weight for the smoothed step loss, in [0, 1). Default 0.98. */
    smoothing?: number;
    /** Buckets for the faint raw step loss (min and max kept per bucket). Default 500. */
    rawBuckets?: number;
    /** Schedule the others are compared against. Default 'none'. */
    baseline?: string;
    /** Detector used to find plateaus and the knee in each run's step losses. Default: src/detect's `diagnoseSeries`; null for none. */
    diagnose?: DiagnoseSeries | null;
    /** Diagnoses given directly, by run name (take precedence over `diagnose`). */
    diagnoses?: Record<string, SeriesDiagnosis>;
    /** Where each run came from (same order as the runs), used to tell equal names apart. Default: none. */
    sources?: string[];
    /** Time shown as the report's date. Default: now. */
    generatedAt?: Date;
    /** Significant digits kept for chart values. Default 5. */
    digits?: number;
}
export interface Fact {
    label: string;
    value: string;
}
/** One schedule's row: each number is a mean over seeds with its 95% interval. */
export interface SummaryRow {
    /** Group key shown in the table (the schedule, or schedule and source when names clash). */
    schedule: string;
    runs: string[];
    seeds: number[];
    /** Accuracy in percent (0..100). */
    testAccuracy: MeanInterval;
    testLoss: MeanInterval;
    bestValLoss: MeanInterval | null;
    /** LR changes per run, the epochs where they happened, and when exactly (after or during the epoch; per run, run order). */
    lrChanges: {
        counts: number[];
        epochs: number[][];
        timings: LrChangeTiming[][];
    };
    wallSeconds: MeanInterval;
    /** Runs that did not complete, with their status. */
    problems: string[];
    /** Columns where this row holds the best value. */
    best: Array<'testAccuracy' | 'testLoss' | 'bestValLoss' | 'wallSeconds'>;
}
export type Comparison = {
    kind: 'paired';
    schedule: string;
    baseline: string;
    /** Test accuracy difference, in points, paired by seed. */
    test: PairedTTest;
    seeds: number[];
    sentence: string;
} | {
    kind: 'no-significance';
    schedule: string;
    baseline: string;
    difference: number | null;
    sentence: string;
};
export interface StepPoint {
    run: string;
    group: string;
    step: number;
    loss: number | null;
}
export interface LrPoint {
    run: string;
    group: string;
    step: number;
    lr: number;
}
export interface LrChangeMark {
    run: string;
    group: string;
    step: number;
    epoch: number;
    /** Fractional epoch position of the change (end of the epoch for an epoch-end change). */
    epochPosition: number;
    oldLr: number;
    newLr: number;
    change: string;
    reason: string;
    verdict: string;
    /** The detector's one-line summary behind the change (evidence.summary), or ''. */
    evidenceSummary: string;
    /** The other numbers behind the change, one "key=value" per line. */
    evidence: string;
    /** Pixel offset of the label from the top, so labels of different runs do not overlap. */
    labelY: number;
    /** "epoch 5: LR 0.01 → 0.001", drawn next to the rule. */
    label: string;
}
export interface PlateauBand {
    run: string;
    group: string;
    start: number;
    end: number;
    startEpoch: number;
    endEpoch: number;
    level: number;
}
export interface KneeMark {
    run: string;
    group: string;
    step: number;
    epochPosition: number;
    loss: number;
}
export interface EpochPoint {
    run: string;
    group: string;
    epoch: number;
    split: 'train' | 'validation' | 'test';
    loss: number | null;
    accuracy: number | null;
}
export interface RunChartData {
    /** Run names in order; chart colours follow this order. */
    runs: string[];
    /** Colour by run (one seed) or by schedule group (several seeds, one line per run). */
    colorField: 'run' | 'group';
    colorDomain: string[];
    smoothing: number;
    rawBuckets: number;
    stepsSmooth: StepPoint[];
    stepsRaw: StepPoint[];
    lrSteps: LrPoint[];
    lrChanges: LrChangeMark[];
    /** The LR changes whose label goes right of the rule, and those in the last 20% of the steps (left of it). */
    lrLabelsRight: LrChangeMark[];
    lrLabelsLeft: LrChangeMark[];
    plateaus: PlateauBand[];
    knees: KneeMark[];
    epochs: EpochPoint[];
}
export interface RunReportModel {
    title: string;
    generatedAt: string;
    facts: Fact[];
    rows: SummaryRow[];
    baseline: string;
    comparisons: Comparison[];
    /** Plain-language lines: who won, significance, warnings. */
    verdictLines: string[];
    runDiagnoses: Array<{
        run: string;
        verdict: string;
        summary: string;
    }>;
    charts: RunChartData;
    notes: string[];
    /** Sizes of the test sets the runs were evaluated on (usually one value). */
    testSizes: number[];
}
/** Builds the report model. Runs with the same name get their source appended. Pure. */
export declare function buildRunReportModel(runs: readonly RunLog[], options?: RunReportModelOptions): RunReportModel;
/**
 * Makes labels unique in order: a repeat gets " #2", " #3", ...
 * uniqueLabels(['loss', 'loss', 'val']); // => ['loss', 'loss #2', 'val']
 */
export declare function uniqueLabels(labels: readonly string[]): string[];
/** p-value with two significant digits: "p = 0.012", "p = 0.2", "p < 0.001". */
export declare function formatP(p: number): string;
/** An LR to 4 significant digits: 0.001, 0.0316. */
export declare function formatLr(lr: number): string;
export interface FormatEvidenceOptions {
    /** Top-level keys left out (shown elsewhere). Default none. */
    skip?: string[];
    /** Between entries. Default '; '. */
    separator?: string;
}
/**
 * Evidence as readable "key=value" entries, nested keys dotted, numbers to 4 significant digits.
 * formatEvidence({ trend: { relative: -0.0031 }, noise: 0.18 }); // => 'trend.relative=-0.0031; noise=0.18'
 */
export declare function formatEvidence(evidence: Record<string, unknown> | undefined, options?: FormatEvidenceOptions): string;
