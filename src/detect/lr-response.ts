import { tCritical } from './stats/t-distribution.js';
import type { LrResponse } from './types.js';
import { at, num, pct } from './format.js';
import { readLrSchedule } from './lr-schedule.js';

export interface LrResponseOptions {
  /** A change counts when new/old >= ratio or <= 1/ratio and the LR was constant just before. Default 1.5. */
  ratio?: number;
  /** Points on each side (capped by the neighbouring changes). Default max(5, 10% of the points). */
  window?: number;
  confidence?: number;
  x?: 'step' | 'epoch' | 'time';
}

/**
 * For every discrete LR change in `lrs` (a jump by `ratio` after the LR held for two points and
 * held after it, as StepLR, ReduceLROnPlateau or the doctor make; warmup ramps and continuous
 * schedules, which change the LR at most points (lr-schedule.ts), are not changes),
 * fits one line with a step at the change to the points around it (y = a + b·x + c·[after],
 * on ln y when the losses are positive: a regression-discontinuity estimate with a shared slope
 * and pooled noise) and reports the jump c relative to the level, with its t interval.
 * `responded` when the interval excludes 0.
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
  for (let i = 2; i < n && schedule?.kind !== 'continuous'; i++) {
    const a = lrs[i - 1];
    const b = lrs[i];
    if (!(a > 0) || !(b > 0) || a === b) continue;
    const r = b / a;
    // A step: the LR held for two points before the change and holds after it (not a ramp).
    const constantBefore = lrs[i - 2] === a;
    const constantAfter = i + 1 >= n || lrs[i + 1] === b;
    // The rise of a warmup to its peak is a schedule, not a change to judge.
    if (r > 1 && schedule?.warmup && i <= schedule.peakIndex) continue;
    if ((r >= ratio || r <= 1 / ratio) && constantBefore && constantAfter) changes.push(i);
  }
  const w = options.window ?? Math.max(5, Math.floor(n / 10));
  const out: LrResponse[] = [];
  for (let c = 0; c < changes.length; c++) {
    const i = changes[c];
    const from = Math.max(c > 0 ? changes[c - 1] : 0, i - w);
    const to = Math.min(c + 1 < changes.length ? changes[c + 1] : n, i + Math.min(w, i - from));
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
      out.push({ at: xs[i - 1], oldLr, newLr, responded: false, judged: false, summary: `${head}: too few points around the change to judge` });
      continue;
    }
    const responded = jump.low > 0 || jump.high < 0;
    const ci = `${Math.round(confidence * 100)}% CI ${pct(jump.low, true)}..${pct(jump.high, true)}%`;
    const summary = !responded
      ? `${head}: no change beyond noise (jump ${pct(jump.relative, true)}% against the prior trend, ${ci}, ${nAfter} points after)`
      : jump.relative < 0
        ? `${head}: the loss responded, ${pct(-jump.relative)}% below its prior trend (${ci}) over the next ${nAfter} points`
        : `${head}: the loss responded, ${pct(jump.relative)}% above its prior trend (${ci}) over the next ${nAfter} points (progress slowed)`;
    out.push({ at: xs[i - 1], oldLr, newLr, responded, judged: true, summary });
  }
  return out;
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
