import { tCritical } from './stats/t-distribution.js';
import { olsSlope, type OlsSlope } from './stats/ols.js';
import type { LrResponse, TrendEstimate } from './types.js';
import { num, pct } from '../numbers.js';
import { at, formatTrend } from './format.js';
import { heldLrJumps, readLrSchedule } from './lr-schedule.js';

export interface LrResponseOptions {
  /** A change counts when new/old >= ratio or <= 1/ratio and the LR was constant just before. Default 1.5. */
  ratio?: number;
  /** Points on each side (capped by the neighbouring changes). Default max(5, 10% of the points). */
  window?: number;
  confidence?: number;
  x?: 'step' | 'epoch' | 'time';
  /** Steps per epoch (with x 'step'): the before/after trends are then given per epoch, else per 10% of the series. */
  stepsPerEpoch?: number;
}

/**
 * For every discrete LR change in `lrs` (a jump by `ratio` after the LR held for two points and
 * held after it, as StepLR, ReduceLROnPlateau or the doctor make; warmup ramps and continuous
 * schedules, which change the LR at most points (lr-schedule.ts), are not changes),
 * fits one line with a step at the change to the points around it (y = a + b·x + c·[after],
 * on ln y when the losses are positive: a regression-discontinuity estimate with a shared slope
 * and pooled noise) and reports the jump c relative to the level, with its t interval.
 * `responded` when the interval excludes 0. A cut that did not move the level down is 'slowed'
 * when the loss fell significantly just before it and, after a short transient, fell at
 * significantly less than half that rate (trendsAround, progressSlowed): a premature decay.
 *
 * @example lrResponses([1,2,3,4,5,6], [1,1,1,.5,.5,.5], [.1,.1,.1,.01,.01,.01], { window: 3 })[0].responded; // => true
 */
export function lrResponses(xs: ArrayLike<number>, ys: ArrayLike<number>, lrs: ArrayLike<number>, options: LrResponseOptions = {}): LrResponse[] {
  const ratio = options.ratio ?? 1.5;
  const confidence = options.confidence ?? 0.95;
  const unit = options.x ?? 'step';
  const n = Math.min(xs.length, ys.length, lrs.length);
  const changes: number[] = [];
  // A continuous schedule (warmup ramps, linear, cosine, one-cycle, per-step exponential) changes
  // the LR at most points: none of its changes is a step to judge.
  const schedule = readLrSchedule(xs, lrs);
  for (const i of schedule?.kind === 'continuous' ? [] : heldLrJumps(lrs, n, ratio)) {
    // The rise of a warmup to its peak is a schedule, not a change to judge.
    if (lrs[i] > lrs[i - 1] && schedule?.warmup && i <= schedule.peakIndex) continue;
    changes.push(i);
  }
  const w = options.window ?? Math.max(5, Math.floor(n / 10));
  const rateUnit = rateUnitOf(xs, n, unit, options.stepsPerEpoch);
  const out: LrResponse[] = [];
  for (let c = 0; c < changes.length; c++) {
    const i = changes[c];
    const prev = c > 0 ? changes[c - 1] : 0;
    const next = c + 1 < changes.length ? changes[c + 1] : n;
    const from = Math.max(prev, i - w);
    const to = Math.min(next, i + Math.min(w, i - from));
    const oldLr = lrs[i - 1];
    const newLr = lrs[i];
    const head = `lr ${num(oldLr)} -> ${num(newLr)} at ${at(xs[i - 1], unit)}`;
    const px: number[] = [];
    const py: number[] = [];
    const after: boolean[] = [];
    for (let k = from; k < to; k++) {
      if (!Number.isFinite(ys[k]) || !Number.isFinite(xs[k])) continue;
      px.push(xs[k]);
      py.push(ys[k]);
      after.push(k >= i);
    }
    const nAfter = after.filter(Boolean).length;
    const jump = nAfter >= 2 && px.length - nAfter >= 3 ? stepJump(px, py, after, xs[i], confidence) : null;
    if (!jump) {
      out.push({ at: xs[i - 1], oldLr, newLr, responded: false, judged: false, kind: 'unjudged', summary: `${head}: too few points around the change to judge` });
      continue;
    }
    const trends = trendsAround(xs, ys, i, prev, next, 2 * w, rateUnit, confidence);
    const base = { at: xs[i - 1], oldLr, newLr, judged: true, ...(trends ? { trends: { before: trends.before.trend, after: trends.after.trend } } : {}) };
    const responded = jump.low > 0 || jump.high < 0;
    const ci = `${Math.round(confidence * 100)}% CI ${pct(jump.low, true)}..${pct(jump.high, true)}%`;
    // A drop below the prior trend is a response; else a cut that slowed a falling loss is premature.
    if (newLr < oldLr && !(jump.high < 0) && trends && progressSlowed(trends.before, trends.after, Math.min(0, xs[0]), confidence)) {
      const summary = `${head}: progress slowed, a premature decay: trend ${formatTrend(trends.before.trend, confidence)} over the ${trends.points} points before, ${formatTrend(trends.after.trend, confidence)} over ${trends.points} points from ${trends.skip} points after the change`;
      out.push({ ...base, responded: false, kind: 'slowed', summary });
      continue;
    }
    const summary = !responded
      ? `${head}: no change beyond noise (jump ${pct(jump.relative, true)}% against the prior trend, ${ci}, ${nAfter} points after)`
      : jump.relative < 0
        ? `${head}: the loss responded, ${pct(-jump.relative)}% below its prior trend (${ci}) over the next ${nAfter} points`
        : `${head}: the loss responded, ${pct(jump.relative)}% above its prior trend (${ci}) over the next ${nAfter} points (progress slowed)`;
    out.push({ ...base, responded, kind: responded ? 'responded' : 'none', summary });
  }
  return out;
}

