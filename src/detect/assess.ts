import { olsSlope, type OlsSlope } from './stats/ols.js';
import { theilSen } from './stats/theil-sen.js';
import { mannKendall } from './stats/mann-kendall.js';
import { runningMean3 } from './stats/smoothing.js';
import { tCritical } from './stats/t-distribution.js';
import type { Diagnosis, Evidence, RelativeInterval, TrendEstimate } from './types.js';
import type { ResolvedDetectorOptions } from './options.js';
import type {
  Decision,
  DescendingDecision,
  ExplodingDecision,
  OutOfRangeDecision,
  PlateauDecision,
  RisingDecision,
  RisingSlowlyDecision,
  RoseAndStaysDecision,
  RoseStillRisingDecision,
  StuckCause,
  StuckDecision,
  TooNoisyDecision,
} from './decision.js';
import { explosionDefaults, findExplosion, findSurge, type OutOfRange } from './explosion.js';
import { explain } from './explain.js';

/** Block means of a series plus what the decision needs to know about the series. */
export interface AssessInput {
  /** Mean x, first x, mean y, noise (per-point std) and point count of each block. */
  x: ArrayLike<number>;
  xFirst: ArrayLike<number>;
  m: ArrayLike<number>;
  noise: ArrayLike<number>;
  points: ArrayLike<number>;
  count: number;
  blockSize: number;
  /** x of the first and last point seen. */
  xStart: number;
  xEnd: number;
  /** Robust level of the first few points. */
  startLevel: number;
  /** Finite points seen. */
  pointCount: number;
  /** x of the first non-finite loss, if any. */
  nonFiniteAt: number | null;
  /** The last raw points (up to explosionDefaults.ringSize), for the explosion test. */
  tail?: { x: ArrayLike<number>; y: ArrayLike<number> };
  /** Set when the loss has left every sane range and not come back (explosion.ts RangeWatch). */
  outOfRange?: OutOfRange | null;
  /** Set by the offline diagnosis (a whole series judged after the fact), never by the online detector. */
  wholeSeries?: boolean;
}

/** A diagnosis plus the x positions the segmentation and the doctor need. */
export interface Assessment extends Diagnosis {
  plateauStart: number | null;
  knee: number | null;
  divergenceStart: number | null;
}

interface WindowTrend {
  fit: OlsSlope;
  /** True when the fit is on ln(level). */
  log: boolean;
  /** The values fitted (ln of the block means, or the block means). */
  ys: ArrayLike<number>;
  from: number;
  level: number;
  /** Relative trend per 10% of elapsed x. */
  per10: TrendEstimate;
}

/**
 * The decision with its explanation, shared by the online detector and the offline diagnosis:
 * `decide` then `explain` (explain.ts).
 */
export function assess(input: AssessInput, o: ResolvedDetectorOptions): Assessment {
  const d = decide(input, o);
  const { summary, suggestion } = explain(d, o);
  return { at: d.at, plateauStart: d.plateauStart, knee: d.knee, divergenceStart: d.divergenceStart, verdict: d.verdict, evidence: d.evidence, summary, suggestion };
}

/**
 * The decision as typed data (see decision.ts). Works on block means; every rate is relative to
 * the window's mean level and expressed per 10% of elapsed x.
 *
 * Order: non-finite, out of range or exploding (explosion.ts) -> diverging; too little data ->
 * insufficient_data; significant rise in the recent window, or risen far above its low and
 * staying there -> diverging; significant fall faster than plateauRate in the recent window ->
 * descending; the earliest flat window covering >= minPlateauFraction -> plateau (or stuck when
 * nothing fell before it / it sits at ln C); otherwise a significant fall -> descending, else
 * insufficient_data (too noisy to tell).
 */
export function decide(input: AssessInput, o: ResolvedDetectorOptions): Decision {
  return withSurge(decideVerdict(input, o), input);
}

/**
 * A verdict other than diverging, on a series whose last raw points sit well above the level
 * before them (explosion.ts `findSurge`: a spike in progress, or a divergence a few more points
 * will show): the evidence carries the surge, and the suggestion warns. The verdict stands.
 */
function withSurge(d: Decision, input: AssessInput): Decision {
  if (d.verdict === 'diverging' || d.evidence === null || !input.tail) return d;
  const surge = findSurge(input.tail.x, input.tail.y, input.tail.y.length);
  if (!surge) return d;
  const { kind: _kind, ...fields } = surge;
  return { ...d, evidence: { ...d.evidence, surge: fields } } as Decision;
}

function decideVerdict(input: AssessInput, o: ResolvedDetectorOptions): Decision {
  const none = { at: input.xEnd, knee: null, plateauStart: null, divergenceStart: null, evidence: null } as const;
  if (input.nonFiniteAt !== null) {
    return { ...none, kind: 'non_finite', verdict: 'diverging', divergenceStart: input.nonFiniteAt };
  }
  // Explosions, like a non-finite loss, whatever the number of points.
  const blowup = outOfRangeDecision(input, o) ?? explodingDecision(input, o);
  if (blowup) return blowup;
  const little = { ...none, verdict: 'insufficient_data', pointCount: input.pointCount, minPoints: o.minPoints } as const;
  if (input.pointCount < o.minPoints || input.count < o.minBlocks || !(input.xEnd - input.xStart > 0)) {
    return { ...little, kind: 'too_few_points' };
  }
  const f = frameOf(input, o);
  const recentFrom = Math.min(firstIndexAtOrAfter(f, input.xEnd - o.recentFraction * f.span), f.n - o.minBlocks);
  const recent = trendOver(f, Math.max(0, recentFrom));
  if (!recent) return { ...little, kind: 'constant_x' };
  return rising(f, recent) ?? roseAndStays(f, recent) ?? (recent.per10.high < -o.plateauRate ? null : flatDecision(f, recent)) ?? trendDecision(f, recent);
}

