/**
 * The English side of a decision: the one-line summary (with the numbers) and the suggestion,
 * built only from the typed `Decision` (see decision.ts) and the options that name units.
 */
import type { Decision } from './decision.js';
import type { ResolvedDetectorOptions } from './options.js';
/** What the sentences need from the options: x units, confidence, plateau threshold. */
export type ExplainOptions = Pick<ResolvedDetectorOptions, 'x' | 'confidence' | 'plateauRate'>;
export interface Explanation {
    /** One line with the numbers, e.g. "plateau since step 4100, trend -0.3%/epoch (95% CI -0.9..+0.2), noise 18% of level". */
    summary: string;
    /** What to do, e.g. "a decay here would likely help". */
    suggestion: string;
}
/**
 * @example explain({ kind: 'plateau', verdict: 'plateau', plateauStart: 4100, ... }, options)
 * // => { summary: 'plateau since step 4100, trend -0.3%/epoch (95% CI -0.9..+0.2), noise 18% of level', suggestion: 'a decay here would likely help' }
 */
export declare function explain(d: Decision, o: ExplainOptions): Explanation;
