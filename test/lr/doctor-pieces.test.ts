import { describe, expect, it } from 'vitest';
import { resolveDoctorSettings, publicDoctorOptions } from '../../src/lr/doctor-options.js';
import { inCooldown, newDoctorRun, startDoctorRun, type DoctorRun } from '../../src/lr/doctor-run.js';
import { cutLr, cutTarget } from '../../src/lr/doctor-cut.js';
import { countStreaks, plateauRule } from '../../src/lr/doctor-step.js';
import { averageGapRule, observeAverage, validationRule } from '../../src/lr/doctor-epoch.js';
import type { Diagnosis } from '../../src/detect/types.js';
import type { EpochRecord } from '../../src/logs/run-log.js';

/** A started run (10 classes, 100 steps per epoch, 20 epochs, lr 0.1) with the given options. */
function startedRun(options = {}): DoctorRun {
  const run = newDoctorRun(resolveDoctorSettings(options));
  startDoctorRun(run, { initialLr: 0.1, stepsPerEpoch: 100, epochs: 20, classes: 10 });
  return run;
}

const plateau = { verdict: 'plateau', summary: 'plateau since step 300' } as Diagnosis;

/** An epoch record with the weight-average gap `mean` (interval +-0.01) on an averaged loss of 0.3. */
function gapRecord(epoch: number, mean: number): EpochRecord {
  const hidden = { testLoss: Number.NaN, testAccuracy: Number.NaN };
  return {
    epoch, trainLoss: 0.3, valLoss: null, valAccuracy: null, ...hidden, lr: 0.1, seconds: 0,
    average: { valLoss: null, valAccuracy: null, ...hidden, gap: { mean, low: mean - 0.01, high: mean + 0.01, averagedLoss: 0.3, examples: 5000, source: 'validation' } },
  };
}

describe('doctor pieces: settings', () => {
  it('fills in the defaults and shows cooldown as null when derived', () => {
    const s = resolveDoctorSettings({ valWindow: 4 });
    expect(s).toMatchObject({ decayFactor: 0.1, minLr: 0, cooldown: undefined, confirmations: 2, detector: { valWindow: 4 } });
    expect(publicDoctorOptions(s)).toMatchObject({ cooldown: null, valWindow: 4 });
    expect(Object.isFrozen(publicDoctorOptions(s))).toBe(true);
  });

  it('reports the first failing range check, in declaration order', () => {
    expect(() => resolveDoctorSettings({ deadNoise: 2, bouncingLevel: 0 })).toThrow(/^doctor: --dead-noise must be in \[0, 1\), got 2$/);
    expect(() => resolveDoctorSettings({ confirmations: 1.5 })).toThrow(/^doctor: --confirmations must be an integer >= 1, got 1.5$/);
    expect(() => resolveDoctorSettings({ cooldown: -1 })).toThrow(/^doctor: --cooldown must be >= 0 steps, got -1$/);
    expect(() => resolveDoctorSettings({ decayFactor: Number.NaN })).toThrow(/^doctor: --decay-factor must be in \(0, 1\), got NaN$/);
  });
});

describe('doctor pieces: the cut', () => {
  it('cutTarget: rounded to 12 significant digits, never below minLr, null within eps', () => {
    expect(cutTarget({ decayFactor: 0.1, minLr: 0, eps: 1e-8 }, 0.1)).toBe(0.01);
    expect(cutTarget({ decayFactor: 0.1, minLr: 0.02, eps: 1e-8 }, 0.1)).toBe(0.02);
    expect(cutTarget({ decayFactor: 0.1, minLr: 0.1, eps: 1e-8 }, 0.1)).toBeNull();
    expect(cutTarget({ decayFactor: 0.5, minLr: 0, eps: 1e-8 }, 1e-8)).toBeNull();
  });

  it('cutLr: the decision resets the streaks and starts the cooldown (2 epochs); at minLr only a message', () => {
    const run = startedRun();
    run.plateauStreak = 3;
    const d = cutLr(run, 450, 'why', { rule: 'x' }, 0.1, 'plateau');
    expect(d).toEqual({ lr: 0.01, reason: 'step 450: why; lr 0.1 -> 0.01', verdict: 'plateau', evidence: { step: 450, rule: 'x' } });
    expect([run.lr, run.plateauStreak, run.lastCutStep, run.gap.lastCutEpoch]).toEqual([0.01, 0, 450, 5]);
    expect([inCooldown(run, 649), inCooldown(run, 650)]).toEqual([true, false]);
    const atMin = startedRun({ minLr: 0.1 });
    expect(cutLr(atMin, 450, 'why', {}, 0.1)).toBeUndefined();
    expect(atMin.messages).toEqual(['doctor: step 450: why; lr 0.1 is already at --min-lr 0.1, no cut']);
    expect(atMin.lastCutStep).toBe(450);
  });
});

describe('doctor pieces: step rules', () => {
  it('countStreaks counts one verdict in a row and resets on another', () => {
    const run = startedRun();
    for (const v of ['plateau', 'plateau', 'stuck'] as const) countStreaks(run, v);
    expect([run.plateauStreak, run.stuckStreak]).toEqual([0, 1]);
  });

  it('plateauRule: no second cut on a flat stretch that began before the last cut', () => {
    const run = startedRun();
    run.lastCutStep = 500;
    expect(plateauRule(run, 900, plateau, 400, 0.1)).toBeUndefined();
    expect(plateauRule(run, 900, plateau, 600, 0.1)?.reason).toBe('step 900: plateau since step 300; lr 0.1 -> 0.01');
  });
});

describe('doctor pieces: epoch rules', () => {
  it('averageGapRule: a message only when the judgement changes (gap -0.02 +- 0.01 of 0.3: below 3% twice, one message)', () => {
    const run = startedRun({ confirmations: 2 });
    run.lastStep = 100;
    const kinds: Array<string | null> = [];
    for (const epoch of [1, 2]) {
      observeAverage(run, gapRecord(epoch, -0.02));
      expect(averageGapRule(run, epoch, 0.1)).toBeUndefined();
      kinds.push(run.gap.lastKind);
    }
    expect(kinds).toEqual(['below', 'below']);
    expect(run.messages).toHaveLength(1);
    // An epoch with no gap observation of its own: nothing to judge.
    expect(averageGapRule(run, 3, 0.1)).toBeUndefined();
    expect(run.messages).toHaveLength(1);
  });

  it('validationRule: nothing without an overfitting verdict, or with useValidation false', () => {
    const overfitting = { verdict: 'overfitting', summary: 'overfitting since epoch 8' } as Diagnosis;
    expect(validationRule(startedRun(), 12, plateau, 0.1)).toBeUndefined();
    expect(validationRule(startedRun({ useValidation: false }), 12, overfitting, 0.1)).toBeUndefined();
  });
});
