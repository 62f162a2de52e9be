import { describe, expect, it } from 'vitest';
import { explainAverageGap, forecastFall, judgeAverageGap, type GapJudgement, type GapObservation } from '../../src/lr/average-gap.js';

const RULE = { gapThreshold: 0.03, confirmations: 2 };

/** Epochs `from`.. with the averaged loss `avg(e)` and the gap `rel(e)` x L(θ̄), interval ±`half` x L(θ̄). */
function history(from: number, to: number, avg: (e: number) => number, rel: (e: number) => number, half = 0.005, train = (e: number) => 0.5 * Math.pow(e, -0.3)): GapObservation[] {
  const out: GapObservation[] = [];
  for (let e = from; e <= to; e++) {
    const l = avg(e);
    const g = rel(e) * l;
    out.push({ epoch: e, trainLoss: train(e), gap: { mean: g, low: g - half * l, high: g + half * l, averagedLoss: l, examples: 5000, source: 'validation' } });
  }
  return out;
}

/** Every kind's claim agrees with its own interval (the words "above", "below", "not clearly above"). */
function checkHonest(j: GapJudgement): void {
  const text = explainAverageGap(j);
  const g = j.gap;
  if (j.kind === 'below') expect(g.relHigh).toBeLessThanOrEqual(j.threshold);
  if (j.kind === 'unclear') expect(g.relLow <= j.threshold && g.relHigh > j.threshold).toBe(true);
  if (['too_early', 'progress', 'confirming', 'cut'].includes(j.kind)) expect(g.relLow).toBeGreaterThan(j.threshold);
  if (/still lead their own average/.test(text)) expect(g.relHigh).toBeLessThan(0);
  if (j.kind === 'progress') {
    expect(j.forecast.trend.high).toBeLessThan(0);
    expect(j.forecast.fall).toBeGreaterThan(g.relative);
  }
  if (/less than the gap/.test(text)) expect((j as { forecast: { fall: number; gap: number } }).forecast.fall).toBeLessThanOrEqual((j as { forecast: { gap: number } }).forecast.gap);
  if ('forecast' in j) expect(j.forecast.gap).toBeGreaterThan(j.threshold);
  // The printed percentages are the judgement's numbers.
  expect(text).toContain(`(95% CI `);
}

function judgeAll(h: GapObservation[], epochs: number): GapJudgement[] {
  return h.map((_, i) => judgeAverageGap(h.slice(0, i + 1), epochs, RULE));
}

describe('forecastFall', () => {
  it('continues the slope as a power law of the epochs trained', () => {
    expect(forecastFall(-0.02, 10, 30)).toBeCloseTo(1 - Math.pow(3, 10 * Math.log(0.98)), 12);
    expect(forecastFall(-0.02, 10, 30)).toBeCloseTo(0.199, 3);
    expect(forecastFall(-0.02, 10, 10)).toBe(0);
    expect(forecastFall(0.01, 10, 20)).toBeLessThan(0); // a rising curve forecasts a rise
  });
});