/** What the windows of one assessment share. */
interface Frame {
  input: AssessInput;
  o: ResolvedDetectorOptions;
  n: number;
  span: number;
  /** The rate unit: 10% of the elapsed x, or of the planned run when it is longer. */
  u10: number;
  /** x per epoch when trends are reported per epoch, else undefined (per 10% of the run). */
  reportUnit: number | undefined;
  showPer10: boolean;
  lnM: Float64Array;
  /** Count of block means <= 0 from index i on (trends are fitted to ln level only when it is 0). */
  nonPositiveAfter: Int32Array;
  knee: number | null;
  /** Lowest 3-block mean of the whole series. */
  smoothMin: { x: number; level: number };
  thresholds: Record<string, number>;
  chance: number | undefined;
}

function frameOf(input: AssessInput, o: ResolvedDetectorOptions): Frame {
  const { count: n, m } = input;
  const span = input.xEnd - input.xStart;
  const { u10, reportUnit } = rateUnits(span, o);
  // Trends are fitted to ln(level) when every block mean is positive (relative change is then
  // the slope itself and exponential rises/falls are straight lines), else to the level itself.
  const lnM = new Float64Array(n);
  const nonPositiveAfter = new Int32Array(n + 1);
  for (let i = n - 1; i >= 0; i--) {
    lnM[i] = m[i] > 0 ? Math.log(m[i]) : Number.NaN;
    nonPositiveAfter[i] = nonPositiveAfter[i + 1] + (m[i] > 0 ? 0 : 1);
  }
  const thresholds = {
    plateauRatePer10pct: o.plateauRate,
    riseRatePer10pct: o.riseRate,
    minPlateauFraction: o.minPlateauFraction,
    recentFraction: o.recentFraction,
    minDrop: o.minDrop,
    minRise: o.minRise,
    confidence: o.confidence,
    ...(o.classes ? { chanceTolerance: o.chanceTolerance } : {}),
    ...(reportUnit !== undefined ? { plateauRatePerEpoch: Number(((o.plateauRate * reportUnit) / u10).toPrecision(6)) } : {}),
  };
  return {
    input,
    o,
    n,
    span,
    u10,
    reportUnit,
    showPer10: reportUnit !== undefined && reportUnit > u10 * 1.01,
    lnM,
    nonPositiveAfter,
    // Knee (end of the fast drop): Kneedle on the block means (Satopää et al. 2011).
    knee: findKnee(input.x, m, n, input.startLevel, o.minDrop),
    smoothMin: lowestSmoothed(input.x, m, n),
    thresholds,
    chance: o.classes ? Math.log(o.classes) : undefined,
  };
}

/** The rate unit (10% of the elapsed x, or of the planned run when longer) and the report unit (x per epoch, when trends are per epoch). */
function rateUnits(span: number, o: ResolvedDetectorOptions): { u10: number; reportUnit: number | undefined } {
  const u10 = 0.1 * Math.max(span, o.totalSteps ?? 0);
  // Trends are reported per epoch when epochs are known (else per 10% of the run); when an epoch
  // is longer than 10% of the run, the summary also gives the per-10% figure the thresholds use.
  const epochLength = o.x === 'epoch' ? 1 : o.x === 'step' && o.stepsPerEpoch ? o.stepsPerEpoch : undefined;
  // A rate per epoch means little for a series shorter than two epochs (it extrapolates past
  // the data): there the trend is reported per 10% of the run, the unit the thresholds use.
  // (Two epochs of data actually seen: a planned long run does not make 50 steps an epoch's worth.)
  const reportUnit = epochLength !== undefined && epochLength * 2 <= span ? epochLength : undefined;
  return { u10, reportUnit };
}

/** The loss left every sane range and never came back (the input's RangeWatch finding). */
function outOfRangeDecision(input: AssessInput, o: ResolvedDetectorOptions): OutOfRangeDecision | null {
  const hit = input.outOfRange;
  if (!hit) return null;
  return {
    at: input.xEnd,
    knee: null,
    plateauStart: null,
    evidence: null,
    kind: 'out_of_range',
    verdict: 'diverging',
    divergenceStart: hit.at,
    level: hit.level,
    reference: hit.reference,
    factor: hit.factor,
    withChance: o.classes !== undefined && hit.reference === Math.log(o.classes),
  };
}

/**
 * An explosion in the raw tail, else in the block means (explosion.ts `findExplosion`): judged
 * on the rise itself, so the flat part before it cannot dilute it. The trend is given per logged
 * point (per the x between points, averaged over the series); its interval is above 0.
 */
