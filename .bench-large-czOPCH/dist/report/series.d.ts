/**
 * Series helpers for charts: downsampling that keeps spikes (min and max per bucket, in x
 * order), compact rounding and the change points of a step function. The smoothing drawn
 * over the loss is the detector's `debiasedEma` (src/detect/stats/smoothing.ts).
 */
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
export declare function minMaxDownsample(xs: readonly number[], ys: readonly number[], buckets: number): XY[];
/** Rounds to `digits` significant digits (for compact JSON); non-finite values become null. */
export declare function roundSignificant(value: number, digits: number): number | null;
/**
 * The points where a piecewise-constant series changes value (plus the first and last), so
 * a step-after line through them draws the series exactly.
 * changePoints([1, 2, 3, 4], [0.1, 0.1, 0.01, 0.01]); // => [{x:1,y:0.1},{x:3,y:0.01},{x:4,y:0.01}]
 */
export declare function changePoints(xs: readonly number[], ys: readonly number[]): XY[];
