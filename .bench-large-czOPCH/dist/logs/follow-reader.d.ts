import type { LossLog } from './loss-log.js';
import { type ReadLossLogOptions } from './read-loss-log.js';
/**
 * `--follow` on one file: `poll` reads only the bytes appended since the last poll and appends
 * the new points to the series (O(new bytes)), keeping each parser's state: CSV/TSV and JSON
 * lines resume after the last complete line, event files and `.wandb` files at the last
 * complete record. The file is read again from the start when that cannot be done exactly as
 * the full reader would: the first poll, a file that shrank or was rewritten, a counter that
 * goes back (restarts are split or stitched by the full reader), an x axis of wall time or row
 * numbers, split runs, and the other formats (a trainer_state.json is rewritten, not appended to).
 */
export type FollowUpdate = {
    kind: 'unchanged';
} | {
    kind: 'missing';
} | {
    kind: 'error';
    error: string;
}
/** The file was read from the start: new series objects. */
 | {
    kind: 'read';
    log: LossLog;
}
/** Points were appended to the series of the last `log` (same objects, longer arrays). */
 | {
    kind: 'appended';
    log: LossLog;
    points: number;
};
export declare class FollowedLog {
    readonly file: string;
    private readonly options;
    private log;
    private size;
    private mtimeMs;
    private continuation;
    constructor(file: string, options?: ReadLossLogOptions);
    poll(): Promise<FollowUpdate>;
    /** Reads bytes [0, size) with the full reader and sets up the continuation after them. */
    private readFromStart;
    private lineContinuation;
}
