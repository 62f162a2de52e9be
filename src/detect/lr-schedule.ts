/**
 * What a log's own LR column says about its schedule (typed data; the advice is built from it in
 * diagnose.ts). Pure functions on plain arrays.
 */

/** Thresholds of the schedule reading. */
export const lrScheduleDefaults = {
  /** The LR ends at or below this fraction of its peak: annealed (a further decay cannot help). */
  annealedFraction: 0.1,
  /** The LR ends at or below this fraction of its peak: far below it (two decades); even a cut that moved the loss does not earn "a decay would likely help". */
  farBelowFraction: 0.01,
  /** The LR changes at more than this fraction of the logged points, or takes more than `continuousLevels` values: a continuous schedule (also when stepped once per epoch). */
  continuousFraction: 0.3,
  continuousLevels: 8,
  /** The LR is at or above this fraction of its peak: the schedule's high-LR phase. */
  highFraction: 0.5,
} as const;

export interface LrScheduleReading {
  /** 'constant': one LR; 'steps': a few discrete changes (StepLR, ReduceLROnPlateau); 'continuous': changes at most points (warmup ramps, linear, cosine, one-cycle, per-step exponential). */
  kind: 'constant' | 'steps' | 'continuous';
  first: number;
  peak: number;
  /** x of the peak (the first point at it). */
  peakAt: number;
  last: number;
  /** last / peak. */
  fractionOfPeak: number;
  /** The LR rose to its peak first (a warmup ramp), ending at index `warmupEnd` (the peak). */
  warmup: boolean;
  /** The LR ends at or below `annealedFraction` of its peak. */
  annealed: boolean;
  /** The LR ends at or above `highFraction` of its peak after falling from it or holding it (the high-LR phase). */
  high: boolean;
  /** Points at which the LR changed. */
  changes: number;
  /** Index of the peak in the arrays read. */
  peakIndex: number;
}

/**
 * Reads the LR column of a series: its peak, where it ends relative to the peak, whether it rose
 * first (warmup) and whether it changes continuously. Null without at least 2 positive LRs.
 *
 * @example readLrSchedule([1, 2, 3, 4], [1e-4, 1e-4, 1e-5, 1e-6])?.annealed; // => true
 */
export function readLrSchedule(xs: ArrayLike<number>, lrs: ArrayLike<number>): LrScheduleReading | null {
  const n = Math.min(xs.length, lrs.length);
  let peak = -Infinity;
  let peakIndex = -1;
  let first = Number.NaN;
  let last = Number.NaN;
  let changes = 0;
  let prev = Number.NaN;
  let count = 0;
  const levels = new Set<number>();
  for (let i = 0; i < n; i++) {
    const v = lrs[i];
    if (!(v >= 0) || !Number.isFinite(v)) continue;
    if (count === 0) first = v;
    if (levels.size <= lrScheduleDefaults.continuousLevels) levels.add(v);
    if (count > 0 && Math.abs(v - prev) > 1e-9 * Math.max(v, prev)) changes++;
    if (v > peak) {
      peak = v;
      peakIndex = i;
    }
    prev = v;
    last = v;
    count++;
  }
  if (count < 2 || !(peak > 0)) return null;
  const o = lrScheduleDefaults;
  const fractionOfPeak = last / peak;
  return {
    kind: changes === 0 ? 'constant' : changes > o.continuousFraction * (count - 1) || levels.size > o.continuousLevels ? 'continuous' : 'steps',
    first,
    peak,
    peakAt: xs[peakIndex],
    last,
    fractionOfPeak,
    warmup: first < 0.5 * peak,
    annealed: fractionOfPeak <= o.annealedFraction,
    high: changes > 0 && fractionOfPeak >= o.highFraction,
    changes,
    peakIndex,
  };
}

/**
 * Indices i of the discrete LR changes in `lrs[0..n)`: the LR jumps by `ratio` or more (either
 * way) from lrs[i-1] to lrs[i], after holding for two points (lrs[i-2] === lrs[i-1]) and holding
 * after it (lrs[i+1] === lrs[i], or i is the last point): the steps of StepLR, ReduceLROnPlateau
 * or the doctor, never a ramp. The one reading of "a discrete change" for LR responses
 * (lr-response.ts) and for the regime a pair is judged in (pair.ts).
 *
 * @example heldLrJumps([0.1, 0.1, 0.1, 0.01, 0.01], 5); // => [3]
 */
export function heldLrJumps(lrs: ArrayLike<number>, n: number, ratio = 1.5): number[] {
  const out: number[] = [];
  for (let i = 2; i < n; i++) {
    const a = lrs[i - 1];
    const b = lrs[i];
    if (!(a > 0) || !(b > 0) || a === b) continue;
    const r = b / a;
    const constantBefore = lrs[i - 2] === a;
    const constantAfter = i + 1 >= n || lrs[i + 1] === b;
    if ((r >= ratio || r <= 1 / ratio) && constantBefore && constantAfter) out.push(i);
  }
  return out;
}
