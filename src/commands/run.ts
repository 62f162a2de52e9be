import os from 'node:os';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { RUN_OPTION_DEFAULTS, type RunOptions } from '../app/plan-runs.js';
import { compareOverSeeds, formatSeedComparison } from '../app/seed-summary.js';
import { runComparison } from '../app/run-comparison.js';
import { PlateauDoctorError } from '../errors.js';
import type { RunSummaryEntry } from '../logs/run-dir.js';
import type { RunMeta } from '../logs/run-log.js';
import { formatDuration, formatMetric } from '../numbers.js';
import { SCHEDULES } from '../lr/schedules.js';
import type { CliIO } from './io.js';
import { requireOptionValues } from './option-values.js';
import { RunProgress, accuracyText } from './run-progress.js';

/** Every default, declared once in src/app/plan-runs.ts. */
const D = RUN_OPTION_DEFAULTS;

function builder(y: Argv) {
  return requireOptionValues(declareOptions(y));
}

function declareOptions(y: Argv) {
  return y
    .usage('$0 run [options]\n\nTrain the seed pipeline (MNIST, 784-128-10 MLP, SGD) under several LR schedules with the same initial weights and data order, log every step, and compare.')
    .option('schedules', { type: 'string', default: D.schedules, describe: `Comma-separated schedules to compare: ${SCHEDULES.join(', ')}` })
    .option('epochs', { type: 'number', default: D.epochs, describe: 'Epochs per run' })
    .option('lr', { type: 'number', default: D.lr, describe: 'Initial learning rate (plain SGD)' })
    .option('batch-size', { type: 'number', default: D['batch-size'], describe: 'Mini-batch size (the last partial batch is kept)' })
    .option('seed', { type: 'number', default: D.seed, describe: 'Seed for initial weights, data order and validation split' })
    .option('seeds', { type: 'number', default: D.seeds, describe: 'Repeat the comparison with N seeds (seed, seed+1, ...)' })
    .option('val-size', { type: 'number', describe: 'Training images held out as validation set (0 = train on all, as the seed does) [default: 5000; 1000 on the bundled 8,000-digit subset]' })
    .option('dataset', { choices: ['mnist', 'fashion-mnist'] as const, default: D.dataset, describe: 'Data set' })
    .option('data-dir', { type: 'string', describe: 'Where the IDX files are (directly, or torchvision layout DIR/MNIST/raw); downloaded there when absent. Without this option, ./data, falling back to the bundled MNIST subset offline [default: ./data]' })
    .option('backend', { choices: ['auto', 'tensorflow', 'wasm', 'cpu'] as const, default: D.backend, describe: 'TensorFlow.js backend (auto: tensorflow, then wasm, then cpu)' })
    .option('jobs', { type: 'number', default: os.availableParallelism(), describe: 'Runs trained in parallel (worker threads)' })
    .option('share', { type: 'boolean', default: D.share, describe: 'Train the runs\' common prefix once, forking each run when its LR first differs (--no-share: train every run alone)' })
    .option('out', { type: 'string', describe: 'Output directory (default: a new timestamped folder under ./runs)' })
    .option('force', { type: 'boolean', default: D.force, describe: 'Write into a non-empty --out directory (replaces only run folders of the same names)' })
    .option('average-horizon', { type: 'number', default: D['average-horizon'], describe: 'Every run also keeps an exponential moving average of its weights over about this many epochs, evaluated beside the raw weights (0 = none)' })
    .option('final-weights', { choices: ['raw', 'averaged'] as const, default: D['final-weights'], describe: 'Whose metrics are each run\'s final ones (summary.json, the table\'s "test acc", the comparison): the raw weights\' (like for like) or the averaged weights\'' })
    .option('step-size', { type: 'number', default: D['step-size'], group: 'step (StepLR):', describe: 'Epochs between decays' })
    .option('gamma', { type: 'number', default: D.gamma, group: 'step (StepLR):', describe: 'Decay factor of step and multistep' })
    .option('milestones', { type: 'string', default: D.milestones, group: 'multistep (MultiStepLR):', describe: 'Comma-separated epochs after which the LR decays' })
    .option('exp-gamma', { type: 'number', default: D['exp-gamma'], group: 'exponential (ExponentialLR):', describe: 'Decay factor per epoch' })
    .option('monitor', { choices: ['val_loss', 'train_loss', 'val_accuracy'] as const, default: D.monitor, group: 'plateau (ReduceLROnPlateau):', describe: 'Metric watched (val_loss falls back to train_loss with --val-size 0)' })
    .option('patience', { type: 'number', default: D.patience, group: 'plateau (ReduceLROnPlateau):', describe: 'Epochs without improvement before a decay' })
    .option('factor', { type: 'number', default: D.factor, group: 'plateau (ReduceLROnPlateau):', describe: 'Decay factor' })
    .option('threshold', { type: 'number', default: D.threshold, group: 'plateau (ReduceLROnPlateau):', describe: 'Improvement threshold' })
    .option('threshold-mode', { choices: ['rel', 'abs'] as const, default: D['threshold-mode'], group: 'plateau (ReduceLROnPlateau):', describe: 'Threshold mode' })
    .option('cooldown', { type: 'number', default: D.cooldown, group: 'plateau (ReduceLROnPlateau):', describe: 'Epochs to wait after a decay' })
    .option('min-lr', { type: 'number', default: D['min-lr'], group: 'plateau and doctor:', describe: 'Lower bound on the LR' })
    .option('decay-factor', { type: 'number', default: D['decay-factor'], group: 'doctor (plateau detector):', describe: 'LR multiplier on a plateau where a decay is expected to help' })
    .option('plateau-rate', { type: 'number', default: D['plateau-rate'], group: 'doctor (plateau detector):', describe: 'A stretch is flat when its 95% interval of change per 10% of the run lies within +-this' })
    .option('confirmations', { type: 'number', default: D.confirmations, group: 'doctor (plateau detector):', describe: 'Consecutive plateau verdicts needed before a cut' })
    .option('max-stuck-cuts', { type: 'number', default: D['max-stuck-cuts'], group: 'doctor (plateau detector):', describe: 'Trial cuts while stuck before any cut lowered the loss (0: never); later cuts only while each lowered it' })
    .option('dead-noise', { type: 'number', default: D['dead-noise'], group: 'doctor (plateau detector):', describe: 'Stuck with step noise below this fraction of the level is dead: no cut' })
    .option('bouncing-level', { type: 'number', default: D['bouncing-level'], group: 'doctor (plateau detector):', describe: 'An epoch whose mean loss is above this fraction of ln C and not falling is bouncing: cut at its end (large values: off)' })
    .option('response-drop', { type: 'number', default: D['response-drop'], group: 'doctor (plateau detector):', describe: 'A cut on stuck helped when the smoothed loss fell this fraction below its level' })
    .option('use-validation', { type: 'boolean', default: D['use-validation'], group: 'doctor (plateau detector):', describe: 'Without the averaged weights: cut when the validation loss rises after its best beyond doubt (95% interval above 0) while the training loss still falls' })
    .option('gap-threshold', { type: 'number', default: D['gap-threshold'], group: 'doctor (plateau detector):', describe: "Cut when the weight-average gap's 95% interval is above this fraction of the averaged loss (for --confirmations epochs) and the progress forecast at this LR to the last epoch (from the averaged curve) is smaller" })
    .option('early-stop', { type: 'boolean', default: D['early-stop'], group: 'doctor (plateau detector):', describe: "Stop the run when the averaged weights' validation loss rises beyond doubt after its best while training loss falls, and keep the best epoch's averaged weights" });
}

