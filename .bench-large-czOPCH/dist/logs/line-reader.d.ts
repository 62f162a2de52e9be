/** A batch of consecutive lines; `firstLine` is the 1-based line number of `lines[0]`. */
export interface LineBatch {
    lines: string[];
    firstLine: number;
}
export interface ReadLinesOptions {
    /**
     * Keep a last line that has no final newline. Default true (many real logs lack the final
     * newline); `--follow` passes false because a writer may be half-way through that line.
     */
    keepPartialLastLine?: boolean;
    /** Bytes per read. Default 1 MiB. */
    chunkSize?: number;
    /** Read only the bytes before this offset (`--follow` reads the rest later). */
    end?: number;
}
/**
 * Streams a text file as batches of lines without holding the whole file as one string.
 * Handles LF, CRLF and the Windows CSVLogger's `\r\r\n` (trailing `\r`s are stripped, so no
 * empty line appears between rows), CR-only line ends (a first chunk with CRs and no LF), a
 * UTF-8 BOM, and a missing final newline.
 */
export declare function readLineBatches(file: string, options?: ReadLinesOptions): AsyncGenerator<LineBatch>;
/**
 * Splits one delimited line. Fast path for lines without quotes; otherwise RFC 4180 quoting
 * within the line (`"a,b"` and `""` escapes). Cells are not trimmed.
 */
export declare function splitDelimited(line: string, delimiter: string): string[];
