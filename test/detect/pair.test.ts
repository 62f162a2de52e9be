import { describe, expect, it } from 'vitest';
import { diagnosePair, type PairInput } from '../../src/detect/pair.js';
import { explainPair } from '../../src/detect/pair-explain.js';
import { Rng } from '../../src/rng.js';
import { expectConsistent } from '../helpers/pair-checks.js';

/** A generated pair with the truth it was built from. */
interface GeneratedPair {
  input: PairInput;
  /** Index of the true validation minimum (U shape), or of the end of the validation fall. */
  trueBest: number;
  /** U shape: how far from trueBest the true curve stays within 2.5 noise sigmas of its minimum. */
  tolerance: number;
}

/** Multiplicative log-normal noise of relative size sigma (0: none). */
function noisy(rng: Rng, y: number, sigma: number): number {
  return sigma > 0 ? y * Math.exp(sigma * rng.normal()) : y;
}

/**
 * U-shaped validation curve of n evaluations: falls to its minimum at index b (30-60% of the run),
 * then rises by `rise` (20-60%) at the far end, as |t - b|^1.5; training falls exponentially all along.
 */
function uShape(n: number, seed: number, sigma: number): GeneratedPair {
  const rng = new Rng(seed);
  const b = Math.round(rng.uniformIn(0.3, 0.6) * (n - 1));
  const rise = rng.uniformIn(0.2, 0.6);
  const floor = rng.uniformIn(0.2, 2);
  const far = Math.max(b, n - 1 - b);
  const xs = Array.from({ length: n }, (_, i) => i);
  const val = xs.map((t) => noisy(rng, floor * (1 + rise * (Math.abs(t - b) / far) ** 1.5), sigma));
  const train = xs.map((t) => noisy(rng, floor * 1.5 * Math.exp((-2.5 * t) / n) + 0.05 * floor, sigma));
  const tolerance = Math.floor(far * Math.min(1, (2.5 * sigma) / rise) ** (2 / 3));
  return { input: { x: 'epoch', xs, val, train }, trueBest: b, tolerance };
}

/** Validation falls to a level by 20-40% of the run and stays there (flat); training keeps falling. */
function flatVal(n: number, seed: number, sigma: number): GeneratedPair {
  const rng = new Rng(seed);
  const knee = Math.round(rng.uniformIn(0.2, 0.4) * (n - 1));
  const level = rng.uniformIn(0.2, 2);
  const xs = Array.from({ length: n }, (_, i) => i);
  const val = xs.map((t) => noisy(rng, level * (t < knee ? 1 + (0.8 * (knee - t)) / knee : 1), sigma));
  const train = xs.map((t) => noisy(rng, level * 1.2 * Math.exp((-2 * t) / n), sigma));
  return { input: { x: 'epoch', xs, val, train }, trueBest: knee, tolerance: 0 };
}

/** Both fall exponentially to the end (15-25% per 10% of the run). */
function bothFalling(n: number, seed: number, sigma: number): GeneratedPair {
  const rng = new Rng(seed);
  const rate = rng.uniformIn(1.5, 2.5);
  const level = rng.uniformIn(0.2, 2);
  const xs = Array.from({ length: n }, (_, i) => i);
  const val = xs.map((t) => noisy(rng, level * Math.exp((-rate * t) / n), sigma));
  const train = xs.map((t) => noisy(rng, level * 0.8 * Math.exp((-1.2 * rate * t) / n), sigma));
  return { input: { x: 'epoch', xs, val, train }, trueBest: n - 1, tolerance: 0 };
}

const LENGTHS = [...Array.from({ length: 86 }, (_, i) => 15 + i), 150, 200];
const NOISE = [0, 0.02];