type RunArgs = Awaited<ReturnType<ReturnType<typeof builder>['parseAsync']>>;

/** Turns parsed flags into RunOptions (the per-schedule options each schedule reads). */
export function runOptionsFromArgs(a: RunArgs): RunOptions {
  const milestones = listOption('--milestones', a.milestones)
    .map((s) => {
      const v = Number(s);
      if (!Number.isInteger(v) || v < 1) throw new PlateauDoctorError(`--milestones: "${s}" is not a positive integer epoch`);
      return v;
    });
  return {
    schedules: listOption('--schedules', a.schedules),
    epochs: a.epochs,
    lr: a.lr,
    batchSize: a.batchSize,
    seed: a.seed,
    seeds: a.seeds,
    valSize: a.valSize ?? 5000,
    dataset: a.dataset,
    dataDir: a.dataDir ?? './data',
    backend: a.backend,
    averageHorizon: a.averageHorizon,
    finalWeights: a.finalWeights,
    scheduleOptions: {
      none: {},
      step: { stepSize: a.stepSize, gamma: a.gamma },
      multistep: { milestones, gamma: a.gamma },
      exponential: { gamma: a.expGamma },
      plateau: {
        monitor: a.monitor,
        patience: a.patience,
        factor: a.factor,
        threshold: a.threshold,
        thresholdMode: a.thresholdMode,
        cooldown: a.cooldown,
        minLr: a.minLr,
      },
      doctor: {
        decayFactor: a.decayFactor,
        minLr: a.minLr,
        plateauRate: a.plateauRate,
        confirmations: a.confirmations,
        maxStuckCuts: a.maxStuckCuts,
        deadNoise: a.deadNoise,
        responseDrop: a.responseDrop,
        bouncingLevel: a.bouncingLevel,
        useValidation: a.useValidation,
        gapThreshold: a.gapThreshold,
        earlyStop: a.earlyStop,
      },
    },
  };
}

