import { describe, expect, it } from 'vitest';
import { PlateauDoctorError } from '../../src/errors.js';
import type { EpochRecord } from '../../src/logs/run-log.js';
import { createSchedulerController, formatSchedulerNumber, type SchedulerController } from '../../src/lr/scheduler-controllers.js';

const START = { initialLr: 0.01, stepsPerEpoch: 938, epochs: 10, classes: 10 };

function record(epoch: number, fields: Partial<EpochRecord> = {}): EpochRecord {
  return { epoch, trainLoss: 1, valLoss: 1, valAccuracy: 0.9, testLoss: 1, testAccuracy: 0.9, lr: 0, seconds: 1, ...fields };
}

/**
 * Drives a controller like the trainer: epoch e runs at `lr`, then onEpoch; a decision sets
 * the LR of epoch e + 1. Returns the LR each epoch ran at and the decisions.
 */
function drive(c: SchedulerController, epochs: number, fields: (epoch: number) => Partial<EpochRecord> = () => ({})) {
  c.start?.(START);
  let lr = START.initialLr;
  const ranAt: number[] = [];
  const decisions: { epoch: number; lr: number; reason: string }[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    ranAt.push(lr);
    const d = c.onEpoch?.(record(epoch, { lr, ...fields(epoch) }));
    if (d) {
      decisions.push({ epoch, lr: d.lr, reason: d.reason });
      lr = d.lr;
    }
  }
  return { ranAt, decisions };
}

