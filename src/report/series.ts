/**
 * Series helpers for charts: downsampling that keeps spikes (min and max per bucket, in x
 * order), compact rounding and the change points of a step function. The smoothing drawn
 * over the loss is the detector's `debiasedEma` (src/detect/stats/smoothing.ts).
 */

import { roundSignificant } from '../numbers.js';

export interface XY {
  x: number;
  y: number;
}

/**
 * Keeps at most `2 * buckets` points: in each of `buckets` equal runs of points, the minimum
 * and the maximum (in x order), so spikes and dips survive. Non-finite y values are dropped.
 * With no more than `2 * buckets` finite points, returns them all.
 * minMaxDownsample([1, 2, 3, 4], [5, 9, 1, 7], 1); // => [{ x: 2, y: 9 }, { x: 3, y: 1 }]
 */
export function minMaxDownsample(xs: readonly number[], ys: readonly number[], buckets: number): XY[] {
  if (!(Number.isInteger(buckets) && buckets >= 1)) throw new RangeError(`minMaxDownsample: buckets must be a positive integer, got ${buckets}`);
  const points: XY[] = [];
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(ys[i]) && Number.isFinite(xs[i])) points.push({ x: xs[i], y: ys[i] });
  if (points.length <= 2 * buckets) return points;
  const out: XY[] = [];
  const size = points.length / buckets;
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size);
    const end = Math.floor((b + 1) * size);
    let minIndex = start;
    let maxIndex = start;
    for (let i = start + 1; i < end; i++) {
      if (points[i].y < points[minIndex].y) minIndex = i;
      if (points[i].y > points[maxIndex].y) maxIndex = i;
    }
    if (minIndex === maxIndex) out.push(points[minIndex]);
    else if (minIndex < maxIndex) out.push(points[minIndex], points[maxIndex]);
    else out.push(points[maxIndex], points[minIndex]);
  }
  return out;
}

/** `roundSignificant` for compact chart JSON: non-finite values become null. */
export function roundForJson(value: number, digits: number): number | null {
  return Number.isFinite(value) ? roundSignificant(value, digits) : null;
}

/**
 * The points where a piecewise-constant series changes value (plus the first and last), so
 * a step-after line through them draws the series exactly.
 * changePoints([1, 2, 3, 4], [0.1, 0.1, 0.01, 0.01]); // => [{x:1,y:0.1},{x:3,y:0.01},{x:4,y:0.01}]
 */
export function changePoints(xs: readonly number[], ys: readonly number[]): XY[] {
  const out: XY[] = [];
  for (let i = 0; i < xs.length; i++) {
    if (i === 0 || i === xs.length - 1 || ys[i] !== ys[i - 1]) out.push({ x: xs[i], y: ys[i] });
  }
  return out;
}
