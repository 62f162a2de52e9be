import type { TextDialect } from './types.js';
export type { LineMatcher, TextDialect, TextMatch } from './types.js';
export { defaultMatcher, matchDefault } from './generic.js';
/**
 * The text dialects recognised from content, tried in this order; a log none of them claims is
 * read with the built-in `loss: <number>` matcher (`defaultMatcher`). One file per dialect.
 */
export declare const TEXT_DIALECTS: readonly TextDialect[];
/** How many first lines of a file the dialects look at. */
export declare const DIALECT_SAMPLE_LINES = 2000;
/** The dialect of a text log from its first non-blank lines (as `visibleLines` gives them), or undefined. */
export declare function detectTextDialect(lines: readonly string[]): TextDialect | undefined;
/**
 * What a terminal would have shown as separate lines: ANSI colour codes removed and tqdm's
 * CR-separated updates apart (each a line of its own).
 */
export declare function visibleLines(line: string): string[];
