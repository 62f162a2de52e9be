import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PlateauDoctorError } from '../../src/errors.js';
import type { LrController } from '../../src/lr/controller.js';
import { createSchedulerController } from '../../src/lr/scheduler-controllers.js';
import {
  getOptimizerLearningRate,
  lrControllerCallback,
  reduceLROnPlateau,
  setOptimizerLearningRate,
} from '../../src/tfjs/callbacks.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/**
 * A real tfjs model whose loss is exactly flat: zero inputs and zero targets give zero
 * gradients, so the loss is 0 every epoch and never "better" than the best.
 */
function flatProblem(lr: number) {
  const model = tf.sequential({
    layers: [tf.layers.dense({ units: 1, inputShape: [4], kernelInitializer: 'glorotUniform', biasInitializer: 'zeros' })],
  });
  model.compile({ optimizer: tf.train.sgd(lr), loss: 'meanSquaredError' });
  return { model, xs: tf.zeros([32, 4]), ys: tf.zeros([32, 1]) };
}

/** A real learning problem: y = x . w with noise-free targets, the loss falls steadily. */
function learnableProblem(lr: number) {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });
  model.compile({ optimizer: tf.train.sgd(lr), loss: 'meanSquaredError' });
  const xs = tf.randomNormal([48, 4], 0, 1, 'float32', 1);
  const ys = tf.matMul(xs, tf.tensor2d([[1], [-2], [0.5], [3]]));
  return { model, xs, ys };
}

describe('reduceLROnPlateau (tfjs model.fit callback, PyTorch semantics)', () => {
  it('lowers the optimizer LR when the watched loss is flat', async () => {
    const { model, xs, ys } = flatProblem(0.1);
    const lines: string[] = [];
    const callback = reduceLROnPlateau({ patience: 1, factor: 0.5, log: (l) => lines.push(l) });
    await model.fit(xs, ys, { epochs: 5, batchSize: 8, verbose: 0, callbacks: [callback] });
    // Epoch 1 sets best; epochs 2-3 are bad -> 0.05 after epoch 3; 4-5 bad -> 0.025 after epoch 5.
    expect(getOptimizerLearningRate(model.optimizer)).toBe(0.1 * 0.5 * 0.5);
    expect(callback.changes.map((c) => [c.epoch, c.newLr])).toEqual([
      [3, 0.05],
      [5, 0.025],
    ]);
    expect(lines[0]).toBe('reduceLROnPlateau: no val_loss in the epoch logs (fit has no validation data); watching loss instead');
    expect(lines[1]).toBe('epoch 3: ReduceLROnPlateau: loss 0.0000 not better than best 0.0000 for 2 epochs (patience 1, threshold 1e-4 rel, lower is better); lr 0.1 -> 0.05');
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it('watches val_loss when fit has validation data, and leaves a falling loss alone', async () => {
    const { model, xs, ys } = learnableProblem(0.05);
    const callback = reduceLROnPlateau({ patience: 0, threshold: 0.01 });
    const history = await model.fit(xs, ys, { epochs: 6, batchSize: 8, verbose: 0, validationData: [xs, ys], callbacks: [callback] });
    const valLoss = history.history.val_loss as number[];
    expect(valLoss[5]).toBeLessThan(valLoss[0] * 0.5); // the model really learns
    expect(callback.changes).toEqual([]);
    expect(getOptimizerLearningRate(model.optimizer)).toBe(0.05);
    expect(callback.scheduler?.best).toBeCloseTo(valLoss[5], 5);
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it('names a missing log key, and checks options up front', async () => {
    expect(() => reduceLROnPlateau({ factor: 1.5 })).toThrow(PlateauDoctorError);
    const { model, xs, ys } = flatProblem(0.1);
    const callback = reduceLROnPlateau({ monitor: 'val_acc', mode: 'max' });
    await expect(model.fit(xs, ys, { epochs: 1, batchSize: 16, verbose: 0, callbacks: [callback] })).rejects.toThrow(
      /the epoch logs have no "val_acc" \(they have loss\)/,
    );
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it('sets the LR of optimizers without setLearningRate (Adam)', () => {
    const adam = tf.train.adam(0.01);
    setOptimizerLearningRate(adam, 0.002);
    expect(getOptimizerLearningRate(adam)).toBe(0.002);
    expect(() => setOptimizerLearningRate({}, 0.1)).toThrow(/cannot set the learning rate/);
  });
});

describe('lrControllerCallback (any LrController inside model.fit)', () => {
  it('steps a StepLR controller once per epoch', async () => {
    const { model, xs, ys } = learnableProblem(0.01);
    const callback = lrControllerCallback(createSchedulerController('step', { stepSize: 2 }));
    await model.fit(xs, ys, { epochs: 5, batchSize: 16, verbose: 0, callbacks: [callback] });
    expect(callback.changes.map((c) => [c.epoch, c.step, c.newLr])).toEqual([
      [2, 6, 0.01 * 0.1],
      [4, 12, 0.01 * 0.1 * 0.1],
    ]);
    expect(getOptimizerLearningRate(model.optimizer)).toBe(0.01 * 0.1 * 0.1);
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it('feeds every batch loss to onStep and applies a per-step decision from the next batch on', async () => {
    const { model, xs, ys } = learnableProblem(0.02);
    const seen: { step: number; loss: number; lr: number }[] = [];
    let info: unknown;
    const controller: LrController = {
      name: 'test',
      start(i) {
        info = i;
      },
      onStep(step, loss, lr) {
        seen.push({ step, loss, lr });
        return step === 4 ? { lr: 0.005, reason: 'test: step 4' } : undefined;
      },
      drainMessages: () => [],
    };
    const events: number[] = [];
    await model.fit(xs, ys, {
      epochs: 2,
      batchSize: 16,
      verbose: 0,
      shuffle: false,
      callbacks: [lrControllerCallback(controller, { onLrChange: (e) => events.push(e.step) })],
    });
    expect(info).toEqual({ initialLr: 0.02, stepsPerEpoch: 3, epochs: 2, classes: 1 });
    expect(seen.map((s) => s.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seen.map((s) => s.lr)).toEqual([0.02, 0.02, 0.02, 0.02, 0.005, 0.005]);
    for (const s of seen) expect(Number.isFinite(s.loss) && s.loss > 0).toBe(true);
    expect(events).toEqual([4]);
    expect(getOptimizerLearningRate(model.optimizer)).toBe(0.005);
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it('the new LR really drives the updates: LR 0 from step 2 on freezes the weights', async () => {
    const { model, xs, ys } = learnableProblem(0.05);
    let afterStep1: Float32Array[] = [];
    const controller: LrController = {
      name: 'freeze',
      onStep(step) {
        if (step !== 1) return undefined;
        afterStep1 = model.getWeights().map((w) => w.dataSync() as Float32Array);
        return { lr: 0, reason: 'test: freeze' };
      },
    };
    const before = model.getWeights().map((w) => Array.from(w.dataSync()));
    await model.fit(xs, ys, { epochs: 2, batchSize: 16, verbose: 0, callbacks: [lrControllerCallback(controller)] });
    const after = model.getWeights().map((w) => Array.from(w.dataSync()));
    expect(after).toEqual(afterStep1.map((a) => Array.from(a)));
    expect(after).not.toEqual(before); // step 1 did move them
    tf.dispose([xs, ys]);
    model.dispose();
  });
});
