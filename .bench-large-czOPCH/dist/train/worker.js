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
import { createController } from '../lr/schedules.js';
import { selectBackend } from './backend.js';
import { trainRun } from './trainer.js';
export const WORKER_MARK = 'plateau-doctor-train-worker';
export function serializeError(error) {
    if (error instanceof Error) {
        const out = { name: error.name, message: error.message, stack: error.stack };
        const exitCode = error.exitCode;
        if (typeof exitCode === 'number')
            out.exitCode = exitCode;
        return out;
    }
    return { name: 'Error', message: String(error) };
}
const backends = new Map();
async function handle(request) {
    const port = parentPort;
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
            emit: (event) => port.postMessage({ kind: 'event', event }),
            data,
            backend,
            abortFlag,
        });
        port.postMessage({ kind: 'done', run: plan.name, meta });
    }
    catch (error) {
        port.postMessage({ kind: 'failed', run: plan.name, error: serializeError(error) });
    }
}
if (parentPort && workerData?.mark === WORKER_MARK) {
    // Requests arrive one at a time (the main thread waits for 'done'/'failed'), so handling
    // them in arrival order is enough.
    let queue = Promise.resolve();
    parentPort.on('message', (request) => {
        queue = queue.then(() => handle(request));
    });
}
//# sourceMappingURL=worker.js.map