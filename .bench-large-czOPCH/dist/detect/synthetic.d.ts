import type { Verdict } from './types.js';
/** The true shape of a synthetic curve. */
export type CurveCategory = 'drop-then-flat' | 'steady-descent' | 'flat' | 'diverging' | 'seed-like' | 'slow-descent';
/** A synthetic loss curve with its ground truth. */
export interface SyntheticCurve {
    category: CurveCategory;
    /** The verdict a correct detector gives at the last step. */
    expected: Verdict;
    seed: number;
    steps: number[];
    losses: number[];
    /** Per-step noise as a fraction of the level (log-normal σ). */
    noise: number;
    /** True change point: where the flat stretch begins (drop-then-flat) or the rise begins (diverging). */
    changeAt: number | null;
    /** Accepted range for a detected plateau start / divergence start. */
    tolerance: [number, number] | null;
    /** The noise-free curve. */
    clean: number[];
    params: Record<string, number>;
}
export interface SyntheticOptions {
    /** Steps range. Default [500, 20000]. */
    steps?: [number, number];
    /** Noise range as a fraction of the level. Default [0.02, 0.3]. */
    noise?: [number, number];
}
/**
 * Seeded synthetic training-loss curves with their true category and change points. Batch
 * noise is multiplicative log-normal, y = L(t)·exp(σε - σ²/2), so its mean is L(t) and its
 * spread is σ of the level, like batch losses.
 *
 * - drop-then-flat: L = floor + (L0 - floor)·e^{-t/τ}; the flat stretch starts where the excess
 *   over the floor falls to 1% of the floor, at 10%..60% of the run. Tolerance: from where the
 *   excess is 30% of the floor (minus 5% of the run) to 5% of the run after the true start.
 * - steady-descent: L = L0·(1 + t/t0)^-α with α in [0.3, 1.2] (no plateau).
 * - flat: constant at a random level (a third at ln 10) from the first step.
 * - diverging: a drop, then from 35%..75% of the run a growth to 1.5x..6x the low by the end
 *   (a quarter of them end in NaN).
 * - slow-descent: a power law with α in [0.05, 0.3], i.e. falling 0.5-3% per 10% of the run at
 *   the end: the boundary region of the plateau threshold (2% per 10%), for reporting, not a target.
 * - seed-like: the reference seed pipeline (2.30 -> ~0.7 in 400 steps, then -6.5%/epoch of 938
 *   steps), 10 epochs, noise 20-30%.
 *
 * @example generateCurve('flat', 7).expected; // => 'stuck'
 */
export declare function generateCurve(category: CurveCategory, seed: number, options?: SyntheticOptions): SyntheticCurve;
/** `count` curves of each category, seeds `firstSeed`.. (use another firstSeed for a held-out set). */
export declare function generateSet(count: number, firstSeed: number, categories?: CurveCategory[], options?: SyntheticOptions): SyntheticCurve[];
