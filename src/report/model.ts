/**
 * The report model: what a run report says, computed from RunLogs with no I/O and no HTML.
 * Header facts in words, one summary row per schedule (mean and 95% interval over seeds),
 * paired comparisons against the baseline schedule, and the chart data (long format rows).
 */
import { formatFork, formatSharing, sharingSummary } from './sharing.js';
import type { RunLog } from '../logs/run-log.js';
import type { DiagnoseOptions, SeriesDiagnosis } from '../detect/types.js';
import { diagnoseSeries } from '../detect/diagnose.js';
import { meanInterval, pairedTTest, type MeanInterval, type PairedTTest } from './stats.js';
import { debiasedEma } from '../detect/stats/smoothing.js';
import { changePoints, minMaxDownsample, roundSignificant } from './series.js';
import { describeLrChangeTiming, lrChangeTimings, type LrChangeTiming } from './lr-change-timing.js';
import { groupBySetup, listWords, notComparedSentence, type SetupGroup } from './comparable.js';

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
  lrChanges: { counts: number[]; epochs: number[][]; timings: LrChangeTiming[][] };
  wallSeconds: MeanInterval;
  /** Runs that did not complete, with their status. */
  problems: string[];
  /** Columns where this row holds the best value (among the rows of its setup). */
  best: Array<'testAccuracy' | 'testLoss' | 'bestValLoss' | 'wallSeconds'>;
  /** Index into RunReportModel.setups: rows are compared only with rows of the same setup. */
  setup: number;
}

