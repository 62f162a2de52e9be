/**
 * Python's json module writes NaN, Infinity and -Infinity as bare literals (a diverged run);
 * this quotes them so JSON.parse reads them, as strings the readers turn back into numbers.
 *
 * quoteNonFiniteLiterals('{"loss": NaN}'); // => '{"loss": "NaN"}'
 */
export declare function quoteNonFiniteLiterals(text: string): string;
/**
 * Parses a whole JSON document (a leading BOM and Python's NaN/Infinity literals allowed).
 * Throws a PlateauDoctorError naming `file:line:column` of a syntax error, or saying the file is empty.
 */
export declare function parseJson(file: string, text: string): unknown;
/**
 * The offset of the first JSON syntax error in `text` (-1 when there is none): a small
 * scan, used only after JSON.parse has failed, to name the line and column.
 * NaN and (-)Infinity literals are accepted (Python writes them).
 *
 * jsonErrorOffset('{"a": [1,2,\n  3,, 4]}'); // => 16 (the second comma)
 */
export declare function jsonErrorOffset(text: string): number;
