import type { RunMeta } from '../logs/run-log.js';
import type { TrainingData } from './batches.js';
import type { RunEvent, RunPlan } from './events.js';
export declare const WORKER_MARK = "plateau-doctor-train-worker";
export type WorkerRequest = {
    kind: 'run';
    plan: RunPlan;
    data: TrainingData;
    abortFlag: Int32Array;
} | {
    kind: 'exit';
};
export interface SerializedError {
    name: string;
    message: string;
    stack?: string;
    /** Set for PlateauDoctorError (user errors). */
    exitCode?: number;
}
export type WorkerReply = {
    kind: 'event';
    event: RunEvent;
} | {
    kind: 'done';
    run: string;
    meta: RunMeta;
} | {
    kind: 'failed';
    run: string;
    error: SerializedError;
};
export declare function serializeError(error: unknown): SerializedError;
