import { type TabularFormat } from './csv-flavours.js';
import type { LossLog, XUnit } from './loss-log.js';
import { type RestartMode } from './series-build.js';
export type { TabularFormat };
export interface ReadTabularOptions {
    /** Force one flavour; default: detected from the header. */
    format?: TabularFormat;
    /** Series (column) names to keep; default: every loss column. */
    columns?: string[];
    /** X axis; default: step when the file has one, else epoch, else time, else the row number. */
    x?: XUnit;
    /** Default 'auto'. */
    restarts?: RestartMode;
    /** Default true; false ignores a last line without newline (a file being written). */
    keepPartialLastLine?: boolean;
    /** Read only the bytes before this offset (`--follow` reads the rest later). */
    endOffset?: number;
}
/** One cell on the line: a number, or a single header word such as `loss`. */
export declare function isSingleToken(line: string): boolean;
/** Picks the delimiter of a header or first data line: tab, comma, semicolon or runs of spaces. */
export declare function detectDelimiter(line: string): string | undefined;
/** Does this first non-blank line start a table (a header or a numeric row)? */
export declare function looksTabular(line: string): boolean;
/** Detects the flavour of a delimited file from its header (see `CSV_FLAVOURS`). */
export declare function detectTabularFormat(header: string[] | undefined, file: string): TabularFormat;
/**
 * Reads a delimited loss log (generic CSV/TSV with or without header, Keras CSVLogger,
 * Lightning CSVLogger, TensorBoard scalar CSV, W&B panel export) line by line.
 */
export declare function readTabular(file: string, options?: ReadTabularOptions): Promise<LossLog>;
/** One record of a JSON-lines file or JSON array: key -> value, and where it was. */
export interface JsonRecord {
    values: Record<string, unknown>;
    line: number;
}
/**
 * Builds a LossLog from records (JSON lines such as Detectron2's metrics.json, a JSON array of
 * `{step, loss, ...}` objects, or Keras `history.history` turned into rows). Keys play the roles
 * columns play in a CSV (`iteration` is the x, `total_loss` a loss, `lr` the LR); nested values
 * are ignored.
 */
export declare function tableFromRecords(file: string, format: string, records: Iterable<JsonRecord>, options?: ReadTabularOptions, lineUnit?: string): LossLog;
