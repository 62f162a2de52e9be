/**
 * Callbacks for TensorFlow.js `model.fit` that set the optimizer's learning rate:
 * `reduceLROnPlateau` (PyTorch's semantics; tfjs has no such callback) and
 * `lrControllerCallback`, which drives any LrController (a wrapped scheduler, or the
 * detector's `doctor` controller) from fit's batch and epoch hooks.
 *
 *   const model = tf.sequential({ layers: [...] });
 *   model.compile({ optimizer: tf.train.sgd(0.01), loss: 'categoricalCrossentropy' });
 *   await model.fit(xs, ys, { epochs: 30, validationSplit: 0.1, callbacks: [reduceLROnPlateau({ patience: 3 })] });
 */
import * as tf from '@tensorflow/tfjs';
import { PlateauDoctorError, rejectUnknownOptions } from '../errors.js';
import { lrChange } from '../lr/lr-change.js';
import { stepPlateau } from '../lr/scheduler-controllers.js';
import { ReduceLROnPlateau } from '../lr/schedulers.js';
/** The optimizer's current learning rate (SGD, momentum, Adam, RMSProp, ... all report it in getConfig). */
export function getOptimizerLearningRate(optimizer) {
    const o = optimizer;
    const fromConfig = o?.getConfig?.().learningRate;
    const lr = typeof fromConfig === 'number' ? fromConfig : o?.learningRate;
    if (typeof lr !== 'number' || !Number.isFinite(lr)) {
        throw new PlateauDoctorError('cannot read the learning rate of the model\'s optimizer; compile the model with an optimizer object such as tf.train.sgd(0.01)');
    }
    return lr;
}
/**
 * Sets a tfjs optimizer's learning rate: `setLearningRate()` where it exists (SGD, momentum),
 * else the `learningRate` field the others read on every update (Adam, RMSProp, Adagrad, ...).
 */
export function setOptimizerLearningRate(optimizer, lr) {
    const o = optimizer;
    if (o && typeof o.setLearningRate === 'function')
        o.setLearningRate(lr);
    else if (o && typeof o.learningRate === 'number')
        o.learningRate = lr;
    else {
        throw new PlateauDoctorError('cannot set the learning rate of the model\'s optimizer; compile the model with an optimizer object such as tf.train.sgd(0.01)');
    }
}
/** A log entry as a number: tfjs may hand over scalar tensors instead of numbers. */
async function resolveLog(value) {
    const v = value;
    if (typeof v === 'number')
        return v;
    if (v && typeof v.data === 'function')
        return (await v.data())[0];
    return undefined;
}
/**
 * A tfjs callback applying PyTorch's ReduceLROnPlateau once per epoch. Built by
 * `reduceLROnPlateau(options)`; its `scheduler` and `changes` can be inspected.
 */
export class ReduceLROnPlateauCallback extends tf.Callback {
    monitorKey;
    /** The scheduler (created at the first onTrainBegin from the optimizer's LR). */
    scheduler;
    /** Every LR change made so far. */
    changes = [];
    schedulerOptions;
    log;
    resetOnTrainBegin;
    warnedFallback = false;
    /** Batches done over all fit() calls (the step an LR change is logged at). */
    step = 0;
    constructor(options = {}) {
        super();
        const { monitor, log, resetOnTrainBegin, ...schedulerOptions } = options;
        this.monitorKey = monitor ?? 'val_loss';
        this.log = log ?? (() => undefined);
        this.resetOnTrainBegin = resetOnTrainBegin ?? false;
        this.schedulerOptions = schedulerOptions;
        new ReduceLROnPlateau(1, schedulerOptions); // check the options now
    }
    async onTrainBegin() {
        if (!this.scheduler || this.resetOnTrainBegin) {
            this.scheduler = new ReduceLROnPlateau(getOptimizerLearningRate(this.model.optimizer), this.schedulerOptions);
        }
    }
    async onBatchEnd() {
        this.step += 1;
    }
    async onEpochEnd(epoch, logs) {
        if (!this.scheduler)
            await this.onTrainBegin();
        const scheduler = this.scheduler;
        let key = this.monitorKey;
        let value = await resolveLog(logs?.[key]);
        if (value === undefined && key === 'val_loss' && logs && 'loss' in logs) {
            key = 'loss';
            value = await resolveLog(logs.loss);
            if (!this.warnedFallback) {
                this.warnedFallback = true;
                this.log('reduceLROnPlateau: no val_loss in the epoch logs (fit has no validation data); watching loss instead');
            }
        }
        if (value === undefined) {
            throw new PlateauDoctorError(`reduceLROnPlateau: the epoch logs have no "${this.monitorKey}" (they have ${Object.keys(logs ?? {}).join(', ') || 'nothing'}); pass monitor: one of those`);
        }
        const at = { step: this.step, epoch: epoch + 1, lr: scheduler.lr };
        const event = lrChange('reduceLROnPlateau', stepPlateau(scheduler, key, value), at);
        if (!event)
            return;
        setOptimizerLearningRate(this.model.optimizer, event.newLr);
        this.changes.push({ epoch: event.epoch, oldLr: event.oldLr, newLr: event.newLr, reason: event.reason });
        this.log(`epoch ${event.epoch}: ${event.reason}`);
    }
}
/**
 * PyTorch's ReduceLROnPlateau as a tfjs `model.fit` callback: after each epoch it reads
 * `val_loss` (or `loss` without validation data, or `options.monitor`) from the epoch logs,
 * steps the scheduler and sets the optimizer's LR when it drops. Options and defaults are
 * PyTorch's (mode 'min', factor 0.1, patience 10, threshold 1e-4 rel, cooldown 0, minLr 0, eps 1e-8).
 */