function explodingDecision(input: AssessInput, o: ResolvedDetectorOptions): ExplodingDecision | null {
  const span = input.xEnd - input.xStart;
  if (!(span > 0)) return null;
  const options = { confidence: o.confidence };
  const tail = input.tail;
  let e = tail && tail.y.length >= 6 ? findExplosion(tail.x, tail.y, tail.y.length, options) : null;
  const blocks = e === null;
  if (blocks && input.count >= 6) e = findExplosion(input.x, input.m, input.count, options);
  if (!e) return null;
  const x = blocks ? input.x : tail!.x;
  const { u10 } = rateUnits(span, o);
  const rel = (slope: number, unit: number) => Math.expm1(slope * unit);
  const dxPerPoint = input.pointCount > 1 ? span / (input.pointCount - 1) : 1;
  let points = e.points;
  if (blocks) {
    points = 0;
    for (let i = e.fitFrom; i < input.count; i++) points += input.points[i];
  }
  const evidence: Evidence = {
    window: { start: x[e.fitFrom], end: input.xEnd, points },
    trend: { relative: rel(e.fit.slope, dxPerPoint), low: rel(e.fit.low, dxPerPoint), high: rel(e.fit.high, dxPerPoint), unit: 'x', per: dxPerPoint, x: o.x },
    noise: e.fit.residualStd,
    level: e.level,
    levelRelStart: input.startLevel !== 0 ? e.level / input.startLevel : 1,
    thresholds: { riseFactor: explosionDefaults.riseFactor, confidence: o.confidence },
    trendPer10pct: { relative: rel(e.fit.slope, u10), low: rel(e.fit.low, u10), high: rel(e.fit.high, u10), unit: '10%' },
    rho1: e.fit.rho1,
    divergenceStart: e.since,
  };
  return { at: input.xEnd, knee: null, plateauStart: null, evidence, showPer10: false, kind: 'exploding', verdict: 'diverging', divergenceStart: e.since, baseline: e.baseline, factor: e.factor };
}

/** A loss this far (50%) above its low, not coming back, has diverged (with the noise test). */
const STAY_RISE = 0.5;

/**
 * Rose far above its low and stayed there: the recent window sits STAY_RISE (and twice its
 * noise) above the lowest 3-block mean before it, does not fall significantly (not recovering),
 * and the loss rose significantly since that low: either its trend since the low (the interval
 * printed, above 0), or, when a jump and a partial fall make that line meaningless (nanoGPT:
 * 3.66, a jump to 8.5, 5.4, new jumps, 6.96 at the end), its recent level against the low's
 * (`levelRise`: Welch's interval of the difference of mean ln block means, the recent window's
 * against the blocks in the 10% of the run up to the low, whose lower bound must clear minRise),
 * provided the recent window's lower quartile of block means stays `needed` above the median and
 * the mean of those blocks (it never came back; a spike in the window, a noise dip taken for the
 * low, or a quiet stretch between spikes cannot fake it).
 */
function roseAndStays(f: Frame, recent: WindowTrend): RoseAndStaysDecision | null {
  const { o } = f;
  const lowBefore = recent.from >= 1 ? lowestSmoothed(f.input.x, f.input.m, recent.from) : null;
  const needed = clearRise(recent, o, Math.max(STAY_RISE, o.minRise));
  if (lowBefore === null || !(recent.per10.high >= 0) || !(recent.level > lowBefore.level * (1 + needed))) return null;
  const lowIndex = firstIndexAtOrAfter(f, lowBefore.x);
  const sinceLow = trendOver(f, Math.min(lowIndex, f.n - o.minBlocks));
  const common = { kind: 'rose_and_stays', verdict: 'diverging', divergenceStart: lowBefore.x, low: lowBefore.level, level: recent.level, rise: recent.level / lowBefore.level - 1 } as const;
  if (sinceLow && sinceLow.per10.low > 0) return { ...onWindow(f, sinceLow, { divergenceStart: lowBefore.x }), ...common };
  // A recent window flat within the band is left to the flat rules (stuck after a rise, or still
  // rising): the level test is for one too unsettled to call flat.
  if (isFlat(f, recent as WindowTrend | null)) return null;
  // On levels: the level held up to the low is the median (or, when spikes lift it higher, the
  // mean) of the blocks in the 10% of the run up to it (a noise dip selected as the minimum is not the level the
  // loss held, and neither is a spike-free stretch between spikes), and the recent window must
  // not have come back at all: its lower quartile of block means (not only its mean, which one
  // spike can lift) stays `needed` above that level.
  const w = Math.max(6, Math.round(0.1 * f.n));
  const held = Array.prototype.slice.call(f.input.m, Math.max(0, lowIndex - w), Math.min(lowIndex + 1, recent.from)) as number[];
  const recentBlocks = Array.prototype.slice.call(f.input.m, recent.from, f.n) as number[];
  const heldLevel = Math.max(quantile(held, 0.5), held.reduce((a, b) => a + b, 0) / held.length);
  if (!(quantile(recentBlocks, 0.25) > heldLevel * (1 + needed))) return null;
  const levelRise = levelAbove(f, Math.max(0, lowIndex - w), Math.min(lowIndex + 1, recent.from), recent.from);
  if (!levelRise || !(levelRise.low > o.minRise)) return null;
  const fields = onWindow(f, recent, { divergenceStart: lowBefore.x });
  return { ...fields, evidence: { ...fields.evidence, levelRise }, ...common, levelRise };
}

/** The q-quantile (nearest rank below) of a list; NaN when empty. */
function quantile(values: number[], q: number): number {
  const v = values.slice().sort((a, b) => a - b);
  return v.length === 0 ? Number.NaN : v[Math.floor(q * (v.length - 1))];
}

/**
 * How far the block means from `from` on sit above those in [a, b) (before `from`), as a ratio - 1
 * with Welch's interval on the mean ln block means. Null without positive values or with fewer
 * than 2 blocks on either side.
 */
function levelAbove(f: Frame, a: number, b: number, from: number): RelativeInterval | null {
  const { m } = f.input;
  const side = (lo: number, hi: number) => {
    const v: number[] = [];
    for (let i = Math.max(0, lo); i < Math.min(hi, f.n); i++) if (m[i] > 0) v.push(Math.log(m[i]));
    const mean = v.reduce((s, y) => s + y, 0) / v.length;
    const variance = v.reduce((s, y) => s + (y - mean) ** 2, 0) / Math.max(1, v.length - 1);
    return { n: v.length, mean, se2: variance / v.length };
  };
  const at = side(a, b);
  const now = side(from, f.n);
  if (at.n < 2 || now.n < 2) return null;
  const se = Math.sqrt(at.se2 + now.se2);
  const dof = se > 0 ? se ** 4 / (at.se2 ** 2 / (at.n - 1) + now.se2 ** 2 / (now.n - 1)) : at.n + now.n - 2;
  const half = tCritical(f.o.confidence, Math.max(1, dof)) * se;
  const diff = now.mean - at.mean;
  return { relative: Math.expm1(diff), low: Math.expm1(diff - half), high: Math.expm1(diff + half) };
}

