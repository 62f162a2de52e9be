import type { LossSeries } from './loss-log.js';
import { median } from './values.js';

/** How to treat an x counter that goes back (a resumed run, or runs appended to one file). */
export type RestartMode = 'auto' | 'split' | 'stitch';

/**
 * Points of one series as a reader collected them, before cleaning: a LossSeries whose xs may
 * go back, repeat or be missing (NaN) and whose `lrs` may have gaps (NaN), plus where each
 * point came from.
 */
export interface RawSeries extends LossSeries {
  /** 1-based source line (or record) of each point, for notes. */
  lines?: number[];
  /** What `lines` counts, for notes: 'line' (default), 'row', 'record', 'entry'. */
  lineUnit?: string;
}

export interface BuildSeriesOptions {
  /** Default 'auto': stitch when the loss after the restart continues from where it was, split when it starts over. */
  restarts?: RestartMode;
  /**
   * The file's runs (several runs appended to one text log), so that every series of the file
   * is split at the same restarts, the same way, and names its runs by the file's run numbers.
   */
  plan?: RunPlan;
}

/**
 * What the file says between two points of a series (source lines `before` and `at`) about a
 * restart there: a new run was started (`split`), a run was resumed (`stitch`), or nothing.
 */
export type RestartEvidence = (before: number, at: number) => 'split' | 'stitch' | undefined;

/** The runs of one file, decided once from its main series (see `planRuns`). */
export interface RunPlan {
  /** How many runs the file holds. */
  count: number;
  /**
   * The file's decision at a restart of a series whose points go from source line `before` to
   * `at`: the restart of the main series in the same gap, or undefined when it has none there.
   */
  restartAt(before: number, at: number): { mode: 'split' | 'stitch'; run: number; reason: RestartReason } | undefined;
  /** The name of the series that decides. */
  mainName: string;
  /** The 1-based run of the file that source line `line` belongs to. */
  runOf(line: number): number;
  /** Where run `run` is in the file, for notes: "lines 37-72". */
  where(run: number): string;
}

/** One run being assembled: indices into the raw series and the x offset added to each. */
interface RunAcc {
  indices: number[];
  offsets: number[];
  /** The file's run number when a plan numbered it. */
  fileRun?: number;
}

/**
 * Cleans one raw series into one or more LossSeries: drops points without an x, keeps the
 * last of several points that share an x, and handles x counters that go back (split into
 * runs, or stitched into one run by offsetting x), recording each decision in `notes`.
 */
export function buildSeries(raw: RawSeries, options: BuildSeriesOptions = {}): LossSeries[] {
  const notes = [...(raw.notes ?? [])];
  const plan = options.plan;
  if (strictlyIncreasing(raw.xs) && !(plan && plan.count > 1)) {
    // Fast path (the common case, and the only one for very long logs): nothing to clean.
    const series: LossSeries = { name: raw.name, role: raw.role, x: raw.x, xs: raw.xs, ys: raw.ys };
    if (notes.length > 0) series.notes = notes;
    if (raw.lrs && raw.lrs.some((v) => Number.isFinite(v))) series.lrs = fillGaps(raw.lrs);
    if (raw.stepsPerEpoch !== undefined) series.stepsPerEpoch = raw.stepsPerEpoch;
    return [series];
  }
  const segments = cleanSegments(raw, notes);
  const { runs } = joinSegments(raw, segments, options.restarts ?? 'auto', plan, notes);
  const labels = runLabels(runs, plan, (i) => (raw.lines ? raw.lines[i] : i + 1));
  return runs.map((run, r) => {
    const xs = run.indices.map((i, k) => raw.xs[i] + run.offsets[k]);
    const ys = run.indices.map((i) => raw.ys[i]);
    const series: LossSeries = { name: labels[r] === undefined ? raw.name : `${raw.name} (run ${labels[r]})`, role: raw.role, x: raw.x, xs, ys, notes: [...notes] };
    if (plan && labels[r] !== undefined && labels[r] === run.fileRun) series.notes!.push(`run ${run.fileRun} of ${plan.count} in this file: ${plan.where(run.fileRun)}`);
    if (raw.lrs) {
      const lrs = run.indices.map((i) => raw.lrs![i]);
      if (lrs.some((v) => Number.isFinite(v))) series.lrs = fillGaps(lrs);
    }
    if (raw.stepsPerEpoch !== undefined) series.stepsPerEpoch = raw.stepsPerEpoch;
    if (series.notes!.length === 0) delete series.notes;
    return series;
  });
}

/**
 * Drops points without an x, cuts the series where x goes back, and keeps the last point of a
 * run of equal x within each segment. Returns the segments (indices into raw); notes say what was done.
 */
