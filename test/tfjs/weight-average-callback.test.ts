import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LrController } from '../../src/lr/controller.js';
import type { EpochRecord } from '../../src/logs/run-log.js';
import { averageWeight } from '../../src/lr/weight-average.js';
import { LrControllerCallback, lrControllerCallback } from '../../src/tfjs/callbacks.js';
import type { AverageStorage } from '../../src/tfjs/averaged-weights.js';
import { createDoctorController } from '../../src/lr/doctor.js';
import { plateauDoctor } from '../../src/tfjs/plateau-doctor-callback.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const CLASSES = 3;
const FEATURES = 4;

/** Three Gaussian blobs in 4-d with integer labels: a softmax classifier learns it in a few epochs. */
function blobs(n: number, seed: number): { x: tf.Tensor2D; y: tf.Tensor1D } {
  const labels = Array.from({ length: n }, (_, i) => i % CLASSES);
  return tf.tidy(() => {
    const centres = tf.tensor2d([
      [2, 0, 0, 1],
      [0, 2, 0, -1],
      [0, 0, 2, 0],
    ]);
    const y = tf.tensor1d(labels, 'int32');
    const x = tf.add(tf.gather(centres, y), tf.randomNormal([n, FEATURES], 0, 1.2, 'float32', seed)) as tf.Tensor2D;
    return { x, y: tf.cast(y, 'float32') as tf.Tensor1D };
  });
}

