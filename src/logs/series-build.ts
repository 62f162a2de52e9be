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
}

/**
 * Cleans one raw series into one or more LossSeries: drops points without an x, keeps the
 * last of several points that share an x, and handles x counters that go back (split into
 * runs, or stitched into one run by offsetting x), recording each decision in `notes`.
 */
export function buildSeries(raw: RawSeries, options: BuildSeriesOptions = {}): LossSeries[] {
  const mode = options.restarts ?? 'auto';
  const notes = [...(raw.notes ?? [])];
  if (strictlyIncreasing(raw.xs)) {
    // Fast path (the common case, and the only one for very long logs): nothing to clean.
    const series: LossSeries = { name: raw.name, role: raw.role, x: raw.x, xs: raw.xs, ys: raw.ys };
    if (notes.length > 0) series.notes = notes;
    if (raw.lrs && raw.lrs.some((v) => Number.isFinite(v))) series.lrs = fillGaps(raw.lrs);
    if (raw.stepsPerEpoch !== undefined) series.stepsPerEpoch = raw.stepsPerEpoch;
    return [series];
  }
  const unit = raw.lineUnit ?? 'line';
  const n = raw.xs.length;
  // 1. Drop points whose x is missing.
  let dropped = 0;
  const idx: number[] = [];
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(raw.xs[i])) idx.push(i);
    else dropped++;
  }
  if (dropped > 0) notes.push(`${dropped} point(s) without a usable ${raw.x} value were skipped`);

  // 2. Cut into segments where x goes back.
  const segments: number[][] = [];
  let current: number[] = [];
  for (const i of idx) {
    if (current.length > 0 && raw.xs[i] < raw.xs[current[current.length - 1]]) {
      segments.push(current);
      current = [];
    }
    current.push(i);
  }
  if (current.length > 0) segments.push(current);

  // 3. Within each segment, keep the last point of a run of equal x.
  let duplicates = 0;
  for (let s = 0; s < segments.length; s++) {
    const seg = segments[s];
    const kept: number[] = [];
    for (const i of seg) {
      if (kept.length > 0 && raw.xs[kept[kept.length - 1]] === raw.xs[i]) {
        kept[kept.length - 1] = i;
        duplicates++;
      } else kept.push(i);
    }
    segments[s] = kept;
  }
  if (duplicates > 0) notes.push(`${duplicates} point(s) repeated an earlier ${raw.x}: kept the last value logged for each ${raw.x}`);

  // 4. Decide stitch or split at each restart.
  const runs: { indices: number[]; offsets: number[] }[] = [];
  const stitchedAt: string[] = [];
  const splitAt: string[] = [];
  for (const seg of segments) {
    const prevRun = runs[runs.length - 1];
    if (!prevRun) {
      runs.push({ indices: [...seg], offsets: seg.map(() => 0) });
      continue;
    }
    const where = raw.lines ? `${unit} ${raw.lines[seg[0]]}` : `point ${seg[0] + 1}`;
    const stitch = mode === 'stitch' || (mode === 'auto' && continuesPrevious(raw.ys, prevRun.indices, seg));
    if (stitch) {
      const lastI = prevRun.indices[prevRun.indices.length - 1];
      const lastX = raw.xs[lastI] + prevRun.offsets[prevRun.offsets.length - 1];
      const gap = typicalGap(raw.xs, prevRun.indices);
      const offset = lastX + gap - raw.xs[seg[0]];
      for (const i of seg) {
        prevRun.indices.push(i);
        prevRun.offsets.push(offset);
      }
      stitchedAt.push(where);
    } else {
      runs.push({ indices: [...seg], offsets: seg.map(() => 0) });
      splitAt.push(where);
    }
  }
  if (stitchedAt.length > 0) {
    notes.push(
      `the ${raw.x} counter restarts ${stitchedAt.length} time(s) (at ${list(stitchedAt)}) and the loss carries on from where it was: ` +
        `stitched into one run by shifting the later ${raw.x} values`,
    );
  }
  if (splitAt.length > 0) {
    notes.push(
      `the ${raw.x} counter restarts ${splitAt.length} time(s) (at ${list(splitAt)}) and the loss starts over: ` +
        `split into ${runs.length} runs`,
    );
  }

  return runs.map((run, r) => {
    const xs = run.indices.map((i, k) => raw.xs[i] + run.offsets[k]);
    const ys = run.indices.map((i) => raw.ys[i]);
    const series: LossSeries = {
      name: runs.length > 1 ? `${raw.name} (run ${r + 1})` : raw.name,
      role: raw.role,
      x: raw.x,
      xs,
      ys,
      notes: [...notes],
    };
    if (raw.lrs) {
      const lrs = run.indices.map((i) => raw.lrs![i]);
      if (lrs.some((v) => Number.isFinite(v))) series.lrs = fillGaps(lrs);
    }
    if (raw.stepsPerEpoch !== undefined) series.stepsPerEpoch = raw.stepsPerEpoch;
    if (series.notes!.length === 0) delete series.notes;
    return series;
  });
}

function strictlyIncreasing(xs: number[]): boolean {
  if (xs.length === 0 || !Number.isFinite(xs[0])) return false;
  for (let i = 1; i < xs.length; i++) if (!(xs[i] > xs[i - 1]) || !Number.isFinite(xs[i])) return false;
  return true;
}

/** True when the new segment starts nearer the previous segment's end level than its start level. */
function continuesPrevious(ys: number[], prev: number[], seg: number[]): boolean {
  const k = 3;
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