/** The trend of the block means from index `from` to the end (null when x does not vary). */
function trendOver(f: Frame, from: number): WindowTrend | null {
  const { n, u10, o } = f;
  const { x, m } = f.input;
  let sum = 0;
  for (let i = from; i < n; i++) sum += m[i];
  const level = sum / (n - from);
  if (f.nonPositiveAfter[from] === 0) {
    const fit = olsSlope(x, f.lnM, { confidence: o.confidence }, from, n);
    if (!fit) return null;
    const r = (v: number) => Math.expm1(v * u10);
    return { fit, from, level, log: true, ys: f.lnM, per10: { relative: r(fit.slope), low: r(fit.low), high: r(fit.high), unit: '10%' } };
  }
  const fit = olsSlope(x, m, { confidence: o.confidence }, from, n);
  if (!fit) return null;
  const scale = Math.abs(level) > 0 ? u10 / Math.abs(level) : 0;
  return { fit, from, level, log: false, ys: m, per10: { relative: fit.slope * scale, low: fit.low * scale, high: fit.high * scale, unit: '10%' } };
}

function firstIndexAtOrAfter(f: Frame, xMin: number): number {
  let i = 0;
  while (i < f.n && f.input.x[i] < xMin) i++;
  return i;
}

/** Window `w` judged flat: its whole interval within ±plateauRate. */
function isFlat(f: Frame, w: WindowTrend | null): w is WindowTrend {
  return w !== null && w.per10.low > -f.o.plateauRate && w.per10.high < f.o.plateauRate;
}

/** The fitted level of window `w` at x. */
function fittedAt(w: WindowTrend, x: number): number {
  const v = w.fit.intercept + w.fit.slope * x;
  return w.log ? Math.exp(v) : v;
}

/** Residual std of window `w` relative to its level. */
function relativeNoise(w: WindowTrend, floor: number): number {
  return w.log ? w.fit.residualStd : w.fit.residualStd / Math.max(Math.abs(w.level), floor);
}

/**
 * How far above a low (relative) a level must sit to be clear of window `w`'s noise: at least
 * `floor` (default `minRise`) and twice the window's relative noise (as a factor). One copy of the
 * rule for diverging, rising slowly, rose-and-stays and recovering.
 */
function clearRise(w: WindowTrend, o: ResolvedDetectorOptions, floor = o.minRise): number {
  return Math.max(floor, Math.expm1(2 * relativeNoise(w, 1e-300)));
}

/** The fields and evidence of a decision on window `w`. */
function onWindow(f: Frame, w: WindowTrend, extra: { plateauStart?: number; divergenceStart?: number; theilSen?: boolean }) {
  const evidence = buildEvidence(f, w, extra.theilSen === true);
  if (extra.plateauStart !== undefined) evidence.plateauStart = extra.plateauStart;
  if (f.knee !== null) evidence.knee = f.knee;
  if (extra.divergenceStart !== undefined) evidence.divergenceStart = extra.divergenceStart;
  return {
    at: f.input.xEnd,
    knee: f.knee,
    plateauStart: extra.plateauStart ?? null,
    divergenceStart: extra.divergenceStart ?? null,
    evidence,
    showPer10: f.showPer10,
  };
}

/**
 * Diverging: a significant rise above riseRate, well above the lowest level reached. The low is
 * a minimum of noisy 3-block means, biased down: the rise must also clear twice the block-mean
 * noise (relative), so noise alone cannot fake it. The rise is judged on the recent window's
 * mean level against the lowest level reached before that window, so a noisy slope over a short
 * window cannot fake it.
 */
function rising(f: Frame, recent: WindowTrend): RisingDecision | null {
  const { o, smoothMin } = f;
  const endLevel = fittedAt(recent, f.input.x[f.n - 1]);
  const riseNeeded = clearRise(recent, o);
  const lowBefore = recent.from >= 1 ? lowestSmoothed(f.input.x, f.input.m, recent.from) : null;
  const risen = lowBefore !== null && recent.level > lowBefore.level * (1 + riseNeeded) && endLevel > smoothMin.level * (1 + riseNeeded);
  if (!(recent.per10.low > 0 && recent.per10.relative > o.riseRate && risen)) return null;
  return {
    ...onWindow(f, recent, { divergenceStart: smoothMin.x }),
    kind: 'rising',
    verdict: 'diverging',
    divergenceStart: smoothMin.x,
    aboveLow: endLevel / smoothMin.level - 1,
  };
}

/**
 * A stretch that falls at every block but slower than this fraction of the plateau threshold
 * (0.5% per 10% of the run by default: doubling the run would gain under 5%, and a loss settling
 * on its floor gains ever less) has stopped changing, in the recipe's sense.
 */
const SETTLED_FRACTION = 0.25;

