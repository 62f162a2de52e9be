import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDoctorController } from '../../src/lr/doctor.js';
import { simulateDoctor } from '../helpers/simulate-doctor.js';
import { Rng } from '../../src/rng.js';

const LN10 = Math.log(10);

/** Steps and epoch ends (train loss = the epoch's mean step loss; no validation, no average). */
function simulate(lossAt: (step: number, lr: number, sinceCut: number) => number, initialLr: number, epochs = 10, spe = 400, options = {}) {
  return simulateDoctor(lossAt, initialLr, { epochs, spe, options, epochRecords: true });
}

describe('doctor: the epoch-level bouncing check (loss far above anything useful and not falling)', () => {
  it('bouncing near ln 10 at a too-high LR: cut after epoch 1, and again while each cut lowered the loss', () => {
    const rng = new Rng(4);
    // lr >= 0.3 bounces at ~0.9 ln 10; lr 0.03 falls to a level still high (1.7) and stays; lr 0.003 revives it.
    const level = (lr: number, since: number) => (lr >= 0.3 ? 0.9 * LN10 : lr >= 0.03 ? 1.7 + (0.9 * LN10 - 1.7) * Math.exp(-since / 100) : 0.3 + 1.4 * Math.exp(-since / 200));
    // confirmations 1000 keeps the detector's own step-level plateau/stuck cuts out of the way.
    const { cuts } = simulate((_s, lr, since) => level(lr, since) * Math.exp(0.1 * rng.normal()), 0.3, 10, 400, { confirmations: 1000 });
    expect(cuts.map((c) => [c.step, c.decision.lr])).toEqual([[400, 0.03], [1600, 0.003]]);
    expect(cuts[0].decision.reason).toMatch(/^step 400: after epoch 1: bouncing: mean loss 2\.\d+ over the second half of epoch 1, 9\d% of chance level ln C = 2\.303, [-+]\d\.\d+% from the window before .*; lr 0\.3 -> 0\.03$/);
    expect(cuts[0].decision.evidence).toMatchObject({ rule: 'bouncing', bouncing: { kind: 'bouncing', afterCut: false } });
    // Epoch 2 fell >= 3% after the cut (progress), epoch 3 did not, still above 60% of ln 10: cut again (cooldown 2 epochs).
    expect(cuts[1].decision.reason).toMatch(/after epoch 4: bouncing: mean loss 1\.\d+ over epoch 4, 7\d% of chance level/);
  });

  it('a cut that changed nothing: dead, said once, no further cut', () => {
    const rng = new Rng(5);
    const { cuts, messages } = simulate(() => 0.9 * LN10 * Math.exp(0.1 * rng.normal()), 0.5);
    expect(cuts).toHaveLength(1);
    expect(messages.join('\n')).toMatch(/epoch 2: dead: mean loss 2\.\d+ over epoch 2, .*: the last cut did not revive it; further cuts will not; restart with a lower initial LR or another initialisation; no cut/);
  });

  it('never on a run that learns: a fast drop, or a slow learner falling 4% per epoch from near ln 10', () => {
    const rng = new Rng(6);
    const o = { confirmations: 1000 };
    expect(simulate((s) => (0.3 + 2 * Math.exp(-s / 100)) * Math.exp(0.2 * rng.normal()), 0.01, 10, 400, o).cuts).toEqual([]);
    const slow = simulate((s) => LN10 * Math.exp(-0.04 * (s / 400)) * Math.exp(0.05 * rng.normal()), 0.001, 10, 400, o);
    expect(slow.cuts).toEqual([]);
  });

  it('a plateau well below 60% of ln C is not this check\'s business', () => {
    const rng = new Rng(7);
    const { cuts } = simulate(() => 1.2 * Math.exp(0.1 * rng.normal()), 0.1, 6, 400, { confirmations: 1000 });
    expect(cuts.filter((c) => (c.decision.evidence as { rule?: string } | undefined)?.rule === 'bouncing')).toEqual([]);
  });

  it('--bouncing-level: a bad value is one line; a large value switches the check off', () => {
    expect(() => createDoctorController({ bouncingLevel: 0 })).toThrow(/^doctor: --bouncing-level must be > 0 \(a fraction of ln C\), got 0$/);
    const rng = new Rng(9);
    const o = { confirmations: 1000, bouncingLevel: 100 };
    expect(simulate(() => 0.9 * LN10 * Math.exp(0.1 * rng.normal()), 0.5, 6, 400, o).cuts).toEqual([]);
  });

  it('--max-stuck-cuts 0: never cuts on bouncing either', () => {
    const rng = new Rng(8);
    expect(simulate(() => 0.9 * LN10 * Math.exp(0.1 * rng.normal()), 0.5, 6, 400, { maxStuckCuts: 0 }).cuts).toEqual([]);
  });
});

/** The recorded batch losses of the first 3 epochs of a `none` run (fixtures/curves/bouncing: tune-half grid runs, 860 steps per epoch). */
function replay(name: string, lr: number) {
  const text = readFileSync(path.join(import.meta.dirname, '../../fixtures/curves/bouncing', name), 'utf8');
  const rows = text.trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  const spe = 860;
  const doctor = createDoctorController();
  doctor.start?.({ initialLr: lr, stepsPerEpoch: spe, epochs: 15, classes: 10 });
  for (let e = 1; e <= 3; e++) {
    const epochRows = rows.filter((r) => r[1] === e);
    for (const [step, , loss] of epochRows) {
      const d = doctor.onStep?.(step, loss, lr);
      if (d) return { epoch: e, step, decision: d };
    }
    const trainLoss = epochRows.reduce((a, r) => a + r[2], 0) / epochRows.length;
    const d = doctor.onEpoch?.({ epoch: e, trainLoss, valLoss: null, valAccuracy: null, testLoss: Number.NaN, testAccuracy: Number.NaN, lr, seconds: 0 });
    if (d) return { epoch: e, step: e * spe, decision: d };
  }
  return null;
}

describe('the bouncing check on recorded batch losses (tune half)', () => {
  it('MNIST lr 0.3 seed 0 and seed 2 (seed 2 dies at ln 10 from epoch 7 without a cut): cut after epoch 2, as the grid run did', () => {
    for (const name of ['mnist-lr0.3-b64-e15-seed0-steps.csv', 'mnist-lr0.3-b64-e15-seed2-steps.csv']) {
      const r = replay(name, 0.3);
      expect(r?.epoch, name).toBe(2);
      expect(r!.decision.evidence, name).toMatchObject({ rule: 'bouncing' });
      expect(r!.decision.reason, name).toMatch(/after epoch 2: bouncing: mean loss 2\.\d+ over epoch 2, (8|9)\d% of chance level ln C = 2\.303/);
      expect(r!.decision.lr, name).toBeCloseTo(0.03, 12);
    }
  });

  it('the seed pipeline (MNIST lr 0.01): no cut in its first 3 epochs', () => {
    expect(replay('mnist-lr0.01-b64-e10-seed0-steps.csv', 0.01)).toBeNull();
  });
});
