/**
 * Worker-thread side of `runComparison`: trains the plans it is sent, one at a time, on its
 * own tfjs backend instance, and posts every RunEvent back to the main thread.
 *
 * Protocol (main -> worker): `{ kind: 'run', plan, data, abortFlag }` and `{ kind: 'exit' }`.
 * (worker -> main): `{ kind: 'event', event }`, `{ kind: 'done', run, meta }`,
 * `{ kind: 'failed', run, error }`. `data` lives in SharedArrayBuffers, so all workers read
 * the same normalised images; `abortFlag` is a shared Int32Array the main thread sets on
 * Ctrl-C, read by the trainer after every step (the worker's event loop is busy training).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RunMeta } from '../logs/run-log.js';
import { createController } from '../lr/schedules.js';
import { selectBackend, type BackendRequest, type SelectedBackend } from './backend.js';
import type { TrainingData } from './batches.js';
import type { RunEvent, RunPlan } from './events.js';
import { trainRun } from './trainer.js';

export const WORKER_MARK = 'plateau-doctor-train-worker';

export type WorkerRequest =
  | { kind: 'run'; plan: RunPlan; data: TrainingData; abortFlag: Int32Array }
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
  | { kind: 'done'; run: string; meta: RunMeta }
  | { kind: 'failed'; run: string; error: SerializedError };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const out: SerializedError = { name: error.name, message: error.message, stack: error.stack };
    const exitCode = (error as { exitCode?: unknown }).exitCode;
    if (typeof exitCode === 'number') out.exitCode = exitCode;
    return out;
  }
  return { name: 'Error', message: String(error) };
}

const backends = new Map<BackendRequest, SelectedBackend>();

async function handle(request: WorkerRequest): Promise<void> {
  const port = parentPort!;
  if (request.kind === 'exit') {
    port.close();
    return;
  }
  const { plan, data, abortFlag } = request;
  try {
    let backend = backends.get(plan.backend);
    if (!backend) {
      backend = await selectBackend(plan.backend);
      backends.set(plan.backend, backend);
    }
    const controller = createController(plan.schedule, plan.scheduleOptions);
    const meta = await trainRun(plan, {
      controller,
      emit: (event) => port.postMessage({ kind: 'event', event } satisfies WorkerReply),
      data,
      backend,
      abortFlag,
    });
    port.postMessage({ kind: 'done', run: plan.name, meta } satisfies WorkerReply);
  } catch (error) {
    port.postMessage({ kind: 'failed', run: plan.name, error: serializeError(error) } satisfies WorkerReply);
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
