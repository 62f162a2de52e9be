import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { buildRunReportModel } from '../../src/report/model.js';
import { accuracySpec, epochLossSpec, stepChartsSpec } from '../../src/report/specs.js';
import { analyzePanelData } from '../../src/report/analyze-chart-data.js';
import { analyzePanelSpec } from '../../src/report/analyze-spec.js';
import type { LossLog } from '../../src/logs/loss-log.js';
import { fourRuns, plateauDiagnosis, syntheticRun } from './synthetic.js';
import { compileCapturing } from './compile.js';

const diagnosis = plateauDiagnosis({ lrResponses: [{ at: 3752, oldLr: 0.01, newLr: 0.001, responded: true, summary: 'loss dropped 12%' }] });

const small = { epochs: 3, stepsPerEpoch: 50 };
const cases: Array<[string, ReturnType<typeof buildRunReportModel>]> = [
  ['one seed with detector output', buildRunReportModel([syntheticRun('none', 'none', small), syntheticRun('doctor', 'doctor', { ...small, decayAfter: [2] })], { diagnoses: [diagnosis, diagnosis] })],
  ['several seeds', buildRunReportModel([1, 2, 3].flatMap((s) => [syntheticRun(`none-${s}`, 'none', { ...small, seed: s }), syntheticRun(`step-${s}`, 'step', { ...small, seed: s, decayAfter: [1] })]), {})],
  ['no LR changes, no plateaus, no validation', buildRunReportModel([syntheticRun('none', 'none', { ...small, valSize: 0 })], {})],
  ['no runs at all', buildRunReportModel([], {})],
];

describe.each(cases)('run report specs (%s)', (_name, model) => {
  const specs: Array<[string, TopLevelSpec]> = [
    ['step charts', stepChartsSpec(model.charts)],
    ['epoch loss', epochLossSpec(model.charts)],
    ['accuracy', accuracySpec(model.charts)],
  ];
  it.each(specs)('%s compiles without warnings', (_label, spec) => {
    const { warnings, vega } = compileCapturing(spec);
    expect(warnings).toEqual([]);
    expect(vega.marks?.length ?? 0).toBeGreaterThan(0);
  });
});

describe('step charts spec', () => {
  const model = buildRunReportModel(fourRuns(), { diagnoses: fourRuns().map(() => diagnosis) });
  const spec = stepChartsSpec(model.charts) as TopLevelSpec & { datasets: Record<string, Array<Record<string, unknown>>>; params: Array<{ name: string; bind?: unknown; views?: string[] }> };
  const { vega } = compileCapturing(spec);

  it('embeds every data set it references', () => {
    const json = JSON.stringify(spec);
    for (const name of json.matchAll(/"data":\{"name":"([^"]+)"\}/g)) expect(spec.datasets).toHaveProperty(name[1]);
    expect(new Set(spec.datasets.stepsSmooth.map((r) => r.run))).toEqual(new Set(['none', 'step', 'plateau', 'doctor']));
    expect(spec.datasets.lrChanges).toHaveLength(4);
    expect(spec.datasets.plateaus).toHaveLength(4);
  });

  it('has a log-scale toggle, legend show/hide and a zoom shared by loss and LR views', () => {
    const names = spec.params.map((p) => p.name);
    expect(names).toEqual(['logScale', 'zoom', 'pick']);
    expect(spec.params[0].bind).toEqual({ input: 'checkbox', name: 'log-scale loss axis ' });
    expect(spec.params[1].views).toEqual(['lossSmooth', 'lrLine']);
    expect(spec.params[2].bind).toBe('legend');
    const xScale = (vega.scales ?? []).find((s) => s.name === 'x') as { domainRaw?: { signal: string } } | undefined;
    expect(xScale?.domainRaw?.signal).toMatch(/zoom/);
  });

  it('shows the EMA weight in the title and the LR reason and evidence in the rule tooltip', () => {
    expect(JSON.stringify(spec)).toContain('EMA smoothing 0.98');
    const tooltipFields = JSON.stringify(spec).match(/"mark":\{"type":"rule"[^]*?"tooltip":(\[[^\]]*\])/)![1];
    expect(tooltipFields).toContain('"field":"reason"');
    expect(tooltipFields).toContain('"field":"evidence"');
    expect(tooltipFields).toContain('"field":"verdict"');
  });
});

describe('analyze panel spec', () => {
  const xs = Array.from({ length: 2000 }, (_, i) => i + 1);
  const log: LossLog = {
    file: 'logs/<b>metrics</b>.csv',
    format: 'lightning',
    series: [
      { name: 'train_loss', role: 'train', x: 'step', xs, ys: xs.map((x) => 0.1 + 2 * Math.exp(-x / 200)) },
      { name: 'val_loss', role: 'validation', x: 'step', xs: [500, 1000, 1500, 2000], ys: [0.5, 0.3, 0.25, 0.24] },
    ],
  };

  it('compiles without warnings, with and without diagnoses', () => {
    for (const diagnoses of [[diagnosis, null], [null, null]]) {
      const panel = analyzePanelData(log, diagnoses);
      expect(compileCapturing(analyzePanelSpec(panel)).warnings).toEqual([]);
    }
  });

  it('overlays every series, the verdicts and the LR changes', () => {
    const panel = analyzePanelData(log, [diagnosis, null]);
    expect(new Set(panel.smooth.map((p) => p.series))).toEqual(new Set(['train_loss', 'val_loss']));
    expect(panel.raw.length).toBeGreaterThan(0);
    expect(panel.raw.every((p) => p.series === 'train_loss')).toBe(true);
    expect(panel.verdictLines).toEqual(['train_loss: plateau: plateau since step 3000 (decay)', 'val_loss: not diagnosed']);
    expect(panel.lrChanges[0]).toMatchObject({ series: 'train_loss', x: 3752, responded: 'yes' });
    expect(panel.plateaus).toEqual([{ series: 'train_loss', start: 3000, end: 3752, level: 0.2 }]);
  });
  it('shades the gap of a training/validation pair and marks its best validation loss', () => {
    const pair = { train: 'train_loss', validation: 'val_loss', kind: 'overfitting', summary: 's', suggestion: 'early stopping', bestAt: 1500, aligned: { x: 'step', xs: [500, 1000, 1500, 2000], val: [0.5, 0.3, 0.25, 0.26], train: [0.4, 0.2, 0.12, 0.08] } };
    const panel = analyzePanelData(log, [diagnosis, null], {}, [pair]);
    expect(panel.gaps).toHaveLength(4);
    expect(panel.gaps[2]).toEqual({ pair: 'train_loss / val_loss', x: 1500, train: 0.12, val: 0.25 });
    expect(panel.bests).toEqual([{ pair: 'train_loss / val_loss', x: 1500, y: 0.25, kind: 'overfitting' }]);
    const spec = analyzePanelSpec(panel) as { layer: Array<{ data?: { name?: string } }> };
    expect(spec.layer.map((l) => l.data?.name)).toEqual(expect.arrayContaining(['gaps', 'bests']));
    expect(compileCapturing(analyzePanelSpec(panel)).warnings).toEqual([]);
    // Without pairs the two layers are left out.
    const plain = analyzePanelSpec(analyzePanelData(log, [diagnosis, null])) as { layer: Array<{ data?: { name?: string } }> };
    expect(plain.layer.map((l) => l.data?.name)).not.toContain('gaps');
  });
});
