import type { LrResponse } from './types.js';
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
 * fits one line with a step at the change to the points around it (y = a + b·x + c·[after],
 * on ln y when the losses are positive: a regression-discontinuity estimate with a shared slope
 * and pooled noise) and reports the jump c relative to the level, with its t interval.
 * `responded` when the interval excludes 0.
 *
 * @example lrResponses([1,2,3,4,5,6], [1,1,1,.5,.5,.5], [.1,.1,.1,.01,.01,.01], { window: 3 })[0].responded; // => true
 */
export declare function lrResponses(xs: ArrayLike<number>, ys: ArrayLike<number>, lrs: ArrayLike<number>, options?: LrResponseOptions): LrResponse[];