function cleanSegments(raw: RawSeries, notes: string[]): number[][] {
  let dropped = 0;
  const segments: number[][] = [];
  let current: number[] = [];
  let duplicates = 0;
  for (let i = 0; i < raw.xs.length; i++) {
    const x = raw.xs[i];
    if (!Number.isFinite(x)) {
      dropped++;
      continue;
    }
    const last = current.length > 0 ? raw.xs[current[current.length - 1]] : undefined;
    if (last !== undefined && x < last) {
      segments.push(current);
      current = [];
    }
    if (last !== undefined && x === last) {
      current[current.length - 1] = i;
      duplicates++;
    } else current.push(i);
  }
  if (current.length > 0) segments.push(current);
  if (dropped > 0) notes.push(`${dropped} point(s) without a usable ${raw.x} value were skipped`);
  if (duplicates > 0) notes.push(`${duplicates} point(s) repeated an earlier ${raw.x}: kept the last value logged for each ${raw.x}`);
  return segments;
}

/** Decides, at each restart, whether the next segment continues the run (stitch) or starts a new one (split). */
function joinSegments(
  raw: RawSeries,
  segments: number[][],
  mode: RestartMode,
  plan: RunPlan | undefined,
  notes: string[],
  evidence?: RestartEvidence,
): { runs: RunAcc[]; restarts: Restart[] } {
  const unit = raw.lineUnit ?? 'line';
  const lineOf = (i: number) => (raw.lines ? raw.lines[i] : i + 1);
  const runs: RunAcc[] = [];
  const restarts: Restart[] = [];
  /** Where each kind of decision was taken, by the reason given in the notes. */
  const decided = new Map<string, string[]>();
  for (const seg of segments) {
    const prevRun = runs[runs.length - 1];
    if (!prevRun) {
      runs.push({ indices: [...seg], offsets: seg.map(() => 0), fileRun: plan?.runOf(lineOf(seg[0])) });
      continue;
    }
    const where = raw.lines ? `${unit} ${raw.lines[seg[0]]}` : `point ${seg[0] + 1}`;
    const before = lineOf(prevRun.indices[prevRun.indices.length - 1]);
    const planned = plan?.restartAt(before, lineOf(seg[0]));
    const told = mode === 'auto' && !planned ? evidence?.(before, lineOf(seg[0])) : undefined;
    const stitch = planned ? planned.mode === 'stitch' : told ? told === 'stitch' : mode === 'stitch' || (mode === 'auto' && continuesPrevious(raw.ys, prevRun.indices, seg));
    const reason: RestartReason = planned ? planned.reason : told ? 'banner' : mode;
    restarts.push({ before, at: lineOf(seg[0]), mode: stitch ? 'stitch' : 'split', reason });
    // A series following the main one says so.
    const key = `${stitch ? 'stitch' : 'split'} ${reason}${planned && plan!.mainName !== raw.name ? ` (as in "${plan!.mainName}")` : ''}`;
    decided.set(key, [...(decided.get(key) ?? []), where]);
    if (stitch) {
      const lastI = prevRun.indices[prevRun.indices.length - 1];
      const lastX = raw.xs[lastI] + prevRun.offsets[prevRun.offsets.length - 1];
      const offset = lastX + typicalGap(raw.xs, prevRun.indices) - raw.xs[seg[0]];
      for (const i of seg) {
        prevRun.indices.push(i);
        prevRun.offsets.push(offset);
      }
    } else runs.push({ indices: [...seg], offsets: seg.map(() => 0), fileRun: planned?.run });
  }
  for (const [key, at] of decided) {
    const [what, reason] = key.split(' ');
    const why = RESTART_REASONS[`${what} ${reason}`] + key.slice(what.length + reason.length + 1);
    const done = what === 'stitch' ? `stitched into one run by shifting the later ${raw.x} values` : `split into ${runs.length} runs`;
    notes.push(`the ${raw.x} counter restarts ${at.length} time(s) (at ${list(at)}) ${why}: ${done}`);
  }
  return { runs, restarts };
}

/** What a restart's decision rests on: the loss levels, `--restarts`, or a line announcing a new or resumed run. */
type RestartReason = 'auto' | 'split' | 'stitch' | 'banner';

/** Why a restart was stitched or split, as the notes say it. */
const RESTART_REASONS: Record<string, string> = {
  'stitch auto': 'and the loss carries on from where it was',
  'split auto': 'and the loss starts over',
  'stitch stitch': 'and --restarts stitch was given',
  'split split': 'and --restarts split was given',
  'stitch banner': 'after a line saying the run resumes',
  'split banner': 'after a line announcing a new run',
};

/** A restart of a series: its last point before (source line `before`) and first after (`at`), and what was decided. */
interface Restart {
  before: number;
  at: number;
  mode: 'split' | 'stitch';
  reason: RestartReason;
}

/**
 * The runs of a file, from its main series (the one with most points): where its counter
 * restarts, split or stitch is decided once (as `buildSeries` would), and every other series
 * of the file follows that decision at a restart of its own in the same gap.
 * Undefined when the main series never restarts.
 */
