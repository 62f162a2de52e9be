/**
 * Cell values as loss logs write them. A cell is either missing (blank, `NA`, `null`, `None`:
 * nothing was logged), a number (including `nan`, `inf`, `-inf` exactly as logged, which
 * mean the run produced a non-finite loss), or text.
 */
/** The cell holds no value (nothing was logged in this row). */
export declare const MISSING: null;
/**
 * Parses one cell: a number, `null` when the cell is missing, `undefined` when it is text.
 *
 * parseCell('0.53') // => 0.53
 * parseCell('NA')   // => null
 * parseCell('nan')  // => NaN
 * parseCell('abc')  // => undefined
 */
export declare function parseCell(raw: string): number | null | undefined;
/** Median of a non-empty list (does not modify it). */
export declare function median(values: readonly number[]): number;
/** Formats a number compactly for messages: 4 significant digits, no trailing zeros. */
export declare function fmt(n: number): string;
