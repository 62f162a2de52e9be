import { PlateauDoctorError } from '../errors.js';
import { detectorDefaults } from '../detect/options.js';
import { doctorDefaults } from '../lr/doctor.js';
import { SCHEDULER_CONTROLLER_DEFAULTS } from '../lr/scheduler-controllers.js';
import { SCHEDULES, createController, isScheduleName } from '../lr/schedules.js';
import type { RunPlan } from '../train/events.js';
import { AVERAGE_HORIZON_EPOCHS } from '../lr/weight-average.js';
import { checkPlan, positiveInteger } from '../train/plan-check.js';
import type { LrController } from '../lr/controller.js';

/**
 * The default of every `plateau-doctor run` option, by flag name: declared here once, from the
 * schedulers' (PyTorch's), the doctor's and the detector's own defaults, and read by the CLI
 * (src/commands/run.ts) and by the README check (test/readme-options.test.ts).
 */
export const RUN_OPTION_DEFAULTS = {
  schedules: 'none,step,plateau,doctor',
  epochs: 10,
  lr: 0.01,
  'batch-size': 64,
  seed: 0,
  seeds: 1,
  dataset: 'mnist',
  backend: 'auto',
  share: true,
  force: false,
  'average-horizon': AVERAGE_HORIZON_EPOCHS,
  'final-weights': 'raw',
  'step-size': SCHEDULER_CONTROLLER_DEFAULTS.step.stepSize,
  gamma: SCHEDULER_CONTROLLER_DEFAULTS.step.gamma,
  milestones: SCHEDULER_CONTROLLER_DEFAULTS.multistep.milestones.join(','),
  'exp-gamma': SCHEDULER_CONTROLLER_DEFAULTS.exponential.gamma,
  monitor: SCHEDULER_CONTROLLER_DEFAULTS.plateau.monitor,
  patience: SCHEDULER_CONTROLLER_DEFAULTS.plateau.patience,
  factor: SCHEDULER_CONTROLLER_DEFAULTS.plateau.factor,
  threshold: SCHEDULER_CONTROLLER_DEFAULTS.plateau.threshold,
  'threshold-mode': SCHEDULER_CONTROLLER_DEFAULTS.plateau.thresholdMode,
  cooldown: SCHEDULER_CONTROLLER_DEFAULTS.plateau.cooldown,
  'min-lr': SCHEDULER_CONTROLLER_DEFAULTS.plateau.minLr,
  'decay-factor': doctorDefaults.decayFactor,
  'plateau-rate': detectorDefaults.plateauRate,
  confirmations: doctorDefaults.confirmations,
  'max-stuck-cuts': doctorDefaults.maxStuckCuts,
  'dead-noise': doctorDefaults.deadNoise,
  'response-drop': doctorDefaults.responseDrop,
  'bouncing-level': doctorDefaults.bouncingLevel,
  'use-validation': doctorDefaults.useValidation,
  'gap-threshold': doctorDefaults.gapThreshold,
  'early-stop': doctorDefaults.earlyStop,
} as const;

/** `plateau-doctor run` options after parsing; defaults are the seed pipeline's. */
export interface RunOptions {
  /** Default ['none', 'step', 'plateau', 'doctor']. */
  schedules: string[];
  /** Default 10. */
  epochs: number;
  /** Default 0.01. */
  lr: number;
  /** Default 64. */
  batchSize: number;
  /** First seed. Default 0. */
  seed: number;
  /** Number of seeds (seed, seed+1, ...). Default 1. */
  seeds: number;
  /** Default 5000. */
  valSize: number;
  /** Default 'mnist'. */
  dataset: 'mnist' | 'fashion-mnist';
  /** Default './data'. */
  dataDir: string;
  /** Default 'auto'. */
  backend: 'auto' | 'tensorflow' | 'wasm' | 'cpu';
  /** Horizon of every run's averaged weights, in epochs; 0 keeps none. Default 1. */
  averageHorizon?: number;
  /** Whose metrics are the runs' final ones (summary.json `final`, the comparison): 'raw' (default) or 'averaged'. */
  finalWeights?: 'raw' | 'averaged';
  /** Per-schedule options (stepSize, gamma, milestones, patience, factor, ...). */
  scheduleOptions: Record<string, Record<string, unknown>>;
}

