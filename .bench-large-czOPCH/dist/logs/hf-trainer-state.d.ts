import type { LossLog } from './loss-log.js';
import { type RestartMode } from './series-build.js';
export interface ReadTrainerStateOptions {
    /** Keys to keep (e.g. "eval_loss"); default: every key with "loss" in its name. */
    columns?: string[];
    /** Default 'auto'. */
    restarts?: RestartMode;
    /** Only 'step' (and 'epoch') exist in a trainer state. Default 'step'. */
    x?: 'step' | 'epoch' | 'time';
}
type Entry = Record<string, unknown>;
/**
 * Reads a Hugging Face `trainer_state.json`: one series per loss key in `log_history`
 * (`loss`, `eval_loss`, `eval_<set>_loss`, ...), x = `step`, LR from `learning_rate`.
 * The final summary entry (`train_loss`, `train_runtime`) is not a point.
 */
export declare function readTrainerState(file: string, options?: ReadTrainerStateOptions): Promise<LossLog>;
export declare function isTrainerState(doc: unknown): doc is {
    log_history: Entry[];
};
export declare function trainerStateToLossLog(file: string, doc: unknown, options?: ReadTrainerStateOptions): LossLog;
export {};