export type Comparison =
  | {
      kind: 'paired';
      schedule: string;
      baseline: string;
      /** Test accuracy difference, in points, paired by seed. */
      test: PairedTTest;
      seeds: number[];
      sentence: string;
    }
  | { kind: 'no-significance'; schedule: string; baseline: string; difference: number | null; sentence: string };

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
  const rawBuckets = options.rawBuckets ?? DEFAULT_RAW_BUCKETS;
  const baseline = options.baseline ?? 'none';
  const digits = options.digits ?? 5;
  const notes: string[] = [];
  const diagnose = options.diagnose === undefined ? diagnoseSeries : (options.diagnose ?? undefined);
  const names = uniqueNames(runs, options.sources);
  const setups = groupBySetup(runs);
  const groups = groupKeys(runs, options.sources, setups.groupOf);
  const seedsPerGroup = new Map<string, number>();
  for (const g of groups) seedsPerGroup.set(g, (seedsPerGroup.get(g) ?? 0) + 1);
  const multiSeed = [...seedsPerGroup.values()].some((n) => n > 1);

  const rows = summaryRows(runs, names, groups, setups.groupOf);
  setups.groups.forEach((_, g) => markBest(rows.filter((r) => r.setup === g)));
  const comparisons = compare(rows, runs, groups, baseline);

  // Chart data.
  const charts: RunChartData = {
    runs: names,
    colorField: multiSeed ? 'group' : 'run',
    colorDomain: multiSeed ? unique(groups) : names,
    smoothing,
    rawBuckets,
    stepsSmooth: [],
    stepsRaw: [],
    lrSteps: [],
    lrChanges: [],
    lrLabelsRight: [],
    lrLabelsLeft: [],
    plateaus: [],
    knees: [],
    epochs: [],
  };
  const runDiagnoses: RunReportModel['runDiagnoses'] = [];
  runs.forEach((log, i) => {
    const run = names[i];
    const group = groups[i];
    const xs = log.steps.map((s) => s.step);
    const ys = log.steps.map((s) => s.loss);
    const smooth = debiasedEma(ys, smoothing);
    for (let k = 0; k < xs.length; k++) charts.stepsSmooth.push({ run, group, step: xs[k], loss: roundSignificant(smooth[k], digits) });
    for (const p of minMaxDownsample(xs, ys, rawBuckets)) charts.stepsRaw.push({ run, group, step: p.x, loss: roundSignificant(p.y, digits) });
    for (const p of changePoints(xs, log.steps.map((s) => s.lr))) charts.lrSteps.push({ run, group, step: p.x, lr: p.y });
    const toEpoch = epochPositionOf(log);
    const timings = lrChangeTimings(log);
    log.lrChanges.forEach((c, k) => {
      const timing = timings[k]!;
      charts.lrChanges.push({
        run,
        group,
        step: c.step,
        epoch: c.epoch,
        epochPosition: toEpoch(c.step),
        oldLr: c.oldLr,
        newLr: c.newLr,
        change: `${formatLr(c.oldLr)} → ${formatLr(c.newLr)}`,
        reason: c.reason,
        verdict: c.verdict ?? '',
        evidenceSummary: typeof c.evidence?.summary === 'string' ? c.evidence.summary : '',
        evidence: formatEvidence(c.evidence, { skip: ['summary', 'verdict', 'step'], separator: '\n' }),
        labelY: 6 + 12 * (multiSeed ? charts.colorDomain.indexOf(group) : i),
        label: `${timing.kind === 'after-epoch' ? `epoch ${c.epoch}` : describeLrChangeTiming(timing)}: LR ${formatLr(c.oldLr)} → ${formatLr(c.newLr)}`,
      });
    });
    for (const e of log.epochs) {
      charts.epochs.push({ run, group, epoch: e.epoch, split: 'train', loss: e.trainLoss, accuracy: null });
      if (e.valLoss !== null || e.valAccuracy !== null) {
        charts.epochs.push({ run, group, epoch: e.epoch, split: 'validation', loss: e.valLoss, accuracy: pct(e.valAccuracy) });
      }
      charts.epochs.push({ run, group, epoch: e.epoch, split: 'test', loss: e.testLoss, accuracy: pct(e.testAccuracy) });
    }
    const diagnosis = options.diagnoses?.[log.meta.name] ?? options.diagnoses?.[run] ?? diagnoseRun(log, xs, ys, diagnose, notes, run);
    if (diagnosis) {
      runDiagnoses.push({ run, verdict: diagnosis.verdict, summary: diagnosis.summary });
      for (const p of diagnosis.plateaus) {
        charts.plateaus.push({ run, group, start: p.start, end: p.end, startEpoch: toEpoch(p.start), endEpoch: toEpoch(p.end), level: p.level });
      }
      if (diagnosis.knee !== null && xs.length > 0) {
        const k = nearestIndex(xs, diagnosis.knee);
        const loss = smooth[k];
        if (Number.isFinite(loss)) charts.knees.push({ run, group, step: xs[k], epochPosition: toEpoch(xs[k]), loss: roundSignificant(loss, digits) ?? loss });
      }
    }
  });

  let lastStep = 0;
  for (const r of runs) lastStep = Math.max(lastStep, r.steps[r.steps.length - 1]?.step ?? 0);
  for (const c of lrLabels(charts.lrChanges, lastStep, multiSeed)) (c.step > 0.8 * lastStep ? charts.lrLabelsLeft : charts.lrLabelsRight).push(c);

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
    notes,
    testSizes: unique(runs.map((r) => r.meta.dataset?.testSize).filter((n): n is number => typeof n === 'number')),
  };
}

/** Labels closer than this fraction of the x range to the previous label of their colour would overlap. */
const LR_LABEL_MIN_GAP = 0.25;

/**
 * The LR changes that get a text label: one per colour and change (with several seeds, equal
 * changes of a schedule share it), and per colour only the first change and those at least
 * LR_LABEL_MIN_GAP of the steps after the previous label, so an ExponentialLR run's nine changes
 * do not print on top of each other. The first label of a colour says how many were left
 * unlabelled ("(+6 more, hover the rules)"); every change keeps its rule and tooltip.
 */
