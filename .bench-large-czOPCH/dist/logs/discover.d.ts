import type { LossLog } from './loss-log.js';
import { type ReadLossLogOptions } from './read-loss-log.js';
/**
 * `analyze DIR`: finds every log under a directory (TensorBoard logdirs, `lightning_logs/`,
 * `mlruns/`, `wandb/`, `runs/detect/*`, DVCLive, plateau-doctor runs, any CSV/JSON/text log) and
 * reads each run once. A folder that is one run in a known layout (an MLflow or W&B run, a
 * DVCLive folder, a plateau-doctor run) is read as a whole and not entered; other folders are
 * walked. Files that are not logs are listed, not errors.
 */
export interface FoundLog {
    /** The file, or the folder of a one-run layout. */
    path: string;
    /** Files of one run that were stitched, oldest first (only when there are several). */
    parts?: string[];
}
export interface SkippedFile {
    path: string;
    reason: string;
}
export interface DirectoryLogs {
    /** Each run read: a LossLog, or the one-line error of a recognised run that could not be read. */
    logs: ({
        kind: 'ok';
        log: LossLog;
    } | {
        kind: 'error';
        file: string;
        error: string;
    })[];
    skipped: SkippedFile[];
}
export declare function discoverLogs(root: string): Promise<{
    found: FoundLog[];
    skipped: SkippedFile[];
}>;
/**
 * Reads every log found under `root`. Files that fail to read are listed in `skipped` with
 * their one-line reason (a walk meets many files that are not logs); a recognised run folder
 * that fails is an error. Parts of one run (see `groupKey`) are stitched when their series
 * match and their steps continue.
 */
export declare function readDirectory(root: string, options?: ReadLossLogOptions): Promise<DirectoryLogs>;
