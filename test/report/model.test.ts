import { describe, expect, it } from 'vitest';
import { diagnoseRuns } from '../../src/app/diagnose-runs.js';
import { buildRunReportModel } from '../../src/report/model.js';
import { formatP } from '../../src/numbers.js';
import { formatEvidence } from '../../src/report/run-words.js';
import { pairedTTest } from '../../src/report/stats.js';
import { fourRuns, plateauDiagnosis, syntheticRun } from './synthetic.js';

const noDetector = {} as const;

const diagnosis = plateauDiagnosis;

describe('buildRunReportModel: one seed', () => {
  const runs = fourRuns();
  const model = buildRunReportModel(runs, { ...noDetector, generatedAt: new Date('2026-11-25T04:00:00Z') });

  it('has one row per schedule with the final test accuracy in percent', () => {
    expect(model.rows.map((r) => r.schedule)).toEqual(['none', 'step', 'plateau', 'doctor']);
    const doctor = model.rows[3];
    expect(doctor.testAccuracy.mean).toBeCloseTo(runs[3].meta.final.testAccuracy! * 100, 10);
    expect(doctor.testAccuracy.low).toBeNull();
    expect(doctor.lrChanges).toEqual({ counts: [2], epochs: [[4, 8]], timings: [[{ kind: 'after-epoch', epoch: 4 }, { kind: 'after-epoch', epoch: 8 }]] });
    const bestVal = Math.min(...runs[1].epochs.map((e) => e.valLoss!));
    expect(model.rows[1].bestValLoss!.mean).toBe(bestVal);
  });

  it('marks values equal at the displayed precision as a tie', () => {
    const runs3 = [syntheticRun('a', 'a'), syntheticRun('b', 'b'), syntheticRun('c', 'c')];
    runs3[0].meta.timings.totalSeconds = 45.61;
    runs3[1].meta.timings.totalSeconds = 45.58; // shown as 45.6 as well
    runs3[2].meta.timings.totalSeconds = 46.1;
    const m = buildRunReportModel(runs3, noDetector);
    expect(m.rows.map((r) => r.best.includes('wallSeconds'))).toEqual([true, true, false]);
    runs3[0].meta.timings.totalSeconds = 125.2; // shown as 2 min 05 s
    runs3[1].meta.timings.totalSeconds = 124.6; // 2 min 05 s too
    runs3[2].meta.timings.totalSeconds = 125.6; // 2 min 06 s
    const minutes = buildRunReportModel(runs3, noDetector);
    expect(minutes.rows.map((r) => r.best.includes('wallSeconds'))).toEqual([true, true, false]);
  });

  it('marks the best value of each column', () => {
    const accuracies = model.rows.map((r) => r.testAccuracy.mean);
    const best = model.rows[accuracies.indexOf(Math.max(...accuracies))];
    expect(best.best).toContain('testAccuracy');
    expect(model.rows.filter((r) => r.best.includes('testAccuracy'))).toHaveLength(1);
    const losses = model.rows.map((r) => r.testLoss.mean);
    expect(model.rows[losses.indexOf(Math.min(...losses))].best).toContain('testLoss');
  });

  it('says that one seed cannot show significance, and names the winner', () => {
    expect(model.comparisons.every((c) => c.kind === 'no-significance')).toBe(true);
    expect(model.verdictLines.join('\n')).toMatch(/no significance can be claimed/);
    const winner = model.rows.find((r) => r.best.includes('testAccuracy'))!.schedule;
    expect(model.verdictLines[0]).toMatch(new RegExp(`^Highest final test accuracy: ${winner} `));
  });

  it('describes the setup in words', () => {
    const facts = Object.fromEntries(model.facts.map((f) => [f.label, f.value]));
    expect(facts['Data set']).toMatch(/55,000 training images, 5,000 held out for validation, 10,000 test images/);
    expect(facts['Optimizer']).toMatch(/learning rate 0\.01, batch size 64/);
    expect(facts['Training']).toMatch(/^10 epochs \(9380 optimizer steps per run\)/);
    expect(facts['Backend']).toBe('wasm');
    expect(facts['Seeds']).toMatch(/^0 \(1 seed/);
  });

  it('keeps every step of the smoothed loss, downsamples the raw loss, and draws the LR exactly', () => {
    expect(model.charts.stepsSmooth).toHaveLength(4 * 9380);
    expect(model.charts.stepsRaw.length).toBeLessThanOrEqual(4 * 2 * 500);
    const doctorLr = model.charts.lrSteps.filter((p) => p.run === 'doctor');
    expect(doctorLr.map((p) => [p.step, p.lr])).toEqual([
      [1, 0.01],
      [3753, 0.001],
      [7505, 0.0001],
      [9380, 0.0001],
    ]);
  });

  it('places LR changes at the end of their epoch, with reason and evidence', () => {
    const marks = model.charts.lrChanges.filter((c) => c.run === 'doctor');
    expect(marks.map((m) => [m.step, m.epoch, m.epochPosition])).toEqual([
      [3752, 4, 4],
      [7504, 8, 8],
    ]);
    expect(marks[0].reason).toBe('doctor: decay after epoch 4');
    expect(marks[0].verdict).toBe('plateau');
    // The summary gets its own tooltip line; step and verdict are shown elsewhere; one number per line.
    expect(marks[0].evidenceSummary).toBe('plateau since step 2814, trend -0.3%/epoch (95% CI -0.9..+0.2)');
    expect(marks[0].evidence).toBe('trend.relative=-0.003\ntrend.low=-0.009\ntrend.high=0.002\nnoise=0.18');
    expect(marks[0].change).toBe('0.01 → 0.001');
  });
});

describe('buildRunReportModel: several seeds', () => {
  const runs = [0, 1, 2, 3, 4].flatMap((seed) => fourRuns(seed + 1));
  const model = buildRunReportModel(runs, noDetector);

  it('gives means with 95% intervals and colours lines by schedule', () => {
    const none = model.rows[0];
    expect(none.seeds).toEqual([1, 2, 3, 4, 5]);
    expect(none.testAccuracy.n).toBe(5);
    expect(none.testAccuracy.low!).toBeLessThan(none.testAccuracy.mean);
    expect(model.charts.colorField).toBe('group');
    expect(model.charts.colorDomain).toEqual(['none', 'step', 'plateau', 'doctor']);
    expect(new Set(model.charts.stepsSmooth.map((p) => p.run)).size).toBe(20);
  });

  it('compares each schedule with none by a paired t-test over seeds', () => {
    const doctor = model.comparisons.find((c) => c.schedule === 'doctor')!;
    expect(doctor.kind).toBe('paired');
    if (doctor.kind !== 'paired') return;
    const acc = (schedule: string) => runs.filter((r) => r.meta.schedule === schedule).map((r) => r.meta.final.testAccuracy! * 100);
    const expected = pairedTTest(acc('doctor'), acc('none'))!;
    expect(doctor.test.meanDifference).toBeCloseTo(expected.meanDifference, 12);
    expect(doctor.test.p).toBeCloseTo(expected.p, 12);
    expect(doctor.seeds).toEqual([1, 2, 3, 4, 5]);
    expect(doctor.sentence).toMatch(/^doctor vs none: \+\d+\.\d\d points test accuracy, 95% CI [+-]\d+\.\d\d\.\.[+-]\d+\.\d\d, p [=<] [\d.]+, 5 seeds/);
  });
});

describe('buildRunReportModel: detector, names, edge cases', () => {
  it('draws the plateaus and the knee the detector finds, in steps and epochs', () => {
    const seen: number[] = [];
    const runs = fourRuns();
    const { diagnoses } = diagnoseRuns(runs, (xs, ys, options) => {
      seen.push(xs.length);
      expect(options?.stepsPerEpoch).toBe(938);
      expect(ys.length).toBe(xs.length);
      return diagnosis();
    });
    const model = buildRunReportModel(runs, { diagnoses });
    expect(seen).toEqual([9380, 9380, 9380, 9380]);
    expect(model.charts.plateaus).toHaveLength(4);
    const p = model.charts.plateaus[0];
    expect([p.start, p.end]).toEqual([3000, 3752]);
    expect(p.endEpoch).toBe(4);
    expect(p.startEpoch).toBeCloseTo(3 + 186 / 938, 12);
    expect(model.charts.knees[0].step).toBe(700);
    expect(model.runDiagnoses[0]).toEqual({ run: 'none', verdict: 'plateau', summary: 'plateau since step 3000' });
  });

  it('turns a detector failure into a note instead of failing the report', () => {
    const runs = fourRuns();
    const { diagnoses, notes } = diagnoseRuns(runs, () => {
      throw new Error('boom');
    });
    const model = buildRunReportModel(runs, { diagnoses, notes });
    expect(model.charts.plateaus).toEqual([]);
    expect(model.notes[0]).toMatch(/detector failed on run none: boom/);
  });

  it('tells apart runs with equal names from different sources', () => {
    const a = syntheticRun('none', 'none');
    const b = syntheticRun('none', 'none');
    const model = buildRunReportModel([a, b], { ...noDetector, sources: ['monday', 'tuesday'] });
    expect(model.charts.runs).toEqual(['none (monday)', 'none (tuesday)']);
    expect(model.rows.map((r) => r.schedule)).toEqual(['none (monday)', 'none (tuesday)']);
  });

  it('accepts runs with no steps, no epochs and no validation set', () => {
    const empty = syntheticRun('x', 'none', { epochs: 0 });
    const noVal = syntheticRun('y', 'step', { valSize: 0, epochs: 2, stepsPerEpoch: 5 });
    const model = buildRunReportModel([empty, noVal], noDetector);
    expect(model.rows[1].bestValLoss).toBeNull();
    expect(model.charts.epochs.filter((e) => e.split === 'validation')).toEqual([]);
  });

  it('warns about runs that did not complete', () => {
    const r = syntheticRun('none', 'none');
    r.meta.status = 'diverged';
    r.meta.message = 'loss became NaN at step 12';
    const model = buildRunReportModel([r, syntheticRun('step', 'step')], noDetector);
    expect(model.verdictLines.join('\n')).toMatch(/Warning: none: diverged \(loss became NaN at step 12\)/);
  });
});

describe('buildRunReportModel: ties, identical runs, label placement', () => {
  it('reports a tie and says when two runs have identical losses', () => {
    const a = syntheticRun('none', 'none');
    const b = syntheticRun('plateau', 'plateau');
    b.steps = a.steps.map((s) => ({ ...s }));
    b.epochs = a.epochs.map((e) => ({ ...e }));
    b.meta.final = { ...a.meta.final };
    const c = syntheticRun('step', 'step', { decayAfter: [5], accuracyBonus: -1 });
    const model = buildRunReportModel([a, b, c], noDetector);
    expect(model.verdictLines[0]).toMatch(/^Highest final test accuracy: a tie between none and plateau \(\d+\.\d\d%\), \d+\.\d\d points ahead of step\.$/);
    expect(model.verdictLines).toContain('none and plateau have identical step losses (their learning rates never differed), so their lines coincide in the charts.');
  });

  it('with several seeds, reports coinciding schedules once and labels each change of a schedule once', () => {
    const runs = [0, 1, 2].flatMap((seed) => {
      const none = syntheticRun(`none-seed${seed}`, 'none', { seed, epochs: 2, stepsPerEpoch: 30 });
      const plateau = syntheticRun(`plateau-seed${seed}`, 'plateau', { seed, epochs: 2, stepsPerEpoch: 30 });
      plateau.steps = none.steps.map((s) => ({ ...s }));
      return [none, plateau, syntheticRun(`step-seed${seed}`, 'step', { seed, epochs: 2, stepsPerEpoch: 30, decayAfter: [1] })];
    });
    const model = buildRunReportModel(runs, noDetector);
    expect(model.verdictLines.filter((l) => l.includes('identical'))).toEqual([
      'none and plateau have identical step losses in seeds 0, 1, 2 (their learning rates never differed), so their lines coincide in the charts.',
    ]);
    expect(model.charts.lrChanges).toHaveLength(3);
    expect([...model.charts.lrLabelsRight, ...model.charts.lrLabelsLeft].map((c) => c.label)).toEqual(['epoch 1: LR 0.01 → 0.001']);
  });

  it('puts the labels of LR changes in the last 20% of the steps left of their rule', () => {
    const model = buildRunReportModel([syntheticRun('step', 'step', { decayAfter: [5, 9] })], noDetector);
    expect(model.charts.lrLabelsRight.map((c) => c.label)).toEqual(['epoch 5: LR 0.01 → 0.001']);
    expect(model.charts.lrLabelsLeft.map((c) => c.label)).toEqual(['epoch 9: LR 0.001 → 1e-4']);
  });
});

describe('formatting helpers', () => {
  it('formats p-values and evidence', () => {
    expect(formatP(0.0123)).toBe('p = 0.012');
    expect(formatP(0.2)).toBe('p = 0.2');
    expect(formatP(0.04999)).toBe('p = 0.05');
    expect(formatP(0.0001)).toBe('p < 0.001');
    expect(formatEvidence({ a: 1, b: { c: 0.123456, d: 'x' }, e: [1, 2] })).toBe('a=1; b.c=0.1235; b.d=x; e=[1, 2]');
    expect(formatEvidence({ a: 1, summary: 's', b: { c: { d: 1 } } }, { skip: ['summary'], separator: ' | ' })).toBe('a=1');
    expect(formatEvidence(undefined)).toBe('');
  });
});
