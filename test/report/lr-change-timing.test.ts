import { describe, expect, it } from 'vitest';
import { describeLrChanges, lrChangeTimings } from '../../src/report/lr-change-timing.js';
import { buildRunReportModel } from '../../src/report/model.js';
import { buildRunReport } from '../../src/report/run-report.js';
import { syntheticRun } from './synthetic.js';

// Issue 11: epochs.csv's lr is the LR in effect during the epoch; a change the doctor makes
// between two steps of an epoch is said as such in the report ("during epoch 1 (step 593)").
function doctorCutDuringEpoch1() {
  const run = syntheticRun('doctor', 'doctor', { epochs: 3, stepsPerEpoch: 860 });
  run.lrChanges = [
    { step: 593, epoch: 1, oldLr: 0.01, newLr: 0.001, reason: 'step 593: plateau ...; lr 0.01 -> 0.001', verdict: 'plateau' },
    { step: 1720, epoch: 2, oldLr: 0.001, newLr: 0.0001, reason: 'after epoch 2' },
  ];
  return run;
}

describe('LR changes during an epoch', () => {
  it('are told apart from changes after an epoch', () => {
    const timings = lrChangeTimings(doctorCutDuringEpoch1());
    expect(timings).toEqual([
      { kind: 'during-epoch', epoch: 1, step: 593 },
      { kind: 'after-epoch', epoch: 2 },
    ]);
    expect(describeLrChanges(timings)).toBe('2: during epoch 1 (step 593), after epoch 2');
    expect(describeLrChanges([{ kind: 'after-epoch', epoch: 5 }])).toBe('1 (after epoch 5)');
    expect(describeLrChanges([])).toBe('none');
  });

  it('the chart label and the summary table say "during epoch 1 (step 593)"', () => {
    const runs = [syntheticRun('none', 'none', { epochs: 3, stepsPerEpoch: 860 }), doctorCutDuringEpoch1()];
    const model = buildRunReportModel(runs, {});
    const labels = model.charts.lrChanges.map((c) => c.label);
    expect(labels).toEqual(['during epoch 1 (step 593): LR 0.01 → 0.001', 'epoch 2: LR 0.001 → 1e-4']);
    const html = buildRunReport(runs, {});
    expect(html).toContain('2: during epoch 1 (step 593), after epoch 2');
  });
});
