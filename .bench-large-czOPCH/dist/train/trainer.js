import { PlateauDoctorError } from '../errors.js';
import { VERSION } from '../version.js';
import { selectBackend } from './backend.js';
import { EpochBatches, prepareTrainingData } from './batches.js';
import { loadDataset } from './data/datasets.js';
import { lrChange } from '../lr/lr-change.js';
import { initMlpWeights, SIMPLE_NN, SimpleNN } from './model.js';
import { Rng } from '../rng.js';
/** How often (ms) an in-process run lets the event loop turn, so that Ctrl-C and aborts get through. */
const YIELD_EVERY_MS = 100;
/** Validates the numbers of a plan; throws a PlateauDoctorError naming the option. */
export function checkPlan(plan) {
    const positiveInt = (value, option) => {
        if (!(Number.isInteger(value) && value > 0))
            throw new PlateauDoctorError(`--${option} ${value} is invalid; use a whole number >= 1`);
    };
    positiveInt(plan.epochs, 'epochs');
    positiveInt(plan.batchSize, 'batch-size');
    if (!(Number.isFinite(plan.lr) && plan.lr > 0))
        throw new PlateauDoctorError(`--lr ${plan.lr} is invalid; use a number > 0, e.g. 0.01`);
    if (!(Number.isInteger(plan.valSize) && plan.valSize >= 0)) {
        throw new PlateauDoctorError(`--val-size ${plan.valSize} is invalid; use a whole number >= 0`);
    }
    if (!Number.isInteger(plan.seed))
        throw new PlateauDoctorError(`--seed ${plan.seed} is invalid; use a whole number`);
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
export async function trainRun(plan, options) {
    checkPlan(plan);
    const started = performance.now();
    const startedAt = new Date().toISOString();
    const { controller, emit } = options;
    const run = plan.name;
    const stepBlock = options.stepBlock ?? 100;
    const backend = options.backend ?? (await selectBackend(plan.backend));
    const data = options.data ??
        prepareTrainingData(options.dataset ??
            (await loadDataset({ dataset: plan.dataset, dataDir: plan.dataDir, log: options.log })), { valSize: plan.valSize, seed: plan.seed });
    if (data.info.valSize !== plan.valSize) {
        throw new Error(`trainRun: the prepared data holds ${data.info.valSize} validation images but the plan asks for ${plan.valSize}`);
    }
    const shape = { ...SIMPLE_NN, inputs: data.inputs, classes: data.classes };
    const model = new SimpleNN(backend.tf, initMlpWeights(new Rng(plan.seed), shape));
    const batches = new EpochBatches(data.train, data.inputs, plan.batchSize, plan.seed, model.rowStride);
    const meta = {
        name: run,
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
            stepsPerEpoch: batches.stepsPerEpoch,
            model: `SimpleNN ${shape.inputs}-${shape.hidden}-relu-${shape.classes}`,
            optimizer: 'SGD (no momentum, no weight decay)',
            loss: 'softmax cross-entropy, mean over the batch',
        },
        backend: backend.name,
        ...(backend.skipped.length > 0 ? { backendSkipped: [...backend.skipped] } : {}),
        versions: { 'plateau-doctor': VERSION, ...backend.versions },
        dataset: data.info,
        startedAt,
        finishedAt: null,
        timings: { totalSeconds: 0, trainSeconds: 0 },
        samplesPerSecond: 0,
        final: { trainLoss: null, valLoss: null, valAccuracy: null, testLoss: null, testAccuracy: null },
    };
    emit({ kind: 'start', run, meta: structuredClone(meta) });
    controller.start?.({ initialLr: plan.lr, stepsPerEpoch: batches.stepsPerEpoch, epochs: plan.epochs, classes: data.classes });
    let lr = plan.lr;
    let step = 0;
    let pending = [];
    let trainSeconds = 0;
    let samples = 0;
    let status = 'completed';
    let message;
    let lastYield = performance.now();
    const flush = () => {
        if (pending.length === 0)
            return;
        emit({ kind: 'steps', run, steps: pending });
        pending = [];
    };
    const drain = () => {
        const lines = controller.drainMessages?.();
        if (lines)
            for (const text of lines)
                emit({ kind: 'message', run, text });
    };
    const apply = (decision, epoch) => {
        const event = lrChange(controller.name, decision, { step, epoch, lr });
        if (!event)
            return;
        flush();
        emit({ kind: 'lr-change', run, event });
        lr = event.newLr;
    };
    const aborted = () => options.signal?.aborted === true || (options.abortFlag !== undefined && Atomics.load(options.abortFlag, 0) !== 0);
    try {
        epochs: for (let epoch = 1; epoch <= plan.epochs; epoch++) {
            const epochStart = performance.now();
            const epochLr = lr; // the LR in effect during the epoch (a change decided during it is an lr-change event)
            batches.shuffle();
            let lossSum = 0;
            let lossCount = 0;
            for (let b = 0; b < batches.stepsPerEpoch; b++) {
                if (aborted()) {
                    status = 'interrupted';
                    message = `interrupted during epoch ${epoch} after step ${step}`;
                    trainSeconds += (performance.now() - epochStart) / 1000;
                    break epochs;
                }
                const { x, labels } = batches.batch(b);
                const loss = model.trainStep(x, labels, lr);
                step++;
                samples += labels.length;
                pending.push({ step, epoch, loss, lr });
                if (!Number.isFinite(loss)) {
                    status = 'diverged';
                    message = `diverged: the training loss became ${loss} at step ${step} (epoch ${epoch}, lr ${lr}); try a smaller --lr`;
                    trainSeconds += (performance.now() - epochStart) / 1000;
                    break epochs;
                }
                lossSum += loss * labels.length;
                lossCount += labels.length;
                apply(controller.onStep?.(step, loss, lr), epoch);
                drain();
                if (pending.length >= stepBlock)
                    flush();
                if (!options.abortFlag && performance.now() - lastYield > YIELD_EVERY_MS) {
                    await new Promise((resolve) => setImmediate(resolve));
                    lastYield = performance.now();
                }
            }
            trainSeconds += (performance.now() - epochStart) / 1000;
            flush();
            const val = data.val ? model.evaluate(data.val.images, data.val.labels) : null;
            const test = model.evaluate(data.test.images, data.test.labels);
            const record = {
                epoch,
                trainLoss: lossSum / lossCount,
                valLoss: val ? val.loss : null,
                valAccuracy: val ? val.accuracy : null,
                testLoss: test.loss,
                testAccuracy: test.accuracy,
                lr: epochLr,
                seconds: (performance.now() - epochStart) / 1000,
            };
            meta.final = {
                trainLoss: record.trainLoss,
                valLoss: record.valLoss,
                valAccuracy: record.valAccuracy,
                testLoss: record.testLoss,
                testAccuracy: record.testAccuracy,
            };
            // Controllers never see the test set. A change decided after the last epoch would
            // apply to no step, so it is not made (PyTorch's loop would step the scheduler anyway).
            // Controllers get the LR in effect now (after any change made during the epoch).
            const decision = controller.onEpoch?.({ ...record, lr, testLoss: Number.NaN, testAccuracy: Number.NaN });
            if (epoch < plan.epochs)
                apply(decision, epoch); // record.lr stays the LR this epoch was trained with
            drain();
            emit({ kind: 'epoch', run, record });
        }
    }
    finally {
        flush();
        model.dispose();
    }
    meta.status = status;
    if (message !== undefined) {
        meta.message = message;
        emit({ kind: 'message', run, text: message });
    }
    meta.finishedAt = new Date().toISOString();
    meta.timings = { totalSeconds: round((performance.now() - started) / 1000, 4), trainSeconds: round(trainSeconds, 4) };
    meta.samplesPerSecond = trainSeconds > 0 ? Math.round(samples / trainSeconds) : 0;
    emit({ kind: 'end', run, meta: structuredClone(meta) });
    return meta;
}
function round(value, digits) {
    const f = 10 ** digits;
    return Math.round(value * f) / f;
}
//# sourceMappingURL=trainer.js.map