import { describe, expect, it } from 'vitest';
import { createDoctorController, type DoctorOptions } from '../../src/lr/doctor.js';
import { generateCurve } from '../../src/detect/synthetic.js';
import type { AveragedEvaluation, EpochRecord } from '../../src/logs/run-log.js';
import type { LrDecision } from '../../src/lr/controller.js';
import { Rng } from '../../src/rng.js';
import { readCurve, stepLosses } from '../helpers/curves.js';

const LN10 = Math.log(10);

interface World {
  epochs: number;
  spe: number;
  lr0: number;
  /** Batch loss at a step (1-based) under the LR then in effect; `cutEpoch` is the epoch of the last cut (0: none). */
  stepLoss: (step: number, lr: number, cutEpoch: number) => number;
  /** The epoch's training loss, averaged validation loss and relative gap G/L(θ̄) under the LR then in effect. */
  epoch: (e: number, lr: number, cutEpoch: number) => { train: number; val: number | null; avgVal: number | null; rel: number; half: number };
}

/** Runs the doctor through a world that answers to the LR it sets; returns its decisions and messages. */
function simulate(w: World, options: DoctorOptions = {}) {
  const doctor = createDoctorController(options);
  doctor.start?.({ initialLr: w.lr0, stepsPerEpoch: w.spe, epochs: w.epochs, classes: 10 });
  let lr = w.lr0;
  let cutEpoch = 0;
  const cuts: Array<{ epoch: number; step: number; decision: LrDecision }> = [];
  const messages: string[] = [];
  let stop: LrDecision | null = null;
  let step = 0;
  for (let e = 1; e <= w.epochs && !stop; e++) {
    for (let k = 0; k < w.spe; k++) {
      step++;
      const d = doctor.onStep?.(step, w.stepLoss(step, lr, cutEpoch), lr);
      if (d) (cuts.push({ epoch: e, step, decision: d }), (lr = d.lr), (cutEpoch = e));
    }
    const m = w.epoch(e, lr, cutEpoch);
    const scale = m.avgVal ?? m.train;
    const g = m.rel * scale;
    const average: AveragedEvaluation = {
      valLoss: m.avgVal,
      valAccuracy: null,
      testLoss: Number.NaN,
      testAccuracy: Number.NaN,
      gap: { mean: g, low: g - m.half * scale, high: g + m.half * scale, averagedLoss: scale, examples: 5000, source: m.avgVal === null ? 'probe' : 'validation' },
    };
    const record: EpochRecord = { epoch: e, trainLoss: m.train, valLoss: m.val, valAccuracy: null, testLoss: Number.NaN, testAccuracy: Number.NaN, lr, seconds: 1, average };
    const d = doctor.onEpoch?.(record);
    if (d?.stop) stop = d;
    else if (d) (cuts.push({ epoch: e, step, decision: d }), (lr = d.lr), (cutEpoch = e));
    messages.push(...(doctor.drainMessages?.() ?? []));
  }
  return { cuts, messages, stop, doctor };
}

/** Fashion-MNIST lr 0.1 (issue 12's numpy replica): G/L +4..+11% at lr 0.1, proportional to the LR; a cut buys about the gap. */
function fashion01(seed: number): World {
  const rng = new Rng(seed);
  const train = (e: number, lr: number, c: number) => 0.28 + 0.3 * Math.exp(-e / 3) - (c > 0 ? 0.04 * (1 - lr / 0.1) : 0);
  const rel = (e: number, lr: number) => (lr / 0.1) * Math.min(0.11, 0.04 + 0.01 * (e - 1));
  return {
    epochs: 30,
    spe: 200,
    lr0: 0.1,
    stepLoss: (s, lr, c) => train(s / 200, lr, c) * Math.exp(0.25 * rng.normal() - 0.03),
    epoch: (e, lr, c) => {
      const base = 0.33 + 0.15 * Math.exp(-e / 2);
      const avgVal = c > 0 ? base - 0.025 : base;
      return { train: train(e, lr, c), val: avgVal * (1 + rel(e, lr)), avgVal, rel: rel(e, lr) + 0.004 * rng.normal(), half: 0.006 };
    },
  };
}

