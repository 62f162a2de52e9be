import { PlateauDoctorError } from '../errors.js';
import type { EpochRecord, RunMeta, RunStatus, StepRecord } from '../logs/run-log.js';
import { VERSION } from '../version.js';
import { selectBackend, type SelectedBackend } from './backend.js';
import { EpochBatches, prepareTrainingData, type BatchesState, type TrainingData } from './batches.js';
import { loadDataset, type Dataset } from './data/datasets.js';
import { averageHorizonOf, type RunEvent, type RunPlan } from './events.js';
import { EpochEvaluator } from './epoch-eval.js';
import type { LrController, LrControllerStart, LrDecision } from '../lr/controller.js';
import { lrChange } from '../lr/lr-change.js';
import { divergedMessage, RunGuard } from '../lr/run-guard.js';
import { createController } from '../lr/schedules.js';
import { initMlpWeights, SIMPLE_NN, SimpleNN, type MlpShape, type ModelState } from './model.js';
import { Rng } from '../rng.js';
import { checkPlan } from './plan-check.js';

export interface TrainRunOptions {
  /** Sets the LR: a wrapped scheduler, the detector's `doctor`, or a constant. */
  controller: LrController;
  /** Receives the run's events, in order (see RunEvent). */
  emit: (event: RunEvent) => void;
  /** Aborting finishes the current step, flushes the logged steps and ends the run as 'interrupted'. */
  signal?: AbortSignal;
  /** A flag another thread sets (to non-zero) to interrupt the run, checked after every step. */
  abortFlag?: Int32Array;
  /** Prepared data (normalised, split); skips loading. Must match the plan's valSize and seed. */
  data?: TrainingData;
  /** A loaded data set to prepare; used when `data` is absent. Default: load `plan.dataset` from `plan.dataDir`. */
  dataset?: Dataset;
  /** An already selected backend. Default: `selectBackend(plan.backend)`. */
  backend?: SelectedBackend;
  /** Steps per 'steps' event. Default 100 (also flushed at every epoch end and LR change). */
  stepBlock?: number;
  /** Human-readable lines while loading the data set (which files, downloads, fallbacks). */
  log?: (line: string) => void;
}

/** How often (ms) an in-process run lets the event loop turn, so that Ctrl-C and aborts get through. */
const YIELD_EVERY_MS = 100;

export { checkPlan };

/** The options of `trainTrunk`: those of `trainRun`, with controllers built from the plans. */
export interface TrainTrunkOptions extends Omit<TrainRunOptions, 'controller'> {
  /** The runs' controllers, in the task's plan order (a fresh task only). Default: built with `createController`. */
  controllers?: LrController[];
  /** Builds a run's controller from its schedule. Default: `createController` of src/lr/schedules.ts. */
  createController?: (schedule: string, options: Record<string, unknown>) => LrController;
  /**
   * Receives the runs that leave the trunk (a new task, to train with `trainTrunk` here or in
   * another thread). Required when the task holds several plans.
   */
  onFork?: (task: TrunkTask) => void;
}

/** One call the trunk made to every attached controller: `onStep(step, loss, lr)` or `onEpoch(record)` (test fields NaN). */
export type ControllerCall = { step: number; loss: number; lr: number } | { record: EpochRecord };

/** Where a forked task continues: everything a run alone would hold at that point (plain data; it crosses threads). */
export interface TrunkResume {
  /** The runs' metadata as logged so far (same order as the task's plans). */
  metas: RunMeta[];
  model: ModelState;
  batches: BatchesState;
  /**
   * The next epoch and batch index (0: the epoch's shuffle is still to come), the last step
   * done, the LR from here on, the LR the epoch started with, the epoch's loss sums so far.
   */
  at: { epoch: number; batch: number; step: number; lr: number; epochLr: number; lossSum: number; lossCount: number; samples: number; firstLoss?: number };
  /** Seconds so far: the whole run, its completed epochs' training loops, and the current epoch. */
  clock: { totalSeconds: number; trainSeconds: number; epochSeconds: number };
  /** Every controller call so far, in order: replayed to rebuild the runs' controllers exactly. */
  calls: ControllerCall[];
  /** The epoch records so far (an early stop's final evaluation is one of them). */
  records?: EpochRecord[];
}

/**
 * Runs trained together on one model: the plans must agree on everything but the schedule
 * (see `trunkKey`). Without `resume` it starts from the initial weights.
 */
export interface TrunkTask {
  plans: RunPlan[];
  resume?: TrunkResume;
}

