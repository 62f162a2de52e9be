/**
 * Worker-thread side of `trainComparison`: trains the tasks it is sent (a trunk of runs, or a
 * fork that goes on from a trunk's state), one at a time, on its own tfjs backend instance,
 * and posts every RunEvent back to the main thread.
 *
 * Protocol (main -> worker): `{ kind: 'warm', backend }` (load the backend before any task),
 * `{ kind: 'run', task, data, abortFlag }` and `{ kind: 'exit' }`.
 * (worker -> main): `{ kind: 'event', event }`, `{ kind: 'fork', task }` (runs that left the
 * trunk, for any worker; posted after their events so far), `{ kind: 'done', metas }` (the
 * runs that ended on this task), `{ kind: 'failed', error }`. `data` lives in SharedArrayBuffers, so all workers read
 * the same normalised images; `abortFlag` is a shared Int32Array the main thread sets on
 * Ctrl-C, read by the trainer after every step (the worker's event loop is busy training).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RunMeta } from '../logs/run-log.js';
import { threadBackend, type BackendRequest } from './backend.js';
import type { TrainingData } from './batches.js';
import type { RunEvent } from './events.js';
import { trainTrunk, type TrunkTask } from './trainer.js';

export const WORKER_MARK = 'plateau-doctor-train-worker';

export type WorkerRequest =
  | { kind: 'run'; task: TrunkTask; data: TrainingData; abortFlag: Int32Array }
  /** Load the backend now, while there is nothing to train yet (an error shows on the first run). */
  | { kind: 'warm'; backend: BackendRequest }
  | { kind: 'exit' };

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  /** Set for PlateauDoctorError (user errors). */
  exitCode?: number;
}

export type WorkerReply =
  | { kind: 'event'; event: RunEvent }
  | { kind: 'fork'; task: TrunkTask }
  | { kind: 'done'; metas: RunMeta[] }
  | { kind: 'failed'; error: SerializedError };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const out: SerializedError = { name: error.name, message: error.message, stack: error.stack };
    const exitCode = (error as { exitCode?: unknown }).exitCode;
    if (typeof exitCode === 'number') out.exitCode = exitCode;
    return out;
  }
  return { name: 'Error', message: String(error) };
}

async function handle(request: WorkerRequest): Promise<void> {
  const port = parentPort!;
  if (request.kind === 'exit') {
    port.close();
    return;
  }
  if (request.kind === 'warm') {
    await threadBackend(request.backend).catch(() => undefined);
    return;
  }
  const { task, data, abortFlag } = request;
  try {
    const backend = await threadBackend(task.plans[0]!.backend);
    const metas = await trainTrunk(task, {
      emit: (event) => port.postMessage({ kind: 'event', event } satisfies WorkerReply),
      onFork: (fork) => port.postMessage({ kind: 'fork', task: fork } satisfies WorkerReply),
      data,
      backend,
      abortFlag,
    });
    port.postMessage({ kind: 'done', metas } satisfies WorkerReply);
  } catch (error) {
    port.postMessage({ kind: 'failed', error: serializeError(error) } satisfies WorkerReply);
  }
}

if (parentPort && (workerData as { mark?: string } | undefined)?.mark === WORKER_MARK) {
  // Requests arrive one at a time (the main thread waits for 'done'/'failed'), so handling
  // them in arrival order is enough.
  let queue = Promise.resolve();
  parentPort.on('message', (request: WorkerRequest) => {
    queue = queue.then(() => handle(request));
  });
}
