import { describe, expect, it } from 'vitest';
import { diagnoseSeries } from '../../src/detect/diagnose.js';
import { readLossLog } from '../../src/logs/read-loss-log.js';
import { Rng } from '../../src/rng.js';
import { sharedDir, sharedPath, skipNote } from '../helpers/shared.js';

/** Multiplicative Gaussian noise of `sd` (relative), seeded. */
function noisy(ys: number[], sd: number, seed: number): number[] {
  const rng = new Rng(seed);
  return ys.map((y) => y * (1 + sd * rng.normal()));
}

const LENGTHS = [20, 30, 45, 60];
const SEEDS = [1, 2, 3, 4, 5, 6];

describe('short noisy series: the whole run (after the knee) when the recent window is too short to tell (issue 10)', () => {
  it('a plain 20% linear decline of 20-60 points under 8% noise is descending (the last 25% alone could not tell half of them), on a Theil-Sen interval below 0 it prints', () => {
    let descending = 0;
    let byShortRun = 0;
    for (const n of LENGTHS) {
      for (const seed of SEEDS) {
        const xs = Array.from({ length: n }, (_, i) => 100 * (i + 1));
        const ys = noisy(xs.map((_, i) => 1 - (0.2 * i) / (n - 1)), 0.08, 1000 * n + seed);
        const d = diagnoseSeries(xs, ys);
        expect(['descending', 'insufficient_data'], `n ${n} seed ${seed}: ${d.summary}`).toContain(d.verdict);
        if (d.verdict !== 'descending') continue;
        descending++;
        expect(d.evidence!.trend.high).toBeLessThan(0);
        if (/a short run/.test(d.summary)) {
          byShortRun++;
          expect(d.evidence!.trendMethod).toBe('theil-sen');
          expect(d.evidence!.mannKendallP!).toBeLessThan(0.05);
          expect(d.summary).toMatch(/Theil-Sen trend -[\d.]+% per 10% of run \(95% CI -[\d.]+\.\.-[\d.]+\), Mann-Kendall p/);
        }
      }
    }
    // without the whole-run trend, 12 of these 24 were insufficient_data
    expect(descending).toBeGreaterThanOrEqual(20);
    expect(byShortRun).toBeGreaterThanOrEqual(6);
  });

  it('after a fast drop, the run after the knee is judged (not the drop): a fall there is descending, flat noise is not', () => {
    for (const n of [30, 45, 60]) {
      for (const seed of SEEDS) {
        const xs = Array.from({ length: n }, (_, i) => 200 * i);
        const drop = (i: number) => 8 * Math.exp(-i / 1.5);
        const falling = noisy(xs.map((_, i) => drop(i) + 1 - (0.3 * i) / n), 0.06, 7 * n + seed);
        const d = diagnoseSeries(xs, falling);
        expect(d.verdict, `falling n ${n} seed ${seed}: ${d.summary}`).toBe('descending');
        expect(d.evidence!.trend.high).toBeLessThan(0);
        const flat = noisy(xs.map((_, i) => drop(i) + 1), 0.06, 7 * n + seed);
        const f = diagnoseSeries(xs, flat);
        expect(f.verdict, `flat n ${n} seed ${seed}: ${f.summary}`).not.toBe('descending');
      }
    }
  });

  it('flat noise with no fall is rarely called descending (the tests keep their 5% level)', () => {
    let descending = 0;
    let total = 0;
    for (const n of LENGTHS) {
      for (let seed = 1; seed <= 25; seed++) {
        const xs = Array.from({ length: n }, (_, i) => i + 1);
        const d = diagnoseSeries(xs, noisy(xs.map(() => 1), 0.1, 31 * n + seed));
        total++;
        if (d.verdict === 'descending') descending++;
      }
    }
    expect(descending / total).toBeLessThanOrEqual(0.08);
  });

  it('a long series (more points than blocks) is not judged by this rule', () => {
    const xs = Array.from({ length: 2000 }, (_, i) => i + 1);
    const d = diagnoseSeries(xs, noisy(xs.map(() => 1), 0.3, 5));
    expect(d.summary).not.toMatch(/a short run/);
  });
});

describe.skipIf(!sharedDir)(sharedDir ? 'solgpt (nanogpt-text, real-logs-2)' : skipNote('solgpt'), () => {
  it('its 82-point train and val losses, plainly falling after the drop, are no longer insufficient_data, and agree with what they print', async () => {
    const log = await readLossLog(sharedPath('real-logs-2', 'nanogpt-text', 'solgpt.out.log.txt'));
    for (const name of ['train loss', 'val loss']) {
      const s = log.series.find((x) => x.name === name)!;
      expect(s.xs.length).toBeLessThan(128);
      const d = diagnoseSeries(s.xs, s.ys, { x: s.x });
      expect(['descending', 'plateau'], `${name}: ${d.summary}`).toContain(d.verdict);
      const e = d.evidence!;
      if (d.verdict === 'descending') expect(e.trend.high).toBeLessThan(0);
      else expect(Math.max(Math.abs(e.trendPer10pct!.low), Math.abs(e.trendPer10pct!.high))).toBeLessThan(0.02);
    }
  });
});
