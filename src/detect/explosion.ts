import { olsSlope, type OlsSlope } from './stats/ols.js';
import { noiseStd } from './stats/noise.js';

/**
 * Explosions: a loss that leaves every sane range, or rises at every point to many times the
 * level it held. Pure functions on plain arrays with typed findings; the decision (`assess`) turns
 * them into `diverging`, the trainer stops a run on `outOfRange`.
 */

export const explosionDefaults = {
  /** A loss this many times its reference (first loss, or ln C when larger) is out of every sane range. */
  rangeFactor: 1000,
  /** An explosion ends at least this many times the level held before it. */
  riseFactor: 2,
  /** Tail points an explosion may span (longer rises are seen on block means). */
  maxTail: 64,
  /** Points before the rise that give the level it left. */
  baselinePoints: 32,
  /** Raw points the online detector keeps for the explosion test. */
  ringSize: 96,
  /** A surge: the last `surgePoints` points each at least this many times the level before (and beyond its noise). */
  surgeFactor: 1.5,
  surgePoints: 3,
} as const;

/**
 * The last points sit well above the level held before them, without (yet) being an explosion:
 * a spike in progress, or the start of a divergence that a few more points will show.
 */
export interface Surge {
  kind: 'surge';
  /** x of the first point of the trailing run above the threshold. */
  since: number;
  /** Points in that run. */
  points: number;
  /** Median of the points before the last surgePoints. */
  baseline: number;
  /** Median of the run / baseline. */
  factor: number;
  /** The threshold each point cleared, as a multiple of the baseline: max(surgeFactor, e^(2 σ)), σ the noise of ln y before. */
  threshold: number;
}

/** A loss far outside every sane range (orders of magnitude above its reference). */
export interface OutOfRange {
  kind: 'out-of-range';
  /** x of the first point out of range. */
  at: number;
  /** The last point's level. */
  level: number;
  /** The reference: the first loss, or ln C when larger. */
  reference: number;
  /** level / reference. */
  factor: number;
}

/** A rise at (nearly) every point of the tail to riseFactor or more times the level before it. */
export interface Explosion {
  kind: 'explosion';
  /** x of the first point of the rise (the first above the level it left). */
  since: number;
  /** Index of that point in the arrays searched. */
  sinceIndex: number;
  /** Median of the points before the rise. */
  baseline: number;
  /** Fitted level at the last point (exponential fit). */
  level: number;
  /** level / baseline. */
  factor: number;
  /** Points in the fitted window. */
  points: number;
  /** The exponential fit (on ln y) of the window, its interval above 0. */
  fit: OlsSlope;
  /** Index of the first point of the fitted window. */
  fitFrom: number;
}

/** What `RangeWatch` keeps (plain JSON, for state dicts). */
export interface RangeWatchState {
  reference: number | null;
  /** x and level of the first point out of range, while every later point stayed out. */
  outAt: number | null;
  outLevel: number | null;
  /** A point came back into range after leaving it: never flagged again. */
  cameBack: boolean;
}

/**
 * Watches a loss for leaving every sane range: the first loss (or ln C when the classes are known
 * and that is larger) is the reference; a loss `rangeFactor` (1000) times the reference or more is
 * out of range. The series is flagged while it has left the range and never come back (a
 * cross-entropy that starts at 2.3 and reaches 6,600, or 1.8e12 then 4.5e5). A series that goes
 * out and back (per-sample losses of a test phase spanning orders of magnitude) is never flagged.
 *
 * @example const w = new RangeWatch(); w.push(1, 2.34); w.push(2, 2.6e12); w.finding()?.factor; // => about 1.1e12
 */
export class RangeWatch {
  private state: RangeWatchState = { reference: null, outAt: null, outLevel: null, cameBack: false };

  constructor(
    private readonly classes?: number,
    private readonly rangeFactor: number = explosionDefaults.rangeFactor,
  ) {}

  /** Adds one finite point. */
  push(x: number, y: number): void {
    const s = this.state;
    if (s.reference === null) {
      s.reference = lossReference(y, this.classes);
      return;
    }
    if (s.cameBack || !(s.reference > 0)) return;
    const out = y >= this.rangeFactor * s.reference;
    if (out && s.outAt === null) {
      s.outAt = x;
      s.outLevel = y;
    } else if (out) s.outLevel = y;
    else if (s.outAt !== null) s.cameBack = true;
  }

  /** The finding while the series is out of range (the level is the last point's). */
  finding(): OutOfRange | null {
    const s = this.state;
    if (s.cameBack || s.outAt === null || s.outLevel === null || s.reference === null) return null;
    return { kind: 'out-of-range', at: s.outAt, level: s.outLevel, reference: s.reference, factor: s.outLevel / s.reference };
  }

