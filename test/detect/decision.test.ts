import { describe, expect, it } from 'vitest';
import { assess, decide, type AssessInput } from '../../src/detect/assess.js';
import { BlockSeries } from '../../src/detect/blocks.js';
import { explain } from '../../src/detect/explain.js';
import { xValue } from '../../src/numbers.js';
import { resolveDetectorOptions, type DetectorOptions } from '../../src/detect/options.js';
import { runningMean3 } from '../../src/detect/stats/smoothing.js';
import { generateCurve } from '../../src/detect/synthetic.js';

/** What diagnoseSeries hands to the decision, for finite points. */
function inputOf(xs: number[], ys: number[], nonFiniteAt: number | null = null): AssessInput {
  const blocks = new BlockSeries(128);
  for (let i = 0; i < xs.length; i++) blocks.push(xs[i], ys[i]);
  const first = ys.slice(0, 5).sort((a, b) => a - b);
  return { ...blocks.snapshot(true), blockSize: blocks.blockSize, xStart: xs[0], xEnd: xs[xs.length - 1], startLevel: first[first.length >> 1], pointCount: xs.length, nonFiniteAt };
}

describe('decide: the verdict as typed data, explained apart', () => {
  const options = (o: DetectorOptions = {}) => resolveDetectorOptions(o);

  it('a drop then a flat stretch: kind plateau with its start, a flat interval, and the sentence built from those numbers', () => {
    const c = generateCurve('drop-then-flat', 3);
    const o = options();
    const d = decide(inputOf(c.steps, c.losses), o);
    expect(d.kind).toBe('plateau');
    if (d.kind !== 'plateau') return;
    expect(d.plateauStart).toBeGreaterThanOrEqual(c.tolerance![0]);
    expect(d.plateauStart).toBeLessThanOrEqual(c.tolerance![1]);
    expect(d.evidence.trendPer10pct!.low).toBeGreaterThan(-o.plateauRate);
    expect(d.evidence.trendPer10pct!.high).toBeLessThan(o.plateauRate);
    const { summary, suggestion } = explain(d, o);
    expect(summary.startsWith(`plateau since step ${xValue(d.plateauStart)}, trend `)).toBe(true);
    expect(suggestion).toBe('a decay here would likely help');
    expect(assess(inputOf(c.steps, c.losses), o)).toMatchObject({ verdict: 'plateau', plateauStart: d.plateauStart, summary, suggestion });
  });

  it('a flat loss at ln 10 with 10 classes: kind stuck, cause chance, with the class count', () => {
    const xs = Array.from({ length: 400 }, (_, i) => i + 1);
    const ys = xs.map((x) => Math.log(10) * (1 + 0.01 * Math.sin(x * 1.7)));
    const o = options({ classes: 10 });
    const d = decide(inputOf(xs, ys), o);
    expect(d).toMatchObject({ kind: 'stuck', verdict: 'stuck', cause: { kind: 'chance', classes: 10, chanceLevel: Math.log(10) } });
    expect(explain(d, o).summary).toMatch(/^stuck since step 1 at chance level 2\.303 \(ln 10 = 2\.303\), trend /);
  });

  it('a non-finite loss: kind non_finite at its x, no evidence', () => {
    const o = options();
    const d = decide(inputOf([1, 2, 3], [1, 1, 1], 4), o);
    expect(d).toEqual({ kind: 'non_finite', verdict: 'diverging', at: 3, knee: null, plateauStart: null, divergenceStart: 4, evidence: null });
    expect(explain(d, o).summary).toBe('diverging: non-finite loss at step 4');
  });

  it('too few points: kind too_few_points with the counts the sentence prints', () => {
    const o = options();
    const d = decide(inputOf([1, 2, 3], [3, 2, 1]), o);
    expect(d).toMatchObject({ kind: 'too_few_points', pointCount: 3, minPoints: o.minPoints });
    expect(explain(d, o).summary).toBe(`insufficient data: 3 finite points (need ${o.minPoints})`);
  });
});

describe('runningMean3', () => {
  it('averages i-1..i+1, shrinking the window at 0 and at end - 1', () => {
    expect(runningMean3([3, 6, 9, 12], 0, 4)).toBe(4.5);
    expect(runningMean3([3, 6, 9, 12], 1, 4)).toBe(6);
    expect(runningMean3([3, 6, 9, 12], 2, 3)).toBe(7.5);
    expect(runningMean3([3, 6, 9, 12], 3, 4)).toBe(10.5);
  });
});