/** What runs must share to be trained on one trunk: data, validation split, seed, initial LR, batch size, epochs, backend, averaging horizon. */
export function trunkKey(plan: RunPlan): string {
  return JSON.stringify([plan.dataset, plan.dataDir, plan.valSize, plan.seed, plan.lr, plan.batchSize, plan.epochs, plan.backend, averageHorizonOf(plan)]);
}

/** The averaging horizon in steps for `SimpleNN` (at least 1), or undefined when the plan keeps no average. */
export function averageHorizonSteps(plan: RunPlan, stepsPerEpoch: number): number | undefined {
  const epochs = averageHorizonOf(plan);
  return epochs > 0 ? Math.max(1, epochs * stepsPerEpoch) : undefined;
}

/**
 * Trains the seed's SimpleNN for one plan and reports everything through `emit`:
 * 'start' (RunMeta with config, backend, versions, data set), 'steps' blocks (every step's
 * batch loss and the LR it used), 'lr-change' when the controller returns a decision,
 * 'epoch' after each epoch's evaluation (validation when valSize > 0, and test), 'message',
 * and 'end' with the final RunMeta (status completed, interrupted or diverged).
 *
 * LR control: `controller.onStep(step, loss, lr)` sees every step's loss right after the
 * step (the loss is computed on the CPU from the batch's logits, so no extra synchronisation
 * is needed on wasm/cpu); a decision applies from the next step. `controller.onEpoch(record)`
 * runs after the epoch's evaluation; its decision applies from the next epoch's first step,
 * and the epoch record's `lr` is the LR its last step used.
 *
 * Determinism: initial weights come from `Rng(seed)`, the data order from its own stream
 * (`EpochBatches`), so runs with the same seed are identical until their LRs differ.
 */
export async function trainRun(plan: RunPlan, options: TrainRunOptions): Promise<RunMeta> {
  const { controller, ...rest } = options;
  const [meta] = await trainTrunk({ plans: [plan] }, { ...rest, controllers: [controller] });
  return meta!;
}

/**
 * Trains several runs that agree on everything but their schedule as one model (a trunk):
 * every run's controller sees every step and epoch, each with its own state, exactly as when
 * trained alone, and every run's events are emitted as if it trained alone. When some
 * controllers ask for another LR than the trunk's, those runs leave (`onFork` gets a task
 * with a copy of the weights, the optimizer state, the position in the data order and the
 * controller calls so far; runs asking for the same LR leave together, as a new trunk); when
 * none keeps the trunk's LR, the trunk goes on as the first of them. Returns the final
 * RunMeta of the runs that ended on this trunk, in plan order.
 *
 * Results are bit-identical to `trainRun` of each plan: same step losses, LRs, epoch
 * metrics and LR changes (tested). A resumed task rebuilds its controllers by replaying
 * `resume.calls`, so it may continue in another thread.
 */
export async function trainTrunk(task: TrunkTask, options: TrainTrunkOptions): Promise<RunMeta[]> {
  const { plans, resume } = task;
  const plan = plans[0];
  if (!plan) throw new Error('trainTrunk: a task needs at least one plan');
  for (const p of plans) {
    checkPlan(p);
    if (trunkKey(p) !== trunkKey(plan)) throw new Error(`trainTrunk: runs "${plan.name}" and "${p.name}" differ in more than their schedule`);
  }
  if (plans.length > 1 && !options.onFork) throw new Error('trainTrunk: a task of several runs needs onFork');
  const started = performance.now() - (resume?.clock.totalSeconds ?? 0) * 1000;
  const backend = options.backend ?? (await selectBackend(plan.backend));
  const data =
    options.data ??
    prepareTrainingData(
      options.dataset ?? (await loadDataset({ dataset: plan.dataset, dataDir: plan.dataDir, log: options.log })),
      { valSize: plan.valSize, seed: plan.seed },
    );
  if (data.info.valSize !== plan.valSize) {
    throw new Error(`trainRun: the prepared data holds ${data.info.valSize} validation images but the plan asks for ${plan.valSize}`);
  }

  const shape = { ...SIMPLE_NN, inputs: data.inputs, classes: data.classes };
  const horizonSteps = averageHorizonSteps(plan, Math.ceil(data.train.count / plan.batchSize));
  const model = new SimpleNN(backend.tf, resume?.model ?? initMlpWeights(new Rng(plan.seed), shape), resume ? {} : { averageHorizonSteps: horizonSteps });
  const batches = new EpochBatches(data.train, data.inputs, plan.batchSize, plan.seed, model.rowStride);
  if (resume) batches.restore(resume.batches);
  const info: LrControllerStart = { initialLr: plan.lr, stepsPerEpoch: batches.stepsPerEpoch, epochs: plan.epochs, classes: data.classes };
  const create = options.createController ?? createController;

  let members: Member[];
  if (resume) {
    members = plans.map((p, i) => ({ plan: p, meta: resume.metas[i]!, controller: replayed(create(p.schedule, p.scheduleOptions), info, resume.calls) }));
  } else {
    const controllers = options.controllers ?? plans.map((p) => create(p.schedule, p.scheduleOptions));
    const startedAt = new Date().toISOString();
    members = plans.map((p, i) => ({ plan: p, controller: controllers[i]!, meta: newMeta(p, { backend, data, shape, startedAt, stepsPerEpoch: batches.stepsPerEpoch, shared: plans.length > 1 }) }));
    for (const m of members) options.emit({ kind: 'start', run: m.plan.name, meta: structuredClone(m.meta) });
    for (const m of members) m.controller.start?.(info);
  }

  const evaluator = new EpochEvaluator(data, plan.seed, model.averaging);
  const trunk = new Trunk(members, { model, batches, data, evaluator, options, started, resume, epochs: plan.epochs, lr: plan.lr });
  try {
    await trunk.train();
  } finally {
    trunk.flush();
    model.dispose();
  }
  return trunk.end();
}