/**
 * The earliest flat window covering at least minPlateauFraction of the elapsed x. A window that
 * falls at every block, at a material rate (faster than SETTLED_FRACTION of the plateau
 * threshold), is still making progress (a noise-free curve), whatever its interval says; one
 * that falls at every block but slower has settled (an epoch-mean loss on its floor: 239.0 238.0
 * 235.7 235.4 235.1 234.8 after a drop from 333). Under noise, k block means fall in a row by
 * chance with probability 1/k!; the scan tries many windows, so a run counts only when 1/k! is
 * below (1 - confidence) / (windows tried): 5 falling eval points of a noisy run do not veto.
 */
function earliestFlat(f: Frame): WindowTrend | null {
  const { n, o, span } = f;
  const { xFirst, xEnd, m } = f.input;
  let candidates = 0;
  for (let i = 0; i <= n - o.minBlocks && xEnd - xFirst[i] >= o.minPlateauFraction * span; i++) candidates++;
  const strictAlpha = (1 - o.confidence) / Math.max(1, candidates);
  for (let i = 0; i <= n - o.minBlocks; i++) {
    if (xEnd - xFirst[i] < o.minPlateauFraction * span) break;
    const w = trendOver(f, i);
    const progressing = w !== null && w.per10.relative < -SETTLED_FRACTION * o.plateauRate && strictFall(m, i, n, strictAlpha);
    if (isFlat(f, w) && !progressing) return w;
  }
  return null;
}

/** The fall from the highest 3-block mean before window `w` to the window's fitted start. */
function fallBefore(f: Frame, w: WindowTrend): number {
  let peak = -Infinity;
  for (let i = 0; i < w.from; i++) peak = Math.max(peak, runningMean3(f.input.m, i, w.from));
  return w.from === 0 ? 0 : relativeFall(peak, fittedAt(w, f.input.x[w.from]));
}

/**
 * The earliest flat window may still hold the tail of the drop (the equivalence test averages
 * it with the flat part): move the start forward while the window's head (10% of the elapsed x,
 * at least minBlocks blocks) still falls faster than plateauRate. The later start must itself
 * pass the flat test, so the plateau's printed interval is within the bounds: else the latest
 * start between the two that does.
 */
function trimDropTail(f: Frame, flat: WindowTrend): WindowTrend {
  const { n, o, span, u10 } = f;
  const { x, xFirst, xEnd } = f.input;
  for (let i = flat.from; i <= n - o.minBlocks; i++) {
    let j = i + o.minBlocks;
    while (j < n && x[j - 1] - xFirst[i] < 0.1 * span) j++;
    const head = olsSlope(x, flat.ys, { confidence: o.confidence }, i, j);
    if (!head) return flat;
    const rate = flat.log ? Math.expm1(head.slope * u10) : (head.slope * u10) / Math.abs(flat.level || 1);
    if (rate >= -o.plateauRate || xEnd - xFirst[i + 1] < o.minPlateauFraction * span) {
      for (let k = i; k > flat.from; k--) {
        const w = trendOver(f, k);
        if (isFlat(f, w)) return w;
      }
      return flat;
    }
  }
  return flat;
}

/** A flat stretch: plateau, stuck, or (risen above an earlier low and still rising) diverging. */
function flatDecision(f: Frame, recent: WindowTrend): PlateauDecision | StuckDecision | RoseStillRisingDecision | DescendingDecision | null {
  const { n, o, chance } = f;
  const found = earliestFlat(f);
  if (!found) return null;
  // Falls are measured on fitted levels and 3-block means, and must clear twice the noise of a
  // 3-block mean, so that noise alone cannot fake a fall (blocks hold one point early online).
  const relStd = found.log ? found.fit.residualStd : found.fit.residualStd / Math.abs(found.level || 1);
  const dropNeeded = Math.max(o.minDrop, Math.expm1((2 * relStd) / Math.sqrt(3)));
  const within = relativeFall(fittedAt(found, f.input.x[found.from]), fittedAt(found, f.input.x[n - 1]));
  const flat = fallBefore(f, found) >= dropNeeded || within >= o.minDrop ? trimDropTail(f, found) : found;
  const start = flat.from === 0 ? f.input.xStart : f.input.xFirst[flat.from];
  const level = flat.level;
  // Stuck when nothing fell: not before the flat stretch, and not (slowly) within it.
  const fromStart = Math.max(fallBefore(f, flat), within) < dropNeeded && within < o.minDrop;
  const nearChance = chance !== undefined && Math.abs(level - chance) <= o.chanceTolerance * chance;
  // Rose, then levelled off: the flat stretch sits well above the lowest level reached before it
  // (by max(minRise, twice the block noise), as for diverging). While the flat window still
  // rises significantly (its interval above 0), the loss is diverging, slowly, from that low.
  const lowBefore = flat.from >= 1 ? lowestSmoothed(f.input.x, f.input.m, flat.from) : null;
  const riseAbove = lowBefore !== null ? -relativeFall(lowBefore.level, level) : 0;
  const rose = !nearChance && lowBefore !== null && riseAbove > Math.max(o.minRise, Math.expm1(2 * relStd));
  if (rose && flat.per10.low > 0) {
    const since = lowBefore!.x;
    const fields = onWindow(f, flat, { divergenceStart: since });
    return { ...fields, kind: 'rose_still_rising', verdict: 'diverging', divergenceStart: since, windowStart: start, low: lowBefore!.level, level, riseAbove };
  }
  // Nothing fell, but the flat window still falls significantly (its whole interval below 0, under
  // the plateau threshold) and smoothly (the fitted fall is over 4 residual sds): slow but steady
  // progress on a large offset, not stuck.
  const fallWithin = relativeFall(fittedAt(flat, f.input.x[flat.from]), fittedAt(flat, f.input.x[n - 1]));
  if (fromStart && !nearChance && !rose && flat.per10.high < 0 && fallWithin > 4 * relStd) return slowButSteady(f, flat);
  if (f.input.wholeSeries && !fromStart && !nearChance && !rose && fallsSteadily(f, flat, recent)) return slowButSteady(f, flat, recent);
  const fields = { ...onWindow(f, flat, { plateauStart: start }), plateauStart: start };
  if (!(nearChance || fromStart)) return { ...fields, kind: 'plateau', verdict: 'plateau' };
  // Flat from its first point in a log that starts well into the run (its first x at least half
  // its span), neither at chance level nor after a rise: the drop happened before the log starts,
  // so this is a plateau (converged before the log), not a network that never learnt.
  const lateStart = flat.from === 0 && f.input.xStart >= 0.5 * f.span;
  if (lateStart && !nearChance && !rose) return { ...fields, kind: 'plateau', verdict: 'plateau', logStart: f.input.xStart };
  const cause: StuckCause = nearChance
    ? { kind: 'chance', classes: o.classes!, chanceLevel: chance! }
    : rose
      ? { kind: 'rose', low: lowBefore!.level, riseAbove }
      : { kind: 'no_progress' };
  return { ...fields, kind: 'stuck', verdict: 'stuck', level, cause };
}

