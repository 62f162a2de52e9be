import type { TrendEstimate } from './types.js';
/** "12%" / "0.3%" / "-6.5%": relative numbers as percent with 2 significant-ish digits. */
export declare function pct(value: number, signed?: boolean): string;
/** "-0.3%/epoch (95% CI -0.9..+0.2)". */
export declare function formatTrend(trend: TrendEstimate, confidence?: number): string;
/** A loss level or LR with 4 significant digits: 0.2713, 1e-4, 1.235e+5. */
export declare function num(value: number): string;
/**
 * An x value (a step, an epoch, seconds) as people write it: whole numbers with thousands
 * separators, never in exponent notation; fractions to 4 significant digits.
 *
 * xValue(1196000); // => '1,196,000'
 * xValue(2.5);     // => '2.5'
 */
export declare function xValue(x: number): string;
/** "step 4,100", "epoch 12", "time 310.5". */
export declare function at(x: number, unit: 'step' | 'epoch' | 'time'): string;
