import type { LossLog } from './loss-log.js';
import type { ReadTabularOptions } from './tabular.js';
/** True when every complete non-blank line of the head is a `timestamp value [step]` line. */
export declare function looksLikeMlflowMetric(head: Buffer, complete: boolean): boolean;
/** True for an MLflow run folder: `meta.yaml` next to a `metrics/` directory. */
export declare function isMlflowRunDir(dir: string): boolean;
/** One metric file (`mlruns/<exp>/<run>/metrics/<key>`): the key is its path below `metrics/`, else its file name. */
export declare function readMlflowMetric(file: string, options?: ReadTabularOptions): Promise<LossLog>;
/** The run's display name: `tags/mlflow.runName`, else `run_name` in meta.yaml, else its id. */
export declare function mlflowRunName(dir: string): string;
/** An MLflow run folder: one series per loss metric (LR from a metric named like one). */
export declare function readMlflowRun(dir: string, options?: ReadTabularOptions): Promise<LossLog>;
/** `mlflow` files and run folders. */
export declare const mlflowFormat: {
    name: string;
    sniffFile: (head: Buffer, file: string) => boolean;
    sniffDir: (dir: string) => boolean;
    read: (file: string, options: ReadTabularOptions) => Promise<LossLog>;
};
