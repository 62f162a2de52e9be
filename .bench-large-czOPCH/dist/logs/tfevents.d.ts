import type { LossLog, XUnit } from './loss-log.js';
import { type RestartMode } from './series-build.js';
/** True when the first 12 bytes are a TFRecord length with a valid masked CRC. */
export declare function looksLikeTfRecord(head: Uint8Array): boolean;
/** One scalar read from an event file. */
export interface ScalarEvent {
    tag: string;
    step: number;
    wallTime: number;
    value: number;
}
interface DecodedTensor {
    dtype?: number;
    tensor_content?: Uint8Array;
    half_val?: number[];
    float_val?: number[];
    double_val?: number[];
    int_val?: number[];
    int64_val?: (number | {
        toNumber(): number;
    })[];
}
/** The scalar inside a tensor-encoded summary value (TF2 `tf.summary.scalar`), or undefined. */
export declare function tensorScalar(t: DecodedTensor): number | undefined;
/**
 * An incremental reader of TFRecord-framed events: `push` the bytes as they come (a stream, or
 * what was appended under `--follow`); complete records are decoded, an incomplete last one
 * waits for the rest of its bytes. A bad CRC is an error naming the record's byte offset.
 */
export declare class TfEventScanner {
    private readonly file;
    private carry;
    /** File offset of carry[0]. */
    private offset;
    records: number;
    constructor(file: string);
    /** Bytes of an incomplete record waiting at the end. */
    get pending(): number;
    /** The scalars of the complete records in the bytes pushed so far that were not returned yet. */
    push(chunk: Buffer): ScalarEvent[];
}
/**
 * Reads every scalar of an event file, streamed in 1 MiB chunks (up to byte `end` when given).
 * A truncated last record (a writer mid-write) ends the file quietly; a bad CRC before the end
 * is an error naming the byte offset.
 */
export declare function readScalarEvents(file: string, end?: number, cap?: number): Promise<{
    scalars: ScalarEvent[];
    truncated: boolean;
    records: number;
    scanner: TfEventScanner;
    sampledEvery: number;
}>;
export interface ReadTfEventsOptions {
    /** Tags to keep; default: every tag with "loss" in its name (or every scalar tag when none has). */
    columns?: string[];
    /** X axis: 'step' (default) or 'time'; 'epoch' uses an `epoch` scalar tag when there is one. */
    x?: XUnit;
    restarts?: RestartMode;
    /** Read only the bytes before this offset (`--follow` reads the rest later). */
    endOffset?: number;
}
/** Reads the loss scalars of a TensorBoard event file into a LossLog. */
export declare function readTfEvents(file: string, options?: ReadTfEventsOptions): Promise<LossLog>;
/** The LossLog of the scalars read from an event file. */
export declare function tfEventsLog(file: string, read: {
    scalars: ScalarEvent[];
    truncated: boolean;
    records: number;
    sampledEvery?: number;
}, options?: ReadTfEventsOptions): LossLog;
export {};
