/**
 * The run report's numbers: one summary row per schedule (mean and 95% interval over seeds),
 * the best value per column (inside a setup), and paired comparisons against the baseline
 * schedule (inside a setup). Pure; the sentences about them are in run-words.ts.
 */
import type { RunLog } from '../logs/run-log.js';
import { formatDuration, formatMetric, formatPoints } from '../numbers.js';
import { lrChangeTimings, type LrChangeTiming } from './lr-change-timing.js';
import { meanInterval, pairedTTest, type MeanInterval, type PairedTTest } from './stats.js';

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
  /** Final validation accuracy in percent; null without a validation split. */
  valAccuracy: MeanInterval | null;
  /** The averaged weights' final test and validation accuracy in percent (issue 12); null when the runs kept no average / no split. */
  averagedTestAccuracy: MeanInterval | null;
  averagedValAccuracy: MeanInterval | null;
  /** Whose weights the final test accuracy and loss are (`--final-weights`): 'raw' unless every run says 'averaged'. */
  finalWeights: 'raw' | 'averaged';
  /** LR changes per run, the epochs where they happened, and when exactly (after or during the epoch; per run, run order). */
  lrChanges: { counts: number[]; epochs: number[][]; timings: LrChangeTiming[][] };
  wallSeconds: MeanInterval;
  /** Runs that did not complete, with their status. */
  problems: string[];
  /** Columns where this row holds the best value (among the rows of its setup). */
  best: Array<'testAccuracy' | 'testLoss' | 'bestValLoss' | 'wallSeconds' | 'averagedTestAccuracy'>;
  /** Index into RunReportModel.setups: rows are compared only with rows of the same setup. */
  setup: number;
}

/** A comparison with the baseline, as numbers. */
export type ComparisonNumbers =
  | {
      kind: 'paired';
      schedule: string;
      baseline: string;
      /** Test accuracy difference, in points, paired by seed. */
      test: PairedTTest;
      seeds: number[];
    }
  | {
      kind: 'no-significance';
      schedule: string;
      baseline: string;
      /** The difference in points with one common seed, else null. */
      difference: number | null;
      /** Seeds both ran (whether or not they completed). */
      commonSeeds: number[];
      /** Runs with a common seed that did not complete, as "name status". */
      incomplete: string[];
    };

/** A comparison with its sentence (run-words.ts). */
export type Comparison = ComparisonNumbers & { sentence: string };

/** An accuracy in percent (0..100): fractions are scaled, percentages kept; null when not a number. */
export function accuracyPercent(x: number | null): number | null {
  if (x === null || !Number.isFinite(x)) return null;
  return x <= 1 ? x * 100 : x;
}

function finalOf(log: RunLog) {
  const last = log.epochs[log.epochs.length - 1];
  const averaged = log.meta.final?.averaged ?? last?.average;
  return {
    testAccuracy: accuracyPercent(log.meta.final?.testAccuracy ?? last?.testAccuracy ?? null),
    testLoss: log.meta.final?.testLoss ?? last?.testLoss ?? null,
    valAccuracy: accuracyPercent(log.meta.final?.valAccuracy ?? last?.valAccuracy ?? null),
    averagedTestAccuracy: accuracyPercent(averaged?.testAccuracy ?? null),
    averagedValAccuracy: accuracyPercent(averaged?.valAccuracy ?? null),
    weights: log.meta.final?.weights ?? 'raw',
  };
}

/** The mean and interval of the finite values, or null when there is none. */
function meanOrNull(xs: Array<number | null>): MeanInterval | null {
  const finite = xs.filter((x): x is number => x !== null && Number.isFinite(x));
  return finite.length ? meanInterval(finite) : null;
}

/** The distinct values, in first-seen order. */
export function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