/**
 * A flat stretch (within the plateau threshold) after a drop that never levelled off: the whole
 * stretch falls faster than half the threshold beyond doubt (interval below -plateauRate/2), and
 * its last part (the recent window) still falls significantly, at least half as fast, by more than
 * twice the stretch's noise. A plateau is where the loss stopped falling; a power law creeping down
 * at a steady rate has not (slm-training's language-model loss: -1.6% per 10% of the run over 80%
 * of it, its last quarter still -1%). An exponential settling on its floor falls ever slower, so
 * its recent window is flat and the plateau stands. Offline only (`wholeSeries`): the doctor's
 * online rule is unchanged.
 */
function fallsSteadily(f: Frame, flat: WindowTrend, recent: WindowTrend): boolean {
  if (recent.from < flat.from || !(flat.per10.high < -f.o.plateauRate / 2 && recent.per10.high < 0)) return false;
  if (!(recent.per10.relative <= 0.5 * flat.per10.relative)) return false;
  const fall = relativeFall(fittedAt(recent, f.input.x[recent.from]), fittedAt(recent, f.input.x[f.n - 1]));
  return fall > 2 * relativeNoise(flat, 1e-300);
}

/** The recent window rises significantly, but slower or less than `rising` needs: diverging, slowly, from the lowest point before it. */
function risingSlowly(f: Frame, recent: WindowTrend): RisingSlowlyDecision | null {
  const low = recent.from >= 1 ? lowestSmoothed(f.input.x, f.input.m, recent.from) : f.smoothMin;
  // Risen clear of its low too (as `rising` asks), so a noisy window alone cannot fake it.
  if (!(recent.level > low.level * (1 + clearRise(recent, f.o)))) return null;
  return {
    ...onWindow(f, recent, { divergenceStart: low.x }),
    kind: 'rising_slowly',
    verdict: 'diverging',
    divergenceStart: low.x,
    low: low.level,
  };
}

/**
 * A significant but slow fall (interval below 0, within the plateau threshold): descending, slow.
 * On a large offset from the start, or (with `recent`) after a drop, still falling at its end.
 */
function slowButSteady(f: Frame, w: WindowTrend, recent?: WindowTrend): DescendingDecision {
  return {
    ...(recent ? { stillFalling: recent.per10 } : {}),
    ...onWindow(f, w, {}),
    kind: 'descending',
    verdict: 'descending',
    method: 'interval',
    fallingBlocks: fallsEveryBlock(f.input.m, w.from, f.n) ? f.n - w.from : null,
    blockSize: f.input.blockSize,
    slow: true,
    recovering: null,
  };
}

/**
 * Not flat: descending when the recent window, or the longer half-run window, falls
 * significantly. A significant fall: the interval below 0, or (a smooth, noise-free curve, where
 * a line fitted to the curvature has a wide interval) a fall at every block of the recent window
 * beyond chance (1/k! < 1 - confidence), reported with the Theil-Sen trend and Sen's interval,
 * which are then below 0 too, so the verdict never contradicts the interval it prints.
 */
function trendDecision(f: Frame, recent: WindowTrend): DescendingDecision | PlateauDecision | TooNoisyDecision | RisingSlowlyDecision {
  const { n, o } = f;
  const { m } = f.input;
  let falling = recent;
  if (recent.per10.high >= 0) {
    const halfFrom = Math.min(firstIndexAtOrAfter(f, f.input.xEnd - 2 * o.recentFraction * f.span), n - o.minBlocks);
    const half = trendOver(f, Math.max(0, halfFrom));
    if (half && half.per10.high < 0) falling = half;
  }
  const byInterval = falling.per10.high < 0;
  const byStrictFall = !byInterval && strictFall(m, recent.from, n, 1 - o.confidence);
  if (byStrictFall) falling = recent;
  const fields = onWindow(f, falling, { theilSen: byStrictFall });
  const evidence = fields.evidence;
  if (!(byInterval || (byStrictFall && evidence.trendMethod === 'theil-sen' && evidence.trend.high < 0))) {
    // A significant rise too slow (or too small) for `rising`: the words must not say "no clear trend".
    if (recent.per10.low > 0) return risingSlowly(f, recent) ?? { ...fields, kind: 'too_noisy', verdict: 'insufficient_data' };
    return shortRunTrend(f) ?? flatAtFivePercent(f) ?? { ...fields, kind: 'too_noisy', verdict: 'insufficient_data' };
  }
  const per10 = evidence.trendPer10pct ?? falling.per10;
  return {
    ...fields,
    kind: 'descending',
    verdict: 'descending',
    method: byStrictFall ? 'every_block' : 'interval',
    fallingBlocks: byStrictFall || fallsEveryBlock(m, falling.from, n) ? n - falling.from : null,
    blockSize: f.input.blockSize,
    // Slow: the whole interval is under the plateau threshold; only a fall at every point kept the
    // window from counting as flat (a smooth curve still creeping down towards its asymptote).
    slow: per10.low > -o.plateauRate,
    recovering: recoveringFrom(f, falling),
  };
}

