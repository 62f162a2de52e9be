import { PlateauDoctorError, rejectUnknownOptions } from '../errors.js';
import { ExponentialLR, MultiStepLR, ReduceLROnPlateau, REDUCE_LR_ON_PLATEAU_DEFAULTS, StepLR, } from './schedulers.js';
export const SCHEDULER_SCHEDULES = ['none', 'step', 'multistep', 'exponential', 'plateau'];
export const MONITORS = ['val_loss', 'train_loss', 'val_accuracy'];
export const SCHEDULER_CONTROLLER_DEFAULTS = {
    step: { stepSize: 5, gamma: 0.1 },
    multistep: { milestones: [5, 8], gamma: 0.1 },
    exponential: { gamma: 0.9 },
    plateau: { monitor: 'val_loss', ...REDUCE_LR_ON_PLATEAU_DEFAULTS },
};
/** The options each scheduler schedule reads; any other key is a mistake (a typo would silently keep a default). */
const CONTROLLER_OPTION_KEYS = {
    none: [],
    step: Object.keys(SCHEDULER_CONTROLLER_DEFAULTS.step),
    multistep: Object.keys(SCHEDULER_CONTROLLER_DEFAULTS.multistep),
    exponential: Object.keys(SCHEDULER_CONTROLLER_DEFAULTS.exponential),
    plateau: Object.keys(SCHEDULER_CONTROLLER_DEFAULTS.plateau),
};
/** Formats an LR or metric compactly: 6 significant digits, float noise removed (0.0010000000000000002 -> 0.001). */
export function formatNumber(x) {
    if (!Number.isFinite(x))
        return String(x);
    return String(Number(x.toPrecision(6)));
}
/** Formats a loss/accuracy metric with 4 significant decimals like "0.2713". */
function formatMetric(x) {
    if (!Number.isFinite(x))
        return String(x);
    const abs = Math.abs(x);
    return abs !== 0 && (abs < 1e-3 || abs >= 1e6) ? x.toExponential(3) : x.toFixed(4);
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
export function createSchedulerController(schedule, options = {}) {
    if (SCHEDULER_SCHEDULES.includes(schedule))
        rejectUnknownOptions(`schedule ${schedule}`, options, CONTROLLER_OPTION_KEYS[schedule]);
    switch (schedule) {
        case 'none':
            return { name: 'none', options: {}, scheduler: undefined };
        case 'step': {
            const o = { stepSize: options.stepSize ?? 5, gamma: options.gamma ?? 0.1 };
            new StepLR(1, o); // validates
            return perEpoch('step', o, (lr) => new StepLR(lr, o), (epoch, s, oldLr) => `StepLR: epoch ${epoch} is a multiple of step_size ${o.stepSize}; lr ${formatNumber(oldLr)} -> ${formatNumber(s.lr)}`);
        }
        case 'multistep': {
            const o = { milestones: [...(options.milestones ?? [5, 8])], gamma: options.gamma ?? 0.1 };
            new MultiStepLR(1, o);
            return perEpoch('multistep', o, (lr) => new MultiStepLR(lr, o), (epoch, s, oldLr) => {
                const count = o.milestones.filter((m) => m === epoch).length;
                const times = count > 1 ? ` ${count} times (gamma ${formatNumber(o.gamma)}^${count})` : '';
                return `MultiStepLR: epoch ${epoch} is a milestone${times} (milestones ${o.milestones.join(', ')}); lr ${formatNumber(oldLr)} -> ${formatNumber(s.lr)}`;
            });
        }
        case 'exponential': {
            const o = { gamma: options.gamma ?? 0.9 };
            new ExponentialLR(1, o);
            return perEpoch('exponential', o, (lr) => new ExponentialLR(lr, o), (epoch, s, oldLr) => `ExponentialLR: epoch ${epoch}, gamma ${formatNumber(o.gamma)}; lr ${formatNumber(oldLr)} -> ${formatNumber(s.lr)}`);
        }
        case 'plateau':
            return plateauController(options);
        default:
            throw new PlateauDoctorError(`unknown scheduler schedule "${String(schedule)}"; choose from ${SCHEDULER_SCHEDULES.join(', ')}`);
    }
}
function perEpoch(name, options, make, explain) {
    let scheduler;
    return {
        name,
        options: Object.freeze({ ...options }),
        get scheduler() {
            return scheduler;
        },
        start(info) {
            scheduler = make(info.initialLr);
        },
        onEpoch(record) {
            if (!scheduler)
                throw new Error(`${name} controller: onEpoch before start()`);
            const oldLr = scheduler.lr;
            scheduler.step();
            if (scheduler.lr === oldLr)
                return undefined;
            return {
                lr: scheduler.lr,
                reason: explain(record.epoch, scheduler, oldLr),
                evidence: { schedulerEpoch: scheduler.lastEpoch, oldLr, newLr: scheduler.lr },
            };
        },
    };
}
function plateauController(options) {
    const monitor = options.monitor ?? 'val_loss';
    if (!MONITORS.includes(monitor)) {
        throw new PlateauDoctorError(`--monitor ${String(monitor)} is unknown; choose from ${MONITORS.join(', ')}`);
    }
    const schedulerOptions = {
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
    let scheduler;
    const messages = [];
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
        onEpoch(record) {
            if (!scheduler)
                throw new Error('plateau controller: onEpoch before start()');
            let watched = monitor;
            let value;
            let note = '';
            if (monitor === 'val_accuracy') {
                value = record.valAccuracy;
                if (value === null) {
                    throw new PlateauDoctorError('--monitor val_accuracy needs a validation set, but this run has none (--val-size 0); use --val-size N or --monitor train_loss');
                }
            }
            else if (monitor === 'val_loss' && record.valLoss === null) {
                watched = 'train_loss';
                value = record.trainLoss;
                note = ' (no validation set with --val-size 0, so train_loss is watched instead of val_loss)';
                if (!announcedFallback) {
                    announcedFallback = true;
                    messages.push('plateau: no validation set (--val-size 0): ReduceLROnPlateau watches the epoch mean train_loss instead of val_loss');
                }
            }
            else {
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
export function stepPlateau(scheduler, watched, value, note = '') {
    scheduler.step(value);
    const info = scheduler.lastStep;
    if (!info || !info.reduced)
        return undefined;
    const o = scheduler.options;
    const direction = o.mode === 'min' ? 'lower' : 'higher';
    const bar = `threshold ${formatNumber(o.threshold)} ${o.thresholdMode}`;
    return {
        lr: info.newLr,
        reason: `ReduceLROnPlateau: ${watched} ${formatMetric(info.metric)} not better than best ${formatMetric(info.previousBest)} ` +
            `for ${info.numBadEpochs} epoch${info.numBadEpochs === 1 ? '' : 's'} (patience ${o.patience}, ${bar}, ${direction} is better); ` +
            `lr ${formatNumber(info.oldLr)} -> ${formatNumber(info.newLr)}${note}`,
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
//# sourceMappingURL=scheduler-controllers.js.map