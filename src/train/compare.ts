import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PlateauDoctorError } from '../errors.js';
import type { RunMeta } from '../logs/run-log.js';
import { threadBackend, type BackendRequest } from './backend.js';
import { prepareTrainingData, type PrepareOptions, type TrainingData } from './batches.js';
import { loadDataset, type Dataset } from './data/datasets.js';
import type { RunEvent, RunPlan } from './events.js';
import type { LrController } from '../lr/controller.js';
import { checkPlan, trainTrunk, trunkKey, type TrunkTask } from './trainer.js';
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
   * Worker threads always use `createController` from src/lr/schedules.ts (functions cannot
   * cross threads). Default: that same `createController`.
   */
  createController?: (schedule: string, options: Record<string, unknown>) => LrController;
  /** Human-readable lines while loading data sets (which files, downloads, fallbacks). */
  log?: (line: string) => void;
  /** Already loaded data sets by plan.dataset (skips loading them). */
  datasets?: Partial<Record<RunPlan['dataset'], Dataset>>;
  /** Train and test on only the first N images (tests, benchmarks). Default: all. */
  limit?: PrepareOptions['limit'];
  /**
   * Train the common prefix of runs that differ only in their schedule once, forking each
   * run when its LR first differs (see `trainTrunk`). Default true; false trains every run
   * alone (for timing studies). The results are the same.
   */
  share?: boolean;
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
 * With `share` (the default), plans that differ only in their schedule are trained as one
 * trunk until their LRs differ (see `trainTrunk`); forks go back into the queue for any free
 * thread. The results are bit-identical to training each plan alone.
 *
 * A diverged run ends with status 'diverged' and the others go on. An error in a run (a bad
 * schedule option, a backend that cannot load) interrupts the others, lets them flush, and
 * is then thrown.
 */
export async function trainComparison(plans: readonly RunPlan[], options: ComparisonOptions): Promise<RunMeta[]> {
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
  const tasks = trunkTasks(plans, options.share ?? true);
  const data = new DataCache(tasks, options, jobs > 1);
  const queue = new TaskQueue(tasks, data);
  const metas = jobs === 1 ? await runSerial(queue, options, data) : await runParallel(queue, options, data, jobs, plans[0]?.backend ?? 'auto');
  const byName = new Map(metas.map((m) => [m.name, m]));
  return plans.flatMap((plan) => (byName.has(plan.name) ? [byName.get(plan.name)!] : []));
}

/** One task per trunk (plans that differ only in their schedule, in plan order), or one per plan without sharing. */
function trunkTasks(plans: readonly RunPlan[], share: boolean): TrunkTask[] {
  if (!share) return plans.map((plan) => ({ plans: [plan] }));
  const trunks = new Map<string, RunPlan[]>();
  for (const plan of plans) trunks.set(trunkKey(plan), [...(trunks.get(trunkKey(plan)) ?? []), plan]);
  return [...trunks.values()].map((group) => ({ plans: group }));
}

/**
 * The tasks waiting for a thread: trunks (runs not started yet) and forks (runs that left a
 * trunk and go on alone). `take` waits while the queue is empty but tasks still run (they
 * may fork); after an abort, trunks are dropped (their runs never start) but forks are still
 * handed out, so that their runs, already started, end as interrupted.
 */
class TaskQueue {
  private readonly tasks: TrunkTask[];
  private running = 0;
  private waiters: (() => void)[] = [];

  constructor(
    tasks: TrunkTask[],
    private readonly data: DataCache,
  ) {
    this.tasks = [...tasks];
  }