  stateDict(): RangeWatchState {
    return { ...this.state };
  }

  loadStateDict(state: RangeWatchState): void {
    this.state = { ...state };
  }
}

/**
 * The scale "out of range" is judged against: the first loss, or ln C (an untrained C-class
 * classifier's cross-entropy) when the classes are known and that is larger.
 *
 * @example lossReference(0.7, 10); // => 2.302585092994046
 */
export function lossReference(firstLoss: number, classes?: number): number {
  return classes !== undefined && classes >= 2 ? Math.max(firstLoss, Math.log(classes)) : firstLoss;
}

/**
 * A single loss out of every sane range: `level` at least `rangeFactor` times `reference` (the
 * `lossReference`). The trainer stops a run on it, as on a non-finite loss.
 *
 * @example lossOutOfRange(6582, 2.34)?.factor; // => 2813 (MNIST at --lr 50, step 2)
 */
export function lossOutOfRange(level: number, reference: number, rangeFactor: number = explosionDefaults.rangeFactor): { level: number; reference: number; factor: number } | null {
  if (!(reference > 0) || !(level >= rangeFactor * reference)) return null;
  return { level, reference, factor: level / reference };
}

export interface ExplosionOptions {
  confidence?: number;
  riseFactor?: number;
  maxTail?: number;
  baselinePoints?: number;
}

/**
 * The shortest tail window [j, n) of at least 3 points that is an explosion:
 * - its exponential fit (least squares on ln y) rises significantly (interval above 0), so noise
 *   cannot fake it and the verdict's printed interval agrees;
 * - the fitted end level and each of the last three points are `riseFactor` (2) times the median
 *   of the points before the window (up to `baselinePoints`, at least 3) or more, and those three
 *   are above all of them;
 * - it has not come back: the last point is at least half the window's highest (a spike that
 *   recovers is not an explosion).
 * The rise is dated by a hinge fit (flat, then an exponential rise) over the window and the points
 * before it (`riseStart`); the level it left is the median of the points before that. Only positive values are judged (null otherwise).
 *
 * @example findExplosion([0,1,2,3,4,5,6,7], [1,1,1,1,1,3,9,27], 8)?.since; // => 5
 */
export function findExplosion(xs: ArrayLike<number>, ys: ArrayLike<number>, n: number, options: ExplosionOptions = {}): Explosion | null {
  const confidence = options.confidence ?? 0.95;
  const riseFactor = options.riseFactor ?? explosionDefaults.riseFactor;
  const maxTail = options.maxTail ?? explosionDefaults.maxTail;
  const baselinePoints = options.baselinePoints ?? explosionDefaults.baselinePoints;
  if (n < 6) return null;
  const last = ys[n - 1];
  if (!(last > 0)) return null;
  const ln = new Float64Array(n);
  let positiveFrom = n;
  for (let i = n - 1; i >= 0 && ys[i] > 0; i--) {
    ln[i] = Math.log(ys[i]);
    positiveFrom = i;
  }
  let tailMax = 0;
  for (let k = 1; k <= Math.min(maxTail, n - 3); k++) {
    const j = n - k;
    tailMax = Math.max(tailMax, ys[j]);
    if (k < 3) continue;
    if (j < positiveFrom + 3) break;
    if (last < tailMax / 2) break; // came back: a spike, not an explosion
    const b0 = Math.max(positiveFrom, j - baselinePoints);
    const base = Array.prototype.slice.call(ys, b0, j) as number[];
    base.sort((a, b) => a - b);
    const baseline = base[base.length >> 1];
    const baseMax = base[base.length - 1];
    // The last three points all clear riseFactor times the baseline and every baseline point: an
    // outlier (even two) cannot fake that, and neither can a line fitted through one.
    let clear = true;
    for (let i = n - 3; i < n && clear; i++) clear = ys[i] >= riseFactor * baseline && ys[i] > baseMax;
    if (!clear) continue;
    const fit = olsSlope(xs, ln, { confidence }, j, n);
    if (!fit || !(fit.low > 0)) continue;
    const level = Math.exp(fit.intercept + fit.slope * xs[n - 1]);
    if (!(level >= riseFactor * baseline)) continue;
    const since = riseStart(xs, ln, Math.max(positiveFrom, j - baselinePoints), j, n);
    const before = (Array.prototype.slice.call(ys, Math.max(positiveFrom, since - baselinePoints), since) as number[]).sort((a, b) => a - b);
    const level0 = before.length >= 3 ? before[before.length >> 1] : baseline;
    const wide = since < j && n - since >= 3 ? olsSlope(xs, ln, { confidence }, since, n) : null;
    const best = wide && wide.low > 0 ? wide : fit;
    const fitFrom = best === fit ? j : since;
    const end = Math.exp(best.intercept + best.slope * xs[n - 1]);
    return { kind: 'explosion', since: xs[since], sinceIndex: since, baseline: level0, level: end, factor: end / level0, points: n - fitFrom, fit: best, fitFrom };
  }
  return null;
}

