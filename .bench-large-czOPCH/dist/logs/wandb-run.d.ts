import type { LossLog } from './loss-log.js';
import { type JsonRecord, type ReadTabularOptions } from './tabular.js';
/** True when the bytes start with the `.wandb` header (`:W&B`, magic, version 0). */
export declare function looksLikeWandbRun(head: Uint8Array): boolean;
/** Where and why reading stopped before the end of the file, when it did. */
export interface WandbStop {
    offset: number;
    reason: string;
}
/**
 * An incremental reader of a `.wandb` file: `push` the bytes as they come (a stream, or what
 * was appended since the last call under `--follow`); `log()` builds the LossLog of what is
 * complete so far. A frame cut off at the end waits for its remaining bytes.
 */
export declare class WandbRunReader {
    private readonly file;
    private carry;
    /** File offset of carry[0]. */
    private offset;
    private fragments;
    private fragmentStart;
    private records;
    private rows;
    private stopped;
    private producer;
    private run;
    private exit;
    private footer;
    private historyRecords;
    constructor(file: string);
    /** History rows read so far, from index `from` (`--follow` appends the new ones). */
    rowsFrom(from: number): readonly JsonRecord[];
    get rowCount(): number;
    /** Total bytes consumed so far (the next push continues at this file offset). */
    get bytesSeen(): number;
    push(chunk: Buffer): void;
    private frame;
    private stop;
    private record;
    /** The LossLog of the complete records so far; `atEnd` says the file has been read to its end. */
    log(options?: ReadTabularOptions, atEnd?: boolean): LossLog;
    private describe;
}
/** Reads a `.wandb` run file (streamed in 1 MiB chunks) into a LossLog of its loss history. */
export declare function readWandbRun(fileOrDir: string, options?: ReadTabularOptions): Promise<LossLog>;
/** `.wandb` files, recognised by their header; a W&B run folder by its `run-*.wandb` file. */
export declare const wandbRunFormat: {
    name: string;
    sniffFile: (head: Buffer) => boolean;
    sniffDir: (dir: string) => boolean;
    read: (file: string, options: ReadTabularOptions) => Promise<LossLog>;
};
/** The `run-<id>.wandb` file of a W&B run folder (`wandb/run-<date>-<id>/`), if it has one. */
export declare function wandbFileIn(dir: string): string | undefined;
