import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PlateauDoctorError } from '../errors.js';
import { createController as defaultCreateController } from '../lr/schedules.js';
import { selectBackend } from './backend.js';
import { prepareTrainingData } from './batches.js';
import { loadDataset } from './data/datasets.js';
import { checkPlan, trainRun } from './trainer.js';
import { WORKER_MARK } from './worker.js';
/**
 * Trains several plans (schedules x seeds) and returns the final RunMeta of every run that
 * started, in plan order.
 *
 * Each data set is read once in this thread; each (data set, valSize, seed) is normalised
 * and split once, into SharedArrayBuffers that every worker reads without copying. With
 * `jobs` > 1, runs go to a pool of worker threads, each with its own tfjs backend instance
 * (wasm runs single-threaded in Node, so one run per core is how the cores get used).
 * Results do not depend on `jobs`: a run's numbers depend only on its plan.
 *
 * A diverged run ends with status 'diverged' and the others go on. An error in a run (a bad
 * schedule option, a backend that cannot load) interrupts the others, lets them flush, and
 * is then thrown.
 */
export async function runComparison(plans, options) {
    const names = new Set();
    for (const plan of plans) {
        checkPlan(plan);
        if (names.has(plan.name))
            throw new PlateauDoctorError(`two runs are named "${plan.name}"; run names must be unique`);
        names.add(plan.name);
    }
    const jobs = Math.max(1, Math.min(options.jobs ?? os.availableParallelism(), plans.length));
    if (options.jobs !== undefined && !(Number.isInteger(options.jobs) && options.jobs >= 1)) {
        throw new PlateauDoctorError(`--jobs ${options.jobs} is invalid; use a whole number >= 1`);
    }
    const data = new DataCache(plans, options, jobs > 1);
    return jobs === 1 ? runSerial(plans, options, data) : runParallel(plans, options, data, jobs);
}
/** Loads each data set once and prepares each (data set, valSize, seed) once, releasing it after its last plan started. */
class DataCache {
    options;
    shared;
    loaded = new Map();
    prepared = new Map();
    remaining = new Map();
    constructor(plans, options, shared) {
        this.options = options;
        this.shared = shared;
        for (const plan of plans)
            this.remaining.set(this.key(plan), (this.remaining.get(this.key(plan)) ?? 0) + 1);
    }
    key(plan) {
        return JSON.stringify([plan.dataset, plan.dataDir, plan.valSize, plan.seed]);
    }
    async take(plan) {
        const key = this.key(plan);
        let data = this.prepared.get(key);
        if (!data) {
            const dataset = await this.dataset(plan);
            data = prepareTrainingData(dataset, { valSize: plan.valSize, seed: plan.seed, shared: this.shared, limit: this.options.limit });
            this.prepared.set(key, data);
        }
        const left = (this.remaining.get(key) ?? 1) - 1;
        this.remaining.set(key, left);
        if (left <= 0)
            this.prepared.delete(key);
        return data;
    }
    dataset(plan) {
        const given = this.options.datasets?.[plan.dataset];
        if (given)
            return Promise.resolve(given);
        const key = JSON.stringify([plan.dataset, plan.dataDir]);
        let promise = this.loaded.get(key);
        if (!promise) {
            promise = loadDataset({ dataset: plan.dataset, dataDir: plan.dataDir, log: this.options.log });
            this.loaded.set(key, promise);
        }
        return promise;
    }
}
async function runSerial(plans, options, data) {
    const create = options.createController ?? defaultCreateController;
    const backends = new Map();
    const metas = [];
    for (const plan of plans) {
        if (options.signal?.aborted)
            break;
        const controller = create(plan.schedule, plan.scheduleOptions);
        let backend = backends.get(plan.backend);
        if (!backend) {
            backend = await selectBackend(plan.backend);
            backends.set(plan.backend, backend);
        }
        metas.push(await trainRun(plan, { controller, emit: options.emit, signal: options.signal, data: await data.take(plan), backend }));
    }
    return metas;
}
async function runParallel(plans, options, data, jobs) {
    const abortFlag = new Int32Array(new SharedArrayBuffer(4));
    const interrupt = () => Atomics.store(abortFlag, 0, 1);
    if (options.signal?.aborted)
        interrupt();
    options.signal?.addEventListener('abort', interrupt, { once: true });
    const metas = new Map();
    let failure;
    let next = 0;
    const fail = (error) => {
        failure ??= error;
        interrupt();
    };
    const lane = async () => {
        const worker = spawnWorker();
        let exited = false;
        let onReply;
        let onCrash;
        worker.on('message', (reply) => {
            if (reply.kind === 'event')
                options.emit(reply.event);
            else
                onReply?.(reply);
        });
        worker.on('error', (error) => onCrash?.(error));
        worker.on('exit', (code) => {
            exited = true;
            onCrash?.(new Error(`a training worker stopped unexpectedly (exit code ${code})`));
        });
        try {
            while (next < plans.length && Atomics.load(abortFlag, 0) === 0) {
                if (exited)
                    throw new Error('a training worker stopped unexpectedly');
                const plan = plans[next++];
                const prepared = await data.take(plan);
                const reply = await new Promise((resolve, reject) => {
                    onReply = resolve;
                    onCrash = reject;
                    worker.postMessage({ kind: 'run', plan, data: prepared, abortFlag });
                });
                onReply = undefined;
                onCrash = undefined;
                if (reply.kind === 'done')
                    metas.set(reply.run, reply.meta);
                else if (reply.kind === 'failed')
                    fail(deserializeError(reply.error));
            }
        }
        catch (error) {
            fail(error);
        }
        finally {
            onCrash = undefined;
            if (!exited)
                await worker.terminate();
        }
    };
    try {
        await Promise.all(Array.from({ length: jobs }, lane));
    }
    finally {
        options.signal?.removeEventListener('abort', interrupt);
    }
    if (failure)
        throw failure;
    return plans.flatMap((plan) => (metas.has(plan.name) ? [metas.get(plan.name)] : []));
}
function deserializeError(error) {
    const out = error.exitCode !== undefined ? new PlateauDoctorError(error.message, { exitCode: error.exitCode }) : new Error(error.message);
    if (error.stack)
        out.stack = error.stack;
    return out;
}
/**
 * Starts a training worker. From compiled JS (dist/) the worker is `worker.js` next to this
 * file; from the TypeScript sources (vitest, tsx) it is `worker.ts`, loaded through tsx's
 * ESM loader registered inside the new thread (`tsx/esm/api` `register()`).
 */