/**
 * A surge at the end of a series: each of the last `surgePoints` (3) points is at least
 * max(`surgeFactor` 1.5, e^(2σ)) times the median of the (up to `baselinePoints`) points before
 * them, σ being the robust point-to-point noise of ln y there (so a noisy loss needs a larger
 * jump: three points two noise sds above the level by chance have probability ~1e-5), and the
 * last point is at least half the run's highest (a spike that came back is not a surge). The run
 * extends back while points stay above that threshold. Null when none, or for fewer than 11 points.
 *
 * @example findSurge(xs, [...Array(30).fill(1), 2.2, 2.5, 2.9], 33)?.factor; // => 2.5
 */
export function findSurge(xs: ArrayLike<number>, ys: ArrayLike<number>, n: number, options: { baselinePoints?: number } = {}): Surge | null {
  const k = explosionDefaults.surgePoints;
  const baselinePoints = options.baselinePoints ?? explosionDefaults.baselinePoints;
  const end = n - k;
  const from = Math.max(0, end - baselinePoints);
  if (end - from < 8) return null;
  const ln: number[] = [];
  for (let i = from; i < end; i++) {
    if (!(ys[i] > 0)) return null;
    ln.push(Math.log(ys[i]));
  }
  const base = (Array.prototype.slice.call(ys, from, end) as number[]).sort((a, b) => a - b);
  const baseline = base[base.length >> 1];
  const threshold = Math.max(explosionDefaults.surgeFactor, Math.exp(2 * noiseStd(ln)));
  for (let i = end; i < n; i++) if (!(ys[i] >= threshold * baseline)) return null;
  let since = end;
  while (since > from && ys[since - 1] >= threshold * baseline) since--;
  const run = (Array.prototype.slice.call(ys, since, n) as number[]).sort((a, b) => a - b);
  if (ys[n - 1] < run[run.length - 1] / 2) return null;
  return { kind: 'surge', since: xs[since], points: n - since, baseline, factor: run[run.length >> 1] / baseline, threshold };
}

/** What `TailRing` keeps (plain JSON, chronological). */
export interface TailRingState {
  x: number[];
  y: number[];
}

/** The last `capacity` raw points of a series, for the explosion test online (O(1) per point). */
export class TailRing {
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  private start = 0;
  size = 0;

  constructor(readonly capacity: number = explosionDefaults.ringSize) {
    this.xs = new Float64Array(capacity);
    this.ys = new Float64Array(capacity);
  }

  push(x: number, y: number): void {
    const i = (this.start + this.size) % this.capacity;
    this.xs[i] = x;
    this.ys[i] = y;
    if (this.size < this.capacity) this.size++;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** The points in order. */
  toArrays(): TailRingState {
    const x: number[] = new Array(this.size);
    const y: number[] = new Array(this.size);
    for (let k = 0; k < this.size; k++) {
      const i = (this.start + k) % this.capacity;
      x[k] = this.xs[i];
      y[k] = this.ys[i];
    }
    return { x, y };
  }

  static fromState(state: TailRingState, capacity: number = explosionDefaults.ringSize): TailRing {
    const ring = new TailRing(capacity);
    for (let k = Math.max(0, state.x.length - capacity); k < state.x.length; k++) ring.push(state.x[k], state.y[k]);
    return ring;
  }
}

/**
 * Where a rise starts: the s in (from + 2, j] that best splits ln y over [from, n) into a constant
 * before s and a line from s (least squares; ties go to the later s). Exact for a noise-free
 * flat-then-exponential curve.
 */
function riseStart(xs: ArrayLike<number>, ln: ArrayLike<number>, from: number, j: number, n: number): number {
  let best = j;
  let bestCost = Number.POSITIVE_INFINITY;
  for (let s = from + 3; s <= j; s++) {
    let mean = 0;
    for (let i = from; i < s; i++) mean += ln[i];
    mean /= s - from;
    let cost = 0;
    for (let i = from; i < s; i++) cost += (ln[i] - mean) ** 2;
    const fit = n - s >= 3 ? olsSlope(xs, ln, { autocorrelation: false }, s, n) : null;
    if (!fit) continue;
    cost += fit.residualStd ** 2 * (n - s - 2);
    if (cost <= bestCost + 1e-12 * (1 + bestCost)) {
      bestCost = cost;
      best = s;
    }
  }
  return best;
}
