import { describe, expect, it } from 'vitest';
import { createDoctorController } from '../../src/lr/doctor.js';
import type { GapJudgement } from '../../src/lr/average-gap.js';
import { readGapCurve } from '../helpers/gap-curves.js';

/**
 * The gap rule on recorded runs (fixtures/curves/gap: the `none` run of tune-half scenarios of
 * the issue-12 grid, seed 0, this tool's trainer with averaged weights): every epoch record is
 * given to the doctor as the trainer would (test fields NaN). A recorded curve is the world
 * without a cut, so each test looks at the first cut only.
 */
function firstCut(name: string, epochs: number) {
  const doctor = createDoctorController();
  doctor.start?.({ initialLr: 0.1, stepsPerEpoch: 1, epochs, classes: 10 });
  const kinds: Array<GapJudgement['kind']> = [];
  for (const record of readGapCurve(name)) {
    // One step per epoch (within the detector's warmup: only the epoch rule can act here).
    expect(doctor.onStep?.(record.epoch, record.trainLoss, record.lr)).toBeUndefined();
    const d = doctor.onEpoch?.(record);
    const gap = (doctor.stateDict().gap.lastKind ?? null) as GapJudgement['kind'] | null;
    if (d) return { epoch: record.epoch, decision: d, kinds };
    if (gap) kinds.push(gap);
  }
  return { epoch: null, decision: null, kinds };
}

describe('doctor on recorded runs with averaged weights (tune half, seed 0)', () => {
  it('the seed pipeline (MNIST lr 0.01, 10 epochs): the weights lead their average every epoch (G/L -33..-0.6%), no cut', () => {
    const r = firstCut('mnist-lr0.01-b64-e10-none.csv', 10);
    expect(r.epoch).toBeNull();
    expect(new Set(r.kinds)).toEqual(new Set(['below']));
  });

  it('Fashion-MNIST lr 0.03, batch 256, 20 epochs: the gap stays under 3% (at most +3.2%, interval +2.1..+4.4%), no cut', () => {
    expect(firstCut('fashion-lr0.03-b256-e20-none.csv', 20).epoch).toBeNull();
  });

  it('MNIST lr 0.1, batch 256, no validation (training-image probe): gaps up to +47%, but the probe loss still falls 5-15%/epoch, no cut', () => {
    expect(firstCut('mnist-lr0.1-b256-e20-val0-none.csv', 20).epoch).toBeNull();
  });

  it('Fashion-MNIST lr 0.01, batch 32, no validation (training-image probe): the gap at most +3.4% (interval +1.6..+5.2%), no cut', () => {
    const r = firstCut('fashion-lr0.01-b32-e10-val0-none.csv', 10);
    expect(r.epoch).toBeNull();
    expect(r.kinds).toContain('unclear');
  });

  it('MNIST lr 0.3 (stuck near ln 10 from epoch 7): the gap rule does not cut (stuck is the step rule\'s business)', () => {
    expect(firstCut('mnist-lr0.3-b64-e15-none.csv', 15).epoch).toBeNull();
  });

  it('Fashion-MNIST lr 0.1, 30 epochs, seed 2: a larger gap (+34%) outweighs the forecast (-23% to epoch 30): cut after epoch 8', () => {
    const r = firstCut('fashion-lr0.1-b64-e30-seed2-none.csv', 30);
    expect(r.epoch).toBe(8);
    expect(r.decision!.reason).toMatch(/= \+34% of the averaged loss 0\.303 \(\+29\.\.\+38%\), above 3\.0% for 6 epochs in a row; .*forecast -23% from epoch 8 to 30 at this LR \(power law\), less than the gap \(\+34%\)/);
  });

  it('MNIST lr 0.1, batch 256, no validation, seed 1: the probe loss still falls 5%/epoch, so the cut waits for the last epochs (after epoch 19, forecast -5.1% vs gap +9.4%)', () => {
    const r = firstCut('mnist-lr0.1-b256-e20-val0-seed1-none.csv', 20);
    expect(r.epoch).toBe(19);
    expect(r.kinds).toContain('progress');
    expect(r.decision!.reason).toMatch(/5,000 training-image probe examples\).*forecast -5\.1% from epoch 19 to 20 at this LR \(power law\), less than the gap \(\+9\.4%\)/);
  });

  it('MNIST lr 0.3, seed 2 (dead at ln 10 from epoch 7): no gap cut', () => {
    expect(firstCut('mnist-lr0.3-b64-e15-seed2-none.csv', 15).epoch).toBeNull();
  });

  it('Fashion-MNIST lr 0.1, 30 epochs: waits while the averaged loss falls faster than the gap, cuts after epoch 13', () => {
    const r = firstCut('fashion-lr0.1-b64-e30-none.csv', 30);
    expect(r.epoch).toBe(13);
    expect(r.kinds).toContain('progress');
    expect(r.decision!.lr).toBeCloseTo(0.01, 12);
    expect(r.decision!.reason).toMatch(/^step 13: after epoch 13: weight-average gap \+0\.\d+ \(95% CI \+0\.\d+\.\.\+0\.\d+, 5,000 validation examples\) = \+15% of the averaged loss 0\.2732 \(\+12\.\.\+19%\), above 3\.0% for \d+ epochs in a row; averaged loss -0\.\d+%\/epoch \(95% CI -[\d.]+\.\.-[\d.]+\) over epoch 9\.\.13, forecast -9\.8% from epoch 13 to 30 at this LR \(power law\), less than the gap \(\+11%\); training loss .*: a cut is expected to help; lr 0\.1 -> 0\.01$/);
  });
});
