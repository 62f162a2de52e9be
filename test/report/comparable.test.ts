import { describe, expect, it } from 'vitest';
import { groupBySetup, setupDifferences, setupOf } from '../../src/report/comparable.js';
import { buildRunReportModel } from '../../src/report/model.js';
import { buildRunReport } from '../../src/report/run-report.js';
import { syntheticRun } from './synthetic.js';

// Issue 11: `report` on runs with different data sets, epochs, LRs or test sets named a winner
// ("none 7.63 points ahead of doctor") with no warning.
function fashionRun(name: string, schedule: string, bonus: number) {
  const r = syntheticRun(name, schedule, { epochs: 4, stepsPerEpoch: 30, accuracyBonus: bonus });
  r.meta.dataset = { ...r.meta.dataset, name: 'fashion-mnist', checksum: 'fedcba9876543210' };
  r.meta.config = { ...r.meta.config, lr: 0.1 };
  return r;
}

describe('runs of different setups', () => {
  const runs = [
    syntheticRun('none', 'none', { epochs: 3, stepsPerEpoch: 30 }),
    syntheticRun('step', 'step', { epochs: 3, stepsPerEpoch: 30, decayAfter: [2], accuracyBonus: 1 }),
    fashionRun('none-f', 'none', 5),
    fashionRun('doctor-f', 'doctor', 8),
  ];

  it('are grouped by data set, epochs, initial LR, batch size and split sizes', () => {
    const { groups, groupOf } = groupBySetup(runs);
    expect(groupOf).toEqual([0, 0, 1, 1]);
    expect(groups[1]!.description).toBe('fashion-mnist, 4 epochs, initial LR 0.1, batch 64, 55,000 training / 5,000 validation / 10,000 test images');
    expect(setupDifferences(setupOf(runs[0]!), setupOf(runs[2]!))).toEqual([
      'data set mnist vs fashion-mnist',
      'data contents (checksum) 0123456789abcdef vs fedcba9876543210',
      'epochs 3 vs 4',
      'initial LR 0.01 vs 0.1',
    ]);
  });

  it('a winner only inside a setup, and a plain sentence why the others are not compared', () => {
    const model = buildRunReportModel(runs, {});
    const lines = model.verdictLines.join('\n');
    expect(lines).toMatch(/^Setup 1 \(mnist, 3 epochs, initial LR 0\.01, batch 64, .*\): none \(setup 1\), step\.$/m);
    expect(lines).toMatch(/^Setup 1: Highest final test accuracy: step \([\d.]+%\), [\d.]+ points ahead of none \(setup 1\)\.$/m);
    expect(lines).toMatch(/^Setup 2: Highest final test accuracy: doctor \([\d.]+%\), [\d.]+ points ahead of none \(setup 2\)\.$/m);
    expect(lines).toMatch(/Runs of different setups are not compared .*: setup 2 differs from setup 1 in data set mnist vs fashion-mnist, .*epochs 3 vs 4 and initial LR 0\.01 vs 0\.1\./);
    // No ranking line across setups; each schedule is compared with the baseline of its own setup only.
    expect(lines).not.toMatch(/^Highest final test accuracy/m);
    expect(lines).toMatch(/^step vs none \(setup 1\): /m);
    expect(lines).toMatch(/^doctor vs none \(setup 2\): /m);
    expect(lines).not.toMatch(/doctor vs none \(setup 1\)|step vs none \(setup 2\)/);
    // The best marks are per setup: each setup has its own best accuracy.
    expect(model.rows.filter((r) => r.best.includes('testAccuracy')).map((r) => r.schedule).sort()).toEqual(['doctor', 'step']);
    expect(model.rows.map((r) => r.schedule)).toEqual(['none (setup 1)', 'step', 'none (setup 2)', 'doctor']);
    expect(buildRunReport(runs, {})).toContain('<th>Setup</th>');
  });

  it('one setup keeps the single ranking', () => {
    const model = buildRunReportModel(runs.slice(0, 2), {});
    expect(model.setups).toHaveLength(1);
    expect(model.verdictLines[0]).toMatch(/^Highest final test accuracy: step/);
  });
});
