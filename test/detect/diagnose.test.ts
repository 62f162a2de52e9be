import { describe, expect, it } from 'vitest';
import { diagnoseSeries } from '../../src/detect/diagnose.js';
import { generateCurve } from '../../src/detect/synthetic.js';

describe('diagnoseSeries', () => {
  it('calls a drop-then-flat curve a plateau, with the start inside the tolerance and the knee before it', () => {
    const c = generateCurve('drop-then-flat', 3);
    const d = diagnoseSeries(c.steps, c.losses);
    expect(d.verdict, d.summary).toBe('plateau');
    const start = d.evidence!.plateauStart!;
    expect(start).toBeGreaterThanOrEqual(c.tolerance![0]);
    expect(start).toBeLessThanOrEqual(c.tolerance![1]);
    expect(d.plateaus.at(-1)!.end).toBe(c.steps.at(-1));
    expect(d.knee).not.toBeNull();
    expect(d.knee!).toBeLessThan(start + 1);
    expect(d.summary).toMatch(/^plateau since step \d{1,3}(,\d{3})*, trend [-+][\d.]+% per 10% of run \(95% CI [-+][\d.]+\.\.[-+][\d.]+\), noise [\d.]+% of level$/);
    expect(d.suggestion).toBe('a decay here would likely help');
    expect(d.segments.at(-1)!.kind).toBe('plateau');
  });

  it('calls the seed pipeline shape descending, with the trend per epoch', () => {
    const c = generateCurve('seed-like', 1);
    const d = diagnoseSeries(c.steps, c.losses, { stepsPerEpoch: 938, classes: 10 });
    expect(d.verdict, d.summary).toBe('descending');
    expect(d.evidence!.trend.unit).toBe('epoch');
    // The curve falls ~6.5% per epoch at the end: the interval must hold a value near that.
    expect(d.evidence!.trend.low).toBeLessThan(-0.04);
    expect(d.evidence!.trend.high).toBeLessThan(-0.02);
    expect(d.suggestion).toBe('still improving: do not decay yet');
    expect(d.plateaus).toEqual([]);
  });

  it('calls a flat curve at ln 10 stuck at chance level', () => {
    const xs = Array.from({ length: 2000 }, (_, i) => i + 1);
    const ys = xs.map((_, i) => Math.log(10) * (1 + 0.001 * Math.sin(i)));
    const d = diagnoseSeries(xs, ys, { classes: 10 });
    expect(d.verdict).toBe('stuck');
    expect(d.summary).toContain('chance level');
    expect(d.suggestion).toContain('lower the initial LR');
  });

  it('calls a rising curve and a NaN diverging, naming where', () => {
    const c = generateCurve('diverging', 2);
    const d = diagnoseSeries(c.steps, c.losses);
    expect(d.verdict, d.summary).toBe('diverging');
    expect(d.suggestion).toMatch(/^diverging since step \d+/);
    const withNan = diagnoseSeries([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [5, 4, 3, 2.5, 2, 1.8, Number.NaN, 1, 1, 1]);
    expect(withNan.verdict).toBe('diverging');
    expect(withNan.summary).toBe('diverging: non-finite loss at step 7');
  });

  it('reports the batch noise as a fraction of the level, close to the generator\'s', () => {
    for (const seed of [1, 2, 3]) {
      const c = generateCurve('flat', seed);
      const d = diagnoseSeries(c.steps, c.losses);
      // Log-normal noise of σ has a relative spread of about σ (sqrt(e^σ² - 1) ≈ σ for small σ).
      expect(d.evidence!.noise / c.noise, `seed ${seed}`).toBeGreaterThan(0.85);
      expect(d.evidence!.noise / c.noise, `seed ${seed}`).toBeLessThan(1.2);
    }
  });

  it('handles negative losses (e.g. a negative log-likelihood) and an all-zero series', () => {
    const xs = Array.from({ length: 500 }, (_, i) => i);
    const negative = diagnoseSeries(xs, xs.map((t) => -1 - 4 * (1 - Math.exp(-t / 50)) + 0.05 * Math.sin(t * 7.3)));
    expect(negative.verdict, negative.summary).toBe('plateau');
    expect(negative.evidence!.plateauStart!).toBeGreaterThan(100);
    expect(negative.evidence!.plateauStart!).toBeLessThan(300);
    expect(diagnoseSeries(xs, xs.map(() => 0)).verdict).toBe('stuck');
  });

  it('says insufficient_data for a handful of points', () => {
    expect(diagnoseSeries([1, 2, 3], [3, 2, 1]).verdict).toBe('insufficient_data');
    expect(diagnoseSeries([], []).verdict).toBe('insufficient_data');
  });

  it('reports whether the loss responded to an LR cut', () => {
    // Flat at 1.0 with lr 0.1, then a cut to 0.01 and the loss steps down to 0.8.
    const xs = Array.from({ length: 200 }, (_, i) => i + 1);
    const ys = xs.map((x) => (x <= 100 ? 1 : 0.8) * (1 + 0.02 * Math.sin(x * 1.7)));
    const lrs = xs.map((x) => (x <= 100 ? 0.1 : 0.01));
    const d = diagnoseSeries(xs, ys, { lrs });
    expect(d.lrResponses).toHaveLength(1);
    expect(d.lrResponses[0]).toMatchObject({ at: 100, oldLr: 0.1, newLr: 0.01, responded: true });
    expect(d.lrResponses[0].summary).toContain('below its prior trend');
    // A loss that keeps its trend through the change did not respond.
    const steady = diagnoseSeries(xs, xs.map((x) => (2 - x / 200) * (1 + 0.02 * Math.sin(x * 1.7))), { lrs });
    expect(steady.lrResponses[0].responded, steady.lrResponses[0].summary).toBe(false);
    expect(steady.lrResponses[0].summary).toMatch(/^lr 0\.1 -> 0\.01 at step 100: no change beyond noise \(jump [-+][\d.]+% against the prior trend, 95% CI /);
  });
});

describe("advice after the log's own LR cuts", () => {
  // A fast drop, a first plateau, an LR cut that lowers the level by 30%, then a second plateau.
  // Multiplicative per-step noise of 5% from a fixed linear congruential sequence.
  function curve(cutEffect: number) {
    const xs: number[] = [];
    const ys: number[] = [];
    const lrs: number[] = [];
    let state = 12345;
    const noise = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return (state / 2147483648 - 0.5) * 0.1;
    };
    for (let s = 1; s <= 4000; s++) {
      const base = s <= 2000 ? 0.5 + 2 * Math.exp(-s / 100) : 0.5 * (1 - cutEffect);
      xs.push(s);
      ys.push(base * (1 + noise()));
      lrs.push(s <= 2000 ? 0.1 : 0.01);
    }
    return { xs, ys, lrs };
  }

  it('says another decay is unlikely to help when the last cut moved nothing', () => {
    const { xs, ys, lrs } = curve(0);
    const d = diagnoseSeries(xs, ys, { lrs });
    expect(d.verdict).toBe('plateau');
    expect(d.lrResponses).toHaveLength(1);
    expect(d.lrResponses[0]).toMatchObject({ responded: false, judged: true });
    expect(d.suggestion).toMatch(/did not respond to the last LR cut \(0\.1 -> 0\.01 at step 2,000\): another decay is unlikely to help/);
  });

  it('keeps recommending a decay, saying why, when the last cut moved the loss', () => {
    const { xs, ys, lrs } = curve(0.3);
    const d = diagnoseSeries(xs, ys, { lrs });
    expect(d.verdict).toBe('plateau');
    expect(d.lrResponses[0]).toMatchObject({ responded: true, judged: true });
    expect(d.suggestion).toMatch(/^a decay here would likely help \(the last LR cut, 0\.1 -> 0\.01 at step 2,000, moved the loss\)$/);
  });

  it('never says a decay would likely help once the LR is far below its peak (1% or less), even when the last cut moved the loss', () => {
    const { xs, ys, lrs } = curve(0.3);
    // The same run, its LR two and three decades down: 1e-3 -> 1e-4 and 1e-3 -> 1e-5 at the cut.
    for (const [peak, after] of [[1e-2, 1e-4], [1e-3, 1e-5]]) {
      const scaled = lrs.map((lr) => (lr === 0.1 ? peak : after));
      const d = diagnoseSeries(xs, ys, { lrs: scaled });
      expect(d.verdict).toBe('plateau');
      expect(d.lrResponses[0]).toMatchObject({ responded: true, judged: true });
      expect(d.suggestion).not.toMatch(/would likely help/);
      expect(d.suggestion).toMatch(/^nearly converged for this model and data: the LR is already at [\d.]+% of its peak .*still moved the loss, but each further cut has less to give: stop here/);
    }
    // One decade down (the recipe's StepLR) keeps the cut's reading.
    expect(diagnoseSeries(xs, ys, { lrs: lrs.map((lr) => (lr === 0.1 ? 1e-2 : 1e-3)) }).suggestion).toMatch(/^a decay here would likely help \(the last LR cut/);
  });

  it('leaves the advice alone without LR information', () => {
    const { xs, ys } = curve(0);
    expect(diagnoseSeries(xs, ys).suggestion).toBe('a decay here would likely help');
  });
});