function lrLabels(changes: readonly LrChangeMark[], lastStep: number, multiSeed: boolean): LrChangeMark[] {
  const seen = new Set<string>();
  const byColour = new Map<string, LrChangeMark[]>();
  for (const c of changes) {
    const colour = multiSeed ? c.group : c.run;
    const key = `${colour}\u0000${c.step}\u0000${c.label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    (byColour.get(colour) ?? byColour.set(colour, []).get(colour)!).push(c);
  }
  const out: LrChangeMark[] = [];
  for (const marks of byColour.values()) {
    const kept: LrChangeMark[] = [];
    for (const c of [...marks].sort((a, b) => a.step - b.step)) {
      const previous = kept[kept.length - 1];
      if (!previous || c.step - previous.step >= LR_LABEL_MIN_GAP * lastStep) kept.push(c);
    }
    const skipped = marks.length - kept.length;
    if (skipped > 0) kept[0] = { ...kept[0]!, label: `${kept[0]!.label} (+${skipped} more, hover the rules)` };
    out.push(...kept);
  }
  return out;
}

/** The detector's diagnosis of a run's step losses (`xs`, `ys`); a failure becomes a note. */
function diagnoseRun(log: RunLog, xs: number[], ys: number[], diagnose: DiagnoseSeries | undefined, notes: string[], run: string): SeriesDiagnosis | null {
  if (!diagnose || log.steps.length === 0) return null;
  const firstEpoch = log.steps[0].epoch;
  const stepsPerEpoch = log.steps.filter((s) => s.epoch === firstEpoch).length;
  try {
    return diagnose(xs, ys, { x: 'step', stepsPerEpoch: log.epochs.length > 1 ? stepsPerEpoch : undefined, classes: 10, lrs: log.steps.map((s) => s.lr) });
  } catch (error) {
    notes.push(`The detector failed on run ${run}: ${(error as Error).message}`);
    return null;
  }
}

/** Maps a step to a fractional epoch: epoch e ends at e; a step inside it sits proportionally. */
function epochPositionOf(log: RunLog): (step: number) => number {
  const ends: Array<{ epoch: number; first: number; last: number }> = [];
  for (const s of log.steps) {
    const cur = ends[ends.length - 1];
    if (cur && cur.epoch === s.epoch) cur.last = s.step;
    else ends.push({ epoch: s.epoch, first: s.step, last: s.step });
  }
  return (step: number) => {
    for (const e of ends) {
      if (step <= e.last) {
        const count = e.last - e.first + 1;
        const within = Math.max(0, Math.min(count, step - e.first + 1));
        return e.epoch - 1 + within / count;
      }
    }
    return ends.length ? ends[ends.length - 1].epoch : 0;
  };
}

function nearestIndex(xs: readonly number[], x: number): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (Math.abs(xs[i] - x) < Math.abs(xs[best] - x)) best = i;
  return best;
}

function pct(x: number | null): number | null {
  if (x === null || !Number.isFinite(x)) return null;
  return x <= 1 ? x * 100 : x;
}

function finalOf(log: RunLog) {
  const last = log.epochs[log.epochs.length - 1];
  return {
    testAccuracy: pct(log.meta.final?.testAccuracy ?? last?.testAccuracy ?? null),
    testLoss: log.meta.final?.testLoss ?? last?.testLoss ?? null,
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

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

function summaryRows(runs: readonly RunLog[], names: string[], groups: string[], setupOf: number[]): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const group of unique(groups)) {
    const members = runs.map((r, i) => ({ r, i })).filter(({ i }) => groups[i] === group);
    const finals = members.map(({ r }) => finalOf(r));
    const finite = (xs: Array<number | null>) => xs.filter((x): x is number => x !== null && Number.isFinite(x));
    const bestVal = members.map(({ r }) => {
      const v = finite(r.epochs.map((e) => e.valLoss));
      return v.length ? Math.min(...v) : null;
    });
    const bestValFinite = finite(bestVal);
    rows.push({
      schedule: group,
      runs: members.map(({ i }) => names[i]),
      seeds: members.map(({ r }) => r.meta.seed),
      testAccuracy: meanInterval(finite(finals.map((f) => f.testAccuracy))),
      testLoss: meanInterval(finite(finals.map((f) => f.testLoss))),
      bestValLoss: bestValFinite.length ? meanInterval(bestValFinite) : null,
      lrChanges: {
        counts: members.map(({ r }) => r.lrChanges.length),
        epochs: members.map(({ r }) => r.lrChanges.map((c) => c.epoch)),
        timings: members.map(({ r }) => lrChangeTimings(r)),
      },
      wallSeconds: meanInterval(members.map(({ r }) => r.meta.timings?.totalSeconds ?? r.epochs.reduce((s, e) => s + e.seconds, 0))),
      problems: members.filter(({ r }) => r.meta.status !== 'completed').map(({ i, r }) => `${names[i]}: ${statusText(r)}`),
      best: [],
      setup: setupOf[members[0]!.i]!,
    });
  }
  return rows;
}

/**
 * Why a run did not complete, once: "interrupted during epoch 2 after step 1234" (the trainer's
 * message already starts with the status), or "diverged (loss became NaN at step 12)".
 */
function statusText(r: RunLog): string {
  const { status, message } = r.meta;
  if (!message) return status;
  return message.startsWith(status) ? message : `${status} (${message})`;
}

/**
 * Marks the best value per column; values equal at the displayed precision tie. Rows with a run
 * that did not complete take no part: an interrupted run's short wall time or partial accuracy
 * is not an achievement.
 */
function markBest(allRows: SummaryRow[]): void {
  const rows = allRows.filter((r) => r.problems.length === 0);
  if (rows.length < 2) return;
  const pick = (column: SummaryRow['best'][number], value: (r: SummaryRow) => number | null | undefined, higher: boolean, digits: number) => {
    const values = rows.map(value).map((v) => (v === null || v === undefined || !Number.isFinite(v) ? null : Number(v.toFixed(digits))));
    const valid = values.filter((v): v is number => v !== null);
    if (valid.length < 2) return;
    const best = higher ? Math.max(...valid) : Math.min(...valid);
    rows.forEach((r, i) => {
      if (values[i] === best) r.best.push(column);
    });
  };
  // Digits as shown in the table: accuracy in points with 2 decimals, losses with 4, seconds with 1.
  pick('testAccuracy', (r) => r.testAccuracy.mean, true, 2);
  pick('testLoss', (r) => r.testLoss.mean, false, 4);
  pick('bestValLoss', (r) => r.bestValLoss?.mean, false, 4);
  pick('wallSeconds', (r) => r.wallSeconds.mean, false, 1);
}

function signed(x: number, digits = 2): string {
  const s = x.toFixed(digits);
  return x >= 0 ? `+${s}` : s;
}

/** p-value with two significant digits: "p = 0.012", "p = 0.2", "p < 0.001". */
export function formatP(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  return `p = ${Number(p.toPrecision(2))}`;
}

/**
 * Paired comparisons against the baseline schedule, inside each setup only (runs of different
 * setups are not compared; see notComparedSentence). In a setup, the baseline row is the one
 * labelled `baseline`, or the only row whose runs ran the `baseline` schedule.
 */
function compare(rows: SummaryRow[], runs: readonly RunLog[], groups: string[], baseline: string): Comparison[] {
  const scheduleOf = new Map(groups.map((g, i) => [g, runs[i]!.meta.schedule]));
  return unique(rows.map((r) => r.setup)).flatMap((setup) => {
    const inSetup = rows.filter((r) => r.setup === setup);
    const candidates = inSetup.filter((r) => scheduleOf.get(r.schedule) === baseline);
    const base = inSetup.find((r) => r.schedule === baseline) ?? (candidates.length === 1 ? candidates[0] : undefined);
    return base ? compareWithBase(inSetup, runs, groups, base.schedule) : [];
  });
}

/** Whether any run ran the baseline schedule. */
function hasBaseline(runs: readonly RunLog[], baseline: string): boolean {
  return runs.some((r) => r.meta.schedule === baseline);
}

function compareWithBase(rows: SummaryRow[], runs: readonly RunLog[], groups: string[], baseline: string): Comparison[] {
  const accuracyBySeed = (group: string) => {
    const m = new Map<number, number>();
    runs.forEach((r, i) => {
      if (groups[i] !== group) return;
      const a = finalOf(r).testAccuracy;
      if (a !== null && Number.isFinite(a) && r.meta.status === 'completed') m.set(r.meta.seed, a);
    });
    return m;
  };
  const baseAcc = accuracyBySeed(baseline);
  const incomplete = (group: string, seeds: Set<number>) =>
    runs.filter((r, i) => groups[i] === group && r.meta.status !== 'completed' && seeds.has(r.meta.seed)).map((r) => `${r.meta.name} ${statusText(r)}`);
  const seedsOf = (group: string) => new Set(runs.filter((_, i) => groups[i] === group).map((r) => r.meta.seed));
  const out: Comparison[] = [];
  for (const row of rows) {
    if (row.schedule === baseline) continue;
    const acc = accuracyBySeed(row.schedule);
    const seeds = [...acc.keys()].filter((s) => baseAcc.has(s)).sort((a, b) => a - b);
    const a = seeds.map((s) => acc.get(s)!);
    const b = seeds.map((s) => baseAcc.get(s)!);
    const test = seeds.length >= 2 ? pairedTTest(a, b) : null;
    if (test) {
      const significant = test.p < 0.05;
      out.push({
        kind: 'paired',
        schedule: row.schedule,
        baseline,
        test,
        seeds,
        sentence:
          `${row.schedule} vs ${baseline}: ${signed(test.meanDifference)} points test accuracy, 95% CI ${signed(test.low)}..${signed(test.high)}, ` +
          `${formatP(test.p)}, ${seeds.length} seeds (paired t-test) — ` +
          (significant ? (test.meanDifference > 0 ? `${row.schedule} is better.` : `${row.schedule} is worse.`) : 'no significant difference.'),
      });
    } else {
      const difference = seeds.length === 1 ? a[0] - b[0] : null;
      out.push({
        kind: 'no-significance',
        schedule: row.schedule,
        baseline,
        difference,
        sentence:
          difference === null
            ? noCommonSeedSentence(row.schedule, baseline, [...seedsOf(row.schedule)].filter((s) => seedsOf(baseline).has(s)), incomplete)
            : `${row.schedule} vs ${baseline}: ${signed(difference)} points test accuracy (one seed: no significance can be claimed).`,
      });
    }
  }
  return out;
}

/**
 * Why a schedule and the baseline have no completed run with a common seed: they ran common
 * seeds but a run did not complete ("not compared: none interrupted during epoch 2 ..."), or
 * they never ran the same seed.
 */
function noCommonSeedSentence(schedule: string, baseline: string, commonSeeds: number[], incomplete: (group: string, seeds: Set<number>) => string[]): string {
  if (commonSeeds.length === 0) return `${schedule} vs ${baseline}: no run with a common seed to compare.`;
  const seeds = new Set(commonSeeds);
  const why = [...incomplete(schedule, seeds), ...incomplete(baseline, seeds)];
  return `${schedule} vs ${baseline}: not compared, since not both completed with seed${commonSeeds.length === 1 ? '' : 's'} ${commonSeeds.join(', ')} (${why.join('; ')}).`;
}

function verdictLines(rows: SummaryRow[], comparisons: Comparison[], baseline: string, multiSeed: boolean, setups: SetupGroup[], hasBaselineRun: boolean): string[] {
  if (setups.length <= 1) return [...rankingLines(rows, multiSeed), ...comparisonLines(rows, comparisons, baseline, multiSeed, hasBaselineRun)];
  // Several setups: a winner only inside each, and why the setups are not compared.
  const lines = setups.flatMap((g, k) => {
    const inSetup = rows.filter((r) => r.setup === k);
    return [`Setup ${k + 1} (${g.description}): ${inSetup.map((r) => r.schedule).join(', ')}.`, ...rankingLines(inSetup, multiSeed).map((l) => `Setup ${k + 1}: ${l}`)];
  });
  return [...lines, notComparedSentence(setups), ...comparisonLines(rows, comparisons, baseline, multiSeed, hasBaselineRun)];
}

/** Who has the highest final test accuracy among `rows` (one comparable setup). */
function rankingLines(rows: SummaryRow[], multiSeed: boolean): string[] {
  const lines: string[] = [];
  // Only complete rows are ranked: an interrupted run's accuracy is not its final one (it is warned about below).
  const ranked = rows.filter((r) => Number.isFinite(r.testAccuracy.mean) && r.problems.length === 0).sort((a, b) => b.testAccuracy.mean - a.testAccuracy.mean);
  if (ranked.length >= 2) {
    // Ties at the displayed precision (0.01 points) are reported as ties.
    const shown = (r: SummaryRow) => r.testAccuracy.mean.toFixed(2);
    const top = ranked.filter((r) => shown(r) === shown(ranked[0]));
    const next = ranked.find((r) => shown(r) !== shown(ranked[0]));
    const lead = next ? `, ${(ranked[0].testAccuracy.mean - next.testAccuracy.mean).toFixed(2)} points ahead of ${next.schedule}` : '';
    const average = multiSeed ? ' (means over seeds)' : '';
    lines.push(
      top.length === 1
        ? `Highest final test accuracy: ${top[0].schedule} (${shown(top[0])}%)${lead}${average}.`
        : `Highest final test accuracy: a tie between ${listWords(top.map((r) => r.schedule))} (${shown(top[0])}%)${lead}${average}.`,
    );
  } else if (ranked.length === 1) {
    lines.push(`One schedule: ${ranked[0].schedule}, final test accuracy ${ranked[0].testAccuracy.mean.toFixed(2)}%.`);
  }
  return lines;
}

/** The baseline, seed and significance lines, the paired comparisons and the warnings. */
function comparisonLines(rows: SummaryRow[], comparisons: Comparison[], baseline: string, multiSeed: boolean, hasBaselineRun: boolean): string[] {
  const lines: string[] = [];
  if (rows.length >= 2 && !hasBaselineRun) {
    lines.push(`No "${baseline}" run to compare against, so no paired comparison.`);
  }
  if (!multiSeed && rows.length >= 2) {
    lines.push('One seed per schedule: the differences are single measurements and no significance can be claimed. Run with --seeds N (N >= 3) for intervals and a paired test.');
  }
  for (const c of comparisons) lines.push(c.sentence);
  for (const r of rows) for (const p of r.problems) lines.push(`Warning: ${p}.`);
  return lines;
}

/**
 * Runs whose step losses are identical (their LRs never differed): their lines coincide. The
 * same schedules coinciding in several seeds are reported once.
 */
function identicalRuns(runs: readonly RunLog[], names: string[], groups: string[]): string[] {
  const sets: number[][] = [];
  const seen = new Set<number>();
  for (let i = 0; i < runs.length; i++) {
    if (seen.has(i) || runs[i].steps.length === 0) continue;
    const same = [i];
    for (let j = i + 1; j < runs.length; j++) {
      const a = runs[i].steps;
      const b = runs[j].steps;
      if (!seen.has(j) && a.length === b.length && a.every((s, k) => s.loss === b[k].loss || (Number.isNaN(s.loss) && Number.isNaN(b[k].loss)))) same.push(j);
    }
    if (same.length > 1) {
      for (const k of same) seen.add(k);
      sets.push(same);
    }
  }
  // Same schedules, same seed, one per seed: report "none and plateau ... in seeds 0, 1, 2".
  const bySchedules = new Map<string, { label: string; seeds: number[]; runs: string[] }>();
  for (const set of sets) {
    const schedules = set.map((k) => groups[k]);
    const seeds = new Set(set.map((k) => runs[k].meta.seed));
    const key = new Set(schedules).size === schedules.length && seeds.size === 1 ? schedules.join('\u0000') : `runs:${set.join(',')}`;
    const entry = bySchedules.get(key) ?? { label: listWords(key.startsWith('runs:') ? set.map((k) => names[k]) : schedules), seeds: [], runs: [] };
    entry.seeds.push(runs[set[0]].meta.seed);
    entry.runs.push(...set.map((k) => names[k]));
    bySchedules.set(key, entry);
  }
  return [...bySchedules.values()].map((e) => {
    const where = e.seeds.length > 1 ? ` in seeds ${e.seeds.join(', ')}` : '';
    return `${e.label} have identical step losses${where} (their learning rates never differed), so their lines coincide in the charts.`;
  });
}


/** An LR to 4 significant digits: 0.001, 0.0316. */
export function formatLr(lr: number): string {
  return Number(lr.toPrecision(4)).toString();
}

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
export function formatEvidence(evidence: Record<string, unknown> | undefined, options: FormatEvidenceOptions = {}): string {
  if (!evidence) return '';
  const skip = new Set(options.skip ?? []);
  const parts: string[] = [];
  const walk = (prefix: string, value: unknown, depth: number) => {
    if (value === null || value === undefined) return;
    if (typeof value === 'number') parts.push(`${prefix}=${Number.isInteger(value) ? value : Number(value.toPrecision(4))}`);
    else if (typeof value === 'string' || typeof value === 'boolean') parts.push(`${prefix}=${value}`);
    else if (Array.isArray(value)) parts.push(`${prefix}=[${value.map((v) => (typeof v === 'number' ? Number(v.toPrecision(4)) : String(v))).join(', ')}]`);
    else if (typeof value === 'object' && depth < 2) for (const [k, v] of Object.entries(value)) walk(prefix ? `${prefix}.${k}` : k, v, depth + 1);
  };
  for (const [k, v] of Object.entries(evidence)) if (!skip.has(k)) walk(k, v, 1);
  return parts.join(options.separator ?? '; ');
}

function describeList(values: string[]): string {
  const u = unique(values.filter((v) => v !== ''));
  return u.length ? u.join(', ') : 'not recorded';
}

function headerFacts(runs: readonly RunLog[]): Fact[] {
  if (runs.length === 0) return [{ label: 'Runs', value: 'none' }];
  const metas = runs.map((r) => r.meta);
  const config = (key: string) => describeList(metas.map((m) => (m.config?.[key] === undefined ? '' : String(m.config[key]))));
  const datasets = unique(
    metas.map((m) =>
      m.dataset
        ? `${m.dataset.name}: ${m.dataset.trainSize.toLocaleString('en-US')} training images, ${m.dataset.valSize.toLocaleString('en-US')} held out for validation, ${m.dataset.testSize.toLocaleString('en-US')} test images (from ${m.dataset.source}; checksum ${m.dataset.checksum.slice(0, 12)})`
        : 'not recorded',
    ),
  );
  const versions = new Map<string, Set<string>>();
  for (const m of metas) for (const [k, v] of Object.entries(m.versions ?? {})) (versions.get(k) ?? versions.set(k, new Set()).get(k)!).add(v);
  const started = metas.map((m) => m.startedAt).filter(Boolean).sort();
  const schedules = unique(metas.map((m) => m.schedule));
  const seeds = unique(metas.map((m) => m.seed)).sort((a, b) => a - b);
  const steps = runs.map((r) => r.steps.length);
  const epochs = runs.map((r) => r.epochs.length);
  return [
    { label: 'Data set', value: datasets.join('; ') },
    { label: 'Model', value: config('model') === 'not recorded' ? 'not recorded in run.json' : config('model') },
    { label: 'Optimizer', value: `${config('optimizer') === 'not recorded' ? 'SGD' : config('optimizer')}, initial learning rate ${config('lr')}, batch size ${config('batchSize')}` },
    { label: 'Training', value: `${describeList(epochs.map(String))} epochs (${describeList(steps.map(String))} optimizer steps per run)` },
    { label: 'Schedules', value: schedules.join(', ') },
    { label: 'Seeds', value: `${seeds.join(', ')} (${seeds.length} seed${seeds.length === 1 ? '' : 's'}; runs with the same seed share initial weights and data order)` },
    ...sharingFacts(runs),
    { label: 'Backend', value: describeList(metas.map((m) => m.backend ?? '')) },
    { label: 'Versions', value: [...versions].map(([k, v]) => `${k} ${[...v].join('/')}`).join(', ') || 'not recorded' },
    { label: 'Date', value: started.length ? (started[0] === started[started.length - 1] ? started[0] : `${started[0]} to ${started[started.length - 1]}`) : 'not recorded' },
  ];
}

/** 'Shared training' when runs trained their common prefix once (nothing with --no-share). */
function sharingFacts(runs: readonly RunLog[]): Fact[] {
  const s = sharingSummary(runs.map((r) => ({ meta: r.meta, steps: r.steps.length })));
  if (!s) return [];
  const forks = s.forks.length ? `; forks: ${s.forks.map((f) => formatFork(f.run, f)).join(', ')}` : '';
  return [{ label: 'Shared training', value: `${formatSharing(s)} (runs are identical until their schedules ask for different learning rates, so that prefix was trained once${forks})` }];
}