/** One row per schedule group, in first-seen order. */
export function summaryRows(runs: readonly RunLog[], names: string[], groups: string[], setupOf: number[]): SummaryRow[] {
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
      valAccuracy: meanOrNull(finals.map((f) => f.valAccuracy)),
      averagedTestAccuracy: meanOrNull(finals.map((f) => f.averagedTestAccuracy)),
      averagedValAccuracy: meanOrNull(finals.map((f) => f.averagedValAccuracy)),
      finalWeights: finals.every((f) => f.weights === 'averaged') ? 'averaged' : 'raw',
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
export function statusText(r: RunLog): string {
  const { status, message } = r.meta;
  if (!message) return status;
  return message.startsWith(status) ? message : `${status} (${message})`;
}

/**
 * Marks the best value per column; values equal at the displayed precision tie. Rows with a run
 * that did not complete take no part: an interrupted run's short wall time or partial accuracy
 * is not an achievement.
 */
export function markBest(allRows: SummaryRow[]): void {
  const rows = allRows.filter((r) => r.problems.length === 0);
  if (rows.length < 2) return;
  const pick = (column: SummaryRow['best'][number], value: (r: SummaryRow) => number | null | undefined, higher: boolean, format: (x: number) => string) => {
    const values = rows.map(value).map((v) => (v === null || v === undefined || !Number.isFinite(v) ? null : v));
    const valid = values.filter((v): v is number => v !== null);
    if (valid.length < 2) return;
    const best = format(higher ? Math.max(...valid) : Math.min(...valid));
    rows.forEach((r, i) => {
      const v = values[i];
      if (v !== null && format(v) === best) r.best.push(column);
    });
  };
  // Compared as the table shows them (run-report.ts: the same formats).
  pick('testAccuracy', (r) => r.testAccuracy.mean, true, formatPoints);
  pick('testLoss', (r) => r.testLoss.mean, false, formatMetric);
  pick('bestValLoss', (r) => r.bestValLoss?.mean, false, formatMetric);
  pick('wallSeconds', (r) => r.wallSeconds.mean, false, formatDuration);
  pick('averagedTestAccuracy', (r) => r.averagedTestAccuracy?.mean, true, formatPoints);
}

/**
 * Paired comparisons against the baseline schedule, inside each setup only (runs of different
 * setups are not compared; see notComparedSentence). In a setup, the baseline row is the one
 * labelled `baseline`, or the only row whose runs ran the `baseline` schedule.
 */
export function compareWithBaseline(rows: SummaryRow[], runs: readonly RunLog[], groups: string[], baseline: string): ComparisonNumbers[] {
  const scheduleOf = new Map(groups.map((g, i) => [g, runs[i]!.meta.schedule]));
  return unique(rows.map((r) => r.setup)).flatMap((setup) => {
    const inSetup = rows.filter((r) => r.setup === setup);
    const candidates = inSetup.filter((r) => scheduleOf.get(r.schedule) === baseline);
    const base = inSetup.find((r) => r.schedule === baseline) ?? (candidates.length === 1 ? candidates[0] : undefined);
    return base ? compareWithBase(inSetup, runs, groups, base.schedule) : [];
  });
}

/** Whether any run ran the baseline schedule. */
export function hasBaseline(runs: readonly RunLog[], baseline: string): boolean {
  return runs.some((r) => r.meta.schedule === baseline);
}

function compareWithBase(rows: SummaryRow[], runs: readonly RunLog[], groups: string[], baseline: string): ComparisonNumbers[] {
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
  const out: ComparisonNumbers[] = [];
  for (const row of rows) {
    if (row.schedule === baseline) continue;
    const acc = accuracyBySeed(row.schedule);
    const seeds = [...acc.keys()].filter((s) => baseAcc.has(s)).sort((a, b) => a - b);
    const a = seeds.map((s) => acc.get(s)!);
    const b = seeds.map((s) => baseAcc.get(s)!);
    const test = seeds.length >= 2 ? pairedTTest(a, b) : null;
    if (test) {
      out.push({
        kind: 'paired',
        schedule: row.schedule,
        baseline,
        test,
        seeds,
      });
    } else {
      const difference = seeds.length === 1 ? a[0] - b[0] : null;
      const commonSeeds = [...seedsOf(row.schedule)].filter((s) => seedsOf(baseline).has(s));
      out.push({
        kind: 'no-significance',
        schedule: row.schedule,
        baseline,
        difference,
        commonSeeds,
        incomplete: incomplete(row.schedule, new Set(commonSeeds)).concat(incomplete(baseline, new Set(commonSeeds))),
      });
    }
  }
  return out;
}