/** A comma-separated option as its trimmed items; an empty item ("none,,step", "5,8,") is refused. Empty text gives []. */
function listOption(flag: string, value: unknown): string[] {
  const text = String(value ?? '');
  if (text.trim() === '') return [];
  const items = text.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new PlateauDoctorError(`${flag}: "${text}" has an empty entry; separate the items with single commas`);
  return items;
}

/** `plateau-doctor run`: train and compare LR schedules. */
export function runCommand(io: CliIO, state: { exitCode: number }): CommandModule {
  return {
    builder,
    handler: async (argv) => {
      const args = argv as unknown as RunArgs;
      state.exitCode = await executeRun(args, io);
    },
  } as CommandModule;
}

async function executeRun(args: RunArgs, io: CliIO): Promise<number> {
  const options = runOptionsFromArgs(args);
  const progress = new RunProgress(io, options.epochs);
  const stepsPerEpoch = (meta: RunMeta) => Math.ceil(meta.dataset.trainSize / options.batchSize);
  const result = await runComparison(
    {
      options,
      valSizeGiven: args.valSize !== undefined,
      dataDirGiven: args.dataDir !== undefined,
      out: args.out === undefined ? undefined : path.resolve(io.cwd, args.out),
      force: args.force,
      jobs: args.jobs,
      share: args.share,
      cwd: io.cwd,
      signal: io.signal,
    },
    {
      log: (line) => io.stderr(line + '\n'),
      trainingDone: () => progress.stop(),
      event: (e) => {
        if (e.kind === 'start') progress.start(e.meta, stepsPerEpoch(e.meta));
        else if (e.kind === 'steps') {
          const last = e.steps[e.steps.length - 1];
          if (last) progress.steps(e.run, last.step, last.epoch, last.loss, last.lr);
        } else if (e.kind === 'epoch') progress.epoch(e.run, e.record);
        else if (e.kind === 'lr-change') progress.lrChange(e.run, e.event);
        else if (e.kind === 'message') progress.message(e.run, e.text);
        else if (e.kind === 'fork') progress.fork(e.run, e.fork);
        else if (e.kind === 'end') progress.end(e.meta);
      },
    },
  );
  io.stdout(formatTable(result.entries) + '\n');
  if (options.seeds > 1) io.stdout('\n' + formatSeedComparison(compareOverSeeds(result.entries)) + '\n\n');
  if (result.sharing) io.stdout(`Shared training: ${result.sharing}\n`);
  io.stdout(`Run directory: ${result.outDir}\n`);
  if (result.reportPath) io.stdout(`Report: ${result.reportPath}\n`);
  return result.interrupted ? 130 : 0;
}

/**
 * The final table printed on stdout: each run's final metrics (the raw weights' unless
 * `--final-weights averaged`, said in the header) and the averaged weights' test accuracy beside.
 */
export function formatTable(entries: RunSummaryEntry[]): string {
  const averagedFinal = entries.length > 0 && entries.every((e) => e.final.weights === 'averaged');
  const header = ['run', averagedFinal ? 'test acc (averaged weights)' : 'test acc', 'averaged', 'test loss', 'train loss', 'LR changes', 'time', 'status'];
  const rows = entries.map((e) => [
    e.name,
    accuracyText(e.final.test_accuracy),
    accuracyText(e.averaged?.test_accuracy),
    e.final.test_loss === null ? '-' : formatMetric(e.final.test_loss),
    e.final.train_loss === null ? '-' : formatMetric(e.final.train_loss),
    e.lr_changes === 0 ? '0' : `${e.lr_changes} (epoch ${e.lr_change_epochs.join(', ')})`,
    formatDuration(e.seconds),
    e.status,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