/** Runs leaving a trunk together: they asked for the same new LR at the same point. */
interface Leaving {
  lr: number;
  members: Member[];
}

interface Member {
  plan: RunPlan;
  controller: LrController;
  meta: RunMeta;
}

/** A controller brought to the state it had after `calls` (its messages dropped: the trunk already emitted them). */
function replayed(controller: LrController, info: LrControllerStart, calls: readonly ControllerCall[]): LrController {
  controller.start?.(info);
  for (const call of calls) {
    if ('record' in call) controller.onEpoch?.(call.record);
    else controller.onStep?.(call.step, call.loss, call.lr);
    controller.drainMessages?.();
  }
  return controller;
}

function newMeta(
  plan: RunPlan,
  ctx: { backend: SelectedBackend; data: TrainingData; shape: MlpShape; startedAt: string; stepsPerEpoch: number; shared: boolean },
): RunMeta {
  const { backend, data, shape } = ctx;
  return {
    name: plan.name,
    schedule: plan.schedule,
    seed: plan.seed,
    status: 'running',
    config: {
      schedule: plan.schedule,
      scheduleOptions: plan.scheduleOptions,
      epochs: plan.epochs,
      lr: plan.lr,
      batchSize: plan.batchSize,
      valSize: plan.valSize,
      dataset: plan.dataset,
      dataDir: plan.dataDir,
      backendRequested: plan.backend,
      stepsPerEpoch: ctx.stepsPerEpoch,
      averageHorizon: averageHorizonOf(plan),
      averageHorizonSteps: averageHorizonSteps(plan, ctx.stepsPerEpoch) ?? 0,
      finalWeights: plan.finalWeights ?? 'raw',
      model: `SimpleNN ${shape.inputs}-${shape.hidden}-relu-${shape.classes}`,
      optimizer: 'SGD (no momentum, no weight decay)',
      loss: 'softmax cross-entropy, mean over the batch',
    },
    backend: backend.name,
    ...(backend.skipped.length > 0 ? { backendSkipped: [...backend.skipped] } : {}),
    versions: { 'plateau-doctor': VERSION, ...backend.versions },
    dataset: data.info,
    startedAt: ctx.startedAt,
    finishedAt: null,
    timings: { totalSeconds: 0, trainSeconds: 0 },
    samplesPerSecond: 0,
    final: { trainLoss: null, valLoss: null, valAccuracy: null, testLoss: null, testAccuracy: null },
    ...(ctx.shared ? { sharing: { sharedSteps: 0, forks: [] } } : {}),
  };
}

interface TrunkSetup {
  model: SimpleNN;
  batches: EpochBatches;
  data: TrainingData;
  evaluator: EpochEvaluator;
  options: TrainTrunkOptions;
  /** performance.now() when the runs started (earlier than now for a resumed task). */
  started: number;
  resume: TrunkResume | undefined;
  epochs: number;
  lr: number;
}

