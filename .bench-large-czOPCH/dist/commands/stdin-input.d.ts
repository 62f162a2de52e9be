/**
 * Input that is not a regular file: `-` (standard input), a FIFO, `/dev/stdin`, `<(...)`.
 * Their size is 0 and they can be read once, so they are copied to a temporary file (streamed,
 * never held in memory) that the readers then read like any log; `name` is what messages say.
 */
export interface StreamInput {
    name: string;
    /** The temporary copy. */
    file: string;
    /** Resolves when the source has ended (everything is in `file`). */
    done: Promise<void>;
    /** Removes the temporary copy. */
    dispose(): void;
}
/** True for `-` and for paths that are pipes or character devices (not files or folders). */
export declare function isStreamInput(arg: string, abs: string): Promise<boolean>;
/** Starts copying `-` (from `stdin`) or a pipe/device path into a temporary file. */
export declare function openStreamInput(arg: string, abs: string, stdin: NodeJS.ReadableStream | undefined): StreamInput;