describe('judgeAverageGap (the weight-average gap rule)', () => {
  it('keeps the LR on the seed pipeline shape: the weights lead their average (G/L -4..-0.7%)', () => {
    const h = history(1, 10, (e) => 0.3 * Math.pow(e, -0.35), (e) => -0.04 + (0.033 * (e - 1)) / 9);
    const js = judgeAll(h, 10);
    for (const j of js) checkHonest(j);
    expect(js.map((j) => j.kind)).toEqual(Array(10).fill('below'));
    expect(explainAverageGap(js[0])).toMatch(/^weight-average gap -0\.\d+ \(95% CI -0\.\d+\.\.-0\.\d+, 5,000 validation examples\) = -4\.0% of the averaged loss 0\.3 \(-4\.5\.\.-3\.5%\): the weights still lead their own average .*: keep the LR$/);
  });

  it('keeps the LR on the Fashion lr 0.01 shape (G/L 0..+1.4%)', () => {
    const h = history(1, 30, (e) => 0.36 + 0.2 * Math.exp(-e / 5), (e) => (0.014 * (e - 1)) / 29);
    const js = judgeAll(h, 30);
    for (const j of js) checkHonest(j);
    expect(js.every((j) => j.kind === 'below' || j.kind === 'unclear')).toBe(true);
  });

  it('cuts on the Fashion lr 0.1 shape (G/L +4..+11%, averaged loss flattening) after 3 epochs and 2 confirmations', () => {
    const h = history(1, 30, (e) => 0.33 + 0.15 * Math.exp(-e / 2), (e) => Math.min(0.11, 0.04 + 0.01 * (e - 1)));
    const js = judgeAll(h, 30);
    for (const j of js) checkHonest(j);
    const first = js.findIndex((j) => j.kind === 'cut');
    expect(first).toBeGreaterThanOrEqual(2); // never before epoch 3: the forecast needs 3 epochs
    expect(first).toBeLessThanOrEqual(12);
    const cut = js[first] as Extract<GapJudgement, { kind: 'cut' }>;
    expect(cut.streak).toBeGreaterThanOrEqual(2);
    expect(explainAverageGap(cut)).toMatch(/^weight-average gap \+0\.\d+ \(95% CI \+0\.\d+\.\.\+0\.\d+, 5,000 validation examples\) = \+\d+(\.\d)?% of the averaged loss 0\.\d+ \(\+[\d.]+\.\.\+[\d.]+%\), above 3\.0% for \d+ epochs in a row; averaged loss [-+][\d.]+%\/epoch \(95% CI [-+][\d.]+\.\.[-+][\d.]+\) over epoch \d+\.\.\d+, forecast [-+][\d.]+% from epoch \d+ to 30 at this LR \(power law\), (less than the gap \(\+[\d.]+%\)|more than the gap \(\+[\d.]+%\), but the trend's interval holds 0 \(no evidence that progress continues\)); training loss [-+][\d.]+%\/epoch .*: a cut is expected to help$/);
  });

  it('cuts on the MNIST lr 0.1 shape (G/L +11..+27%)', () => {
    const h = history(1, 30, (e) => 0.08 + 0.1 * Math.exp(-e / 3), (e) => Math.min(0.27, 0.11 + 0.02 * (e - 1)), 0.01);
    const js = judgeAll(h, 30);
    for (const j of js) checkHonest(j);
    expect(js.findIndex((j) => j.kind === 'cut')).toBeGreaterThanOrEqual(2);
    expect(js.some((j) => j.kind === 'cut')).toBe(true);
  });

  it('never cuts while the averaged loss still falls faster than the gap: progress continues', () => {
    // Gap +6% (interval +5.5..+6.5%), but the averaged loss falls 5% per epoch, steadily.
    const h = history(1, 10, (e) => 0.5 * Math.pow(0.95, e), () => 0.06);
    const js = judgeAll(h, 30);
    for (const j of js) checkHonest(j);
    expect(js.map((j) => j.kind)).toEqual(['too_early', 'too_early', 'progress', 'progress', 'progress', 'progress', 'progress', 'progress', 'progress', 'progress']);
    expect(explainAverageGap(js[4])).toMatch(/above 3\.0%; but progress continues: averaged loss -5\.0%\/epoch \(95% CI -5\.0\.\.-5\.0\) over epoch 1\.\.5, forecast -\d\d% from epoch 5 to 30 at this LR \(power law\), more than the gap \(\+6\.0%\); training loss .*: keep the LR$/);
    // With one epoch left the power law forecasts -4.8% (< the gap): cut.
    const near = judgeAverageGap(h, 11, RULE);
    expect(near.kind).toBe('cut');
    expect((near as Extract<GapJudgement, { kind: 'cut' }>).forecast.fall).toBeCloseTo(1 - Math.pow(11 / 10, 10 * Math.log(0.95)), 12);
  });

  it('a gap whose interval holds the threshold is not "above" it', () => {
    const h = history(1, 6, () => 0.4, () => 0.032, 0.01);
    const js = judgeAll(h, 20);
    for (const j of js) checkHonest(j);
    expect(js.every((j) => j.kind === 'unclear')).toBe(true);
    expect(explainAverageGap(js[5])).toMatch(/not clearly above the 3\.0% a cut needs \(the interval holds it\): keep the LR$/);
  });

  it('needs the confirmations in a row: one epoch above, one not, one above is no cut', () => {
    const rel = [0.06, 0.01, 0.06, 0.06];
    const h = history(1, 4, () => 0.4, (e) => rel[e - 1]);
    expect(judgeAll(h, 20).map((j) => j.kind)).toEqual(['too_early', 'below', 'confirming', 'cut']);
  });
});
