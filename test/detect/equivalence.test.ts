import { describe, expect, it } from 'vitest';
import { diagnoseSeries } from '../../src/detect/diagnose.js';
import { PlateauDetector } from '../../src/detect/detector.js';
import { Rng } from '../../src/rng.js';

const N = 200;
const xs = Array.from({ length: N }, (_, i) => 20 * (i + 1));

/** A drop onto a floor (time constant 5% of the run), then flat, under 20% log-normal noise. */
function dropThenFlat(seed: number): number[] {
  const r = new Rng(seed);
  return xs.map((x) => (0.03 + 0.3 * Math.exp(-x / N)) * Math.exp(0.2 * r.normal()));
}

/** The same drop, then a steady fall of 3% per 10% of the run (outside the ±2% flat band). */
function dropThenFalling(seed: number, sd: number): number[] {
  const r = new Rng(seed);
  return xs.map((x, i) => (0.03 + 0.3 * Math.exp(-x / N)) * Math.exp((-0.3 * i) / N) * Math.exp(sd * r.normal()));
}

const EQUIVALENCE = /; flat by the equivalence test at the 5% level \(its 90% interval within ±2%\)$/;

describe('offline, a noisy flat stretch the recent windows cannot tell: the equivalence test at the 5% level (TOST, 90% interval; issue 10)', () => {
  it('calls more noisy drop-then-flat curves plateau, each printing its 90% interval, within the flat band', () => {
    let byEquivalence = 0;
    let plateaus = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const d = diagnoseSeries(xs, dropThenFlat(seed));
      if (d.verdict === 'plateau') plateaus++;
      if (!EQUIVALENCE.test(d.summary)) continue;
      byEquivalence++;
      expect(d.verdict).toBe('plateau');
      expect(d.summary).toMatch(/\(90% CI [-+\d.]+\.\.[-+\d.]+\)/);
      expect(d.evidence!.thresholds.confidence).toBeCloseTo(0.9, 12);
      expect(d.evidence!.trendPer10pct!.low).toBeGreaterThan(-0.02);
      expect(d.evidence!.trendPer10pct!.high).toBeLessThan(0.02);
    }
    expect(byEquivalence).toBeGreaterThanOrEqual(5);
    expect(plateaus).toBeGreaterThanOrEqual(45);
  });

  it('keeps its error rate: a steady fall of 3% per 10% of the run is called plateau by it in under 2.5% of noisy curves', () => {
    let byEquivalence = 0;
    let curves = 0;
    for (const sd of [0.1, 0.2]) {
      for (let seed = 1; seed <= 200; seed++) {
        curves++;
        if (EQUIVALENCE.test(diagnoseSeries(xs, dropThenFalling(seed, sd)).summary)) byEquivalence++;
      }
    }
    expect(byEquivalence / curves).toBeLessThan(0.025);
  });

  it('leaves the online detector (the doctor) at its 95% interval', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const ys = dropThenFlat(seed);
      const detector = new PlateauDetector({ warmup: 0 });
      for (let i = 0; i < N; i++) expect(detector.update(xs[i], ys[i]).summary).not.toMatch(/90% CI|equivalence test/);
    }
  });
});
