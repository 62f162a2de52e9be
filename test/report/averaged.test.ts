import { describe, expect, it } from 'vitest';
import type { RunLog } from '../../src/logs/run-log.js';
import { buildRunReportModel } from '../../src/report/model.js';
import { buildRunReport } from '../../src/report/run-report.js';
import { syntheticRun } from './synthetic.js';

/** A synthetic run that kept averaged weights: every epoch's average is the raw record shifted by `shift` points of accuracy. */
function withAverage(log: RunLog, shift: number): RunLog {
  const epochs = log.epochs.map((e) => ({
    ...e,
    average: {
      valLoss: e.valLoss! * 0.98, valAccuracy: e.valAccuracy! + shift / 100, testLoss: e.testLoss * 0.98, testAccuracy: e.testAccuracy + shift / 100,
      gap: { mean: 0.01, low: 0.005, high: 0.015, averagedLoss: e.valLoss! * 0.98, examples: 5000, source: 'validation' as const },
    },
  }));
  const last = epochs.at(-1)!;
  const { gap: _gap, ...averaged } = last.average;
  return { ...log, epochs, meta: { ...log.meta, final: { ...log.meta.final, weights: 'raw', averaged } } };
}

describe('run report: the averaged weights beside the raw ones (issue 12)', () => {
  it("shows every schedule's averaged test and validation accuracy next to the raw weights', and the averaged validation curve", () => {
    const runs = [withAverage(syntheticRun('none', 'none'), 0.3), withAverage(syntheticRun('step', 'step', { decayAfter: [5] }), 0.1)];
    const model = buildRunReportModel(runs);
    const [none, step] = model.rows;
    const lastNone = runs[0]!.epochs.at(-1)!;
    expect(none!.testAccuracy.mean).toBeCloseTo(100 * lastNone.testAccuracy, 9);
    expect(none!.averagedTestAccuracy!.mean).toBeCloseTo(100 * lastNone.average!.testAccuracy, 9);
    expect(none!.averagedValAccuracy!.mean).toBeCloseTo(100 * lastNone.average!.valAccuracy!, 9);
    expect(none!.valAccuracy!.mean).toBeCloseTo(100 * lastNone.valAccuracy!, 9);
    expect(step!.averagedTestAccuracy!.mean).toBeCloseTo(100 * runs[1]!.epochs.at(-1)!.average!.testAccuracy, 9);
    const html = buildRunReport(runs);
    expect(html).toContain('<th>Averaged weights: test accuracy (%)</th>');
    expect(html).toContain('<th>Averaged weights: validation accuracy (%)</th>');
    // In none's row the averaged test accuracy follows the raw one.
    const raw = (100 * lastNone.testAccuracy).toFixed(2);
    const avg = (100 * lastNone.average!.testAccuracy).toFixed(2);
    expect(html).toMatch(new RegExp(`<td>none</td><td>0</td><td[^>]*>${raw}[^<]*</td><td[^>]*>${avg}`));
    expect(model.charts.epochs.filter((p) => p.split === 'validation (averaged)')).toHaveLength(runs.length * runs[0]!.epochs.length);
  });

  it('leaves the averaged columns out for runs without averaged weights (older logs)', () => {
    const runs = [syntheticRun('none', 'none'), syntheticRun('step', 'step', { decayAfter: [5] })];
    const model = buildRunReportModel(runs);
    expect(model.rows.every((r) => r.averagedTestAccuracy === null && r.finalWeights === 'raw')).toBe(true);
    const html = buildRunReport(runs);
    expect(html).not.toContain('Averaged weights');
    expect(html).toContain('<th>Final test accuracy (%)</th>');
    expect(model.charts.epochs.some((p) => p.split === 'validation (averaged)')).toBe(false);
  });

  it('says so in the header when every run reports its averaged weights as final (--final-weights averaged)', () => {
    const runs = [withAverage(syntheticRun('none', 'none'), 0.3)].map((r) => ({ ...r, meta: { ...r.meta, final: { ...r.meta.final, weights: 'averaged' as const } } }));
    expect(buildRunReport(runs)).toContain('<th>Final test accuracy (%) (averaged weights)</th>');
  });
});