function classifier(lr = 0.1): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 8, inputShape: [FEATURES], activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.dense({ units: CLASSES, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.sgd(lr), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/** A fresh classifier with training and held-out blobs; `done()` frees all of it and the callback's average. */
function problem(trainSize: number, valSize: number, seed: number, lr = 0.1) {
  const model = classifier(lr);
  const train = blobs(trainSize, seed);
  const val = blobs(valSize, seed + 1);
  const done = (callback?: { dispose(): void }, ...extra: tf.Tensor[]) => {
    callback?.dispose();
    tf.dispose([train.x, train.y, val.x, val.y, ...extra]);
    model.dispose();
  };
  return { model, train, val, done };
}

/** A callback that calls `hook` at every batch end and epoch end (to look at the model from fit). */
function watcher(hooks: { batch?: () => void; epoch?: (epoch: number) => void }): tf.CustomCallback {
  return new tf.CustomCallback({
    onBatchEnd: async () => hooks.batch?.(),
    onEpochEnd: async (epoch) => hooks.epoch?.(epoch),
  });
}

const snapshot = (model: tf.LayersModel): Float64Array[] => model.trainableWeights.map((w) => Float64Array.from(w.read().dataSync()));
const bytes = (model: tf.LayersModel): number[][] => model.trainableWeights.map((w) => Array.from(new Uint8Array(w.read().dataSync().slice().buffer)));

/** The average in float64 from the weights after each step: the rule of lr/weight-average.ts, step by step. */
function referenceAverage(iterates: Float64Array[][], horizonSteps: (step: number) => number): Float64Array[] {
  let avg = iterates[0]!.map((w) => Float64Array.from(w));
  iterates.slice(1).forEach((ws, k) => {
    const step = k + 2;
    const a = averageWeight(step, horizonSteps(step));
    avg = avg.map((m, i) => m.map((v, j) => v + a * (ws[i]![j]! - v)));
  });
  return avg;
}

function expectClose(actual: tf.Tensor[], expected: Float64Array[], tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((t, i) => {
    const got = t.dataSync();
    let worst = 0;
    for (let j = 0; j < got.length; j++) worst = Math.max(worst, Math.abs(got[j]! - expected[i]![j]!));
    expect(worst, `weight ${i}: largest difference from the float64 reference`).toBeLessThan(tolerance);
  });
}

describe('the weight average in the tfjs callback (EpochRecord.average)', () => {
  /** plateauDoctor with θ̄ kept where the test says (the backend's default is 'host' on cpu). */
  const doctorWith = (storage: AverageStorage, options: ConstructorParameters<typeof LrControllerCallback>[1]) =>
    new LrControllerCallback(createDoctorController(), options, { owner: 'plateauDoctor', averageStorage: storage });

  it.each(['host', 'device'] as const)('keeps an EMA of the trainable weights equal to a float64 reference (horizon 0.5 epoch = 8 steps; θ̄ on the %s)', async (storage) => {
    const { model, train, val, done } = problem(256, 60, 3);
    const iterates: Float64Array[][] = [];
    const callback = doctorWith(storage, { validationData: [val.x, val.y], averageHorizon: 0.5 });
    await model.fit(train.x, train.y, { epochs: 3, batchSize: 16, shuffle: false, verbose: 0, callbacks: [watcher({ batch: () => iterates.push(snapshot(model)) }), callback] });
    expect(iterates.length).toBe(48);
    const averaged = callback.averagedWeights();
    expectClose(averaged, referenceAverage(iterates, () => 8), 1e-5);
    // The average really lags the raw weights (else the test could not tell them apart).
    const last = iterates.at(-1)!;
    expect(Math.abs(averaged[0]!.dataSync()[0]! - last[0]![0]!)).toBeGreaterThan(1e-4);
    tf.dispose(averaged);
    done(callback);
  });

  it('fills record.average: averaged val loss and accuracy as model.evaluate gives them, and the paired gap with a sane interval', async () => {
    const { model, train, val, done } = problem(192, 90, 5);
    const seen: EpochRecord[] = [];
    const recorder: LrController = { name: 'recorder', onEpoch: (r) => void seen.push(structuredClone(r)) };
    const callback = lrControllerCallback(recorder, { validationData: [val.x, val.y] });
    await model.fit(train.x, train.y, { epochs: 4, batchSize: 16, verbose: 0, callbacks: [callback] });
    expect(seen.length).toBe(4);
    expect(callback.records).toEqual(seen);
    for (const r of seen) {
      const a = r.average!;
      const g = a.gap!;
      expect(g.source).toBe('validation');
      expect(g.examples).toBe(90);
      expect(g.low).toBeLessThanOrEqual(g.mean);
      expect(g.mean).toBeLessThanOrEqual(g.high);
      expect(g.high - g.low).toBeGreaterThan(0);
      expect(g.high - g.low).toBeLessThan(1);
      expect(g.averagedLoss).toBeCloseTo(a.valLoss!, 6);
      expect(g.mean).toBeCloseTo(r.valLoss! - a.valLoss!, 5);
      expect(a.valAccuracy).toBeGreaterThanOrEqual(0);
      expect(a.valAccuracy).toBeLessThanOrEqual(1);
      expect(Number.isNaN(a.testLoss) && Number.isNaN(a.testAccuracy)).toBe(true);
    }
    // The raw weights' numbers are fit's own val loss and accuracy on the same set ...
    const [rawLoss, rawAcc] = (model.evaluate(val.x, val.y, { batchSize: 256 }) as tf.Scalar[]).map((t) => t.dataSync()[0]!);
    const last = seen.at(-1)!;
    expect(last.valLoss).toBeCloseTo(rawLoss!, 5);
    expect(last.valAccuracy).toBeCloseTo(rawAcc!, 6);
    // ... and the averaged ones are what evaluate gives with the averaged weights set.
    const raw = model.getWeights().map((t) => t.clone());
    const averaged = callback.averagedWeights();
    model.setWeights(averaged);
    const [avgLoss, avgAcc] = (model.evaluate(val.x, val.y, { batchSize: 256 }) as tf.Scalar[]).map((t) => t.dataSync()[0]!);
    expect(last.average!.valLoss).toBeCloseTo(avgLoss!, 5);
    expect(last.average!.valAccuracy).toBeCloseTo(avgAcc!, 6);
    expect(last.average!.valLoss).not.toBe(last.valLoss);
    model.setWeights(raw);
    tf.dispose([...raw, ...averaged]);
    done(callback);
  });

  it.each(['host', 'device'] as const)('restores the raw weights bit for bit after evaluating the average, and leaks no tensor (θ̄ on the %s)', async (storage) => {
    const { model, train, val, done } = problem(128, 45, 7, 0.2);
    const before: number[][][] = [];
    const after: number[][][] = [];
    const tensorsAtEpochEnd: number[] = [];
    const callback = doctorWith(storage, { validationData: [val.x, val.y] });
    const tensorsBeforeFit = tf.memory().numTensors;
    await model.fit(train.x, train.y, {
      epochs: 5,
      batchSize: 16,
      verbose: 0,
      callbacks: [
        watcher({ epoch: () => before.push(bytes(model)) }),
        callback,
        watcher({ epoch: () => (after.push(bytes(model)), tensorsAtEpochEnd.push(tf.memory().numTensors)) }),
      ],
    });
    expect(after).toEqual(before);
    expect(callback.records.every((r) => r.average!.valLoss !== r.valLoss)).toBe(true); // a different set of weights was evaluated
    // Steady state: the same number of tensors at the end of every epoch.
    expect(new Set(tensorsAtEpochEnd.slice(1)).size, tensorsAtEpochEnd.join(', ')).toBe(1);
    // On the device the average holds one tensor per trainable weight (none on the host); disposing the callback frees them.
    const heldByAverage = storage === 'device' ? model.trainableWeights.length : 0;
    const afterFit = tf.memory().numTensors;
    callback.dispose();
    expect(tf.memory().numTensors).toBe(afterFit - heldByAverage);
    expect(tf.memory().numTensors).toBe(tensorsBeforeFit);
    done();
  });

  it('takes the horizon from the first epoch when fit does not know the steps per epoch (fitDataset over a generator)', async () => {
    const { model, train, val, done } = problem(128, 30, 9);
    const dataset = tf.data
      .generator(function* () {
        for (let b = 0; b < 8; b++) yield { xs: train.x.slice(b * 16, 16), ys: train.y.slice(b * 16, 16) };
      })
      .map((e) => e as tf.TensorContainer);
    const iterates: Float64Array[][] = [];
    const callback = plateauDoctor({ validationData: [val.x, val.y], averageHorizon: 0.5 });
    await model.fitDataset(dataset, { epochs: 3, verbose: 0, callbacks: [watcher({ batch: () => iterates.push(snapshot(model)) }), callback] });
    expect(iterates.length).toBe(24);
    // Epoch 1: a running mean (horizon unknown); from epoch 2 on the horizon is 0.5 x 8 = 4 steps.
    const averaged = callback.averagedWeights();
    expectClose(averaged, referenceAverage(iterates, (step) => (step <= 8 ? Number.POSITIVE_INFINITY : 4)), 1e-5);
    tf.dispose(averaged);
    done(callback);
  });

  it('with probeData: the gap only (source probe), validation fields from fit as before', async () => {
    const { model, train, val: probe, done } = problem(96, 30, 11);
    const callback = plateauDoctor({ probeData: [probe.x, probe.y] });
    await model.fit(train.x, train.y, { epochs: 2, batchSize: 16, verbose: 0, validationSplit: 0.25, callbacks: [callback] });
    const r = callback.records.at(-1)!;
    expect(r.average!.gap!.source).toBe('probe');
    expect(r.average!.valLoss).toBeNull();
    expect(r.average!.valAccuracy).toBeNull();
    expect(r.valLoss).not.toBeNull(); // fit's val_loss on its own split
    done(callback);
  });

  it('without validation data keeps no average: records have no average field, no tensor is held', async () => {
    const model = classifier();
    const train = blobs(64, 13);
    const callback = plateauDoctor();
    await model.fit(train.x, train.y, { epochs: 2, batchSize: 16, verbose: 0, callbacks: [callback] });
    expect(callback.records.length).toBe(2);
    expect(callback.records.every((r) => !('average' in r))).toBe(true);
    expect(callback.averagedWeights()).toEqual([]);
    tf.dispose([train.x, train.y]);
    model.dispose();
  });
});

describe('early stopping on the averaged weights (plateauDoctor earlyStop)', () => {
  it('stops fit when the averaged weights overfit and leaves the model with the best epoch\'s averaged weights, bit for bit', async () => {
    // Labels unrelated to the inputs: a wide MLP memorises the 48 training examples while the
    // averaged weights' loss on 150 held-out ones rises from epoch 3 or so.
    const features = 8;
    const labels = (n: number, k: number) => tf.tensor1d(Array.from({ length: n }, (_, i) => (i * k) % CLASSES), 'float32');
    const [x, y, xv, yv] = [tf.randomNormal([48, features], 0, 1, 'float32', 1), labels(48, 7), tf.randomNormal([150, features], 0, 1, 'float32', 2), labels(150, 5)];
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ units: 64, inputShape: [features], activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
        tf.layers.dense({ units: CLASSES, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }),
      ],
    });
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'sparseCategoricalCrossentropy' });
    const lines: string[] = [];
    const callback = plateauDoctor({ validationData: [xv, yv], earlyStop: true, log: (l) => lines.push(l) });
    const averagedByEpoch: number[][][] = [];
    const keep = watcher({
      epoch: () => {
        const avg = callback.averagedWeights();
        averagedByEpoch.push(avg.map((t) => Array.from(new Uint8Array(t.dataSync().slice().buffer))));
        tf.dispose(avg);
      },
    });
    const history = await model.fit(x, y, { epochs: 60, batchSize: 8, verbose: 0, callbacks: [callback, keep] });
    const stopped = callback.stopped!;
    expect(stopped, lines.join('\n')).not.toBeNull();
    expect(history.epoch.length).toBe(stopped.epoch);
    expect(stopped.epoch).toBeLessThan(60);
    expect(stopped).toMatchObject({ weights: 'averaged', restored: true });
    expect(stopped.reason).toMatch(/overfitting since epoch \d+.*stopping early/);
    // The kept epoch is the averaged weights' best validation loss, and the model holds its θ̄.
    const avgVal = callback.records.map((r) => r.average!.valLoss!);
    expect(stopped.keepEpoch).toBe(avgVal.indexOf(Math.min(...avgVal)) + 1);
    expect(bytes(model)).toEqual(averagedByEpoch[stopped.keepEpoch - 1]);
    expect(lines.at(-1)).toMatch(new RegExp(`^stopped early: .*; the model now holds the averaged weights of epoch ${stopped.keepEpoch}$`));
    callback.dispose();
    tf.dispose([x, y, xv, yv]);
    model.dispose();
  });
});