function spawnWorker() {
    const here = import.meta.url;
    const workerData = { mark: WORKER_MARK };
    // Workers inherit the parent's Node flags; --input-type only applies to --eval/stdin code
    // and makes a worker fail to start.
    const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type'));
    if (here.endsWith('.ts')) {
        const workerUrl = new URL('./worker.ts', here).href;
        const tsxApi = pathToFileURL(tsxEsmApiPath(here)).href;
        const bootstrap = `import(${JSON.stringify(tsxApi)})` +
            `.then((tsx) => { (tsx.register ?? tsx.default.register)(); return import(${JSON.stringify(workerUrl)}); })` +
            `.catch((error) => { setImmediate(() => { throw error; }); });`;
        return new Worker(bootstrap, { eval: true, workerData, execArgv });
    }
    return new Worker(new URL('./worker.js', here), { workerData, execArgv });
}
/** tsx's ESM API entry (`tsx/esm/api` under the "import" condition; require.resolve gives the CommonJS twin). */
function tsxEsmApiPath(from) {
    const resolved = createRequire(fileURLToPath(from)).resolve('tsx/esm/api');
    const esm = resolved.replace(/\.cjs$/, '.mjs');
    return existsSync(esm) ? esm : resolved;
}
//# sourceMappingURL=compare.js.map