/** Checks the options and expands them into one plan per (seed, schedule). Pure. */
export function planRuns(o: RunOptions): RunPlan[] {
  if (o.schedules.length === 0) throw new PlateauDoctorError('--schedules is empty: name at least one of ' + SCHEDULES.join(', '));
  for (const s of o.schedules) {
    if (!isScheduleName(s)) throw new PlateauDoctorError(`--schedules: unknown schedule "${s}"; choose from ${SCHEDULES.join(', ')}`);
  }
  const dup = o.schedules.find((s, i) => o.schedules.indexOf(s) !== i);
  if (dup) throw new PlateauDoctorError(`--schedules: "${dup}" is listed twice`);
  positiveInteger('--seeds', o.seeds);
  checkPlan(o);
  const monitor = o.scheduleOptions.plateau?.monitor;
  if (o.valSize === 0 && monitor === 'val_accuracy' && o.schedules.includes('plateau')) {
    throw new PlateauDoctorError('--monitor val_accuracy needs a validation set: use --val-size N (N > 0) or --monitor train_loss');
  }
  // Build each schedule's controller once here, so a bad schedule option fails before any output exists.
  for (const schedule of o.schedules) checkReachableLrs(schedule, createController(schedule, o.scheduleOptions[schedule] ?? {}), o);
  const plans: RunPlan[] = [];
  for (let k = 0; k < o.seeds; k++) {
    const seed = o.seed + k;
    for (const schedule of o.schedules) {
      plans.push({
        name: o.seeds > 1 ? `${schedule}-seed${seed}` : schedule,
        schedule,
        scheduleOptions: o.scheduleOptions[schedule] ?? {},
        seed,
        epochs: o.epochs,
        lr: o.lr,
        batchSize: o.batchSize,
        valSize: o.valSize,
        dataset: o.dataset,
        dataDir: o.dataDir,
        backend: o.backend,
        ...(o.averageHorizon !== undefined ? { averageHorizon: o.averageHorizon } : {}),
        ...(o.finalWeights !== undefined ? { finalWeights: o.finalWeights } : {}),
      });
    }
  }
  return plans;
}

/** The flags that set how far each epoch-driven schedule lowers the LR, for error messages. */
const DECAY_FLAGS: Record<string, string> = { step: '--gamma', multistep: '--gamma', exponential: '--exp-gamma', plateau: '--factor (and --min-lr)' };

/**
 * Plays an epoch-driven schedule (not the doctor, which decides per step) through the run's
 * epochs with a metric that never improves, its fastest decay, and refuses options under which
 * its LR would stop being usable (`--gamma 0` -> LR 0 after the first decay; a huge
 * `--exp-gamma` -> Infinity): the trainer would otherwise stop with an internal error mid-run.
 */
function checkReachableLrs(schedule: string, controller: LrController, o: RunOptions): void {
  if (controller.onStep || !controller.onEpoch) return;
  controller.start?.({ initialLr: o.lr, stepsPerEpoch: 1, epochs: o.epochs, classes: 10 });
  const val = o.valSize > 0 ? 1 : null;
  let lr = o.lr;
  for (let epoch = 1; epoch < o.epochs; epoch++) {
    const decision = controller.onEpoch({ epoch, trainLoss: 1, valLoss: val, valAccuracy: val === null ? null : 0.5, testLoss: Number.NaN, testAccuracy: Number.NaN, lr, seconds: 0 });
    if (!decision) continue;
    // lrChange accepts 0 (SGD with LR 0 freezes the weights); for `run` that is no training, so a
    // schedule that reaches 0 (or leaves the finite numbers) is refused before anything runs.
    if (!(Number.isFinite(decision.lr) && decision.lr > 0)) {
      const flag = DECAY_FLAGS[schedule] ?? 'the schedule options';
      throw new PlateauDoctorError(`--schedules ${schedule}: the LR would become ${decision.lr} after epoch ${epoch} (${decision.reason}); it must stay a positive finite number: check ${flag}`);
    }
    lr = decision.lr;
  }
}

/** A timestamped folder name under ./runs, e.g. runs/2026-11-25T03-50-12. */
export function defaultOutDir(now: Date): string {
  return 'runs/' + now.toISOString().slice(0, 19).replace(/:/g, '-');
}
