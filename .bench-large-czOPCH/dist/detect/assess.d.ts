import type { Diagnosis } from './types.js';
import type { ResolvedDetectorOptions } from './options.js';
import type { Decision } from './decision.js';
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
}
/** A diagnosis plus the x positions the segmentation and the doctor need. */
export interface Assessment extends Diagnosis {
    plateauStart: number | null;
    knee: number | null;
    divergenceStart: number | null;
}
/**
 * The decision with its explanation, shared by the online detector and the offline diagnosis:
 * `decide` then `explain` (explain.ts).
 */
export declare function assess(input: AssessInput, o: ResolvedDetectorOptions): Assessment;
/**
 * The decision as typed data (see decision.ts). Works on block means; every rate is relative to
 * the window's mean level and expressed per 10% of elapsed x.
 *
 * Order: non-finite -> diverging; too little data -> insufficient_data; significant rise in the
 * recent window -> diverging; significant fall faster than plateauRate in the recent window ->
 * descending; the earliest flat window covering >= minPlateauFraction -> plateau (or stuck when
 * nothing fell before it / it sits at ln C); otherwise a significant fall -> descending, else
 * insufficient_data (too noisy to tell).
 */
export declare function decide(input: AssessInput, o: ResolvedDetectorOptions): Decision;
/**
 * Kneedle (Satopää, Albrecht, Irwin & Raghavan 2011) for a falling curve: after normalising x
 * and y to [0, 1], the knee is the point farthest below the chord from the first to the last
 * point. Uses a 3-block running mean; null when the curve did not fall by minDrop or the bend is
 * weak (distance < 0.2).
 */
export declare function findKnee(x: ArrayLike<number>, m: ArrayLike<number>, n: number, startLevel: number, minDrop: number): number | null;
/**
 * True when the k = n - from block means fall at every block and that is beyond chance at level
 * `alpha`: under exchangeable noise a given order of k values has probability 1/k!.
 */
export declare function strictFall(m: ArrayLike<number>, from: number, n: number, alpha: number): boolean;