/**
 * Falling again, but well above a lower level reached before window `w` (a spike or a rise it is
 * recovering from): said, since "still improving" alone would hide it.
 */
function recoveringFrom(f: Frame, w: WindowTrend): DescendingDecision['recovering'] {
  const { o, n } = f;
  const lowPrior = w.from >= 1 ? lowestSmoothed(f.input.x, f.input.m, w.from) : null;
  const aboveLow = lowPrior !== null ? -relativeFall(lowPrior.level, fittedAt(w, f.input.x[n - 1])) : 0;
  const recovering = lowPrior !== null && aboveLow > clearRise(w, o);
  return recovering ? { aboveLow, low: lowPrior!.level, lowAt: lowPrior!.x } : null;
}

/**
 * A short series (one point per block: at most `capacity` points) whose recent window is too
 * short to tell: the whole run after the knee (the whole run when there is none) has far more
 * power. Its Theil-Sen trend with Sen's interval, and the Mann-Kendall test with the Hamed-Rao
 * autocorrelation correction, both significant (interval below 0, p < 1 - confidence):
 * `descending`, or `plateau` when that whole interval is within the flat band (±plateauRate, the
 * flat rule) and the loss fell before it (a knee). The evidence prints those numbers (issue 10).
 */
function shortRunTrend(f: Frame): DescendingDecision | PlateauDecision | null {
  const { o, n } = f;
  if (f.input.blockSize !== 1) return null;
  const from = f.knee !== null ? firstIndexAtOrAfter(f, f.knee) : 0;
  if (n - from < Math.max(o.minPoints, o.minBlocks)) return null;
  const w = trendOver(f, from);
  if (!w) return null;
  const fields = onWindow(f, w, { theilSen: true });
  const e = fields.evidence;
  const per10 = e.trendPer10pct!;
  const p = e.mannKendallP;
  if (e.trendMethod !== 'theil-sen' || !(per10.high < 0 && e.trend.high < 0) || p === undefined || !(p < 1 - o.confidence)) return null;
  if (f.knee !== null && per10.low > -o.plateauRate) {
    const start = from === 0 ? f.input.xStart : f.input.xFirst[from];
    const plateau = onWindow(f, w, { plateauStart: start, theilSen: true });
    return { ...plateau, plateauStart: start, kind: 'plateau', verdict: 'plateau' };
  }
  return {
    ...fields,
    kind: 'descending',
    verdict: 'descending',
    method: 'short_run',
    fallingBlocks: null,
    blockSize: 1,
    slow: false,
    recovering: recoveringFrom(f, w),
  };
}

/**
 * Offline, for a series the recent windows cannot tell (it would be `insufficient_data`): the flat
 * scan again as the conventional equivalence test at the 5% level, two one-sided tests (TOST,
 * Schuirmann 1987), whose interval is the 90% one (1 - 2α) rather than the stricter 95% the
 * detector uses to find plateaus. A plateau only (a fall before the flat stretch); the decision
 * carries the interval's confidence, which the summary prints.
 */
function flatAtFivePercent(f: Frame): PlateauDecision | null {
  if (!f.input.wholeSeries) return null;
  const confidence = 1 - 2 * (1 - f.o.confidence);
  const o = { ...f.o, confidence };
  const g: Frame = { ...f, o, thresholds: { ...f.thresholds, confidence } };
  const recentFrom = Math.min(firstIndexAtOrAfter(g, g.input.xEnd - o.recentFraction * g.span), g.n - o.minBlocks);
  const recent = trendOver(g, Math.max(0, recentFrom));
  const d = recent ? flatDecision(g, recent) : null;
  return d && d.kind === 'plateau' ? { ...d, confidence } : null;
}

/** The largest 1, 2 or 5 x 10^k not above `span` (at least 1): a round number of x units. */
function roundUnitWithin(span: number): number {
  if (!(span > 1)) return 1;
  const p = 10 ** Math.floor(Math.log10(span));
  return [5, 2, 1].map((k) => k * p).find((u) => u <= span) ?? p;
}

