/**
 * The PyTorch-style schedulers as `LrController`s for `plateau-doctor run`: each steps once
 * per epoch, after the epoch's evaluation (like the seed's `scheduler.step()` after each
 * epoch), and explains every LR change in one line.
 */
import type { EpochRecord } from '../logs/run-log.js';
import { PlateauDoctorError, rejectUnknownOptions } from '../errors.js';
import { formatMetric, num } from '../numbers.js';
import type { LrController, LrDecision } from './controller.js';
import {
  ExponentialLR,
  MultiStepLR,
  ReduceLROnPlateau,
  REDUCE_LR_ON_PLATEAU_DEFAULTS,
  StepLR,
  type ReduceLROnPlateauOptions,
  type Scheduler,
} from './schedulers.js';

export type SchedulerScheduleName = 'none' | 'step' | 'multistep' | 'exponential' | 'plateau';
export const SCHEDULER_SCHEDULES: readonly SchedulerScheduleName[] = ['none', 'step', 'multistep', 'exponential', 'plateau'];

/** What ReduceLROnPlateau watches in `plateau-doctor run`. */
export type Monitor = 'val_loss' | 'train_loss' | 'val_accuracy';
export const MONITORS: readonly Monitor[] = ['val_loss', 'train_loss', 'val_accuracy'];

/**
 * Options of the scheduler schedules; each only reads its own fields and fills the others'
 * defaults. Defaults are the seed pipeline's (step) and PyTorch's (plateau).
 */
export interface SchedulerControllerOptions extends ReduceLROnPlateauOptions {
  /** step: multiply the LR by gamma every stepSize epochs. Default 5. */
  stepSize?: number;
  /** step and multistep: default 0.1; exponential: default 0.9. */
  gamma?: number;
  /** multistep: epochs after which the LR is multiplied by gamma. Default [5, 8]. */
  milestones?: number[];
  /**
   * plateau: the metric watched. Default 'val_loss', which falls back to 'train_loss' when the
   * run has no validation set (--val-size 0). 'val_accuracy' uses mode 'max' unless mode is given.
   */
  monitor?: Monitor;
}

export const SCHEDULER_CONTROLLER_DEFAULTS = {
  step: { stepSize: 5, gamma: 0.1 },
  multistep: { milestones: [5, 8], gamma: 0.1 },
  exponential: { gamma: 0.9 },
  plateau: { monitor: 'val_loss' as Monitor, ...REDUCE_LR_ON_PLATEAU_DEFAULTS },
} as const;

/** The options each scheduler schedule reads; any other key is a mistake (a typo would silently keep a default). */
const CONTROLLER_OPTION_KEYS: Record<SchedulerScheduleName, readonly string[]> = {
  none: [],
  step: Object.keys(SCHEDULER_CONTROLLER_DEFAULTS.step),
  multistep: Object.keys(SCHEDULER_CONTROLLER_DEFAULTS.multistep),
  exponential: Object.keys(SCHEDULER_CONTROLLER_DEFAULTS.exponential),
  plateau: Object.keys(SCHEDULER_CONTROLLER_DEFAULTS.plateau),
};

/** An LrController driven by one of the schedulers. */
export interface SchedulerController extends LrController {
  readonly name: SchedulerScheduleName;
  /** The effective options, defaults filled in (for run.json). */
  readonly options: Readonly<Record<string, unknown>>;
  /** The scheduler, once `start()` has given the initial LR (undefined for 'none'). */
  readonly scheduler: Scheduler | undefined;
}

/**
 * An LR, gamma or threshold in a scheduler's reason: `num`'s format with 6 significant digits
 * instead of 4, so a schedule's exact value shows (ExponentialLR 0.01 * 0.95^3 = 0.00857375, where
 * 4 digits would print 0.008574) and can be checked against PyTorch's.
 *
 * @example formatSchedulerNumber(0.01 * 0.95 ** 3); // => '0.00857375'
 * @example formatSchedulerNumber(0.01 * 0.1); // => '0.001'
 */
export function formatSchedulerNumber(x: number): string {
  return num(x, 6);
}