describe('doctor with the weight-average gap (EpochRecord.average)', () => {
  it('Fashion lr 0.1 shape: cuts once the gap is above 3% for 2 epochs, quoting the gap, its interval, the forecast and the training trend', () => {
    for (const seed of [1, 2, 3]) {
      const { cuts, messages } = simulate(fashion01(seed));
      expect(cuts.length, messages.join('\n')).toBe(1);
      const c = cuts[0];
      expect(c.epoch).toBeGreaterThanOrEqual(3);
      expect(c.epoch).toBeLessThanOrEqual(12);
      expect(c.decision.lr).toBeCloseTo(0.01, 12);
      expect(c.decision.verdict).toBeUndefined();
      expect(c.decision.reason).toMatch(/^step [\d,]+: after epoch \d+: weight-average gap \+0\.\d+ \(95% CI \+0\.\d+\.\.\+0\.\d+, 5,000 validation examples\) = \+[\d.]+% of the averaged loss 0\.\d+ \(\+[\d.]+\.\.\+[\d.]+%\), above 3\.0% for \d+ epochs in a row; averaged loss .*forecast .*; training loss [-+][\d.]+%\/epoch \(95% CI [^)]*\) over epoch \d+\.\.\d+: a cut is expected to help; lr 0\.1 -> 0\.01$/);
      expect(c.decision.evidence).toMatchObject({ rule: 'average_gap', averageGap: { kind: 'cut', threshold: 0.03, gap: { source: 'validation', examples: 5000 } } });
      // After the cut the gap is ~10x smaller: the doctor says so once and keeps the LR.
      expect(messages.join('\n')).toMatch(/below the 3\.0% a cut needs: keep the LR/);
    }
  });

  it('seed pipeline shape (MNIST lr 0.01): the weights lead their average, no cut', () => {
    for (const seed of [1, 2, 3]) {
      const curve = generateCurve('seed-like', seed);
      const rng = new Rng(seed);
      const { cuts, messages } = simulate({
        epochs: 10,
        spe: 938,
        lr0: 0.01,
        stepLoss: (s) => curve.losses[s - 1],
        epoch: (e) => ({ train: 0.6 * Math.pow(e, -0.35), val: 0.3 * Math.pow(e, -0.35), avgVal: 0.31 * Math.pow(e, -0.35), rel: -0.04 + (0.033 * (e - 1)) / 9 + 0.002 * rng.normal(), half: 0.004 }),
      });
      expect(cuts, cuts.map((c) => c.decision.reason).join('\n')).toEqual([]);
      expect(messages.join('\n')).toMatch(/the weights still lead their own average/);
    }
  });

  it('Fashion lr 0.01 shape (validation wobble, G/L 0..+1.4%): no cut, no overfitting advice', () => {
    const curve = readCurve('fashion-lr0.01-val-wobble.csv');
    for (const seed of [1, 2, 3]) {
      const rng = new Rng(seed);
      const losses = stepLosses(curve, 200, rng);
      const { cuts, messages } = simulate({
        epochs: curve.length,
        spe: 200,
        lr0: 0.01,
        stepLoss: (s) => losses[s - 1],
        epoch: (e) => ({ train: curve[e - 1].trainLoss, val: curve[e - 1].valLoss, avgVal: curve[e - 1].valLoss * 0.995, rel: (0.014 * (e - 1)) / 29 + 0.003 * rng.normal(), half: 0.005 }),
      });
      expect(cuts, cuts.map((c) => c.decision.reason).join('\n')).toEqual([]);
      expect(messages.join('\n')).not.toMatch(/stop early|averaged weights' validation loss rising/);
    }
  });

  it('a training-loss plateau with a small gap is no cut in gap mode (the gap decides)', () => {
    const rng = new Rng(3);
    let level = 2.3;
    const { cuts, messages } = simulate({
      epochs: 12,
      spe: 500,
      lr0: 0.1,
      stepLoss: (_s, lr) => {
        level += 0.01 * (0.05 + 3 * lr - level);
        return level * Math.exp(0.2 * rng.normal() - 0.02);
      },
      epoch: () => ({ train: level, val: level, avgVal: level, rel: 0.01 + 0.003 * rng.normal(), half: 0.005 }),
    });
    expect(cuts).toEqual([]);
    expect(messages.join('\n')).toMatch(/plateau since step/);
  });

  it('MNIST lr 0.3 shape (bouncing at ln 10, gap ~0): a trial cut revives it; the gap rule then keeps the LR', () => {
    const rng = new Rng(5);
    let revivedAt = 0;
    const { cuts, messages } = simulate({
      epochs: 15,
      spe: 500,
      lr0: 0.3,
      stepLoss: (s, lr) => {
        if (lr > 0.1) return LN10 * Math.exp(0.1 * rng.normal());
        revivedAt ||= s;
        return (0.35 + (LN10 - 0.35) * Math.exp(-(s - revivedAt) / 150)) * Math.exp(0.2 * rng.normal());
      },
      epoch: (_e, lr) => (lr > 0.1 ? { train: LN10, val: LN10, avgVal: LN10, rel: 0.0003 * rng.normal(), half: 0.002 } : { train: 0.35, val: 0.3, avgVal: 0.3, rel: 0.015 + 0.003 * rng.normal(), half: 0.005 }),
    });
    expect(cuts.map((c) => c.decision.verdict)).toEqual(['stuck']);
    expect(cuts[0].decision.reason).toMatch(/after epoch 1: bouncing: mean loss 2\.\d+ over the second half of epoch 1, \d+% of chance level ln C = 2\.303.*the LR is too high for this model to learn/);
    expect(cuts[0].decision.lr).toBeCloseTo(0.03, 12);
    expect(messages.join('\n')).toMatch(/below the 3\.0% a cut needs: keep the LR/);
  });

  it("real overfitting of the averaged weights: advises stopping early with the best weights, no cut; --early-stop stops there", () => {
    const rng = new Rng(11);
    const world: World = {
      epochs: 25,
      spe: 200,
      lr0: 0.01,
      stepLoss: (s) => 0.5 * Math.pow(s / 200, -0.4) * Math.exp(0.2 * rng.normal() - 0.02),
      epoch: (e) => {
        const avgVal = (e <= 8 ? 0.3 + 0.1 * (8 - e) * 0.1 : 0.3 * Math.pow(1.02, e - 8)) * (1 + 0.003 * rng.normal());
        return { train: 0.5 * Math.pow(e, -0.4), val: avgVal * 1.01, avgVal, rel: 0.01, half: 0.005 };
      },
    };
    const advice = simulate(world);
    expect(advice.cuts).toEqual([]);
    expect(advice.stop).toBeNull();
    const text = advice.messages.join('\n');
    expect(text).toMatch(/overfitting since epoch 8: best the averaged weights' validation loss 0\.\d+ at epoch 8, .*rising \+[\d.]+%\/epoch \(95% CI \+[\d.]+\.\.\+[\d.]+\) over epoch 9\.\.\d+ while training loss still falls.*; stop early and keep the averaged weights of epoch 8 \(--early-stop does this\); a cut would not undo it/);
    const stopped = simulate(world, { earlyStop: true });
    expect(stopped.stop).not.toBeNull();
    expect(stopped.stop!.stop).toEqual({ keepEpoch: 8, weights: 'averaged' });
    expect(stopped.stop!.reason).toMatch(/^epoch \d+: overfitting since epoch 8: .*stopping early \(--early-stop\): the final evaluation uses the averaged weights of epoch 8$/);
    expect(stopped.stop!.lr).toBe(0.01);
  });

  it('resumes exactly from a state dict (through JSON) mid-run', () => {
    // A fixed sequence of calls (the world at lr 0.1, no feedback), fed whole to one doctor and,
    // on another, split at epoch 4 with the state moved through JSON to a fresh doctor.
    const w = fashion01(4);
    const calls: Array<{ step: number; loss: number } | { record: EpochRecord }> = [];
    let step = 0;
    for (let e = 1; e <= w.epochs; e++) {
      for (let k = 0; k < w.spe; k++) (step++, calls.push({ step, loss: w.stepLoss(step, 0.1, 0) }));
      const m = w.epoch(e, 0.1, 0);
      const g = m.rel * m.avgVal!;
      const gap = { mean: g, low: g - m.half * m.avgVal!, high: g + m.half * m.avgVal!, averagedLoss: m.avgVal!, examples: 5000, source: 'validation' as const };
      calls.push({ record: { epoch: e, trainLoss: m.train, valLoss: m.val, valAccuracy: null, testLoss: Number.NaN, testAccuracy: Number.NaN, lr: 0.1, seconds: 1, average: { valLoss: m.avgVal, valAccuracy: null, testLoss: Number.NaN, testAccuracy: Number.NaN, gap } } });
    }
    const feed = (d: ReturnType<typeof createDoctorController>, from: number, to: number) =>
      calls.slice(from, to).map((c) => ('record' in c ? d.onEpoch?.(c.record) : d.onStep?.(c.step, c.loss, 0.1))?.reason ?? null);
    const start = { initialLr: 0.1, stepsPerEpoch: w.spe, epochs: w.epochs, classes: 10 };
    const whole = createDoctorController();
    whole.start?.(start);
    const all = feed(whole, 0, calls.length);
    const split = 4 * (w.spe + 1);
    const first = createDoctorController();
    first.start?.(start);
    feed(first, 0, split);
    const resumed = createDoctorController();
    resumed.loadStateDict(JSON.parse(JSON.stringify(first.stateDict())));
    expect(feed(resumed, split, calls.length)).toEqual(all.slice(split));
    expect(all.filter((r) => r !== null).length).toBeGreaterThan(0);
    expect(resumed.stateDict()).toEqual(whole.stateDict());
  });

  it('refuses invalid gap options with one line', () => {
    expect(() => createDoctorController({ gapThreshold: -0.1 })).toThrow(/^doctor: --gap-threshold must be in \[0, 1\), got -0\.1$/);
  });
});
