import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlateauDoctorError } from '../../src/errors.js';
import {
  powInt,
  ExponentialLR,
  MultiStepLR,
  ReduceLROnPlateau,
  schedulerFromPyTorch,
  StepLR,
  type SchedulerState,
} from '../../src/lr/schedulers.js';
import { repoRoot } from '../helpers/shared.js';

/** Runs `step` n times and returns the LR after each call. */
function lrs(n: number, step: (i: number) => number): number[] {
  return Array.from({ length: n }, (_, i) => step(i));
}

/** Table check with the message style "LR is wrong after step N: expected X, got Y". */
function expectTable(got: number[], expected: number[], name: string): void {
  const wrong = expected
    .map((e, i) => (Object.is(e, got[i]) ? undefined : `${name}: LR is wrong after step ${i + 1}: expected ${e}, got ${got[i]}`))
    .filter((m) => m !== undefined);
  expect(wrong).toEqual([]);
  expect(got.length).toBe(expected.length);
}

describe('StepLR / MultiStepLR / ExponentialLR', () => {
  it('StepLR multiplies in place every stepSize steps (the seed: 0.01, step 5, gamma 0.1)', () => {
    const s = new StepLR(0.01, { stepSize: 5 });
    expect(s.lr).toBe(0.01);
    const a = 0.01 * 0.1;
    const b = a * 0.1;
    expectTable(lrs(11, () => s.step()), [0.01, 0.01, 0.01, 0.01, a, a, a, a, a, b, b], 'StepLR');
    expect(s.lastEpoch).toBe(11);
    // Chained, not closed form: 0.01 * 0.1 * 0.1 differs from 0.01 * 0.1 ** 2 in the last bit.
    expect(b).not.toBe(0.01 * 0.1 ** 2);
  });

  it('MultiStepLR applies gamma once per occurrence of a milestone, in any order', () => {
    const s = new MultiStepLR(1, { milestones: [4, 2, 4], gamma: 0.5 });
    expectTable(lrs(5, () => s.step()), [1, 0.5, 0.5, 0.5 * 0.5 ** 2, 0.125], 'MultiStepLR');
  });

  it('ExponentialLR multiplies on every step', () => {
    const s = new ExponentialLR(0.1, { gamma: 0.9 });
    expectTable(lrs(3, () => s.step()), [0.1 * 0.9, 0.1 * 0.9 * 0.9, 0.1 * 0.9 * 0.9 * 0.9], 'ExponentialLR');
  });

  it('rejects invalid options, naming them', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => new StepLR(0.01, { stepSize: 0 }), /StepLR: stepSize \(step_size\) must be an integer and >= 1, got 0/],
      [() => new StepLR(0.01, { stepSize: 2.5 }), /stepSize/],
      [() => new StepLR(0.01, { stepSize: 5, gamma: Number.NaN }), /StepLR: gamma must be/],
      [() => new StepLR(Number.POSITIVE_INFINITY, { stepSize: 5 }), /initialLr must be a finite number >= 0, got Infinity/],
      [() => new StepLR(-1, { stepSize: 5 }), /initialLr/],
      [() => new MultiStepLR(0.01, { milestones: [3, 4.5] }), /MultiStepLR: milestones\[1\] must be an integer/],
      [() => new MultiStepLR(0.01, { milestones: [0] }), /milestones\[0\] must be an integer and >= 1/],
      [() => new MultiStepLR(0.01, { milestones: 5 as unknown as number[] }), /milestones must be a list/],
      [() => new ExponentialLR(0.01, { gamma: -0.5 }), /ExponentialLR: gamma must be a finite number and >= 0/],
      [() => new ReduceLROnPlateau(0.01, { factor: 1 }), /ReduceLROnPlateau: factor must be a finite number and >= 0 and < 1, got 1/],
      [() => new ReduceLROnPlateau(0.01, { patience: -1 }), /patience must be an integer and >= 0, got -1/],
      [() => new ReduceLROnPlateau(0.01, { mode: 'maximum' as 'max' }), /mode must be 'min' or 'max', got maximum/],
      [() => new ReduceLROnPlateau(0.01, { thresholdMode: 'relative' as 'rel' }), /thresholdMode must be 'rel' or 'abs'/],
      [() => new ReduceLROnPlateau(0.01, { cooldown: 1.5 }), /cooldown must be an integer/],
      [() => new ReduceLROnPlateau(0.01, { minLr: -1 }), /minLr must be/],
      [() => new ReduceLROnPlateau(0.01, { eps: Number.NaN }), /eps must be/],
      [() => new ReduceLROnPlateau(0.01, { patiense: 3 } as never), /unknown option patiense/],
      [() => schedulerFromPyTorch('CosineAnnealingLR', 0.1, {}), /unknown scheduler class CosineAnnealingLR/],
      [() => schedulerFromPyTorch('StepLR', 0.1, { step_size: 2, last_epoch: 3 }), /StepLR: unknown PyTorch argument last_epoch/],
    ];
    for (const [make, message] of cases) {
      let error: unknown;
      try {
        make();
      } catch (e) {
        error = e;
      }
      expect(error, String(message)).toBeInstanceOf(PlateauDoctorError);
      expect((error as Error).message).toMatch(message);
    }
  });
});

