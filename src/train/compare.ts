import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PlateauDoctorError } from '../errors.js';
import type { RunMeta } from '../logs/run-log.js';
import { createController as defaultCreateController } from '../lr/schedules.js';
import { selectBackend, type BackendRequest, type SelectedBackend } from './backend.js';
import { prepareTrainingData, type PrepareOptions, type TrainingData } from './batches.js';
import { loadDataset, type Dataset } from './data/datasets.js';
import type { RunEvent, RunPlan } from './events.js';
import type { LrController } from '../lr/controller.js';
import { checkPlan, trainRun } from './trainer.js';
import { WORKER_MARK, type SerializedError, type WorkerReply, type WorkerRequest } from './worker.js';

export interface ComparisonOptions {
  /** Runs trained at the same time, each in its own worker thread. Default `os.availableParallelism()`; 1 trains in this thread, one run after another. */
  jobs?: number;
  /** Receives every run's events; events of one run arrive in order, runs interleave. */
  emit: (event: RunEvent) => void;
  /** Aborting interrupts every running run after its current step; runs not started yet are skipped. */
  signal?: AbortSignal;
  /**
   * Builds a run's LR controller from its plan, for runs trained in this thread (jobs 1).
   * Worker threads always use `createController` from src/schedules.ts (functions cannot
   * cross threads). Default: that same `createController`.
   */
  createController?: (schedule: string, options: Record<string, unknown>) => LrController;
  /** Human-readable lines while loading data sets (which files, downloads, fallbacks). */
  log?: (line: string) => void;
  /** Already loaded data sets by plan.dataset (skips loading them). */
  datasets?: Partial<Record<RunPlan['dataset'], Dataset>>;
  /** Train and test on only the first N images (tests, benchmarks). Default: all. */
  limit?: PrepareOptions['limit'];
}

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
export async function runComparison(plans: readonly RunPlan[], options: ComparisonOptions): Promise<RunMeta[]> {
  const names = new Set<string>();
  for (const plan of plans) {
    checkPlan(plan);
    if (names.has(plan.name)) throw new PlateauDoctorError(`two runs are named "${plan.name}"; run names must be unique`);
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
  private readonly loaded = new Map<string, Promise<Dataset>>();
  private readonly prepared = new Map<string, TrainingData>();
  private readonly remaining = new Map<string, number>();

  constructor(
    plans: readonly RunPlan[],
    private readonly options: ComparisonOptions,
    private readonly shared: boolean,
  ) {
    for (const plan of plans) this.remaining.set(this.key(plan), (this.remaining.get(this.key(plan)) ?? 0) + 1);
  }

  private key(plan: RunPlan): string {
    return JSON.stringify([plan.dataset, plan.dataDir, plan.valSize, plan.seed]);
  }

  async take(plan: RunPlan): Promise<TrainingData> {
    const key = this.key(plan);
    let data = this.prepared.get(key);
    if (!data) {
      const dataset = await this.dataset(plan);
      data = prepareTrainingData(dataset, { valSize: plan.valSize, seed: plan.seed, shared: this.shared, limit: this.options.limit });
      this.prepared.set(key, data);
    }
    const left = (this.remaining.get(key) ?? 1) - 1;
    this.remaining.set(key, left);
    if (left <= 0) this.prepared.delete(key);
    return data;
  }

  private dataset(plan: RunPlan): Promise<Dataset> {
    const given = this.options.datasets?.[plan.dataset];
    if (given) return Promise.resolve(given);
    const key = JSON.stringify([plan.dataset, plan.dataDir]);
    let promise = this.loaded.get(key);
    if (!promise) {
      promise = loadDataset({ dataset: plan.dataset, dataDir: plan.dataDir, log: this.options.log });
      this.loaded.set(key, promise);
    }
    return promise;
  }
}

async function runSerial(plans: readonly RunPlan[], options: ComparisonOptions, data: DataCache): Promise<RunMeta[]> {
  const create = options.createController ?? defaultCreateController;
  const backends = new Map<BackendRequest, SelectedBackend>();
  const metas: RunMeta[] = [];
  for (const plan of plans) {
    if (options.signal?.aborted) break;
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

async function runParallel(plans: readonly RunPlan[], options: ComparisonOptions, data: DataCache, jobs: number): Promise<RunMeta[]> {
  const abortFlag = new Int32Array(new SharedArrayBuffer(4));
  const interrupt = () => Atomics.store(abortFlag, 0, 1);
  if (options.signal?.aborted) interrupt();
  options.signal?.addEventListener('abort', interrupt, { once: true });

  const metas = new Map<string, RunMeta>();
  let failure: Error | undefined;
  let next = 0;

  const fail = (error: Error) => {
    failure ??= error;
    interrupt();
  };

  const lane = async () => {
    const worker = spawnWorker();
    let exited = false;
    let onReply: ((reply: WorkerReply) => void) | undefined;
    let onCrash: ((error: Error) => void) | undefined;
    worker.on('message', (reply: WorkerReply) => {
      if (reply.kind === 'event') options.emit(reply.event);
      else onReply?.(reply);
    });
    worker.on('error', (error) => onCrash?.(error));
    worker.on('exit', (code) => {
      exited = true;
      onCrash?.(new Error(`a training worker stopped unexpectedly (exit code ${code})`));
    });
    try {
      while (next < plans.length && Atomics.load(abortFlag, 0) === 0) {
        if (exited) throw new Error('a training worker stopped unexpectedly');
        const plan = plans[next++];
        const prepared = await data.take(plan);
        const reply = await new Promise<WorkerReply>((resolve, reject) => {
          onReply = resolve;
          onCrash = reject;
          worker.postMessage({ kind: 'run', plan, data: prepared, abortFlag } satisfies WorkerRequest);
        });
        onReply = undefined;
        onCrash = undefined;
        if (reply.kind === 'done') metas.set(reply.run, reply.meta);
        else if (reply.kind === 'failed') fail(deserializeError(reply.error));
      }
    } catch (error) {
      fail(error as Error);
    } finally {
      onCrash = undefined;
      if (!exited) await worker.terminate();
    }
  };

  try {
    await Promise.all(Array.from({ length: jobs }, lane));
  } finally {
    options.signal?.removeEventListener('abort', interrupt);
  }
  if (failure) throw failure;
  return plans.flatMap((plan) => (metas.has(plan.name) ? [metas.get(plan.name)!] : []));
}

function deserializeError(error: SerializedError): Error {
  const out = error.exitCode !== undefined ? new PlateauDoctorError(error.message, { exitCode: error.exitCode }) : new Error(error.message);
  if (error.stack) out.stack = error.stack;
  return out;
}

/**
 * Starts a training worker. From compiled JS (dist/) the worker is `worker.js` next to this
 * file; from the TypeScript sources (vitest, tsx) it is `worker.ts`, loaded through tsx's
 * ESM loader registered inside the new thread (`tsx/esm/api` `register()`).
 */
function spawnWorker(): Worker {
  const here = import.meta.url;
  const workerData = { mark: WORKER_MARK };
  // Workers inherit the parent's Node flags; --input-type only applies to --eval/stdin code
  // and makes a worker fail to start.
  const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type'));
  if (here.endsWith('.ts')) {
    const workerUrl = new URL('./worker.ts', here).href;
    const tsxApi = pathToFileURL(tsxEsmApiPath(here)).href;
    const bootstrap =
      `import(${JSON.stringify(tsxApi)})` +
      `.then((tsx) => { (tsx.register ?? tsx.default.register)(); return import(${JSON.stringify(workerUrl)}); })` +
      `.catch((error) => { setImmediate(() => { throw error; }); });`;
    return new Worker(bootstrap, { eval: true, workerData, execArgv });
  }
  return new Worker(new URL('./worker.js', here), { workerData, execArgv });
}

/** tsx's ESM API entry (`tsx/esm/api` under the "import" condition; require.resolve gives the CommonJS twin). */
function tsxEsmApiPath(from: string): string {
  const resolved = createRequire(fileURLToPath(from)).resolve('tsx/esm/api');
  const esm = resolved.replace(/\.cjs$/, '.mjs');
  return existsSync(esm) ? esm : resolved;
}