interface WindowFit {
  fit: OlsSlope;
  trend: TrendEstimate;
  /** Mean x of the window's blocks. */
  xMid: number;
}

/** The unit trends are reported in: an epoch when known, else 10% of the series' x span. */
function rateUnitOf(xs: ArrayLike<number>, n: number, x: 'step' | 'epoch' | 'time', stepsPerEpoch: number | undefined): { length: number; unit: 'epoch' | '10%' } {
  if (x === 'epoch') return { length: 1, unit: 'epoch' };
  if (x === 'step' && stepsPerEpoch && stepsPerEpoch > 0) return { length: stepsPerEpoch, unit: 'epoch' };
  const span = n > 1 ? xs[n - 1] - xs[0] : 0;
  return { length: span > 0 ? span / 10 : 1, unit: '10%' };
}

/** Block means per window: enough points each that batch noise averages out, at most 20 blocks. */
const TREND_BLOCKS = 20;

/**
 * Trends of two same-length windows around the change at index i: the `span` points just before
 * it and as many after it, the after window starting past a transient of a tenth of `span` (the
 * first steps at a new LR settle the level; the jump test judges those). Each window is cut into
 * block means (batch losses are noisy; block means are nearly independent and normal), fitted on
 * ln(level) by least squares with the autocorrelation-widened interval (stats/ols.ts). Null when
 * either window has fewer than 5 blocks of 3 points.
 */
function trendsAround(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  i: number,
  prev: number,
  next: number,
  span: number,
  rate: { length: number; unit: 'epoch' | '10%' },
  confidence: number,
): { before: WindowFit; after: WindowFit; points: number; skip: number } | null {
  const skip = Math.max(1, Math.floor(span / 10));
  const points = Math.min(span, i - prev, next - i - skip);
  if (points < 15) return null;
  const before = blockTrend(xs, ys, i - points, i, rate, confidence);
  const after = blockTrend(xs, ys, i + skip, i + skip + points, rate, confidence);
  return before && after ? { before, after, points, skip } : null;
}

/** The trend of the block means of points [from, to), on ln y when every block mean is positive. */
function blockTrend(xs: ArrayLike<number>, ys: ArrayLike<number>, from: number, to: number, rate: { length: number; unit: 'epoch' | '10%' }, confidence: number): WindowFit | null {
  const count = Math.min(TREND_BLOCKS, Math.floor((to - from) / 3));
  const bx: number[] = [];
  const by: number[] = [];
  for (let b = 0; b < count; b++) {
    let sx = 0;
    let sy = 0;
    let k = 0;
    for (let j = from + Math.floor((b * (to - from)) / count); j < from + Math.floor(((b + 1) * (to - from)) / count); j++) {
      if (!Number.isFinite(xs[j]) || !Number.isFinite(ys[j])) continue;
      sx += xs[j];
      sy += ys[j];
      k++;
    }
    if (k === 0) continue;
    bx.push(sx / k);
    by.push(sy / k);
  }
  if (bx.length < 5) return null;
  const log = by.every((y) => y > 0);
  const level = Math.abs(by.reduce((a, b) => a + b, 0) / by.length) || 1;
  const fit = olsSlope(bx, log ? by.map(Math.log) : by.map((y) => y / level), { confidence });
  if (!fit) return null;
  const r = (slope: number) => (log ? Math.expm1(slope * rate.length) : slope * rate.length);
  return { fit, trend: { relative: r(fit.slope), low: r(fit.low), high: r(fit.high), unit: rate.unit }, xMid: bx.reduce((a, b) => a + b, 0) / bx.length };
}

