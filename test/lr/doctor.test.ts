import { describe, expect, it } from 'vitest';
import { createDoctorController, type DoctorOptions } from '../../src/lr/doctor.js';
import { generateCurve } from '../../src/detect/synthetic.js';
import type { EpochRecord } from '../../src/logs/run-log.js';
import type { LrDecision } from '../../src/lr/controller.js';
import { Rng } from '../../src/rng.js';
import { readCurve, stepLosses } from '../helpers/curves.js';

interface Cut {
  step: number;
  lr: number;
  decision: LrDecision;
}

/**
 * A small training loop against the LrController interface: `lossAt(step, lr, level)` gives the
 * batch loss, `valAt(epoch)` the validation loss. Returns the cuts the doctor made.
 */
function simulate(options: DoctorOptions, epochs: number, stepsPerEpoch: number, lossAt: (step: number, lr: number) => number, valAt: (epoch: number) => number | null, initialLr = 0.1, testLoss = 0.123): { cuts: Cut[]; messages: string[] } {
  const doctor = createDoctorController(options);
  doctor.start?.({ initialLr, stepsPerEpoch, epochs, classes: 10 });
  let lr = initialLr;
  const cuts: Cut[] = [];
  const messages: string[] = [];
  let step = 0;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let k = 0; k < stepsPerEpoch; k++) {
      step++;
      const d = doctor.onStep?.(step, lossAt(step, lr), lr);
      if (d) (cuts.push({ step, lr: d.lr, decision: d }), (lr = d.lr));
    }
    const record: EpochRecord = { epoch, trainLoss: lossAt(step, lr), valLoss: valAt(epoch), valAccuracy: null, testLoss, testAccuracy: 1 - testLoss, lr, seconds: 1 };
    const d = doctor.onEpoch?.(record);
    if (d) (cuts.push({ step, lr: d.lr, decision: d }), (lr = d.lr));
    messages.push(...(doctor.drainMessages?.() ?? []));
  }
  return { cuts, messages };
}