/**
 * Builds the LrController for a scheduler schedule. Options are checked here (so a bad
 * option fails before training); the scheduler itself is built in `start()` with the
 * run's initial LR.
 *
 *   const c = createSchedulerController('step', { stepSize: 5 });
 *   c.start?.({ initialLr: 0.01, stepsPerEpoch: 938, epochs: 10, classes: 10 });
 *   // after epoch 5: { lr: 0.001, reason: 'StepLR: epoch 5 is a multiple of step_size 5; lr 0.01 -> 0.001' }
 */
export function createSchedulerController(
  schedule: SchedulerScheduleName,
  options: SchedulerControllerOptions = {},
): SchedulerController {
  if ((SCHEDULER_SCHEDULES as readonly string[]).includes(schedule)) rejectUnknownOptions(`schedule ${schedule}`, options, CONTROLLER_OPTION_KEYS[schedule]);
  switch (schedule) {
    case 'none':
      return { name: 'none', options: {}, scheduler: undefined };
    case 'step': {
      const o = { stepSize: options.stepSize ?? 5, gamma: options.gamma ?? 0.1 };
      new StepLR(1, o); // validates
      return perEpoch('step', o, (lr) => new StepLR(lr, o), (epoch, s, oldLr) =>
        `StepLR: epoch ${epoch} is a multiple of step_size ${o.stepSize}; lr ${formatSchedulerNumber(oldLr)} -> ${formatSchedulerNumber(s.lr)}`,
      );
    }
    case 'multistep': {
      const o = { milestones: [...(options.milestones ?? [5, 8])], gamma: options.gamma ?? 0.1 };
      new MultiStepLR(1, o);
      return perEpoch('multistep', o, (lr) => new MultiStepLR(lr, o), (epoch, s, oldLr) => {
        const count = o.milestones.filter((m) => m === epoch).length;
        const times = count > 1 ? ` ${count} times (gamma ${formatSchedulerNumber(o.gamma)}^${count})` : '';
        return `MultiStepLR: epoch ${epoch} is a milestone${times} (milestones ${o.milestones.join(', ')}); lr ${formatSchedulerNumber(oldLr)} -> ${formatSchedulerNumber(s.lr)}`;
      });
    }
    case 'exponential': {
      const o = { gamma: options.gamma ?? 0.9 };
      new ExponentialLR(1, o);
      return perEpoch('exponential', o, (lr) => new ExponentialLR(lr, o), (epoch, s, oldLr) =>
        `ExponentialLR: epoch ${epoch}, gamma ${formatSchedulerNumber(o.gamma)}; lr ${formatSchedulerNumber(oldLr)} -> ${formatSchedulerNumber(s.lr)}`,
      );
    }
    case 'plateau':
      return plateauController(options);
    default:
      throw new PlateauDoctorError(
        `unknown scheduler schedule "${String(schedule)}"; choose from ${SCHEDULER_SCHEDULES.join(', ')}`,
      );
  }
}

type PerEpochScheduler = StepLR | MultiStepLR | ExponentialLR;

function perEpoch<S extends PerEpochScheduler>(
  name: SchedulerScheduleName,
  options: Record<string, unknown>,
  make: (initialLr: number) => S,
  explain: (epoch: number, scheduler: S, oldLr: number) => string,
): SchedulerController {
  let scheduler: S | undefined;
  return {
    name,
    options: Object.freeze({ ...options }),
    get scheduler() {
      return scheduler;
    },
    start(info) {
      scheduler = make(info.initialLr);
    },
    onEpoch(record: EpochRecord): LrDecision | undefined {
      if (!scheduler) throw new Error(`${name} controller: onEpoch before start()`);
      const oldLr = scheduler.lr;
      scheduler.step();
      if (scheduler.lr === oldLr) return undefined;
      return {
        lr: scheduler.lr,
        reason: explain(record.epoch, scheduler, oldLr),
        evidence: { schedulerEpoch: scheduler.lastEpoch, oldLr, newLr: scheduler.lr },
      };
    },
  };
}

