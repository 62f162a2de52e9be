/**
 * The run report model: what a run report says, from RunLogs and the diagnoses it is given,
 * with no I/O and no HTML. Assembles the summary numbers (run-summary.ts), the words
 * (run-words.ts) and the chart data (run-chart-data.ts). It never runs the detector: the
 * application layer (src/app/diagnose-runs.ts) passes the diagnoses in.
 */
import type { SeriesDiagnosis } from '../detect/types.js';
import type { RunLog } from '../logs/run-log.js';
import { groupBySetup, type SetupGroup } from './comparable.js';
import { runChartData, type RunChartData } from './run-chart-data.js';
import { compareWithBaseline, hasBaseline, markBest, summaryRows, unique, type Comparison, type SummaryRow } from './run-summary.js';
import { comparisonSentence, headerFacts, identicalRuns, verdictLines, type Fact } from './run-words.js';

export type { Comparison, Fact, RunChartData, SummaryRow };

export interface RunReportModelOptions {
  /** Page title. Default 'plateau-doctor report'. */
  title?: string;
  /** TensorBoard-style EMA weight for the smoothed step loss, in [0, 1). Default 0.98. */
  smoothing?: number;
  /** Buckets for the faint raw step loss (min and max kept per bucket). Default 500. */
  rawBuckets?: number;
  /** Schedule the others are compared against. Default 'none'. */
  baseline?: string;
  /** The detector's diagnosis of each run's step losses, in the runs' order (null: none), e.g. from `diagnoseRuns`. Default: none drawn. */
  diagnoses?: ReadonlyArray<SeriesDiagnosis | null>;
  /** Lines added to the report's notes (e.g. runs the detector failed on). Default none. */
  notes?: readonly string[];
  /** Where each run came from (same order as the runs), used to tell equal names apart. Default: none. */
  sources?: string[];
  /** Time shown as the report's date. Default: now. */
  generatedAt?: Date;
  /** Significant digits kept for chart values. Default 5. */
  digits?: number;
}

export interface RunReportModel {
  title: string;
  generatedAt: string;
  facts: Fact[];
  rows: SummaryRow[];
  /** Groups of comparable runs (same data, epochs, initial LR, batch size); usually one. */
  setups: SetupGroup[];
  baseline: string;
  comparisons: Comparison[];
  /** Plain-language lines: who won, significance, warnings. */
  verdictLines: string[];
  runDiagnoses: Array<{ run: string; verdict: string; summary: string }>;
  charts: RunChartData;
  notes: string[];
  /** Sizes of the test sets the runs were evaluated on (usually one value). */
  testSizes: number[];
}

const DEFAULT_SMOOTHING = 0.98;
const DEFAULT_RAW_BUCKETS = 500;

/** Builds the report model. Runs with the same name get their source appended. Pure. */
export function buildRunReportModel(runs: readonly RunLog[], options: RunReportModelOptions = {}): RunReportModel {
  const smoothing = options.smoothing ?? DEFAULT_SMOOTHING;
  if (!(smoothing >= 0 && smoothing < 1)) throw new RangeError(`smoothing must be in [0, 1), got ${smoothing}`);
  const baseline = options.baseline ?? 'none';
  const names = uniqueNames(runs, options.sources);
  const setups = groupBySetup(runs);
  const groups = groupKeys(runs, options.sources, setups.groupOf);
  const seedsPerGroup = new Map<string, number>();
  for (const g of groups) seedsPerGroup.set(g, (seedsPerGroup.get(g) ?? 0) + 1);
  const multiSeed = [...seedsPerGroup.values()].some((n) => n > 1);

  const rows = summaryRows(runs, names, groups, setups.groupOf);
  setups.groups.forEach((_, g) => markBest(rows.filter((r) => r.setup === g)));
  const comparisons: Comparison[] = compareWithBaseline(rows, runs, groups, baseline).map((c) => ({ ...c, sentence: comparisonSentence(c) }));
  const diagnoses = runs.map((_, i) => options.diagnoses?.[i] ?? null);
  const charts = runChartData({ runs, names, groups, diagnoses, multiSeed, smoothing, rawBuckets: options.rawBuckets ?? DEFAULT_RAW_BUCKETS, digits: options.digits ?? 5 });
  const runDiagnoses: RunReportModel['runDiagnoses'] = [];
  diagnoses.forEach((d, i) => {
    if (d) runDiagnoses.push({ run: names[i], verdict: d.verdict, summary: d.summary });
  });
  return {
    title: options.title ?? 'plateau-doctor report',
    generatedAt: (options.generatedAt ?? new Date()).toISOString(),
    facts: headerFacts(runs),
    rows,
    setups: setups.groups,
    baseline,
    comparisons,
    verdictLines: [...verdictLines(rows, comparisons, baseline, multiSeed, setups.groups, hasBaseline(runs, baseline)), ...identicalRuns(runs, names, groups)],
    runDiagnoses,
    charts,
    notes: [...(options.notes ?? [])],
    testSizes: unique(runs.map((r) => r.meta.dataset?.testSize).filter((n): n is number => typeof n === 'number')),
  };
}

/** Run names, with the source appended to a name several runs share, then made unique. */
function uniqueNames(runs: readonly RunLog[], sources?: string[]): string[] {
  const count = new Map<string, number>();
  for (const r of runs) count.set(r.meta.name, (count.get(r.meta.name) ?? 0) + 1);
  return uniqueLabels(runs.map((r, i) => ((count.get(r.meta.name) ?? 0) > 1 && sources?.[i] ? `${r.meta.name} (${sources[i]})` : r.meta.name)));
}

/**
 * Makes labels unique in order: a repeat gets " #2", " #3", ...
 * uniqueLabels(['loss', 'loss', 'val']); // => ['loss', 'loss #2', 'val']
 */
export function uniqueLabels(labels: readonly string[]): string[] {
  const used = new Set<string>();
  return labels.map((label) => {
    let candidate = label;
    for (let k = 2; used.has(candidate); k++) candidate = `${label} #${k}`;
    used.add(candidate);
    return candidate;
  });
}

/**
 * Schedule name; "(setup k)" appended to a schedule run in several setups (they are different
 * rows); schedule and source when the same schedule and seed appear twice in one setup.
 */
function groupKeys(runs: readonly RunLog[], sources: string[] | undefined, setupOf: number[]): string[] {
  const seen = new Map<string, number>();
  const setupsOfSchedule = new Map<string, Set<number>>();
  runs.forEach((r, i) => {
    const key = `${setupOf[i]}\u0000${r.meta.schedule}\u0000${r.meta.seed}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
    (setupsOfSchedule.get(r.meta.schedule) ?? setupsOfSchedule.set(r.meta.schedule, new Set()).get(r.meta.schedule)!).add(setupOf[i]!);
  });
  const clash = [...seen.values()].some((n) => n > 1);
  return runs.map((r, i) => {
    if (clash) return `${r.meta.schedule} (${sources?.[i] ?? r.meta.name})`;
    return setupsOfSchedule.get(r.meta.schedule)!.size > 1 ? `${r.meta.schedule} (setup ${setupOf[i]! + 1})` : r.meta.schedule;
  });
}