export function planRuns(main: RawSeries, mode: RestartMode = 'auto', evidence?: RestartEvidence): RunPlan | undefined {
  const { restarts } = joinSegments(main, cleanSegments(main, []), mode, undefined, [], evidence);
  if (restarts.length === 0) return undefined;
  const lineOf = (i: number) => (main.lines ? main.lines[i] : i + 1);
  const splits = restarts.filter((r) => r.mode === 'split');
  const count = splits.length + 1;
  const runOf = (line: number) => 1 + splits.filter((r) => r.at <= line).length;
  const lastLine = lineOf(main.xs.length - 1);
  return {
    count,
    mainName: main.name,
    runOf,
    restartAt(before, at) {
      const r = restarts.find((q) => q.before < at && before < q.at);
      return r ? { mode: r.mode, run: runOf(r.at), reason: r.reason } : undefined;
    },
    where(run) {
      const from = run === 1 ? lineOf(0) : splits[run - 2].at;
      const to = run === count ? lastLine : splits[run - 1].before;
      return `lines ${from}-${to}`;
    },
  };
}

/**
 * The run number each run is named by (undefined: no suffix): the file's run numbers when a
 * plan gives distinct ones, else 1, 2, ... when the series itself splits.
 */
function runLabels(runs: RunAcc[], plan: RunPlan | undefined, lineOf: (i: number) => number): (number | undefined)[] {
  if (plan && plan.count > 1) {
    const numbers = runs.map((r) => r.fileRun);
    // Each run of the series lies within one run of the file, and no two share one.
    const within = runs.every((r) => r.fileRun !== undefined && plan.runOf(lineOf(r.indices[r.indices.length - 1])) === r.fileRun);
    if (within && new Set(numbers).size === numbers.length) return numbers;
  }
  return runs.length > 1 ? runs.map((_, r) => r + 1) : [undefined];
}

function strictlyIncreasing(xs: number[]): boolean {
  if (xs.length === 0 || !Number.isFinite(xs[0])) return false;
  for (let i = 1; i < xs.length; i++) if (!(xs[i] > xs[i - 1]) || !Number.isFinite(xs[i])) return false;
  return true;
}

/**
 * True when the new segment starts nearer the previous segment's end level than its start level
 * (medians of up to 3 points; fewer when the previous segment is short, so that its start and end
 * are never the same points: a 3-point run before would otherwise tie with itself and stitch).
 */
function continuesPrevious(ys: number[], prev: number[], seg: number[]): boolean {
  const k = Math.max(1, Math.min(3, Math.floor(prev.length / 2)));
  const head = median(seg.slice(0, k).map((i) => ys[i]));
  const prevHead = median(prev.slice(0, k).map((i) => ys[i]));
  const prevTail = median(prev.slice(-k).map((i) => ys[i]));
  if (!Number.isFinite(head) || !Number.isFinite(prevHead) || !Number.isFinite(prevTail)) return false;
  return Math.abs(head - prevTail) <= Math.abs(head - prevHead);
}

function typicalGap(xs: number[], indices: number[]): number {
  const gaps: number[] = [];
  for (let k = Math.max(1, indices.length - 50); k < indices.length; k++) gaps.push(xs[indices[k]] - xs[indices[k - 1]]);
  let g = gaps.length > 0 ? median(gaps) : 1;
  if (indices.every((i) => Number.isInteger(xs[i]))) g = Math.round(g);
  return g > 0 ? g : 1;
}

/** Replaces each non-finite entry by the last finite one before it (leading ones stay NaN). */
export function forwardFill(values: readonly number[]): number[] {
  const out = values.slice();
  let last = Number.NaN;
  for (let i = 0; i < out.length; i++) {
    if (Number.isFinite(out[i])) last = out[i];
    else out[i] = last;
  }
  return out;
}

/** Forward-fills NaN entries, and back-fills leading ones from the first known value. */
export function fillGaps(values: number[]): number[] {
  const out = forwardFill(values);
  const firstKnown = out.find((v) => Number.isFinite(v));
  if (firstKnown !== undefined) for (let i = 0; i < out.length && !Number.isFinite(out[i]); i++) out[i] = firstKnown;
  return out;
}

/**
 * Optimizer steps per epoch from the first and last rows that have both a step and an epoch
 * (paired by index); undefined when the epoch does not advance by at least 1 or the step does not grow.
 * estimateStepsPerEpoch([100, 200, 300], [1, 2, 3]); // => 100
 */
export function estimateStepsPerEpoch(steps: readonly number[], epochs: readonly number[]): number | undefined {
  let first = -1;
  let last = -1;
  for (let i = 0; i < steps.length; i++) {
    if (Number.isFinite(steps[i]) && Number.isFinite(epochs[i])) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0) return undefined;
  const dEpoch = epochs[last] - epochs[first];
  const dStep = steps[last] - steps[first];
  if (dEpoch < 1 || dStep <= 0) return undefined;
  return dStep / dEpoch;
}

function list(items: string[]): string {
  return items.length <= 4 ? items.join(', ') : `${items.slice(0, 3).join(', ')} and ${items.length - 3} more`;
}
