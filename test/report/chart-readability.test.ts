import { describe, expect, it } from 'vitest';
import type { LossLog } from '../../src/logs/loss-log.js';
import { analyzePanelData } from '../../src/report/analyze-chart-data.js';
import { analyzePanelSpec } from '../../src/report/analyze-spec.js';
import { buildRunReportModel } from '../../src/report/model.js';
import { stepChartsSpec } from '../../src/report/specs.js';
import { compileCapturing } from './compile.js';
import { syntheticRun } from './synthetic.js';

// Issue 11: an ExponentialLR run's 9 LR-change labels printed on top of each other; plateau
// bands were not attributed to a run (full-height bands covered runs still descending); the
// analyze legend showed the pale band colours and cut names with "...".
function exponentialRun() {
  const run = syntheticRun('exponential', 'exponential', { epochs: 10, stepsPerEpoch: 50, decayAfter: [1, 2, 3, 4, 5, 6, 7, 8, 9] });
  return run;
}

/** Every layer of a (nested) spec, depth first. */
function layers(spec: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (n.mark) out.push(n);
    for (const key of ['layer', 'vconcat', 'hconcat', 'concat']) if (Array.isArray(n[key])) (n[key] as unknown[]).forEach(walk);
  };
  walk(spec);
  return out;
}

describe('LR-change labels', () => {
  it('an ExponentialLR run with 9 changes: the first labelled (saying how many more), the rest thinned so no two labels are closer than a quarter of the steps', () => {
    const run = exponentialRun();
    expect(run.lrChanges).toHaveLength(9);
    const model = buildRunReportModel([syntheticRun('none', 'none', { epochs: 10, stepsPerEpoch: 50 }), run], {});
    expect(model.charts.lrChanges).toHaveLength(9); // every change keeps its rule and tooltip
    const labels = [...model.charts.lrLabelsRight, ...model.charts.lrLabelsLeft].sort((a, b) => a.step - b.step);
    expect(labels[0]!.label).toBe(`${model.charts.lrChanges[0]!.label} (+${9 - labels.length} more, hover the rules)`);
    expect(labels.length).toBeLessThanOrEqual(4);
    for (let i = 1; i < labels.length; i++) expect(labels[i]!.step - labels[i - 1]!.step).toBeGreaterThanOrEqual(0.25 * 500);
  });

  it('a run with one or two well separated changes keeps every label as it was', () => {
    const run = syntheticRun('step', 'step', { epochs: 10, stepsPerEpoch: 50, decayAfter: [3, 8] });
    const model = buildRunReportModel([run], {});
    expect([...model.charts.lrLabelsRight, ...model.charts.lrLabelsLeft].map((c) => c.label)).toEqual(['epoch 3: LR 0.01 → 0.001', 'epoch 8: LR 0.001 → 1e-4']);
  });
});

describe('plateau bands belong to their run', () => {
  it('the step chart draws each band around its run\'s loss level, in its colour, following the legend pick', () => {
    const run = syntheticRun('step', 'step', { epochs: 4, stepsPerEpoch: 50, decayAfter: [2] });
    const xs = run.steps.map((s) => s.step);
    const model = buildRunReportModel([run], {
      diagnoses: [({ verdict: 'plateau', summary: 'p', suggestion: 's', knee: null, plateaus: [{ start: xs[60]!, end: xs[150]!, level: 0.4 }], segments: [], lrResponses: [], evidence: null }) as never],
    });
    expect(model.charts.plateaus).toHaveLength(1);
    const spec = stepChartsSpec(model.charts);
    expect(compileCapturing(spec).warnings).toEqual([]);
    const band = layers(spec).find((l) => l.name === 'plateauBands')!;
    const encoding = band.encoding as Record<string, { field?: string }>;
    expect(encoding.y!.field).toBe('y');
    expect(encoding.y2!.field).toBe('y2');
    expect(encoding.color!.field).toBe('run');
    expect(JSON.stringify(band.transform)).toContain('datum.level / 1.12');
    expect(JSON.stringify(encoding.opacity)).toContain('param');
  });
});

describe('analyze --html legend', () => {
  it('swatches are strokes in the line colours and names are never cut', () => {
    const long = 'a_very_long_series_name_from_a_wandb_export/with/many/parts/train/loss_smoothed_ema_0.99';
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    const log: LossLog = { file: 'x.csv', format: 'csv', series: [{ name: long, role: 'train', x: 'step', xs, ys: xs.map((x) => 1 / x) }] };
    const spec = analyzePanelSpec(analyzePanelData(log, [null]));
    const legends = layers(spec)
      .map((l) => (l.encoding as Record<string, { legend?: Record<string, unknown> }> | undefined)?.color?.legend)
      .filter((l): l is Record<string, unknown> => l !== undefined && l !== null);
    expect(legends.length).toBeGreaterThan(0);
    for (const legend of legends) expect(legend).toMatchObject({ symbolType: 'stroke', symbolOpacity: 1, labelLimit: 0 });
    expect(compileCapturing(spec).warnings).toEqual([]);
  });
});
