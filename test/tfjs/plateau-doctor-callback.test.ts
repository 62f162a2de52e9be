import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { plateauDoctor } from '../../src/tfjs/plateau-doctor-callback.js';
import { getOptimizerLearningRate } from '../../src/tfjs/callbacks.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** Linear regression y = x.w (+ noise): with noise, SGD falls to the noise floor and stays there. */
function regression(noise: number, lr: number) {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4], kernelInitializer: 'zeros' })] });
  model.compile({ optimizer: tf.train.sgd(lr), loss: 'meanSquaredError' });
  const xs = tf.randomNormal([512, 4], 0, 1, 'float32', 7);
  const ys = tf.add(tf.matMul(xs, tf.tensor2d([[1], [-2], [0.5], [3]])), tf.randomNormal([512, 1], 0, noise, 'float32', 8));
  return { model, xs, ys };
}

describe('plateauDoctor (tfjs model.fit callback)', () => {
  it('cuts the optimizer LR once the loss sits on its noise floor, with the reason and evidence', async () => {
    const { model, xs, ys } = regression(0.5, 0.02);
    const lines: string[] = [];
    const callback = plateauDoctor({ log: (line) => lines.push(line) });
    await model.fit(xs, ys, { epochs: 20, batchSize: 8, verbose: 0, shuffle: false, callbacks: [callback] });
    expect(callback.changes.length, lines.join('\n')).toBeGreaterThanOrEqual(1);
    const first = callback.changes[0];
    expect(first.verdict).toBe('plateau');
    expect(first.oldLr).toBeCloseTo(0.02, 7);
    expect(first.newLr).toBeCloseTo(0.002, 7);
    expect(first.reason).toMatch(/^step [\d,]+: plateau since step [\d,]+, trend /);
    expect(first.evidence).toMatchObject({ verdict: 'plateau' });
    expect(getOptimizerLearningRate(model.optimizer)).toBeCloseTo(callback.changes.at(-1)!.newLr, 7);
    expect(lines.some((l) => l.includes('plateau since step'))).toBe(true);
  });

  it('leaves the LR alone while the loss keeps falling', async () => {
    // Noise-free targets and a small LR: the loss falls all run long.
    const { model, xs, ys } = regression(0, 0.0005);
    const callback = plateauDoctor();
    await model.fit(xs, ys, { epochs: 10, batchSize: 8, verbose: 0, shuffle: false, callbacks: [callback] });
    expect(callback.changes).toEqual([]);
    expect(getOptimizerLearningRate(model.optimizer)).toBeCloseTo(0.0005, 9);
  });
});
