import { describe, expect, it } from 'vitest';
import { PlateauDetector } from '../../src/detect/detector.js';
import { diagnoseSeries } from '../../src/detect/diagnose.js';
import { generateCurve, type CurveCategory } from '../../src/detect/synthetic.js';
import { Rng } from '../../src/rng.js';

const categories: CurveCategory[] = ['drop-then-flat', 'steady-descent', 'flat', 'diverging'];
// Short curves keep the suite fast; the eval harness covers the full range.
const small = { steps: [500, 4000] as [number, number] };

describe('detector properties', () => {
  it('scaling the loss by a constant does not change the verdict or the plateau start', () => {
    for (const category of categories) {
      for (const seed of [1, 2, 3]) {
        const c = generateCurve(category, seed, small);
        const base = diagnoseSeries(c.steps, c.losses);
        for (const k of [1e-3, 7, 1e4]) {
          const scaled = diagnoseSeries(c.steps, c.losses.map((y) => y * k));
          expect(scaled.verdict, `${category} seed ${seed} x${k}`).toBe(base.verdict);
          expect(scaled.evidence?.plateauStart).toBe(base.evidence?.plateauStart);
          if (base.evidence) expect(scaled.evidence!.trend.relative).toBeCloseTo(base.evidence.trend.relative, 9);
        }
      }
    }
  });

  it('shifting the steps does not change the verdict (except that a log flat from its first point at step 49,500 converged before it: plateau, not stuck); the plateau start shifts with them', () => {
    for (const category of categories) {
      for (const seed of [1, 2, 3]) {
        const c = generateCurve(category, seed, small);
        const base = diagnoseSeries(c.steps, c.losses);
        const shifted = diagnoseSeries(c.steps.map((s) => s + 49_500), c.losses);
        const lateStart = base.verdict === 'stuck' && base.evidence?.plateauStart === c.steps[0];
        expect(shifted.verdict, `${category} seed ${seed}`).toBe(lateStart ? 'plateau' : base.verdict);
        if (lateStart) expect(shifted.summary).toMatch(/the first point of a log that starts at step/);
        if (base.evidence?.plateauStart !== undefined) expect(shifted.evidence!.plateauStart! - 49_500).toBeCloseTo(base.evidence.plateauStart, 6);
        // Online as well.
        const a = new PlateauDetector();
        const b = new PlateauDetector();
        for (let i = 0; i < c.steps.length; i++) {
          const da = a.update(c.steps[i], c.losses[i]);
          const db = b.update(c.steps[i] + 49_500, c.losses[i]);
          const va = da.verdict === 'stuck' && da.evidence?.plateauStart === c.steps[0] ? 'plateau' : da.verdict;
          const vb = db.verdict;
          if (va !== vb) throw new Error(`${category} seed ${seed}: verdict differs at step ${c.steps[i]}: ${va} vs ${vb}`);
        }
      }
    }
  });

  it('a noise-free curve still falling at a material rate never gets plateau, online or offline', () => {
    const T = 6000;
    const steps = Array.from({ length: T }, (_, i) => i + 1);
    const curves: Record<string, (t: number) => number> = {
      'power law a=0.3': (t) => 3 * (1 + t / 50) ** -0.3,
      'power law a=1': (t) => 3 * (1 + t / 10) ** -1,
      'slow exponential to a floor': (t) => 0.2 + Math.exp(-t / 3000),
      line: (t) => 2 - t / T,
    };
    for (const [name, f] of Object.entries(curves)) {
      const losses = steps.map(f);
      for (let i = 1; i < T; i++) if (!(losses[i] < losses[i - 1])) throw new Error(`${name} is not strictly falling at ${i}`);
      expect(diagnoseSeries(steps, losses).verdict, name).not.toBe('plateau');
      const det = new PlateauDetector();
      for (let i = 0; i < T; i++) {
        const v = det.update(steps[i], losses[i]).verdict;
        if (v === 'plateau') throw new Error(`${name}: plateau at step ${steps[i]}`);
      }
    }
  });

  it('a noise-free curve that drops, then falls at every step but slower than a quarter of the plateau threshold, has settled: plateau after the drop', () => {
    const T = 6000;
    const steps = Array.from({ length: T }, (_, i) => i + 1);
    const curves: Record<string, [(t: number) => number, number]> = {
      // [curve, its floor]
      'exponential to a floor': [(t) => 0.5 + 2 * Math.exp(-t / 400), 0.5],
      'drop then a gentle slope (-0.2% per 10% of the run)': [(t) => 0.3 + 2 * Math.exp(-t / 100) - 1e-6 * t, 0.3 - 1e-6 * T],
    };
    for (const [name, [f, floor]] of Object.entries(curves)) {
      const losses = steps.map(f);
      for (let i = 1; i < T; i++) if (!(losses[i] < losses[i - 1])) throw new Error(`${name} is not strictly falling at ${i}`);
      const d = diagnoseSeries(steps, losses);
      expect(d.verdict, `${name}: ${d.summary}`).toBe('plateau');
      // The printed interval is inside the band, and the plateau starts once the drop is over.
      expect(d.evidence!.trendPer10pct!.low).toBeGreaterThan(-0.02);
      expect(d.evidence!.trendPer10pct!.high).toBeLessThan(0.02);
      expect(f(d.evidence!.plateauStart!) / floor - 1, name).toBeLessThan(0.05);
      // Online it is never called plateau during the drop.
      const det = new PlateauDetector();
      for (let i = 0; i < T; i++) {
        const v = det.update(steps[i], losses[i]).verdict;
        if (v === 'plateau' && losses[i] / floor - 1 > 0.05) throw new Error(`${name}: plateau at step ${steps[i]}, still ${losses[i]}`);
      }
    }
  });

  it('restoring a state dict mid-run (through JSON) gives the same verdicts as not stopping', () => {
    for (const category of ['drop-then-flat', 'diverging', 'seed-like'] as CurveCategory[]) {
      const c = generateCurve(category, 5, small);
      const half = Math.floor(c.steps.length * 0.45);
      const feed = (d: PlateauDetector, from: number, to: number, out: string[]) => {
        for (let i = from; i < to; i++) out.push(JSON.stringify(d.update(c.steps[i], c.losses[i])));
      };
      const expected: string[] = [];
      const whole = new PlateauDetector({ stepsPerEpoch: 938 });
      feed(whole, 0, half, expected);
      whole.observeEpoch({ epoch: 1, trainLoss: 1, valLoss: 1 });
      feed(whole, half, c.steps.length, expected);

      const got: string[] = [];
      const first = new PlateauDetector({ stepsPerEpoch: 938 });
      feed(first, 0, half, got);
      first.observeEpoch({ epoch: 1, trainLoss: 1, valLoss: 1 });
      const resumed = new PlateauDetector();
      resumed.loadStateDict(JSON.parse(JSON.stringify(first.stateDict())));
      feed(resumed, half, c.steps.length, got);
      expect(got.length).toBe(expected.length);
      for (let i = 0; i < got.length; i++) if (got[i] !== expected[i]) throw new Error(`${category}: differs at step ${c.steps[i]}: ${got[i]} vs ${expected[i]}`);
    }
  });

  it('verdicts at the end are stable under a change of noise seed, away from boundaries', () => {
    // Same shape, different noise draws: the final verdict must not change.
    const steps = Array.from({ length: 5000 }, (_, i) => i + 1);
    const shapes: Record<string, [(t: number) => number, string]> = {
      'clear plateau': [(t) => 0.4 + 2 * Math.exp(-t / 300), 'plateau'],
      'clear descent': [(t) => 2 * (1 + t / 100) ** -0.6, 'descending'],
      'clear flat': [() => 2.3, 'stuck'],
    };
    for (const [name, [f, expected]] of Object.entries(shapes)) {
      for (let seed = 1; seed <= 8; seed++) {
        let s = seed * 2654435761;
        const rand = () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0) / 4294967296);
        const losses = steps.map((t) => {
          const u = Math.max(rand(), 1e-12);
          const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
          return f(t) * Math.exp(0.2 * z - 0.02);
        });
        expect(diagnoseSeries(steps, losses).verdict, `${name}, noise seed ${seed}`).toBe(expected);
      }
    }
  });

  it('online verdict sequences differ between noise seeds only near the transition', () => {
    const T = 5000;
    const dropThenFlat = (t: number) => 0.4 + 2 * Math.exp(-t / 300); // flat (excess < 1% of floor) from step ~1860
    const seedLike = (t: number) => 1.25 * Math.exp(-t / 120) + 1.05 * Math.pow(1 + t / 400, -0.55);
    for (let seed = 1; seed <= 6; seed++) {
      const rng = new Rng(seed);
      const det = new PlateauDetector({ totalSteps: T });
      for (let t = 1; t <= T; t++) {
        const v = det.update(t, dropThenFlat(t) * Math.exp(0.2 * rng.normal() - 0.02)).verdict;
        // Before the flat stretch: still falling (or too early to say); well after it: plateau.
        if (t > 100 && t < 1500 && v !== 'descending' && v !== 'insufficient_data') throw new Error(`seed ${seed}: ${v} at step ${t}`);
        if (t > 3600 && v !== 'plateau') throw new Error(`seed ${seed}: ${v} at step ${t}, expected plateau`);
      }
      const rng2 = new Rng(100 + seed);
      const det2 = new PlateauDetector({ totalSteps: 9380, stepsPerEpoch: 938 });
      for (let t = 1; t <= 9380; t++) {
        const v = det2.update(t, seedLike(t) * Math.exp(0.25 * rng2.normal() - 0.03)).verdict;
        if (t > 100 && v !== 'descending' && v !== 'insufficient_data') throw new Error(`seed-like, seed ${seed}: ${v} at step ${t}`);
        if (t > 1000 && v !== 'descending') throw new Error(`seed-like, seed ${seed}: ${v} at step ${t}, expected descending`);
      }
    }
  });
});
