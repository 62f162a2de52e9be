import type { LossLog, XUnit } from './loss-log.js';
import { type RestartMode } from './series-build.js';
import { type ReadTabularOptions } from './tabular.js';
/** Every format `readLossLog` understands (the values of `--format`). */
export declare const LOSS_LOG_FORMATS: readonly ['csv', 'keras', 'lightning', 'tensorboard-csv', 'wandb', 'hf-trainer-state', 'json', 'jsonl', 'tfevents', 'text', 'run-dir', 'wandb-run', 'mlflow', 'dvclive'];
export type LossLogFormat = (typeof LOSS_LOG_FORMATS)[number];
export interface ReadLossLogOptions {
    /** Force a format; default: detected from the content (and the name, for event files). */
    format?: LossLogFormat;
    /** Series/column/tag names to keep; default: every loss series in the file. */
    columns?: string[];
    /** X axis; default: step when the log has steps, else epoch, else time. */
    x?: XUnit;
    /** Regex with named groups for text logs (implies `text` unless `format` says otherwise). */
    pattern?: string;
    /** What to do when the x counter restarts. Default 'auto' (stitch a resumed run, split a fresh one). */
    restarts?: RestartMode;
    /** Ignore a last line without a newline (a file being appended to). Default false. */
    dropPartialLastLine?: boolean;
    /** Read CSV/TSV, JSON lines and event files only up to this byte offset (`--follow` reads the rest later). */
    endOffset?: number;
}
/**
 * Reads any supported loss log into a LossLog. Throws PlateauDoctorError (one line, naming
 * the file and line) for a missing file, a directory that is not a run directory, an empty,
 * binary or unrecognised file.
 */
export declare function readLossLog(file: string, options?: ReadLossLogOptions): Promise<LossLog>;
/** Detects the format of a file or directory from its content. */
export declare function detectFormat(file: string, options?: Pick<ReadLossLogOptions, 'pattern'>): Promise<LossLogFormat>;
/**
 * A JSON document: a trainer_state.json, an array of records (`[{"step":1,"loss":0.5},...]`), or
 * Keras's `history.history` (`{"loss":[...],"val_loss":[...]}`, x = epoch from 0).
 */
export declare function jsonDocToLossLog(file: string, doc: unknown, options: ReadTabularOptions): LossLog;