  async take(aborted: () => boolean): Promise<TrunkTask | undefined> {
    for (;;) {
      if (aborted()) {
        for (const dropped of this.tasks.filter((t) => !t.resume)) this.data.release(dropped.plans[0]!);
        this.tasks.splice(0, this.tasks.length, ...this.tasks.filter((t) => t.resume));
      }
      const task = this.tasks.shift();
      if (task) {
        this.running++;
        return task;
      }
      if (this.running === 0) return undefined;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** A fork from a running task (it needs the trunk's data, so the data is held for it). */
  push(task: TrunkTask): void {
    this.data.hold(task.plans[0]!);
    this.tasks.push(task);
    this.wake();
  }

  done(task: TrunkTask): void {
    this.running--;
    this.data.release(task.plans[0]!);
    this.wake();
  }

  private wake(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}

/** Loads each data set once and prepares each (data set, valSize, seed) once, releasing it when no task needs it any more. */
class DataCache {
  private readonly loaded = new Map<string, Promise<Dataset>>();
  private readonly prepared = new Map<string, TrainingData>();
  private readonly holders = new Map<string, number>();

  constructor(
    tasks: readonly TrunkTask[],
    private readonly options: ComparisonOptions,
    private readonly shared: boolean,
  ) {
    for (const task of tasks) this.hold(task.plans[0]!);
  }

  private key(plan: RunPlan): string {
    return JSON.stringify([plan.dataset, plan.dataDir, plan.valSize, plan.seed]);
  }

  hold(plan: RunPlan): void {
    this.holders.set(this.key(plan), (this.holders.get(this.key(plan)) ?? 0) + 1);
  }

  release(plan: RunPlan): void {
    const key = this.key(plan);
    const left = (this.holders.get(key) ?? 1) - 1;
    this.holders.set(key, left);
    if (left <= 0) this.prepared.delete(key);
  }

  async take(plan: RunPlan): Promise<TrainingData> {
    const key = this.key(plan);
    let data = this.prepared.get(key);
    if (!data) {
      const dataset = await this.dataset(plan);
      data = prepareTrainingData(dataset, { valSize: plan.valSize, seed: plan.seed, shared: this.shared, limit: this.options.limit });
      this.prepared.set(key, data);
    }
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

async function runSerial(queue: TaskQueue, options: ComparisonOptions, data: DataCache): Promise<RunMeta[]> {
  const metas: RunMeta[] = [];
  const aborted = () => options.signal?.aborted === true;
  for (let task = await queue.take(aborted); task; task = await queue.take(aborted)) {
    try {
      const plan = task.plans[0]!;
      const done = await trainTrunk(task, {
        createController: options.createController,
        emit: options.emit,
        signal: options.signal,
        data: await data.take(plan),
        backend: await threadBackend(plan.backend),
        onFork: (fork) => queue.push(fork),
      });
      metas.push(...done);
    } finally {
      queue.done(task);
    }
  }
  return metas;
}

async function runParallel(queue: TaskQueue, options: ComparisonOptions, data: DataCache, jobs: number, warmBackend: BackendRequest): Promise<RunMeta[]> {
  const abortFlag = new Int32Array(new SharedArrayBuffer(4));
  const interrupt = () => Atomics.store(abortFlag, 0, 1);
  if (options.signal?.aborted) interrupt();
  options.signal?.addEventListener('abort', interrupt, { once: true });
  const aborted = () => Atomics.load(abortFlag, 0) !== 0;

  const metas: RunMeta[] = [];
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    interrupt();
  };

  const lane = async () => {
    let worker: Worker | undefined;
    let exited = false;
    let onReply: ((reply: WorkerReply) => void) | undefined;
    let onCrash: ((error: Error) => void) | undefined;
    const start = () => {
      const w = spawnWorker();
      w.on('message', (reply: WorkerReply) => {
        if (reply.kind === 'event') options.emit(reply.event);
        else if (reply.kind === 'fork') queue.push(reply.task);
        else onReply?.(reply);
      });
      w.on('error', (error) => onCrash?.(error));
      w.on('exit', (code) => {
        exited = true;
        onCrash?.(new Error(`a training worker stopped unexpectedly (exit code ${code})`));
      });
      return w;
    };
    try {
      // Started at once, not when the first fork arrives: its start-up (tfjs, wasm) then
      // overlaps the trunk's first epochs instead of delaying the fork.
      worker = start();
      worker.postMessage({ kind: 'warm', backend: warmBackend } satisfies WorkerRequest);
      for (let task = await queue.take(aborted); task; task = await queue.take(aborted)) {
        try {
          if (exited) throw new Error('a training worker stopped unexpectedly');
          const prepared = await data.take(task.plans[0]!);
          const reply = await new Promise<WorkerReply>((resolve, reject) => {
            onReply = resolve;
            onCrash = reject;
            worker!.postMessage({ kind: 'run', task, data: prepared, abortFlag } satisfies WorkerRequest);
          });
          if (reply.kind === 'done') metas.push(...reply.metas);
          else if (reply.kind === 'failed') fail(deserializeError(reply.error));
        } finally {
          onReply = undefined;
          onCrash = undefined;
          queue.done(task);
        }
      }
    } catch (error) {
      fail(error as Error);
    } finally {
      onCrash = undefined;
      if (worker && !exited) await worker.terminate();
    }
  };

  try {
    await Promise.all(Array.from({ length: jobs }, lane));
  } finally {
    options.signal?.removeEventListener('abort', interrupt);
  }
  if (failure) throw failure;
  return metas;
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