describe('scheduler controllers', () => {
  it('none never changes the LR', () => {
    const { ranAt, decisions } = drive(createSchedulerController('none'), 10);
    expect(decisions).toEqual([]);
    expect(new Set(ranAt)).toEqual(new Set([0.01]));
  });

  it('step (defaults: step_size 5, gamma 0.1) moves to 0.001 after epoch 5, so epoch 6 runs at 0.001', () => {
    const c = createSchedulerController('step');
    expect(c.options).toEqual({ stepSize: 5, gamma: 0.1 });
    const { ranAt, decisions } = drive(c, 10);
    expect(ranAt.slice(0, 5)).toEqual([0.01, 0.01, 0.01, 0.01, 0.01]);
    expect(ranAt[5]).toBeCloseTo(0.001, 15);
    expect(ranAt[5]).toBe(0.01 * 0.1); // chained float64, like PyTorch
    expect(decisions).toEqual([
      { epoch: 5, lr: 0.01 * 0.1, reason: 'StepLR: epoch 5 is a multiple of step_size 5; lr 0.01 -> 0.001' },
      { epoch: 10, lr: 0.01 * 0.1 * 0.1, reason: 'StepLR: epoch 10 is a multiple of step_size 5; lr 0.001 -> 1e-4' },
    ]);
  });

  it('multistep (defaults: milestones 5, 8) explains repeated milestones', () => {
    expect(drive(createSchedulerController('multistep'), 10).decisions.map((d) => d.epoch)).toEqual([5, 8]);
    const { decisions } = drive(createSchedulerController('multistep', { milestones: [3, 3], gamma: 0.5 }), 4);
    expect(decisions).toEqual([
      { epoch: 3, lr: 0.01 * 0.5 ** 2, reason: 'MultiStepLR: epoch 3 is a milestone 2 times (gamma 0.5^2) (milestones 3, 3); lr 0.01 -> 0.0025' },
    ]);
  });

  it('exponential (default gamma 0.9) changes the LR after every epoch', () => {
    const { ranAt, decisions } = drive(createSchedulerController('exponential'), 3);
    expect(ranAt).toEqual([0.01, 0.01 * 0.9, 0.01 * 0.9 * 0.9]);
    expect(decisions[0].reason).toBe('ExponentialLR: epoch 1, gamma 0.9; lr 0.01 -> 0.009');
  });

  it('plateau watches val_loss with PyTorch defaults (patience 10) and says why it reduced', () => {
    const c = createSchedulerController('plateau');
    expect(c.options).toMatchObject({ monitor: 'val_loss', mode: 'min', patience: 10, factor: 0.1, threshold: 1e-4 });
    // val_loss improves to 0.2701 at epoch 3, then hovers just above it; train_loss keeps falling (must be ignored).
    const val = (e: number) => (e <= 3 ? [0.5, 0.3, 0.2701][e - 1] : 0.2713);
    const { decisions } = drive(c, 16, (e) => ({ valLoss: val(e), trainLoss: 1 / e }));
    expect(decisions).toHaveLength(1);
    expect(decisions[0].epoch).toBe(14); // 11 bad epochs (4..14) > patience 10
    expect(decisions[0].lr).toBe(0.01 * 0.1);
    expect(decisions[0].reason).toBe(
      'ReduceLROnPlateau: val_loss 0.2713 not better than best 0.2701 for 11 epochs (patience 10, threshold 1e-4 rel, lower is better); lr 0.01 -> 0.001',
    );
  });

  it('plateau falls back to train_loss with --val-size 0 and says so', () => {
    const c = createSchedulerController('plateau', { patience: 1 });
    const { decisions } = drive(c, 5, (e) => ({ valLoss: null, valAccuracy: null, trainLoss: e < 2 ? 1 : 0.9 }));
    expect(decisions.map((d) => d.epoch)).toEqual([4]);
    expect(decisions[0].reason).toMatch(/^ReduceLROnPlateau: train_loss 0\.9000 not better than best 0\.9000 for 2 epochs \(patience 1/);
    expect(decisions[0].reason).toMatch(/no validation set with --val-size 0, so train_loss is watched instead of val_loss/);
    expect(c.drainMessages?.()).toEqual([
      'plateau: no validation set (--val-size 0): ReduceLROnPlateau watches the epoch mean train_loss instead of val_loss',
    ]);
    expect(c.drainMessages?.()).toEqual([]);
  });

  it('plateau on val_accuracy uses mode max', () => {
    const c = createSchedulerController('plateau', { monitor: 'val_accuracy', patience: 0 });
    expect(c.options).toMatchObject({ mode: 'max' });
    const acc = [0.9, 0.95, 0.95];
    const { decisions } = drive(c, 3, (e) => ({ valAccuracy: acc[e - 1], valLoss: 5 - e }));
    expect(decisions.map((d) => d.epoch)).toEqual([3]);
    expect(decisions[0].reason).toMatch(/^ReduceLROnPlateau: val_accuracy 0\.9500 not better than best 0\.9500 for 1 epoch .*higher is better/);
    const noVal = createSchedulerController('plateau', { monitor: 'val_accuracy' });
    noVal.start?.(START);
    expect(() => noVal.onEpoch?.(record(1, { valAccuracy: null, valLoss: null }))).toThrow(/--monitor val_accuracy needs a validation set/);
  });

  it('plateau on train_loss ignores the validation loss', () => {
    const c = createSchedulerController('plateau', { monitor: 'train_loss', patience: 0 });
    const { decisions } = drive(c, 3, (e) => ({ trainLoss: 1, valLoss: 1 / e }));
    // Flat train_loss with patience 0 and no cooldown: a reduction after every epoch from the 2nd.
    expect(decisions.map((d) => d.epoch)).toEqual([2, 3]);
  });

  it('checks options when the controller is created, naming them', () => {
    expect(() => createSchedulerController('step', { stepSize: 0 })).toThrow(PlateauDoctorError);
    expect(() => createSchedulerController('step', { stepSize: 0 })).toThrow(/stepSize/);
    expect(() => createSchedulerController('multistep', { milestones: [2.5] })).toThrow(/milestones\[0\]/);
    expect(() => createSchedulerController('plateau', { factor: 2 })).toThrow(/factor must be/);
    expect(() => createSchedulerController('plateau', { monitor: 'val_acc' as 'val_loss' })).toThrow(/--monitor val_acc is unknown/);
    expect(() => createSchedulerController('cosine' as 'step')).toThrow(/unknown scheduler schedule "cosine"/);
  });

  it('formats numbers without float noise, to 6 significant digits, exponents as num writes them', () => {
    expect(formatSchedulerNumber(0.01 * 0.1)).toBe('0.001');
    expect(formatSchedulerNumber(1e-5 * 0.1)).toBe('1e-6');
    expect(formatSchedulerNumber(0.123456789)).toBe('0.123457');
    expect(formatSchedulerNumber(0.01 * 0.95 ** 3)).toBe('0.00857375');
  });
});
