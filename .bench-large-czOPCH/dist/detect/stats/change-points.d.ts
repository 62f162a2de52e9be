/**
 * Change-point detection, ruptures-style: a cost (how badly one model fits a segment) is kept
 * separate from the search (which segmentation minimises total cost + penalty), so each can be
 * tested alone and combined freely (Truong, Oudre & Vayatis, "Selective review of offline change
 * point detection methods", Signal Processing 167, 2020).
 */
/** A segment cost: `fit` once on the signal, then `error(start, end)` for the half-open [start, end). */
export interface SegmentCost {
    readonly name: string;
    fit(xs: ArrayLike<number>, ys: ArrayLike<number>): this;
    error(start: number, end: number): number;
    /** Fewest points a segment needs for the model to make sense. */
    readonly minSize: number;
}
/**
 * Squared error around the segment mean (piecewise-constant model, ruptures' `l2`). O(1) per
 * query after O(n) prefix sums.
 *
 * @example new CostL2().fit([0, 1, 2, 3], [1, 1, 5, 5]).error(0, 4); // => 16
 */
export declare class CostL2 implements SegmentCost {
    readonly name = "l2";
    readonly minSize = 1;
    private s;
    private s2;
    fit(_xs: ArrayLike<number>, ys: ArrayLike<number>): this;
    error(start: number, end: number): number;
}
/**
 * Residual squared error of a least-squares line through the segment (piecewise-linear model,
 * ruptures' `linear` with x as regressor). O(1) per query after O(n) prefix sums; x is centred
 * on the whole signal to limit cancellation.
 *
 * @example new CostLinear().fit([0, 1, 2, 3], [0, 1, 2, 3]).error(0, 4); // => 0
 */
export declare class CostLinear implements SegmentCost {
    readonly name = "linear";
    readonly minSize = 3;
    private sx;
    private sy;
    private sxx;
    private sxy;
    private syy;
    fit(xs: ArrayLike<number>, ys: ArrayLike<number>): this;
    error(start: number, end: number): number;
}
/**
 * PELT (Killick, Fearnhead & Eckley 2012, JASA 107:1590): the segmentation minimising
 * Σ cost(segment) + penalty · (number of segments), exactly, with pruning. Returns the end
 * indices of the segments (exclusive), the last being n, as ruptures' `predict` does.
 *
 * @example pelt(new CostL2().fit([0,1,2,3,4,5], [0,0,0,9,9,9]), 6, 1); // => [3, 6]
 */
export declare function pelt(cost: SegmentCost, n: number, penalty: number, minSize?: number): number[];
/**
 * The best single split of [start, end) into two segments of at least `minSize` points:
 * the index k minimising cost(start, k) + cost(k, end), and the cost saved against no split.
 * Returns null when the range is too short.
 *
 * @example bestSplit(new CostL2().fit([0,1,2,3], [1,1,5,5]), 0, 4, 1); // => { index: 2, gain: 16 }
 */
export declare function bestSplit(cost: SegmentCost, start: number, end: number, minSize?: number): {
    index: number;
    gain: number;
} | null;
