import { describe, expect, it } from 'vitest';
import { diagnoseSeries } from '../../src/detect/diagnose.js';
import { PlateauDetector } from '../../src/detect/detector.js';
import { findExplosion, findSurge, RangeWatch } from '../../src/detect/explosion.js';
import { Rng } from '../../src/rng.js';

/** A fall from 2.8 to 0.5 over `drop` points, then `flat` points at 0.5 (x = 0, 1, 2, ...). */
function dropThenFlat(drop: number, flat: number): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < drop + flat; i++) {
    xs.push(i);
    ys.push(i < drop ? 0.5 + 2.3 * Math.exp(-i / (drop / 5)) : 0.5);
  }
  return { xs, ys };
}

describe('explosions (issue 11)', () => {
  it('drop, 0.5, then x e^(1/5) at every step for 20 steps (to 27): diverging since the rise, within a few points of it', () => {
    const { xs, ys } = dropThenFlat(20, 40);
    const n0 = xs.length;
    let first: number | null = null;
    for (let k = 1; k <= 20; k++) {
      xs.push(n0 - 1 + k);
      ys.push(0.5 * Math.exp(k / 5));
      const d = diagnoseSeries(xs, ys);
      if (d.verdict === 'diverging' && first === null) first = k;
      if (first !== null) expect(d.verdict, `after ${k} rising points: ${d.summary}`).toBe('diverging');
    }
    expect(first).not.toBeNull();
    expect(first!).toBeLessThanOrEqual(6); // ~2.7x its plateau: "within a few points"
    const d = diagnoseSeries(xs, ys);
    expect(ys[ys.length - 1]).toBeCloseTo(27.3, 1);
    expect(d.summary).toMatch(/^diverging since step 60: exploding, 54\.6 times the level 0\.5/);
    expect(d.evidence!.trend.low).toBeGreaterThan(0); // the printed interval agrees
    expect(d.evidence!.divergenceStart).toBe(60);
    expect(d.suggestion).toMatch(/^diverging since step 60: lower the LR/);
  });

  it('the flat part before the rise does not dilute it: 100 to 3000 points of plateau first', () => {
    for (const flat of [100, 400, 3000]) {
      const { xs, ys } = dropThenFlat(50, flat);
      for (let k = 1; k <= 8; k++) {
        xs.push(xs.length);
        ys.push(0.5 * Math.exp(k / 5));
      }
      expect(diagnoseSeries(xs, ys).verdict, `flat ${flat}`).toBe('diverging');
    }
  });

  it('held-out shapes: rates 1.05-2 per point, 0-30% noise, short and long runs, step and epoch x: diverging within 6 doublings', () => {
    const rng = new Rng(11);
    for (const pre of [30, 400]) {
      for (const rate of [1.05, 1.22, 2]) {
        for (const noise of [0, 0.15, 0.3]) {
          for (const unit of ['step', 'epoch'] as const) {
            const xs: number[] = [];
            const ys: number[] = [];
            const xOf = (i: number) => (unit === 'step' ? 25 * i + 7 : i + 1);
            for (let i = 0; i < pre; i++) {
              xs.push(xOf(i));
              ys.push((0.5 + 2 * Math.exp(-i / (pre / 6))) * Math.exp(noise * rng.normal()));
            }
            const doubling = Math.log(2) / Math.log(rate);
            let level = 0.5;
            let found = -1;
            for (let k = 1; k <= Math.ceil(12 * doubling) && found < 0; k++) {
              level *= rate;
              xs.push(xOf(pre + k - 1));
              ys.push(level * Math.exp(noise * rng.normal()));
              if (diagnoseSeries(xs, ys, { x: unit }).verdict === 'diverging') found = k;
            }
            const what = `pre ${pre}, rate ${rate}, noise ${noise}, ${unit}`;
            expect(found, what).toBeGreaterThan(0);
            expect(found / doubling, what).toBeLessThanOrEqual(6);
          }
        }
      }
    }
  });

  it('spikes that recover are not divergence (up to 50x, 1-6 points wide, then back)', () => {
    const rng = new Rng(5);
    for (let t = 0; t < 60; t++) {
      const pre = 50 + Math.floor(rng.uniform() * 400);
      const width = 1 + Math.floor(rng.uniform() * 6);
      const post = 5 + Math.floor(rng.uniform() * 60);
      const height = 2 + rng.uniform() * 48;
      const noise = [0, 0.05, 0.15, 0.3][t % 4];
      const xs: number[] = [];
      const ys: number[] = [];
      for (let i = 0; i < pre + width + post; i++) {
        xs.push(i);
        let y = 0.5 + 2 * Math.exp(-i / (pre / 6));
        if (i >= pre && i < pre + width) y *= (height * (i - pre + 1)) / width;
        ys.push(y * Math.exp(noise * rng.normal()));
      }
      const d = diagnoseSeries(xs, ys);
      expect(d.verdict, `spike x${height.toFixed(1)} over ${width} points at ${pre}, ${post} after, noise ${noise}: ${d.summary}`).not.toBe('diverging');
    }
  });

  it('online: a loss that jumps to 50 and grows x1.5 per line is diverging by its third line, even during warmup', () => {
    for (const pre of [20, 150, 2000]) {
      const det = new PlateauDetector();
      for (let i = 0; i < pre; i++) det.update(i, 0.5 + 2 * Math.exp(-i / 10) + 0.01 * Math.sin(i));
      let loss = 50;
      const verdicts: string[] = [];
      for (let k = 0; k < 6; k++, loss *= 1.5) verdicts.push(det.update(pre + k, loss).verdict);
      expect(verdicts.slice(2), `after ${pre} points: ${verdicts.join(', ')}`).toEqual(['diverging', 'diverging', 'diverging', 'diverging']);
      expect(det.diagnosis.summary).toMatch(/exploding/);
      // and it survives a state dict round trip
      const copy = new PlateauDetector();
      copy.loadStateDict(JSON.parse(JSON.stringify(det.stateDict())));
      expect(copy.diagnosis.verdict).toBe('diverging');
    }
  });

  it('out of every sane range: 2.34 then 2.6e12 is diverging with two points; a series that goes out and comes back is not flagged', () => {
    const d = diagnoseSeries([1, 2], [2.34, 2.58e12]);
    expect(d.verdict).toBe('diverging');
    expect(d.summary).toMatch(/left every sane range at step 2 .*1\.10?\d*e\+12 times its first loss/);
    // the run: 2.34 -> 1.8e12 -> 4.5e32, then ~4.5e5 at chance: still far out of range
    expect(diagnoseSeries([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [2.34, 1.8e12, 4.5e32, 4.5e5, 4.6e5, 4.4e5, 4.5e5, 4.5e5, 4.6e5, 4.5e5]).verdict).toBe('diverging');
    const w = new RangeWatch();
    for (const [x, y] of [[1, 0.003], [2, 4.8], [3, 0.01], [4, 4.1]] as const) w.push(x, y);
    expect(w.finding()).toBeNull(); // per-sample losses spanning orders of magnitude
  });

  it('findExplosion: a doc example and a recovered spike', () => {
    expect(findExplosion([0, 1, 2, 3, 4, 5, 6, 7], [1, 1, 1, 1, 1, 3, 9, 27], 8)?.since).toBe(5);
    expect(findExplosion([0, 1, 2, 3, 4, 5, 6, 7, 8], [1, 1, 1, 1, 1, 3, 9, 27, 1], 9)).toBeNull();
  });

  it('a surge at the very end (3-6 points at 1.9-3x the level): diverging when it is an explosion, else the verdict stands and the suggestion warns with the numbers', () => {
    const rng = new Rng(11);
    let warned = 0;
    let trials = 0;
    for (const noise of [0.05, 0.15, 0.25]) {
      for (const k of [3, 4, 6]) {
        for (let rep = 0; rep < 4; rep++) {
          const n = 300;
          const xs = Array.from({ length: n }, (_, i) => i + 1);
          // A plateau at 0.3, then the last k points climb to 3x it.
          const ys = xs.map((x) => (0.3 + 2 * Math.exp(-x / 20)) * (x > n - k ? 1.9 + (1.1 * (x - (n - k) - 1)) / Math.max(1, k - 1) : 1) * Math.exp(noise * rng.normal()));
          const d = diagnoseSeries(xs, ys);
          trials++;
          if (d.verdict === 'diverging') {
            warned++; // an explosion found: better still
            continue;
          }
          const surge = d.evidence!.surge;
          if (!surge) {
            // Only a noisy draw may stay silent: a jump must clear e^(2 sigma).
            expect(noise, d.summary).toBeGreaterThan(0.2);
            continue;
          }
          warned++;
          expect(surge.points).toBeGreaterThanOrEqual(3);
          expect(surge.factor).toBeGreaterThanOrEqual(surge.threshold);
          expect(d.suggestion).toMatch(/; but the last \d+ points( since step [\d,]+)? are [\d.]+ times the level before \([\d.]+\): a spike, or a divergence starting; if the next points stay up, lower the LR/);
        }
      }
    }
    // Diverging or warned: all at 5-15% noise, most at 25% (36 series: 4 silent when written).
    expect(warned, `${warned} of ${trials}`).toBeGreaterThanOrEqual(0.85 * trials);
  });

  it('no surge on noisy plateaus and descents (0-40% noise, 500 series), nor on a spike that came back', () => {
    const rng = new Rng(12);
    let alarms = 0;
    for (let t = 0; t < 500; t++) {
      const noise = [0, 0.1, 0.2, 0.4][t % 4];
      const n = 50 + Math.floor(rng.uniform() * 1000);
      const xs = Array.from({ length: n }, (_, i) => i + 1);
      const ys = xs.map((x) => (t % 2 ? 0.4 + 2 * Math.exp(-x / (n / 8)) : 3 * (1 + x / 10) ** -0.5) * Math.exp(noise * rng.normal()));
      if (findSurge(xs, ys, n)) alarms++;
    }
    expect(alarms).toBeLessThanOrEqual(1);
    const flat = Array.from({ length: 40 }, () => 1);
    expect(findSurge([...flat.keys(), 40, 41, 42], [...flat, 2.2, 2.5, 2.9], 43)?.factor).toBeCloseTo(2.5, 9);
    expect(findSurge([...flat.keys(), 40, 41, 42, 43], [...flat, 2.2, 9, 2.9, 1.6], 44)).toBeNull();
    expect(findSurge([...flat.keys(), 40, 41, 42], [...flat, 2.2, 9, 2.9], 43)).toBeNull(); // the last point is under half the run's highest
  });
});