/** The training loop of `trainTrunk` and its state. */
class Trunk {
  private lr: number;
  private step: number;
  private samples: number;
  private trainSeconds: number;
  private pending: StepRecord[] = [];
  private status: RunStatus = 'completed';
  private message: string | undefined;
  private lastYield = performance.now();
  /** Every controller call, kept while runs may still leave (more than one attached). */
  private readonly calls: ControllerCall[] | null;
  private readonly emit: (event: RunEvent) => void;
  /** Stops the run on a non-finite loss or one out of every sane range (lr/run-guard.ts). */
  private readonly guard: RunGuard;
  /** The epoch records so far (with test fields), for an early stop's final evaluation. */
  private readonly records: EpochRecord[];
  /** Runs whose controller stopped them after the current epoch (ended once its events are out), and those ended so far. */
  private stopping: Array<{ member: Member; stop: NonNullable<LrDecision['stop']>; reason: string }> = [];
  private readonly ended: RunMeta[] = [];
  /** The runs' names in plan order (the order `end` returns them in). */
  private readonly order: string[];

  constructor(
    private members: Member[],
    private readonly setup: TrunkSetup,
  ) {
    const { resume } = setup;
    this.lr = resume?.at.lr ?? setup.lr;
    this.step = resume?.at.step ?? 0;
    this.samples = resume?.at.samples ?? 0;
    this.trainSeconds = resume?.clock.trainSeconds ?? 0;
    this.calls = members.length > 1 ? [...(resume?.calls ?? [])] : null;
    this.guard = new RunGuard(setup.data.classes, resume?.at.firstLoss);
    this.emit = setup.options.emit;
    this.records = [...(resume?.records ?? [])];
    this.order = members.map((m) => m.plan.name);
  }

  async train(): Promise<void> {
    const { batches, model, data, resume, epochs } = this.setup;
    const stepBlock = this.setup.options.stepBlock ?? 100;
    for (let epoch = resume?.at.epoch ?? 1; epoch <= epochs; epoch++) {
      const resumed = resume !== undefined && epoch === resume.at.epoch;
      const firstBatch = resumed ? resume.at.batch : 0;
      const epochStart = performance.now() - (resumed ? resume.clock.epochSeconds * 1000 : 0);
      if (firstBatch === 0) batches.shuffle();
      let lossSum = resumed ? resume.at.lossSum : 0;
      let lossCount = resumed ? resume.at.lossCount : 0;
      // The LR in effect during the epoch (its first step's); a change decided during it is an lr-change event.
      const epochLr = resumed ? resume.at.epochLr : this.lr;
      for (let b = firstBatch; b < batches.stepsPerEpoch; b++) {
        if (this.aborted()) return this.stop('interrupted', `interrupted during epoch ${epoch} after step ${this.step}`, epochStart);
        const { x, labels } = batches.batch(b);
        const loss = model.trainStep(x, labels, this.lr);
        this.step++;
        this.samples += labels.length;
        this.pending.push({ step: this.step, epoch, loss, lr: this.lr });
        for (let i = 1; i < this.members.length; i++) this.members[i]!.meta.sharing!.sharedSteps++;
        const diverged = this.guard.check(loss);
        if (diverged) return this.stop('diverged', divergedMessage(diverged, { step: this.step, epoch, lr: this.lr }, data.classes), epochStart);
        lossSum += loss * labels.length;
        lossCount += labels.length;
        const leaving = this.decide({ step: this.step, loss, lr: this.lr }, epoch, true);
        if (leaving) {
          const epochSeconds = (performance.now() - epochStart) / 1000;
          this.fork(leaving, { epoch, batch: b + 1, epochLr, lossSum, lossCount, epochSeconds });
        }
        if (this.pending.length >= stepBlock) this.flush();
        await this.maybeYield();
      }
      this.trainSeconds += (performance.now() - epochStart) / 1000;
      this.flush();

      const { val, test, average } = this.setup.evaluator.evaluate(model);
      const record: EpochRecord = {
        epoch,
        trainLoss: lossSum / lossCount,
        valLoss: val ? val.loss : null,
        valAccuracy: val ? val.accuracy : null,
        testLoss: test.loss,
        testAccuracy: test.accuracy,
        lr: epochLr,
        seconds: (performance.now() - epochStart) / 1000,
        ...(average ? { average } : {}),
      };
      this.records.push(record);
      for (const m of this.members) m.meta.final = finalOf(record, m.plan.finalWeights ?? 'raw');
      // Controllers never see the test set (the averaged weights' either). A change decided
      // after the last epoch would apply to no step, so it is not made (PyTorch's loop would
      // step the scheduler anyway). Controllers get the LR in effect now (after any change
      // made during the epoch).
      const leaving = this.decide({ record: controllerView(record, this.lr) }, epoch, epoch < epochs);
      for (const m of [...this.members, ...(leaving ?? []).flatMap((g) => g.members), ...this.stopping.map((s) => s.member)]) this.emit({ kind: 'epoch', run: m.plan.name, record });
      if (leaving) this.fork(leaving, { epoch: epoch + 1, batch: 0, epochLr: Number.NaN, lossSum: 0, lossCount: 0, epochSeconds: 0 });
      this.endStopped(epoch);
      if (this.members.length === 0) return;
    }
  }

