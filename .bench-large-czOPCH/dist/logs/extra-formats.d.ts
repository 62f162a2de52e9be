import type { LossLog } from './loss-log.js';
import type { ReadTabularOptions } from './tabular.js';
/**
 * Formats detected by a content sniff of their own (each in its own file), tried by
 * `detectFormat` before the text/table heuristics. `sniffFile` sees the first 64 KiB of a
 * regular file; `sniffDir` a directory that may hold one run in this format.
 */
export interface LogFormat {
    name: string;
    sniffFile?(head: Buffer, file: string): boolean;
    sniffDir?(dir: string): boolean;
    read(file: string, options: ReadTabularOptions): Promise<LossLog>;
}
export declare const EXTRA_FORMATS: readonly LogFormat[];
export declare function extraFormat(name: string): LogFormat | undefined;
