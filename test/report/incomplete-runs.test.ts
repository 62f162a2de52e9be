import { describe, expect, it } from 'vitest';
import { buildRunReportModel } from '../../src/report/model.js';
import { buildRunReport } from '../../src/report/run-report.js';
import { syntheticRun } from './synthetic.js';

// Issue 11: a comparison with an interrupted run said "no run with a common seed" though both
// ran seed 0, starred the interrupted run's (short) wall time, and nested
// "(none: interrupted (interrupted during ...))".
function interruptedPair() {
  const none = syntheticRun('none', 'none', { epochs: 3, stepsPerEpoch: 40 });
  const doctor = syntheticRun('doctor', 'doctor', { epochs: 3, stepsPerEpoch: 40 });
  none.meta.status = 'interrupted';
  none.meta.message = 'interrupted during epoch 2 after step 60';
  none.meta.timings = { totalSeconds: 1, trainSeconds: 1 };
  doctor.meta.timings = { totalSeconds: 30, trainSeconds: 29 };
  return [none, doctor];
}

describe('a comparison with a run that did not complete', () => {
  it('says why the runs are not compared, naming the common seed', () => {
    const model = buildRunReportModel(interruptedPair(), {});
    const text = model.verdictLines.join('\n');
    expect(text).not.toMatch(/no run with a common seed/);
    expect(text).toMatch(/doctor vs none: not compared, since not both completed with seed 0 \(none interrupted during epoch 2 after step 60\)\./);
  });

  it('stars nothing for the interrupted row and names no winner over it', () => {
    const model = buildRunReportModel(interruptedPair(), {});
    expect(model.rows.find((r) => r.schedule === 'none')!.best).toEqual([]);
    expect(model.verdictLines.join('\n')).not.toMatch(/points ahead of none/);
  });

  it('says the status once, without nested parentheses', () => {
    const model = buildRunReportModel(interruptedPair(), {});
    expect(model.rows[0]!.problems).toEqual(['none: interrupted during epoch 2 after step 60']);
    const html = buildRunReport(interruptedPair(), {});
    expect(html).toContain('(none: interrupted during epoch 2 after step 60)');
    expect(html).not.toMatch(/interrupted \(interrupted/);
  });
});
