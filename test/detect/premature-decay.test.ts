import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { diagnoseSeries } from '../../src/detect/diagnose.js';
import { Rng } from '../../src/rng.js';
import { pct } from '../../src/numbers.js';

const STEPS_PER_EPOCH = 938;
const CUT = 5 * STEPS_PER_EPOCH;

/**
 * A StepLR run as the seed pipeline makes it: 10 epochs of 938 steps, the loss a power law
 * 0.3·(step/938)^-0.3 (2.3 at step 1, falling ~6%/epoch at epoch 5), per-step multiplicative
 * noise of `noise` (MNIST mini-batches: 10-20% of the level), LR 0.01 cut 10x after epoch 5.
 * After the cut the ln-slope is `slopeFactor` times the power law's and the noise `noiseAfter`.
 */
function stepLrRun(seed: number, o: { slopeFactor: number; noise: number; noiseAfter: number }) {
  const rng = new Rng(seed);
  const law = (s: number) => 0.3 * (s / STEPS_PER_EPOCH) ** -0.3;
  const xs: number[] = [];
  const ys: number[] = [];
  const lrs: number[] = [];
  for (let s = 1; s <= 10 * STEPS_PER_EPOCH; s++) {
    const after = s > CUT;
    const level = after ? law(CUT) * Math.exp(-0.3 * o.slopeFactor * Math.log(s / CUT)) : law(s);
    xs.push(s);
    ys.push(level * Math.exp((after ? o.noiseAfter : o.noise) * rng.normal()));
    lrs.push(after ? 0.001 : 0.01);
  }
  return { xs, ys, lrs };
}

const SEEDS = [1, 2, 3, 4, 5, 6];

describe('a cut that slowed a still-falling loss (premature decay)', () => {
  it.each(SEEDS)('calls a StepLR cut at epoch 5 that cut the slope 5x "slowed", with the rates before and after (seed %i)', (seed) => {
    const { xs, ys, lrs } = stepLrRun(seed, { slopeFactor: 0.2, noise: 0.15, noiseAfter: 0.1 });
    const d = diagnoseSeries(xs, ys, { lrs, stepsPerEpoch: STEPS_PER_EPOCH });
    expect(d.lrResponses).toHaveLength(1);
    const r = d.lrResponses[0];
    expect(r.kind, r.summary).toBe('slowed');
    expect(r.responded).toBe(false);
    // The printed numbers agree with the word: falling significantly before, and far more slowly after.
    const { before, after } = r.trends!;
    expect(before.high).toBeLessThan(0);
    expect(before.relative).toBeGreaterThan(-0.09);
    expect(before.relative).toBeLessThan(-0.04);
    expect(after.relative).toBeGreaterThan(before.relative / 2);
    expect(r.summary).toMatch(/^lr 0\.01 -> 0\.001 at step 4,690: progress slowed, a premature decay: trend -[\d.]+%\/epoch \(95% CI .*\) over the 1876 points before, [-+][\d.]+%\/epoch \(95% CI .*\) over 1876 points from 187 points after the change$/);
    expect(d.verdict).toBe('plateau');
    expect(d.suggestion).toBe(`the cut at step 4,690 (0.01 -> 0.001) slowed progress (${pct(before.relative, true)}%/epoch before, ${pct(after.relative, true)}% after): a premature decay; cut later or not at all`);
  });

  it.each(SEEDS)('does not call a cut "slowed" when the power law just goes on through it (seed %i)', (seed) => {
    const { xs, ys, lrs } = stepLrRun(seed, { slopeFactor: 1, noise: 0.15, noiseAfter: 0.15 });
    const r = diagnoseSeries(xs, ys, { lrs, stepsPerEpoch: STEPS_PER_EPOCH }).lrResponses[0];
    expect(r.kind, r.summary).not.toBe('slowed');
  });

  it('reads the real StepLR run of the seed pipeline (bundled MNIST subset, cut 10x after epoch 5 of 10) as a premature decay', () => {
    // fixtures/runs/steplr-bundled-steps.csv: `plateau-doctor run --schedules step --epochs 10`.
    const rows = readFileSync(path.join(import.meta.dirname, '../../fixtures/runs/steplr-bundled-steps.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
    const d = diagnoseSeries(
      rows.map((r) => r[0]),
      rows.map((r) => r[2]),
      { lrs: rows.map((r) => r[3]), stepsPerEpoch: 110 },
    );
    expect(d.verdict).toBe('plateau');
    expect(d.lrResponses[0].kind, d.lrResponses[0].summary).toBe('slowed');
    expect(d.suggestion).toMatch(/^the cut at step 550 \(0\.01 -> 0\.001\) slowed progress \(-1\d%\/epoch before, [-+][\d.]+% after\): a premature decay; cut later or not at all$/);
    expect(d.suggestion).not.toMatch(/did not respond|early stopping/);
  });
});

describe('a cut on a real plateau keeps its reading', () => {
  // Flat at 0.5 (noise 15%) for the last 3 epochs before the cut, after a fast exponential drop.
  function plateauRun(seed: number, cutEffect: number) {
    const rng = new Rng(seed);
    const xs: number[] = [];
    const ys: number[] = [];
    const lrs: number[] = [];
    for (let s = 1; s <= 10 * STEPS_PER_EPOCH; s++) {
      const level = s <= CUT ? 0.5 + 2 * Math.exp(-s / 300) : 0.5 * (1 - cutEffect);
      xs.push(s);
      ys.push(level * Math.exp(0.15 * rng.normal()));
      lrs.push(s <= CUT ? 0.01 : 0.001);
    }
    return diagnoseSeries(xs, ys, { lrs, stepsPerEpoch: STEPS_PER_EPOCH });
  }

  it.each(SEEDS)('"did not respond" when flat before and after the cut (seed %i)', (seed) => {
    const d = plateauRun(seed, 0);
    expect(d.lrResponses[0].kind, d.lrResponses[0].summary).toBe('none');
    expect(d.verdict).toBe('plateau');
    expect(d.suggestion).toMatch(/^the loss did not respond to the last LR cut \(0\.01 -> 0\.001 at step 4,690\)/);
  });

  it.each(SEEDS)('"responded" when the cut lowered the plateau by 20% (seed %i)', (seed) => {
    const d = plateauRun(seed, 0.2);
    expect(d.lrResponses[0]).toMatchObject({ kind: 'responded', responded: true });
  });
});