/**
 * Progress slowed: the loss fell significantly before (interval below 0) and after it falls
 * significantly more slowly than a power law through the change would (the interval of
 * slopeAfter - f·slopeBefore above 0). A power law L = a·x^-α slows by itself: its ln-slope is
 * -α/x, so from the before window's middle to the after window's it shrinks by f = x_before /
 * x_after (x from 0, or from the first x when that is negative), which is not the cut's doing.
 */
function progressSlowed(before: WindowFit, after: WindowFit, origin: number, confidence: number): boolean {
  if (!(before.fit.high < 0)) return false;
  const f = Math.min(1, Math.max(0, (before.xMid - origin) / (after.xMid - origin)));
  const d = after.fit.slope - f * before.fit.slope;
  const se = Math.sqrt(after.fit.standardError ** 2 + (f * before.fit.standardError) ** 2);
  return d - tCritical(confidence, Math.max(1, Math.min(before.fit.dof, after.fit.dof))) * se > 0;
}

/**
 * The jump at `x0` in y = a + b·(x - x0) + c·[after], by least squares (normal equations), with a
 * Student-t interval (n - 3 dof). On ln y when every y is positive (c is then a relative jump,
 * reported as e^c - 1), else relative to the fitted level just before x0.
 */
function stepJump(xs: number[], ys: number[], after: boolean[], x0: number, confidence: number): { relative: number; low: number; high: number } | null {
  const n = xs.length;
  if (n < 6) return null;
  const log = ys.every((y) => y > 0);
  const v = log ? ys.map(Math.log) : ys;
  // X'X and X'y for columns [1, x - x0, d].
  const m = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const r = [0, 0, 0];
  let scale = 0;
  for (const x of xs) scale = Math.max(scale, Math.abs(x - x0));
  scale = scale > 0 ? scale : 1;
  for (let k = 0; k < n; k++) {
    const row = [1, (xs[k] - x0) / scale, after[k] ? 1 : 0];
    for (let a = 0; a < 3; a++) {
      r[a] += row[a] * v[k];
      for (let b = 0; b < 3; b++) m[a][b] += row[a] * row[b];
    }
  }
  const inv = invert3(m);
  if (!inv) return null;
  const beta = [0, 1, 2].map((a) => inv[a][0] * r[0] + inv[a][1] * r[1] + inv[a][2] * r[2]);
  let sse = 0;
  for (let k = 0; k < n; k++) {
    const fit = beta[0] + beta[1] * ((xs[k] - x0) / scale) + beta[2] * (after[k] ? 1 : 0);
    sse += (v[k] - fit) ** 2;
  }
  const se = Math.sqrt((sse / (n - 3)) * inv[2][2]);
  const half = tCritical(confidence, n - 3) * se;
  const c = beta[2];
  if (log) return { relative: Math.expm1(c), low: Math.expm1(c - half), high: Math.expm1(c + half) };
  const level = Math.abs(beta[0]) > 0 ? Math.abs(beta[0]) : 1;
  return { relative: c / level, low: (c - half) / level, high: (c + half) / level };
}

/** Inverse of a 3x3 matrix, or null when it is singular. */
function invert3(m: number[][]): number[][] | null {
  const [[a, b, c], [d, e, f], [g, h, i]] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (!(Math.abs(det) > 1e-12)) return null;
  return [
    [A / det, -(b * i - c * h) / det, (b * f - c * e) / det],
    [B / det, (a * i - c * g) / det, -(a * f - c * d) / det],
    [C / det, -(a * h - b * g) / det, (a * e - b * d) / det],
  ];
}