describe('diagnosePair on generated pairs (seeded)', () => {
  it('a U-shaped validation curve of every length from 15 points, with and without noise, is overfitting with the best epoch within tolerance', () => {
    for (const sigma of NOISE) {
      for (const n of LENGTHS) {
        const seed = n * 10 + (sigma > 0 ? 1 : 0);
        const g = uShape(n, seed, sigma);
        const d = diagnosePair(g.input);
        const what = `n ${n}, noise ${sigma}, seed ${seed}, true best ${g.trueBest}`;
        expect(d.kind, what).toBe('overfitting');
        // Noise-free: exact. Noisy: anywhere the true curve is within 2.5 noise sigmas of its
        // minimum (the raw minimum of a flat-bottomed U wanders there), plus one evaluation.
        expect(Math.abs(d.best!.at - g.trueBest), what).toBeLessThanOrEqual(sigma === 0 ? 0 : g.tolerance + 1);
        expectConsistent(d, what);
        const advice = explainPair(d, { train: 'loss', val: 'val_loss' }).suggestion;
        expect(advice, what).toMatch(/^early stopping: keep the checkpoint of epoch \d+/);
        expect(advice, what).toContain(`epoch ${d.best!.at}`);
      }
    }
  });

  it('a flat validation curve while training falls is a generalization gap, stalled near where validation stopped falling', () => {
    for (const sigma of NOISE) {
      for (const n of LENGTHS) {
        const seed = n * 10 + 2 + (sigma > 0 ? 1 : 0);
        const g = flatVal(n, seed, sigma);
        const d = diagnosePair(g.input);
        const what = `n ${n}, noise ${sigma}, seed ${seed}, knee ${g.trueBest}`;
        expect(d.kind, what).toBe('generalization_gap');
        expect(d.stalledSince!, what).toBeGreaterThanOrEqual(g.trueBest - Math.max(2, 0.1 * n));
        expect(d.stalledSince!, what).toBeLessThanOrEqual(g.trueBest + Math.max(3, 0.2 * n));
        expectConsistent(d, what);
        expect(explainPair(d, { train: 'loss', val: 'val_loss' }).suggestion, what).toMatch(/^early stopping/);
      }
    }
  });

  it('both curves falling is both_descending (keep training)', () => {
    for (const sigma of NOISE) {
      for (const n of LENGTHS) {
        const seed = n * 10 + 4 + (sigma > 0 ? 1 : 0);
        const d = diagnosePair(bothFalling(n, seed, sigma).input);
        const what = `n ${n}, noise ${sigma}, seed ${seed}`;
        expect(d.kind, what).toBe('both_descending');
        expectConsistent(d, what);
        expect(explainPair(d, { train: 'loss', val: 'val_loss' }).suggestion, what).toMatch(/keep training \(do not decay yet\)$/);
      }
    }
    // With the LR annealed to 1% of its peak by a cosine: no decay left to make, a longer schedule.
    const g = bothFalling(40, 7, 0.01).input;
    const annealed = diagnosePair({ ...g, lrs: g.xs.map((t) => 0.01 + 0.99 * 0.5 * (1 + Math.cos((Math.PI * t) / 39))) });
    expect(annealed.kind).toBe('both_descending');
    expect(explainPair(annealed, { train: 'loss', val: 'val_loss' }).suggestion).toBe('both still improving with the LR already annealed (1 -> 0.01): keep training; if the run has ended, a longer schedule (more epochs) would likely gain more');
  });

  it('a rising validation loss with a rising training loss is diverging, not overfitting', () => {
    const xs = Array.from({ length: 30 }, (_, i) => i);
    const d = diagnosePair({ x: 'epoch', xs, val: xs.map((t) => 1 + 0.05 * Math.abs(t - 10)), train: xs.map((t) => 1 + 0.04 * Math.abs(t - 10)) });
    expect(d.kind).toBe('diverging');
  });

  it('both flat: both_plateau; an annealed LR turns the advice away from another decay', () => {
    const rng = new Rng(7);
    const xs = Array.from({ length: 40 }, (_, i) => i);
    const val = xs.map(() => noisy(rng, 0.5, 0.002));
    const train = xs.map(() => noisy(rng, 0.4, 0.002));
    const d = diagnosePair({ x: 'epoch', xs, val, train });
    expect(d.kind).toBe('both_plateau');
    expectConsistent(d, 'flat');
    expect(explainPair(d, { train: 'loss', val: 'val_loss' }).suggestion).toMatch(/decay would likely help/);
    const annealed = diagnosePair({ x: 'epoch', xs, val, train, lrs: xs.map((t) => 1e-3 * Math.cos((Math.PI / 2) * (t / 39)) + 1e-7) });
    expect(annealed.lr?.annealed).toBe(true);
    expect(explainPair(annealed, { train: 'loss', val: 'val_loss' }).suggestion).toMatch(/already annealed .*a decay cannot help/);
  });

  it('validation flat and training falling slowly inside the ±2% band: a widening gap when the intervals show it, else both_plateau (never "cannot tell"), and the words say the training loss falls slowly', () => {
    const kinds: Record<string, number> = {};
    for (let seed = 1; seed <= 40; seed++) {
      const rng = new Rng(seed);
      // 14 evaluations, both settling on their floors (a fine-tune's eval and train loss), the
      // training loss a little later; 0.2% noise.
      const xs = Array.from({ length: 14 }, (_, i) => 200 * (i + 1));
      const val = xs.map((x) => noisy(rng, 1.12 + 0.5 * Math.exp(-x / 500), 0.002));
      const train = xs.map((x) => noisy(rng, 1 + 0.5 * Math.exp(-x / 600), 0.002));
      const d = diagnosePair({ x: 'step', xs, val, train });
      kinds[d.kind] = (kinds[d.kind] ?? 0) + 1;
      if (d.kind === 'both_plateau' && d.trainFalls) kinds.trainFalls = (kinds.trainFalls ?? 0) + 1;
      const bothInBand = [d.valTrend!, d.trainTrend!].every((t) => t.per10.low > -0.02 && t.per10.high < 0.02);
      if (d.kind === 'generalization_gap') expect(d.gapTrend!.low).toBeGreaterThan(0);
      else if (bothInBand) expect(d.kind, `seed ${seed}`).toBe('both_plateau');
      if (d.kind !== 'both_plateau') continue;
      expectConsistent(d, 'flat');
      const summary = explainPair(d, { train: 'loss', val: 'eval_loss' }).summary;
      if (d.trainFalls) expect(summary).toMatch(/loss falling slowly, inside the ±2.0% per 10% of run band/);
      else if (d.trainTrend!.per10.high < 0) expect(summary).toMatch(/loss falls, but negligibly/);
      else expect(summary).toMatch(/loss (not falling|rises slightly)/);
      expect(summary).not.toMatch(/\.\.\d{4}/); // x values with thousands separators
    }
    // Mostly both_plateau, with the training loss still falling slowly.
    expect(kinds.both_plateau ?? 0, JSON.stringify(kinds)).toBeGreaterThan(30);
    expect(kinds.insufficient_data ?? 0, JSON.stringify(kinds)).toBe(0);
    expect(kinds.trainFalls ?? 0, JSON.stringify(kinds)).toBeGreaterThan(20);
  });

  it('a ReduceLROnPlateau staircase (4 cuts, each moving both losses a little, flat after the last): judged after the last cut, both_plateau, and no decay advice at 0.01% of the peak LR', () => {
    let plateaus = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const rng = new Rng(seed);
      const xs = Array.from({ length: 60 }, (_, i) => i);
      const lrs = xs.map((e) => 1e-3 / 10 ** [15, 25, 35, 45].filter((c) => e >= c).length);
      const train = xs.map((e, i) => noisy(rng, (0.3 + 1.2 * Math.exp(-e / 5)) * (1 - 0.05 * Math.log10(1e-3 / lrs[i])), 0.01));
      const val = train.map((t) => noisy(rng, t * 1.1 + 0.02, 0.01));
      const d = diagnosePair({ x: 'epoch', xs, val, train, lrs });
      // Never "both still falling: keep training" across the cuts; 15 points after the last cut
      // may be too few to call it flat within the band (then insufficient_data, honestly).
      expect(d.kind, `seed ${seed}`).not.toBe('both_descending');
      expect(d.valTrend!.from).toBeGreaterThanOrEqual(45);
      if (d.kind !== 'both_plateau') continue;
      plateaus++;
      expect(explainPair(d, { train: 'loss', val: 'val_loss' }).suggestion).toMatch(/already annealed .*a decay cannot help/);
      // Without the LR column the trend over the last half spans the cuts' drops.
      expect(diagnosePair({ x: 'epoch', xs, val, train }).valTrend!.from).toBeLessThan(45);
    }
    expect(plateaus).toBeGreaterThanOrEqual(8);
  });

  it('validation falling while training is flat is reported as unusual', () => {
    const xs = Array.from({ length: 30 }, (_, i) => i);
    const d = diagnosePair({ x: 'epoch', xs, val: xs.map((t) => Math.exp(-0.05 * t)), train: xs.map(() => 0.3) });
    expect(d.kind).toBe('val_falls_train_flat');
    expect(explainPair(d, { train: 'loss', val: 'val_loss' }).summary).toMatch(/^unusual/);
  });

  it('too few evaluations, or a NaN after finite values', () => {
    expect(diagnosePair({ x: 'epoch', xs: [0, 1, 2, 3], val: [1, 0.9, 0.8, 0.7], train: [1, 0.9, 0.8, 0.7] }).kind).toBe('insufficient_data');
    const xs = Array.from({ length: 10 }, (_, i) => i);
    const d = diagnosePair({ x: 'epoch', xs, val: xs.map((t) => (t === 6 ? Number.NaN : 1 - 0.01 * t)), train: xs.map((t) => 1 - 0.02 * t) });
    expect(d).toMatchObject({ kind: 'diverging', nonFiniteAt: 6 });
  });
});