function plateauController(options: SchedulerControllerOptions): SchedulerController {
  const monitor = options.monitor ?? 'val_loss';
  if (!MONITORS.includes(monitor)) {
    throw new PlateauDoctorError(`--monitor ${String(monitor)} is unknown; choose from ${MONITORS.join(', ')}`);
  }
  const schedulerOptions: ReduceLROnPlateauOptions = {
    mode: options.mode ?? (monitor === 'val_accuracy' ? 'max' : 'min'),
    factor: options.factor,
    patience: options.patience,
    threshold: options.threshold,
    thresholdMode: options.thresholdMode,
    cooldown: options.cooldown,
    minLr: options.minLr,
    eps: options.eps,
  };
  const effective = { monitor, ...new ReduceLROnPlateau(1, schedulerOptions).options };
  let scheduler: ReduceLROnPlateau | undefined;
  const messages: string[] = [];
  let announcedFallback = false;
  return {
    name: 'plateau',
    options: Object.freeze(effective),
    get scheduler() {
      return scheduler;
    },
    start(info) {
      scheduler = new ReduceLROnPlateau(info.initialLr, schedulerOptions);
    },
    drainMessages() {
      return messages.splice(0);
    },
    onEpoch(record: EpochRecord): LrDecision | undefined {
      if (!scheduler) throw new Error('plateau controller: onEpoch before start()');
      let watched: Monitor = monitor;
      let value: number | null;
      let note = '';
      if (monitor === 'val_accuracy') {
        value = record.valAccuracy;
        if (value === null) {
          throw new PlateauDoctorError(
            '--monitor val_accuracy needs a validation set, but this run has none (--val-size 0); use --val-size N or --monitor train_loss',
          );
        }
      } else if (monitor === 'val_loss' && record.valLoss === null) {
        watched = 'train_loss';
        value = record.trainLoss;
        note = ' (no validation set with --val-size 0, so train_loss is watched instead of val_loss)';
        if (!announcedFallback) {
          announcedFallback = true;
          messages.push('plateau: no validation set (--val-size 0): ReduceLROnPlateau watches the epoch mean train_loss instead of val_loss');
        }
      } else {
        value = monitor === 'val_loss' ? record.valLoss : record.trainLoss;
      }
      if (value === null || !Number.isFinite(value)) {
        throw new PlateauDoctorError(`plateau: ${watched} of epoch ${record.epoch} is ${String(value)}; ReduceLROnPlateau needs a finite value`);
      }
      return stepPlateau(scheduler, watched, value, note);
    },
  };
}

/**
 * Steps a ReduceLROnPlateau with one value of the watched metric and, when it cuts the LR,
 * returns the decision with its one-line reason and evidence. The one adapter of
 * ReduceLROnPlateau to an LrDecision: the `plateau` schedule and the tfjs
 * `reduceLROnPlateau` callback both use it. `note` is appended to the reason.
 */
export function stepPlateau(scheduler: ReduceLROnPlateau, watched: string, value: number, note = ''): LrDecision | undefined {
  scheduler.step(value);
  const info = scheduler.lastStep;
  if (!info || !info.reduced) return undefined;
  const o = scheduler.options;
  const direction = o.mode === 'min' ? 'lower' : 'higher';
  const bar = `threshold ${formatSchedulerNumber(o.threshold)} ${o.thresholdMode}`;
  return {
    lr: info.newLr,
    reason:
      `ReduceLROnPlateau: ${watched} ${formatMetric(info.metric)} not better than best ${formatMetric(info.previousBest)} ` +
      `for ${info.numBadEpochs} epoch${info.numBadEpochs === 1 ? '' : 's'} (patience ${o.patience}, ${bar}, ${direction} is better); ` +
      `lr ${formatSchedulerNumber(info.oldLr)} -> ${formatSchedulerNumber(info.newLr)}${note}`,
    evidence: {
      monitor: watched,
      metric: info.metric,
      best: info.previousBest,
      numBadEpochs: info.numBadEpochs,
      patience: o.patience,
      threshold: o.threshold,
      thresholdMode: o.thresholdMode,
      mode: o.mode,
      oldLr: info.oldLr,
      newLr: info.newLr,
    },
  };
}