  /** Ends the runs whose controller stopped them after `epoch`: final evaluation from the kept epoch's record. */
  private endStopped(epoch: number): void {
    for (const { member, stop, reason } of this.stopping.splice(0)) {
      const kept = this.records.find((r) => r.epoch === stop.keepEpoch) ?? this.records[this.records.length - 1]!;
      const avg = stop.weights === 'averaged' ? kept.average : undefined;
      const weights = avg ? 'averaged' : 'raw';
      member.meta.final = finalOf(kept, weights);
      member.meta.earlyStop = { afterEpoch: epoch, keepEpoch: kept.epoch, weights, reason };
      const message = `stopped early after epoch ${epoch} (${reason}); final evaluation: the ${weights} weights of epoch ${kept.epoch}`;
      this.ended.push(this.finish(member.meta, 'completed', message));
    }
  }

  /**
   * Makes one controller call on every attached run and applies the decisions (an LR change
   * is logged for its run only). Returns the groups of runs that leave the trunk (by the LR
   * they asked for, plan order), or null. When no run keeps the trunk's LR, the trunk goes on
   * as the first group.
   */
  private decide(call: ControllerCall, epoch: number, apply: boolean): Leaving[] | null {
    this.calls?.push(call);
    const at = { step: this.step, epoch, lr: this.lr };
    let changes = this.members.map((m) => {
      const c = m.controller;
      const decision = 'record' in call ? c.onEpoch?.(call.record) : c.onStep?.(call.step, call.loss, call.lr);
      if (apply && decision?.stop && 'record' in call) {
        this.stopping.push({ member: m, stop: decision.stop, reason: decision.reason });
        return undefined;
      }
      return apply ? lrChange(c.name, decision, at) : undefined;
    });
    const changed = changes.some((c) => c !== undefined);
    if (changed) this.flush();
    this.members.forEach((m, i) => {
      const change = changes[i];
      if (change) this.emit({ kind: 'lr-change', run: m.plan.name, event: change });
      for (const text of m.controller.drainMessages?.() ?? []) this.emit({ kind: 'message', run: m.plan.name, text });
    });
    // Runs stopped by their controller leave the trunk (ended after this epoch's events).
    const stopped = new Set(this.stopping.map((s) => s.member));
    const kept = this.members.map((_, i) => i).filter((i) => !stopped.has(this.members[i]!));
    if (kept.length < this.members.length) {
      this.members = kept.map((i) => this.members[i]!);
      changes = kept.map((i) => changes[i]);
    }
    if (!changed) return null;

    const staying = this.members.filter((_, i) => changes[i] === undefined);
    const byLr = new Map<number, Member[]>();
    this.members.forEach((m, i) => {
      const change = changes[i];
      if (change) byLr.set(change.newLr, [...(byLr.get(change.newLr) ?? []), m]);
    });
    const groups = [...byLr.entries()];
    if (staying.length > 0) {
      this.members = staying;
    } else {
      const [lr, first] = groups.shift()!;
      this.members = first;
      this.lr = lr;
    }
    if (groups.length === 0) return null;
    const from = this.members[0]!.plan.name;
    for (const [, group] of groups) for (const m of group) m.meta.sharing?.forks.push({ from, step: this.step, epoch });
    return groups.map(([lr, group]) => ({ lr, members: group }));
  }

