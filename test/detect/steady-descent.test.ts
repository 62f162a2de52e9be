import { describe, expect, it } from 'vitest';
import { diagnoseSeries } from '../../src/detect/diagnose.js';
import { PlateauDetector } from '../../src/detect/detector.js';
import { Rng } from '../../src/rng.js';

/** A drop, then either a slow power law (alpha 0.12: about -1.5% per 10% of the run at the end) or an exponential settling on a floor. */
function curves(seed: number, sd: number): { xs: number[]; powerLaw: number[]; settling: number[] } {
  const r = new Rng(seed);
  const xs = Array.from({ length: 400 }, (_, i) => i + 1);
  const powerLaw = xs.map((x) => (3 * Math.exp(-x / 8) + 5 * x ** -0.12) * (1 + sd * r.normal()));
  const settling = xs.map((x) => (3 * Math.exp(-x / 8) + 2 + 0.3 * Math.exp(-x / 40)) * (1 + sd * r.normal()));
  return { xs, powerLaw, settling };
}

describe('a slow steady descent after a drop is not a plateau (offline; issue 10)', () => {
  for (const sd of [0.005, 0.02]) {
    it(`a power law creeping down under the plateau threshold but not levelling off is descending; an exponential settling on its floor stays a plateau (${sd * 100}% noise)`, () => {
      for (const seed of [1, 2, 3, 4]) {
        const { xs, powerLaw, settling } = curves(seed, sd);
        const d = diagnoseSeries(xs, powerLaw);
        expect(d.verdict, `seed ${seed}: ${d.summary}`).toBe('descending');
        expect(d.evidence!.trendPer10pct!.high, d.summary).toBeLessThan(0);
        expect(d.suggestion).toMatch(/^slow but steady: .* and not levelling off: the last 25% of the run still falls -[\d.]+% per 10% \(95% CI -[\d.]+\.\.-[\d.]+\); not a plateau yet/);
        const p = diagnoseSeries(xs, settling);
        expect(p.verdict, `seed ${seed}: ${p.summary}`).toBe('plateau');
      }
    });
  }

  it('leaves the online detector (the doctor) as it was: the rule needs the whole series', () => {
    const { xs, powerLaw } = curves(1, 0.005);
    const detector = new PlateauDetector({ warmup: 0 });
    let last = null as ReturnType<PlateauDetector['update']> | null;
    for (let i = 0; i < xs.length; i++) last = detector.update(xs[i], powerLaw[i]);
    expect(last!.suggestion).not.toMatch(/not levelling off/);
  });
});