describe('doctor schedule', () => {
  it('never cuts on the seed pipeline shape (loss still falling 6-7% per epoch, validation improving)', () => {
    for (const seed of [1, 2, 3, 4]) {
      const c = generateCurve('seed-like', seed);
      const { cuts } = simulate({}, 10, 938, (s) => c.losses[s - 1], (e) => 0.6 * Math.pow(e, -0.35), 0.01);
      expect(cuts, `seed ${seed}: ${cuts.map((x) => x.decision.reason).join(' | ')}`).toEqual([]);
    }
  });

  it('cuts on a training-loss plateau with a one-line reason and numbers, and cuts again only after the loss responded', () => {
    // A noisy quadratic bowl: the loss settles at a floor proportional to the LR (like SGD's noise floor).
    const rng = new Rng(3);
    let level = 2.3;
    const lossAt = (_s: number, lr: number) => {
      const floor = 0.05 + 3 * lr;
      level += 0.01 * (floor - level);
      return level * Math.exp(0.2 * rng.normal() - 0.02);
    };
    const { cuts } = simulate({}, 12, 500, lossAt, () => null, 0.1);
    expect(cuts.length).toBeGreaterThanOrEqual(1);
    // Rates are per 10% of the planned run (12 x 500 steps = 6000): an epoch is shorter, so the
    // summary has no extra per-10% figure.
    expect(cuts[0].decision.reason).toMatch(/^step [\d,]+: plateau since step [\d,]+, trend [-+][\d.]+%\/epoch \(95% CI [-+][\d.]+\.\.[-+][\d.]+\), noise \d+(\.\d+)?% of level; lr 0\.1 -> 0\.01$/);
    expect(cuts[0].decision.verdict).toBe('plateau');
    expect(cuts[0].decision.evidence).toMatchObject({ verdict: 'plateau', thresholds: { plateauRatePer10pct: 0.02 } });
    expect(cuts[0].lr).toBeCloseTo(0.01, 12);
    // The first plateau (floor 0.35) is reached after ~500 steps; the cut must come after it and not long after.
    expect(cuts[0].step).toBeGreaterThan(500);
    expect(cuts[0].step).toBeLessThan(2500);
    // Every later cut is at least the cooldown (2 epochs) after the previous.
    for (let i = 1; i < cuts.length; i++) expect(cuts[i].step - cuts[i - 1].step).toBeGreaterThanOrEqual(1000);
  });

  it('does not repeat a cut that changed nothing', () => {
    const c = generateCurve('drop-then-flat', 21, { steps: [6000, 6000] });
    const { cuts } = simulate({}, 12, 500, (s) => c.losses[s - 1], () => null, 0.1);
    expect(cuts).toHaveLength(1);
  });

  it('cuts at most once when stuck at chance level, and not at all with maxStuckCuts 0', () => {
    const rng = new Rng(8);
    const dead = () => Math.log(10) * (1 + 0.001 * rng.normal());
    const one = simulate({}, 5, 938, dead, () => Math.log(10), 0.5);
    expect(one.cuts).toHaveLength(1);
    expect(one.cuts[0].decision.verdict).toBe('stuck');
    expect(one.cuts[0].decision.reason).toMatch(/stuck since step [\d,]+ at chance level .*\(bouncing: .*a trial cut/);
    // The cut changed nothing: dead, said once, no second cut (test/lr/doctor-stuck.test.ts has the other cases).
    expect(one.messages.join('\n')).toMatch(/dead: the cut at step [\d,]+ \(lr 0\.5 -> 0\.05\) .* further cuts will not revive it/);
    expect(one.messages.join('\n')).toContain('stuck since step');
    expect(simulate({ maxStuckCuts: 0 }, 5, 938, dead, () => Math.log(10), 0.5).cuts).toEqual([]);
  });

  it('does not cut on a validation wobble with no significant rise (Fashion-MNIST lr 0.01 shape, 30 epochs)', () => {
    const curve = readCurve('fashion-lr0.01-val-wobble.csv');
    for (const seed of [1, 2, 3]) {
      const losses = stepLosses(curve, 200, new Rng(seed));
      const { cuts, messages } = simulate({}, curve.length, 200, (s) => losses[s - 1], (e) => curve[e - 1].valLoss, 0.01);
      expect(cuts, `seed ${seed}: ${cuts.map((x) => x.decision.reason).join(' | ')}`).toEqual([]);
      expect(messages.join('\n')).not.toMatch(/overfitting|rising/);
    }
  });

  it('cuts on a real validation rise while training loss falls, quoting the interval, never looking at test fields', () => {
    const curve = readCurve('val-rise.csv');
    const losses = stepLosses(curve, 200, new Rng(1));
    const a = simulate({}, curve.length, 200, (s) => losses[s - 1], (e) => curve[e - 1].valLoss, 0.1, 0.1);
    const b = simulate({}, curve.length, 200, (s) => losses[s - 1], (e) => curve[e - 1].valLoss, 0.1, 9.9);
    expect(a.cuts).toHaveLength(1);
    expect(a.cuts[0].decision.verdict).toBe('overfitting');
    // Best at epoch 8: a rise is judged on 5 epochs after it at the earliest.
    expect(a.cuts[0].step).toBeGreaterThanOrEqual(13 * 200);
    const m = /^step [\d,]+: overfitting since epoch 8: best validation loss 0\.3352 at epoch 8, [\d.]+ now \(\+[\d.]+%\); validation loss rising \+[\d.]+%\/epoch \(95% CI \+([\d.]+)\.\.\+[\d.]+\) over epoch 9\.\.\d+ while training loss (?:still falls|is flat|falls, but negligibly|rises slightly), .* \(after epoch \d+; early stopping would keep epoch 8\); lr 0\.1 -> 0\.01$/.exec(a.cuts[0].decision.reason);
    expect(m, a.cuts[0].decision.reason).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(0);
    expect(b.cuts.map((x) => [x.step, x.lr])).toEqual(a.cuts.map((x) => [x.step, x.lr]));
    // Without validation cuts the doctor only says so.
    const advice = simulate({ useValidation: false }, curve.length, 200, (s) => losses[s - 1], (e) => curve[e - 1].valLoss, 0.1);
    expect(advice.cuts).toEqual([]);
    expect(advice.messages.join('\n')).toMatch(/overfitting since epoch 8/);
  });

  it('respects minLr and validates its options', () => {
    const rng = new Rng(4);
    const dead = () => 2 * (1 + 0.001 * rng.normal());
    expect(simulate({ minLr: 0.5 }, 4, 500, dead, () => null, 0.5).cuts).toEqual([]);
    expect(() => createDoctorController({ decayFactor: 1.5 })).toThrow(/--decay-factor must be in \(0, 1\)/);
    expect(() => createDoctorController({ plateauRate: 0 })).toThrow(/plateauRate/);
  });

  it('resumes from a state dict with the same decisions', () => {
    const c = generateCurve('drop-then-flat', 21, { steps: [6000, 6000] });
    const full = createDoctorController({});
    full.start?.({ initialLr: 0.1, stepsPerEpoch: 500, epochs: 12, classes: 10 });
    const part = createDoctorController({});
    part.start?.({ initialLr: 0.1, stepsPerEpoch: 500, epochs: 12, classes: 10 });
    const a: string[] = [];
    const b: string[] = [];
    let lrA = 0.1;
    let lrB = 0.1;
    let resumed = part;
    for (let s = 1; s <= 6000; s++) {
      if (s === 1200) {
        resumed = createDoctorController({});
        resumed.loadStateDict(JSON.parse(JSON.stringify(part.stateDict())));
      }
      const da = full.onStep?.(s, c.losses[s - 1], lrA);
      const db = resumed.onStep?.(s, c.losses[s - 1], lrB);
      if (da) (a.push(da.reason), (lrA = da.lr));
      if (db) (b.push(db.reason), (lrB = db.lr));
    }
    expect(a.length).toBe(1);
    expect(b).toEqual(a);
  });
});
