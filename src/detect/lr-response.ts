import { olsSlope } from './stats/ols.js';
import { tCritical } from './stats/t-distribution.js';
import type { LrResponse } from './types.js';
import { at, num, pct } from './format.js';

export interface LrResponseOptions {
  /** A change counts when new/old >= ratio or <= 1/ratio and the LR was constant just before. Default 1.5. */
  ratio?: number;
  /** Points on each side (capped by the neighbouring changes). Default max(5, 10% of the points). */
  window?: number;
  confidence?: number;
  x?: 'step' | 'epoch' | 'time';
}

/**
 * For every discrete LR change in `lrs` (a jump by `ratio` after a constant stretch, as StepLR,
 * ReduceLROnPlateau or the doctor make; smooth warmup/cosine/linear schedules are not changes),
 * compares the mean loss after the change with the extrapolated trend of the points before it.
 * `responded` when the difference is beyond the 95% prediction interval.
 *
 * @example lrResponses([1,2,3,4,5,6], [1,1,1,.5,.5,.5], [.1,.1,.1,.01,.01,.01], { window: 3 })[0].responded; // => true
 */
export function lrResponses(xs: ArrayLike<number>, ys: ArrayLike<number>, lrs: ArrayLike<number>, options: LrResponseOptions = {}): LrResponse[] {
  const ratio = options.ratio ?? 1.5;
  const confidence = options.confidence ?? 0.95;
  const unit = options.x ?? 'step';
  const n = Math.min(xs.length, ys.length, lrs.length);
  const changes: number[] = [];
  for (let i = 1; i < n; i++) {
    const a = lrs[i - 1];
    const b = lrs[i];
    if (!(a > 0) || !(b > 0) || a === b) continue;
    const r = b / a;
    const constantBefore = i < 2 || lrs[i - 2] === a;
    if ((r >= ratio || r <= 1 / ratio) && constantBefore) changes.push(i);
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
    const xsB: number[] = [];
    const ysB: number[] = [];
    for (let k = from; k < i; k++) if (Number.isFinite(ys[k])) (xsB.push(xs[k]), ysB.push(ys[k]));
    let sumA = 0;
    let sumXA = 0;
    let nA = 0;
    for (let k = i; k < to; k++) if (Number.isFinite(ys[k])) (sumA += ys[k], sumXA += xs[k], nA++);
    const fit = xsB.length >= 3 ? olsSlope(xsB, ysB, { confidence }) : null;
    if (!fit || nA < 2) {
      out.push({ at: xs[i - 1], oldLr, newLr, responded: false, summary: `${head}: too few points around the change to judge` });
      continue;
    }
    const meanA = sumA / nA;
    const predicted = fit.intercept + fit.slope * (sumXA / nA);
    let mx = 0;
    for (const v of xsB) mx += v;
    mx /= xsB.length;
    let sxx = 0;
    for (const v of xsB) sxx += (v - mx) ** 2;
    const inflation = (1 + fit.rho1) / (1 - fit.rho1);
    const se = fit.residualStd * Math.sqrt(inflation * (1 / nA + 1 / xsB.length + (sxx > 0 ? (sumXA / nA - mx) ** 2 / sxx : 0)));
    const half = tCritical(confidence, fit.dof) * se;
    const diff = meanA - predicted;
    const level = Math.abs(predicted) > 0 ? Math.abs(predicted) : 1;
    const responded = Math.abs(diff) > half;
    const change = `${pct(Math.abs(diff) / level)}%`;
    const summary = !responded
      ? `${head}: no change beyond noise (loss within ±${pct(half / level)}% of its prior trend over ${nA} points)`
      : diff < 0
        ? `${head}: the loss responded, ${change} below its prior trend over the next ${nA} points`
        : `${head}: the loss responded, ${change} above its prior trend over the next ${nA} points (progress slowed)`;
    out.push({ at: xs[i - 1], oldLr, newLr, responded, summary });
  }
  return out;
}
