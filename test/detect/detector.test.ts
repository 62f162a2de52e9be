import { describe, expect, it } from 'vitest';
import { PlateauDetector } from '../../src/detect/detector.js';
import { diagnoseSeries } from '../../src/detect/diagnose.js';
import { generateCurve } from '../../src/detect/synthetic.js';
import type { Diagnosis } from '../../src/detect/types.js';

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

  it('says overfitting when the validation loss stalls while the training loss falls', () => {
    const c = generateCurve('seed-like', 4);
    const det = new PlateauDetector({ stepsPerEpoch: 938, classes: 10 });
    const val = [0.5, 0.4, 0.35, 0.33, 0.34, 0.335, 0.34, 0.345, 0.35, 0.36];
    let last: Diagnosis | undefined;
    for (let e = 0; e < 10; e++) {
      run(det, c.steps, c.losses, e * 938, (e + 1) * 938);
      last = det.observeEpoch({ epoch: e + 1, trainLoss: 0.5 / (e + 1), valLoss: val[e] });
      // Best at epoch 4; at epoch 6 the last 5 epochs still fall 4%/epoch on average (the early
      // drop); at epoch 7 they are flat (under 1%/epoch, not significant) with no gain since epoch 4.
      if (e + 1 <= 6) expect(last.verdict, `epoch ${e + 1}`).not.toBe('overfitting');
      if (e + 1 === 7) expect(last.verdict).toBe('overfitting');
    }
    expect(last!.verdict).toBe('overfitting');
    expect(last!.summary).toMatch(/^overfitting: validation loss rising since epoch 4 \(best 0\.33, now 0\.36, 6 epochs without a 1\.0% gain, last 5 epochs \+[\d.]+%\/epoch \(95% CI [-+][\d.]+\.\.[-+][\d.]+\)\) while training loss -[\d.]+%\/epoch/);
    expect(last!.evidence!.validation).toMatchObject({ bestEpoch: 4, bestLoss: 0.33, lastLoss: 0.36, epochsSinceBest: 6 });
    expect(last!.evidence!.validation!.trend!.low).toBeGreaterThan(0); // 0.335 -> 0.36 over epochs 6-10 rises steadily
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