  /** Hands each leaving group to `onFork`, with a copy of the training state, to continue at `next`. */
  private fork(groups: Leaving[], next: { epoch: number; batch: number; epochLr: number; lossSum: number; lossCount: number; epochSeconds: number }): void {
    const onFork = this.setup.options.onFork;
    if (!onFork) throw new Error('trainTrunk: runs left the trunk but there is no onFork');
    const model = this.setup.model.snapshot();
    const batches = this.setup.batches.snapshot();
    const clock = { totalSeconds: (performance.now() - this.setup.started) / 1000, trainSeconds: this.trainSeconds, epochSeconds: next.epochSeconds };
    for (const { lr, members } of groups) {
      for (const m of members) {
        const sharing = m.meta.sharing!;
        this.emit({ kind: 'fork', run: m.plan.name, fork: sharing.forks.at(-1)!, sharedSteps: sharing.sharedSteps });
      }
      onFork({
        plans: members.map((m) => m.plan),
        resume: {
          metas: members.map((m) => m.meta),
          model,
          batches,
          at: {
            epoch: next.epoch,
            batch: next.batch,
            step: this.step,
            lr,
            epochLr: next.batch === 0 ? lr : next.epochLr,
            lossSum: next.lossSum,
            lossCount: next.lossCount,
            samples: this.samples,
            ...(this.guard.firstLoss !== null ? { firstLoss: this.guard.firstLoss } : {}),
          },
          clock,
          calls: this.calls ? [...this.calls] : [],
          records: [...this.records],
        },
      });
    }
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const steps = this.pending;
    this.pending = [];
    for (const m of this.members) this.emit({ kind: 'steps', run: m.plan.name, steps });
  }

  private aborted(): boolean {
    const { signal, abortFlag } = this.setup.options;
    return signal?.aborted === true || (abortFlag !== undefined && Atomics.load(abortFlag, 0) !== 0);
  }

  /** In this thread, lets the event loop turn every ~100 ms so that Ctrl-C gets through (a worker reads its abort flag instead). */
  private async maybeYield(): Promise<void> {
    if (this.setup.options.abortFlag || performance.now() - this.lastYield <= YIELD_EVERY_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.lastYield = performance.now();
  }

  private stop(status: RunStatus, message: string, epochStart: number): void {
    this.status = status;
    this.message = message;
    this.trainSeconds += (performance.now() - epochStart) / 1000;
  }

  /** Ends every run still on the trunk: final metadata, 'message' (why it stopped early), 'end'. */
  end(): RunMeta[] {
    const metas = [...this.ended, ...this.members.map(({ meta }) => this.finish(meta, this.status, this.message))];
    return metas.sort((a, b) => this.order.indexOf(a.name) - this.order.indexOf(b.name));
  }

  /** Ends one run: status, message (why it stopped early), timings, 'end'. */
  private finish(meta: RunMeta, status: RunStatus, message: string | undefined): RunMeta {
    const timings = { totalSeconds: round((performance.now() - this.setup.started) / 1000, 4), trainSeconds: round(this.trainSeconds, 4) };
    const samplesPerSecond = this.trainSeconds > 0 ? Math.round(this.samples / this.trainSeconds) : 0;
    meta.status = status;
    if (message !== undefined) {
      meta.message = message;
      this.emit({ kind: 'message', run: meta.name, text: message });
    }
    Object.assign(meta, { finishedAt: new Date().toISOString(), timings, samplesPerSecond });
    this.emit({ kind: 'end', run: meta.name, meta: structuredClone(meta) });
    return meta;
  }
}

/**
 * The run's final metrics after an epoch (`RunMeta.final`): those of `weights` (the raw ones
 * unless asked otherwise and the run keeps an average), with the averaged weights' beside
 * (and the raw ones', when the averaged are the final ones).
 */
function finalOf(record: EpochRecord, weights: 'raw' | 'averaged'): RunMeta['final'] {
  const { trainLoss, average } = record;
  const raw = { valLoss: record.valLoss, valAccuracy: record.valAccuracy, testLoss: record.testLoss, testAccuracy: record.testAccuracy };
  if (!average) return { trainLoss, ...raw };
  const averaged = { valLoss: average.valLoss, valAccuracy: average.valAccuracy, testLoss: average.testLoss, testAccuracy: average.testAccuracy };
  return weights === 'averaged' ? { trainLoss, ...averaged, weights, averaged, raw } : { trainLoss, ...raw, weights, averaged };
}

/** The epoch record a controller sees: the LR in effect now, the test fields (raw and averaged) NaN. */
function controllerView(record: EpochRecord, lr: number): EpochRecord {
  const hidden = { testLoss: Number.NaN, testAccuracy: Number.NaN };
  return { ...record, lr, ...hidden, ...(record.average ? { average: { ...record.average, ...hidden } } : {}) };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