describe('weight-average options and supported models: one-line errors', () => {
  const oneLine = (message: RegExp) => (e: unknown) => {
    const text = (e as Error).message;
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
    return true;
  };

  it('refuses bad options when the callback is made', () => {
    const val = blobs(10, 1);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ validationData: [val.x, val.y], averageHorizon: 0 }, /^plateauDoctor: averageHorizon must be a number of epochs > 0, got 0$/],
      [{ validationData: [val.x, val.y], averageHorizon: Number.NaN }, /^plateauDoctor: averageHorizon must be a number of epochs > 0, got NaN$/],
      [{ averageHorizon: 2 }, /^plateauDoctor: averageHorizon needs validationData \(or probeData\)/],
      [{ validationData: val.x }, /^plateauDoctor: validationData must be \[x, y\]/],
      [{ validationData: [val.x, [1, 2]] }, /^plateauDoctor: validationData must be \[x, y\] with x a tf.Tensor/],
      [{ validationData: [val.x, val.y.slice(0, 9)] }, /^plateauDoctor: validationData: x has 10 rows but y has 9; they must match$/],
      [{ validationData: [val.x.slice(0, 1), val.y.slice(0, 1)] }, /^plateauDoctor: validationData needs at least 2 examples/],
      [{ validationData: [val.x, val.y], probeData: [val.x, val.y] }, /^plateauDoctor: pass validationData or probeData, not both/],
      [{ validationDate: [val.x, val.y] }, /^plateauDoctor: unknown option validationDate \(did you mean validationData\?\); known: onLrChange, log, validationData, probeData, averageHorizon, decayFactor/],
    ];
    for (const [options, message] of cases) expect(() => plateauDoctor(options as never), String(message)).toThrow();
    for (const [options, message] of cases) {
      try {
        plateauDoctor(options as never);
      } catch (e) {
        oneLine(message)(e);
      }
    }
    expect(() => lrControllerCallback({ name: 'x' }, { averageHorizon: -1, validationData: [val.x, val.y] })).toThrow(/^lrControllerCallback: averageHorizon must be/);
    tf.dispose([val.x, val.y]);
  });

  it('refuses unsupported models and labels before the first batch', async () => {
    const train = blobs(32, 2);
    const val = blobs(12, 3);
    const logits = tf.sequential({ layers: [tf.layers.dense({ units: CLASSES, inputShape: [FEATURES] })] });
    logits.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    const regression = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [FEATURES] })] });
    regression.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    const oneHot = tf.oneHot(tf.cast(train.y, 'int32') as tf.Tensor1D, CLASSES);
    const badLabels = tf.fill([12], 7);
    const wrongWidth = tf.zeros([12, 5]);
    const cases: [tf.LayersModel, tf.Tensor, tf.Tensor, RegExp][] = [
      [logits, oneHot, val.y, /^plateauDoctor: validationData: row \d+ of model.predict sums to .*not probabilities \(a logits or regression output is not supported\); supported: one softmax output/],
      [regression, train.y, val.y, /^plateauDoctor: validationData: the model's output shape is \[null, 1\], not a classifier's \[batch, C >= 2\]/],
      [classifier(), train.y, badLabels, /^plateauDoctor: validationData: label 7 at row 0 is not a class index in 0..2/],
      [classifier(), train.y, wrongWidth, /^plateauDoctor: validationData: y has shape \[12, 5\] but the model has 3 classes/],
    ];
    for (const [model, yTrain, yVal, message] of cases) {
      let batches = 0;
      const callback = plateauDoctor({ validationData: [val.x, yVal] });
      const fit = model.fit(train.x, yTrain, { epochs: 1, batchSize: 8, verbose: 0, callbacks: [callback, watcher({ batch: () => batches++ })] });
      await expect(fit).rejects.toSatisfy(oneLine(message));
      expect(batches).toBe(0);
      model.dispose();
    }
    tf.dispose([train.x, train.y, val.x, val.y, oneHot, badLabels, wrongWidth]);
  });

  it('accepts one-hot labels (categorical) and gives the same numbers as class indices', async () => {
    const train = blobs(64, 4);
    const val = blobs(30, 5);
    const valOneHot = tf.oneHot(tf.cast(val.y, 'int32') as tf.Tensor1D, CLASSES);
    const runs: EpochRecord[] = [];
    for (const yVal of [val.y, valOneHot]) {
      const model = classifier();
      const callback = plateauDoctor({ validationData: [val.x, yVal] });
      await model.fit(train.x, train.y, { epochs: 2, batchSize: 16, shuffle: false, verbose: 0, callbacks: [callback] });
      runs.push(callback.records.at(-1)!);
      callback.dispose();
      model.dispose();
    }
    expect(runs[1]!.valLoss).toBeCloseTo(runs[0]!.valLoss!, 5);
    expect(runs[1]!.average!.gap!.mean).toBeCloseTo(runs[0]!.average!.gap!.mean, 5);
    expect(runs[1]!.average!.valAccuracy).toBe(runs[0]!.average!.valAccuracy);
    tf.dispose([train.x, train.y, val.x, val.y, valOneHot]);
  });
});
