import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { plateauDoctor } from '../../src/tfjs/plateau-doctor-callback.js';
import { getOptimizerLearningRate } from '../../src/tfjs/callbacks.js';
import { createDoctorController } from '../../src/lr/doctor.js';
import { lrChange } from '../../src/lr/lr-change.js';
import type { EpochRecord, LrChangeEvent } from '../../src/logs/run-log.js';
import type { LrDecision } from '../../src/lr/controller.js';

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

/** Drives a fresh doctor with recorded batch losses and epoch records, as the trainer does; returns its LR changes. */
function replayDoctor(losses: number[], records: EpochRecord[], initialLr: number, stepsPerEpoch: number): LrChangeEvent[] {
  const doctor = createDoctorController();
  doctor.start?.({ initialLr, stepsPerEpoch, epochs: records.length, classes: 1 });
  const changes: LrChangeEvent[] = [];
  let lr = initialLr;
  const apply = (decision: LrDecision | undefined, step: number, epoch: number) => {
    const event = lrChange(doctor.name, decision, { step, epoch, lr });
    if (event) (changes.push(event), (lr = event.newLr));
  };
  for (const record of records) {
    const last = record.epoch * stepsPerEpoch;
    for (let step = last - stepsPerEpoch + 1; step <= last; step++) apply(doctor.onStep!(step, losses[step - 1]!, lr), step, record.epoch);
    apply(doctor.onEpoch!({ ...record, lr }), last, record.epoch);
  }
  return changes;
}

describe('plateauDoctor (tfjs model.fit callback)', () => {
  it('cuts the optimizer LR once the loss sits on its noise floor, with the reason and evidence', async () => {
    const { model, xs, ys } = regression(0.5, 0.02);
    const lines: string[] = [];
    const callback = plateauDoctor({ log: (line) => lines.push(line) });
    const losses: number[] = [];
    const watcher = new tf.CustomCallback({ onBatchEnd: async (_b, logs) => void losses.push(Number(logs?.loss)) });
    await model.fit(xs, ys, { epochs: 20, batchSize: 8, verbose: 0, shuffle: false, callbacks: [watcher, callback] });
    expect(callback.changes.length, lines.join('\n')).toBeGreaterThanOrEqual(1);
    const first = callback.changes[0];
    expect(first.verdict).toBe('plateau');
    expect(first.oldLr).toBeCloseTo(0.02, 7);
    expect(first.newLr).toBeCloseTo(0.002, 7);
    expect(first.reason).toMatch(/^step [\d,]+: plateau since step [\d,]+, trend /);
    expect(first.evidence).toMatchObject({ verdict: 'plateau' });
    expect(getOptimizerLearningRate(model.optimizer)).toBeCloseTo(callback.changes.at(-1)!.newLr, 7);
    expect(lines.some((l) => l.includes('plateau since step'))).toBe(true);
    // The reasons are the doctor's word for word, as the trainer's loop makes them (one rule,
    // lr/lr-change.ts): replay what fit saw through a fresh doctor the way the trainer drives it.
    expect(callback.changes).toEqual(replayDoctor(losses, callback.records, 0.02, 64));
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
