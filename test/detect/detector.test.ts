import { describe, expect, it } from 'vitest';
import { PlateauDetector } from '../../src/detect/detector.js';
import { diagnoseSeries } from '../../src/detect/diagnose.js';
import { generateCurve } from '../../src/detect/synthetic.js';
import type { Diagnosis } from '../../src/detect/types.js';
import { readCurve, stepLosses } from '../helpers/curves.js';
import { Rng } from '../../src/rng.js';

function run(detector: PlateauDetector, steps: number[], losses: number[], from = 0, to = steps.length): Diagnosis[] {
  const out: Diagnosis[] = [];
  for (let i = from; i < to; i++) out.push(detector.update(steps[i], losses[i]));
  return out;
}

describe('PlateauDetector', () => {
  it('starts in warmup, then finds the plateau of a drop-then-flat curve near where diagnoseSeries does', () => {
    const c = generateCurve('drop-then-flat', 11);
    const det = new PlateauDetector();
    const verdicts = run(det, c.steps, c.losses);
    expect(verdicts[0].verdict).toBe('warmup');
    expect(verdicts.at(-1)!.verdict).toBe('plateau');
    const online = det.assessment!.plateauStart!;
    const offline = diagnoseSeries(c.steps, c.losses).evidence!.plateauStart!;
    expect(Math.abs(online - offline)).toBeLessThan(0.05 * c.steps.length);
    expect(online).toBeGreaterThanOrEqual(c.tolerance![0]);
    expect(online).toBeLessThanOrEqual(c.tolerance![1]);
  });

  it('never says plateau on the seed pipeline shape (10 epochs of 938 steps, 20-30% batch noise)', () => {
    for (const seed of [1, 2, 3]) {
      const c = generateCurve('seed-like', seed);
      const det = new PlateauDetector({ stepsPerEpoch: 938, classes: 10 });
      const verdicts = run(det, c.steps, c.losses).map((d) => d.verdict);
      expect(verdicts.indexOf('plateau'), `seed ${seed}`).toBe(-1);
      expect(verdicts.at(-1)).toBe('descending');
    }
  });

  it('flags NaN at once and keeps saying diverging', () => {
    const det = new PlateauDetector({ warmup: 0 });
    for (let t = 1; t <= 300; t++) det.update(t, 1 / t);
    expect(det.update(301, Number.NaN).verdict).toBe('diverging');
    expect(det.update(302, 0.1).summary).toBe('diverging: non-finite loss at step 301');
  });

  it('never claims a rise on a validation wobble whose interval spans 0 (Fashion-MNIST lr 0.01 shape)', () => {
    const curve = readCurve('fashion-lr0.01-val-wobble.csv');
    const losses = stepLosses(curve, 200, new Rng(4));
    const steps = losses.map((_, i) => i + 1);
    const det = new PlateauDetector({ stepsPerEpoch: 200, classes: 10, totalSteps: 200 * curve.length });
    for (const r of curve) {
      run(det, steps, losses, (r.epoch - 1) * 200, r.epoch * 200);
      const d = det.observeEpoch({ epoch: r.epoch, trainLoss: r.trainLoss, valLoss: r.valLoss });
      expect(d.verdict, `epoch ${r.epoch}: ${d.summary}`).not.toBe('overfitting');
      const val = det.validationStatus()!;
      expect(val.rising, `epoch ${r.epoch}`).toBe(false);
      if (val.pair.valTrend && val.pair.kind === 'overfitting') expect(val.pair.valTrend.trend.low).toBeGreaterThan(0);
    }
    expect(det.validationStatus()).toMatchObject({ bestEpoch: 17, bestLoss: 0.3612, lastEpoch: 30 });
  });

  it('says overfitting on a real rise after the best, with Sen\'s interval above 0 in the summary', () => {
    const curve = readCurve('val-rise.csv');
    const losses = stepLosses(curve, 200, new Rng(4));
    const steps = losses.map((_, i) => i + 1);
    const det = new PlateauDetector({ stepsPerEpoch: 200, classes: 10, totalSteps: 200 * curve.length });
    let first: number | null = null;
    let last: Diagnosis | undefined;
    for (const r of curve) {
      run(det, steps, losses, (r.epoch - 1) * 200, r.epoch * 200);
      last = det.observeEpoch({ epoch: r.epoch, trainLoss: r.trainLoss, valLoss: r.valLoss });
      if (last.verdict === 'overfitting') first ??= r.epoch;
    }
    // Best at epoch 8; a rise is judged on at least valWindow (5) epochs after it.
    expect(first).toBeGreaterThanOrEqual(13);
    expect(last!.verdict).toBe('overfitting');
    const m = /^overfitting since epoch 8: best validation loss 0\.3352 at epoch 8, 0\.4005 now \(\+19%\); validation loss rising \+([\d.]+)%\/epoch \(95% CI \+([\d.]+)\.\.\+([\d.]+)\) over epoch 9\.\.20 while training loss still falls/.exec(last!.summary);
    expect(m, last!.summary).not.toBeNull();
    expect(Number(m![2])).toBeGreaterThan(0);
    expect(last!.suggestion).toMatch(/^early stopping: keep the checkpoint of epoch 8/);
    expect(last!.evidence!.validation).toMatchObject({ bestEpoch: 8, bestLoss: 0.3352, lastLoss: 0.4005, epochsSinceBest: 12 });
    expect(last!.evidence!.validation!.trend!.low).toBeGreaterThan(0);
  });

  it('rejects steps that go backwards (a restarted run needs a new detector)', () => {
    const det = new PlateauDetector();
    det.update(10, 1);
    det.update(10, 1); // a repeated step is allowed
    expect(() => det.update(9, 1)).toThrow(/step 9 after step 10; steps must be finite and must not decrease/);
    expect(() => det.update(Number.NaN, 1)).toThrow(/must be finite/);
  });

  it('rejects bad options with a PlateauDoctorError naming the option', () => {
    expect(() => new PlateauDetector({ plateauRate: -1 })).toThrow(/plateauRate must be > 0/);
    expect(() => new PlateauDetector({ capacity: 7 })).toThrow(/capacity/);
  });
});