export function reduceLROnPlateau(options = {}) {
    return new ReduceLROnPlateauCallback(options);
}
/**
 * Drives an LrController from tfjs `model.fit`: `start` at train begin (initial LR from the
 * optimizer, steps per epoch from fit's params, classes from the model's output), `onStep`
 * after every batch with the batch loss, and `onEpoch` after every epoch with an EpochRecord
 * built from the epoch logs (`loss`, `val_loss`, `val_acc`; test fields are NaN, fit has no
 * test set). Each decision sets the optimizer's LR from the next batch on.
 */
export class LrControllerCallback extends tf.Callback {
    controller;
    /** Every LR change made so far. */
    changes = [];
    options;
    lr = Number.NaN;
    step = 0;
    epochStarted = 0;
    currentEpoch = 0;
    constructor(controller, options = {}) {
        super();
        rejectUnknownOptions('lrControllerCallback', options, ['onLrChange', 'log']);
        this.controller = controller;
        this.options = options;
    }
    async onTrainBegin() {
        this.lr = getOptimizerLearningRate(this.model.optimizer);
        this.step = 0;
        const samples = Number(this.params.samples);
        const batchSize = Number(this.params.batchSize);
        const steps = Number(this.params.steps);
        const stepsPerEpoch = Number.isFinite(steps) && steps > 0 ? steps : Math.ceil(samples / batchSize);
        const outputShape = this.model.outputs[0]?.shape ?? [];
        const classes = Number(outputShape[outputShape.length - 1] ?? 0);
        this.controller.start?.({ initialLr: this.lr, stepsPerEpoch, epochs: Number(this.params.epochs), classes });
        this.drain();
    }
    async onEpochBegin(epoch) {
        this.epochStarted = performance.now();
        this.currentEpoch = epoch + 1;
    }
    async onBatchEnd(_batch, logs) {
        this.step += 1;
        if (!this.controller.onStep)
            return;
        const loss = await resolveLog(logs?.loss);
        if (loss === undefined)
            return;
        this.apply(this.controller.onStep(this.step, loss, this.lr));
    }
    async onEpochEnd(epoch, logs) {
        if (!this.controller.onEpoch)
            return;
        const trainLoss = await resolveLog(logs?.loss);
        const valLoss = await resolveLog(logs?.val_loss);
        const valAccuracy = (await resolveLog(logs?.val_acc)) ?? (await resolveLog(logs?.val_accuracy));
        const record = {
            epoch: epoch + 1,
            trainLoss: trainLoss ?? Number.NaN,
            valLoss: valLoss ?? null,
            valAccuracy: valAccuracy ?? null,
            testLoss: Number.NaN,
            testAccuracy: Number.NaN,
            lr: this.lr,
            seconds: (performance.now() - this.epochStarted) / 1000,
        };
        this.apply(this.controller.onEpoch(record));
    }
    apply(decision) {
        this.drain();
        const event = lrChange(this.controller.name, decision, { step: this.step, epoch: this.currentEpoch, lr: this.lr });
        if (!event)
            return;
        setOptimizerLearningRate(this.model.optimizer, event.newLr);
        this.lr = event.newLr;
        this.changes.push(event);
        this.options.onLrChange?.(event);
        this.options.log?.(`step ${event.step} (epoch ${event.epoch}): ${event.reason}`);
    }
    drain() {
        const messages = this.controller.drainMessages?.() ?? [];
        for (const m of messages)
            this.options.log?.(m);
    }
}
/** Adapts an LrController (e.g. `createSchedulerController('step')`, or the doctor) to a tfjs `model.fit` callback. */
export function lrControllerCallback(controller, options = {}) {
    return new LrControllerCallback(controller, options);
}
//# sourceMappingURL=callbacks.js.map