function buildEvidence(f: Frame, w: WindowTrend, useTheilSen: boolean): Evidence {
  const { input, o, n, reportUnit, u10, thresholds, chance } = f;
  const level = Math.abs(w.level) > 0 ? w.level : 1;
  // Relative change over `unit` x for a fitted slope (in log space when the fit is on ln level).
  const rel = (slope: number, unit: number) => (w.log ? Math.expm1(slope * unit) : (slope * unit) / Math.abs(level));
  // Never a rate over more x than the window holds: early in a long planned run, 10% of the run
  // can be many times the data seen (50 steps would read "-100% per epoch"); then per N x units.
  const windowStart = w.from === 0 ? input.xStart : input.xFirst[w.from];
  const shortUnit = reportUnit === undefined && u10 > input.xEnd - windowStart ? roundUnitWithin(input.xEnd - windowStart) : undefined;
  const trendUnit = reportUnit ?? shortUnit ?? u10;
  const per = (unit: TrendEstimate['unit'], extra: Partial<TrendEstimate> = {}): TrendEstimate => ({
    relative: rel(w.fit.slope, trendUnit),
    low: rel(w.fit.low, trendUnit),
    high: rel(w.fit.high, trendUnit),
    unit,
    ...extra,
  });
  const trend: TrendEstimate = reportUnit !== undefined ? per('epoch') : shortUnit !== undefined ? per('x', { per: shortUnit, x: o.x }) : w.per10;
  // Noise: per-point noise pooled over the window's blocks (RMS of first differences / sqrt 2,
  // weighted by points), leaving out blocks above 4x the median block (spikes), relative to the level.
  const noises: number[] = [];
  let points = 0;
  for (let i = w.from; i < n; i++) {
    if (Number.isFinite(input.noise[i])) noises.push(input.noise[i]);
    points += input.points[i];
  }
  const sortedNoise = [...noises].sort((a, b) => a - b);
  const cap = 4 * (sortedNoise[sortedNoise.length >> 1] ?? 0);
  let pooled = 0;
  let weight = 0;
  for (let i = w.from; i < n; i++) {
    const v = input.noise[i];
    if (!Number.isFinite(v) || v > cap) continue;
    pooled += v * v * input.points[i];
    weight += input.points[i];
  }
  const noise = weight > 0 ? Math.sqrt(pooled / weight) / Math.abs(level) : 0;
  const evidence: Evidence = {
    window: { start: w.from === 0 ? input.xStart : input.xFirst[w.from], end: input.xEnd, points },
    trend,
    noise,
    level: w.level,
    levelRelStart: input.startLevel !== 0 ? w.level / input.startLevel : 1,
    thresholds,
    trendPer10pct: w.per10,
    rho1: w.fit.rho1,
    blockSize: input.blockSize,
    blocks: n - w.from,
  };
  const ts = theilSen(input.x, w.ys, o.confidence, w.from, n);
  if (ts) {
    const conv = (slope: number) => rel(slope, trendUnit);
    evidence.theilSen = { ...trend, relative: conv(ts.slope), low: conv(ts.low), high: conv(ts.high) };
    if (useTheilSen) {
      // The verdict rests on the Theil-Sen trend (a smooth curve falling at every block): report it.
      evidence.trend = evidence.theilSen;
      evidence.trendPer10pct = { relative: rel(ts.slope, u10), low: rel(ts.low, u10), high: rel(ts.high, u10), unit: '10%' };
      evidence.trendMethod = 'theil-sen';
    }
  }
  const dx = n - 1 > w.from ? (input.x[n - 1] - input.x[w.from]) / (n - 1 - w.from) : 1;
  const mk = mannKendall(Array.prototype.slice.call(w.ys, w.from, n) as number[], ts ? { detrendSlope: ts.slope * dx } : {});
  if (mk) evidence.mannKendallP = mk.p;
  if (chance !== undefined) evidence.chanceLevel = chance;
  return evidence;
}

/**
 * Kneedle (Satopää, Albrecht, Irwin & Raghavan 2011) for a falling curve: after normalising x
 * and y to [0, 1], the knee is the point farthest below the chord from the first to the last
 * point. Uses a 3-block running mean; null when the curve did not fall by minDrop or the bend is
 * weak (distance < 0.2).
 */
export function findKnee(x: ArrayLike<number>, m: ArrayLike<number>, n: number, startLevel: number, minDrop: number): number | null {
  if (n < 5) return null;
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) s[i] = runningMean3(m, i, n);
  let yMax = -Infinity;
  let yMin = Infinity;
  for (let i = 0; i < n; i++) {
    yMax = Math.max(yMax, s[i]);
    yMin = Math.min(yMin, s[i]);
  }
  if (!(yMax > yMin) || 1 - yMin / startLevel < minDrop) return null;
  const x0 = x[0];
  const xSpan = x[n - 1] - x0;
  if (!(xSpan > 0)) return null;
  let best = -Infinity;
  let bestI = -1;
  for (let i = 0; i < n; i++) {
    const xn = (x[i] - x0) / xSpan;
    const yn = (s[i] - yMin) / (yMax - yMin);
    const d = 1 - xn - yn;
    if (d > best) {
      best = d;
      bestI = i;
    }
  }
  return best >= 0.2 && bestI > 0 ? x[bestI] : null;
}

/** Lowest 3-block running mean and where it is. */
function lowestSmoothed(x: ArrayLike<number>, m: ArrayLike<number>, n: number): { x: number; level: number } {
  let best = Infinity;
  let bestX = x[0];
  for (let i = 0; i < n; i++) {
    const v = runningMean3(m, i, n);
    if (v < best) {
      best = v;
      bestX = x[i];
    }
  }
  return { x: bestX, level: best };
}

/** True when every block mean in [from, n) is below the one before it. */
function fallsEveryBlock(m: ArrayLike<number>, from: number, n: number): boolean {
  for (let i = from + 1; i < n; i++) if (!(m[i] < m[i - 1])) return false;
  return true;
}

/**
 * True when the k = n - from block means fall at every block and that is beyond chance at level
 * `alpha`: under exchangeable noise a given order of k values has probability 1/k!.
 */
export function strictFall(m: ArrayLike<number>, from: number, n: number, alpha: number): boolean {
  const k = n - from;
  if (k < 3 || !fallsEveryBlock(m, from, n)) return false;
  let lnFactorial = 0;
  for (let j = 2; j <= k; j++) lnFactorial += Math.log(j);
  return -lnFactorial < Math.log(alpha);
}

/** How much `later` is below `earlier`, relative to |earlier| (works for negative losses; 0 when earlier is 0). */
function relativeFall(earlier: number, later: number): number {
  return Math.abs(earlier) > 0 ? (earlier - later) / Math.abs(earlier) : 0;
}
