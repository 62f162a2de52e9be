import { describe, expect, it } from 'vitest';
import { defaultOutDir, planRuns, type RunOptions } from '../../src/app/plan-runs.js';

const base: RunOptions = {
  schedules: ['none', 'step'],
  epochs: 10,
  lr: 0.01,
  batchSize: 64,
  seed: 0,
  seeds: 1,
  valSize: 5000,
  dataset: 'mnist',
  dataDir: './data',
  backend: 'auto',
  scheduleOptions: { step: { stepSize: 5, gamma: 0.1 } },
};

describe('planRuns', () => {
  it('makes one run per schedule sharing the seed', () => {
    const plans = planRuns(base);
    expect(plans.map((p) => [p.name, p.schedule, p.seed])).toEqual([
      ['none', 'none', 0],
      ['step', 'step', 0],
    ]);
    expect(plans[1]!.scheduleOptions).toEqual({ stepSize: 5, gamma: 0.1 });
  });

  it('repeats the comparison per seed with distinct run names', () => {
    const plans = planRuns({ ...base, seed: 3, seeds: 2 });
    expect(plans.map((p) => p.name)).toEqual(['none-seed3', 'step-seed3', 'none-seed4', 'step-seed4']);
  });

  it.each([
    [{ schedules: ['none', 'cosine'] }, /unknown schedule "cosine"; choose from none, step/],
    [{ schedules: [] }, /--schedules is empty/],
    [{ schedules: ['step', 'step'] }, /"step" is listed twice/],
    [{ epochs: 0 }, /--epochs must be a positive integer, got 0/],
    [{ epochs: 2.5 }, /--epochs must be a positive integer/],
    [{ lr: -1 }, /--lr must be a positive number, got -1/],
    [{ lr: Number.NaN }, /--lr must be a positive number, got something that is not a number/],
    [{ batchSize: 0 }, /--batch-size/],
    [{ seeds: 0 }, /--seeds/],
    [{ valSize: -5 }, /--val-size/],
    [{ seed: -1 }, /--seed must be a non-negative integer/],
    [{ scheduleOptions: { step: { stepSize: 0, gamma: 0.1 } } }, /step_?size|stepSize/i],
    [{ schedules: ['doctor'], scheduleOptions: { doctor: { decayFactor: 1.5 } } }, /decayFactor|decay/i],
  ])('rejects %o', (patch, message) => {
    expect(() => planRuns({ ...base, ...(patch as Partial<RunOptions>) })).toThrow(message);
  });

  it('names default output folders by time, without colons', () => {
    expect(defaultOutDir(new Date('2026-11-25T03:50:12.345Z'))).toBe('runs/2026-11-25T03-50-12');
  });
});