describe('ReduceLROnPlateau', () => {
  it("has PyTorch's defaults", () => {
    expect(new ReduceLROnPlateau(0.01).options).toEqual({
      mode: 'min',
      factor: 0.1,
      patience: 10,
      threshold: 1e-4,
      thresholdMode: 'rel',
      cooldown: 0,
      minLr: 0,
      eps: 1e-8,
    });
  });

  it('reduces on the (patience + 1)-th bad epoch, then counts afresh', () => {
    const s = new ReduceLROnPlateau(1, { patience: 2 });
    const metrics = [1, 1, 1, 1, 1, 1, 1];
    expectTable(
      metrics.map((m) => s.step(m)),
      [1, 1, 1, 0.1, 0.1, 0.1, 0.1 * 0.1],
      'patience 2',
    );
  });

  it('rel threshold: an improvement must beat best * (1 - threshold), strictly', () => {
    const s = new ReduceLROnPlateau(1, { patience: 0, threshold: 0.1 });
    s.step(10);
    expect(s.isBetter(9)).toBe(false); // 9 == 10 * 0.9 is not strictly better
    expect(s.isBetter(8.99)).toBe(true);
    expect(s.step(9)).toBe(0.1);
    // With a negative best the rel bar moves the other way (PyTorch's behaviour, kept):
    // best -10, threshold 0.1 -> bar -10 * 0.9 = -9, so -9.5 (worse than -10) counts as better.
    const n = new ReduceLROnPlateau(1, { patience: 0, threshold: 0.1 });
    n.step(-10);
    expect(n.isBetter(-9.5)).toBe(true);
    expect(n.isBetter(-9)).toBe(false);
    expect(n.isBetter(-8.5)).toBe(false);
  });

  it('never goes below minLr and skips changes smaller than eps', () => {
    const s = new ReduceLROnPlateau(1, { patience: 0, factor: 0.5, minLr: 0.3 });
    expectTable(
      [5, 5, 5, 5].map((m) => s.step(m)),
      [1, 0.5, 0.3, 0.3],
      'minLr',
    );
    // eps: 1e-3 -> 5e-4 is a change of 5e-4 < eps 1e-3, so the LR stays.
    const e = new ReduceLROnPlateau(1e-3, { patience: 0, factor: 0.5, eps: 1e-3 });
    expectTable(
      [5, 5, 5].map((m) => e.step(m)),
      [1e-3, 1e-3, 1e-3],
      'eps',
    );
    // A change of exactly eps is skipped too (lr - new > eps is strict).
    const x = new ReduceLROnPlateau(1, { patience: 0, factor: 0.5, eps: 0.5 });
    x.step(1);
    expect(x.step(1)).toBe(1);
  });

  it('cooldown: bad epochs are not counted for `cooldown` epochs after a reduction', () => {
    const s = new ReduceLROnPlateau(1, { patience: 0, cooldown: 2 });
    const flat = [1, 1, 1, 1, 1, 1, 1];
    expectTable(
      flat.map((m) => s.step(m)),
      [1, 0.1, 0.1, 0.1, 0.1 * 0.1, 0.1 * 0.1, 0.1 * 0.1],
      'cooldown 2',
    );
  });

  it('mode max watches a rising metric (accuracy)', () => {
    const s = new ReduceLROnPlateau(0.1, { mode: 'max', patience: 1, threshold: 0, thresholdMode: 'abs' });
    expectTable(
      [0.5, 0.6, 0.6, 0.55, 0.7].map((m) => s.step(m)),
      [0.1, 0.1, 0.1, 0.1 * 0.1, 0.1 * 0.1],
      'max',
    );
    expect(s.best).toBe(0.7);
  });

  it('throws without a finite metric', () => {
    const s = new ReduceLROnPlateau(0.1);
    expect(() => s.step()).toThrow(/needs the monitored metric as a finite number, got undefined/);
    expect(() => s.step(Number.NaN)).toThrow(PlateauDoctorError);
    expect(() => s.step(Infinity)).toThrow(/got Infinity/);
    expect(s.lastEpoch).toBe(0);
  });

  it('reports what the last step saw and did', () => {
    const s = new ReduceLROnPlateau(1, { patience: 1 });
    s.step(2);
    expect(s.lastStep).toMatchObject({ metric: 2, previousBest: Infinity, improved: true, reduced: false });
    s.step(2);
    s.step(2);
    expect(s.lastStep).toMatchObject({ improved: false, numBadEpochs: 2, reduced: true, oldLr: 1, newLr: 0.1 });
  });
});

describe('stateDict / loadStateDict', () => {
  const metric = (i: number) => 1 / (1 + i) + (i % 3) * 0.2 + (i > 12 ? 0.5 : 0);
  const makers: [string, () => StepLR | MultiStepLR | ExponentialLR | ReduceLROnPlateau][] = [
    ['StepLR', () => new StepLR(0.05, { stepSize: 3, gamma: 0.7 })],
    ['MultiStepLR', () => new MultiStepLR(0.05, { milestones: [2, 9, 9, 15], gamma: 0.3 })],
    ['ExponentialLR', () => new ExponentialLR(0.05, { gamma: 0.93 })],
    ['ReduceLROnPlateau', () => new ReduceLROnPlateau(0.05, { patience: 1, cooldown: 2, factor: 0.5, minLr: 1e-3 })],
  ];
  for (const [name, make] of makers) {
    it(`${name}: a state saved mid-run (through JSON) continues identically`, () => {
      const reference = make();
      const full = lrs(24, (i) => reference.step(metric(i)));
      const first = make();
      for (let i = 0; i < 10; i++) first.step(metric(i));
      const saved = JSON.parse(JSON.stringify(first.stateDict())) as SchedulerState;
      const resumed = make();
      resumed.loadStateDict(saved);
      expect(resumed.lr).toBe(first.lr);
      expect(resumed.lastEpoch).toBe(10);
      const rest = lrs(14, (i) => resumed.step(metric(i + 10)));
      expectTable(rest, full.slice(10), `${name} resumed`);
    });
  }

  it('restores +-Infinity best from a fresh state through JSON (null)', () => {
    const s = new ReduceLROnPlateau(0.1, { mode: 'max' });
    const state = JSON.parse(JSON.stringify(s.stateDict())) as SchedulerState;
    expect(state.kind === 'ReduceLROnPlateau' && state.best).toBe(null);
    const t = new ReduceLROnPlateau(0.1, { mode: 'max' });
    t.loadStateDict(state);
    expect(t.best).toBe(-Infinity);
  });

  it("refuses another class's state", () => {
    const state = new StepLR(0.1, { stepSize: 2 }).stateDict();
    expect(() => new ExponentialLR(0.1, { gamma: 0.5 }).loadStateDict(state)).toThrow(
      /cannot load a StepLR state into a ExponentialLR scheduler/,
    );
  });
});

describe('powInt (gamma ** count for repeated milestones)', () => {
  // fixtures/data/python-pow.json: x ** k computed by CPython 3.11 on Debian glibc 2.36 (C pow()),
  // the arithmetic PyTorch's MultiStepLR uses for gamma ** count.
  const table = JSON.parse(readFileSync(path.join(repoRoot, 'fixtures', 'data', 'python-pow.json'), 'utf8')) as {
    common: number[][];
    random: number[][];
  };

  it('matches CPython bit for bit on common gammas (V8 ** does not: 0.9 ** 4)', () => {
    const wrong: string[] = [];
    for (const [g, ...powers] of table.common) {
      powers.forEach((p, i) => {
        if (!Object.is(powInt(g, i + 2), p)) wrong.push(`${g} ** ${i + 2}: expected ${p}, got ${powInt(g, i + 2)}`);
      });
    }
    expect(wrong).toEqual([]);
    expect(powInt(0.9, 4)).toBe(0.6561);
    expect(0.9 ** 4).not.toBe(0.6561); // why powInt exists
  });

  it('is correctly rounded, so it agrees with glibc pow on random inputs except its rare sub-ULP misroundings', () => {
    let exact = 0;
    let total = 0;
    for (const [g, ...powers] of table.random) {
      powers.forEach((p, i) => {
        total += 1;
        const got = powInt(g, i + 2);
        if (Object.is(got, p)) exact += 1;
        else expect(Math.abs(got - p)).toBeLessThanOrEqual(Number.EPSILON * Math.abs(p)); // one ULP at most
      });
    }
    expect(total).toBe(1500);
    expect(exact / total).toBeGreaterThan(0.99);
  });

  it('handles the easy and the edge cases', () => {
    expect(powInt(0.5, 3)).toBe(0.125);
    expect(powInt(0.1, 1)).toBe(0.1);
    expect(powInt(0.1, 2)).toBe(0.1 * 0.1); // one rounding of the exact square
    expect(powInt(0, 2)).toBe(0);
    expect(powInt(3, 2)).toBe(9);
    expect(powInt(1e-200, 2)).toBe(0); // underflow: falls back to **
    expect(powInt(2 ** -540, 2)).toBe(2 ** -1080); // subnormal result: falls back to **
  });

  it('MultiStepLR uses it: milestones [3, 3, 3, 3] with gamma 0.9 multiply by 0.6561 exactly', () => {
    const s = new MultiStepLR(0.1, { milestones: [3, 3, 3, 3], gamma: 0.9 });
    s.step();
    s.step();
    expect(s.step()).toBe(0.1 * 0.6561);
  });
});
