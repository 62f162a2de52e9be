import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schedulerFromPyTorch } from '../../src/lr/schedulers.js';
import { repoRoot, sharedDir, sharedPath, skipNote } from '../helpers/shared.js';

/** One case of shared/golden/schedulers.json (see its README). */
interface GoldenCase {
  id: string;
  scheduler: string;
  metric_kind?: string;
  params: Record<string, unknown>;
  initial_lr: number;
  metrics: number[];
  lrs: number[];
}

/**
 * Replays a case through the exported classes and returns the first mismatch as a readable
 * message ("p03: LR is wrong after step 7: expected X, got Y"), or undefined.
 */
function replay(c: GoldenCase, compare: (expected: number, got: number) => boolean): string | undefined {
  const scheduler = schedulerFromPyTorch(c.scheduler, c.initial_lr, c.params);
  if (scheduler.lr !== c.initial_lr) return `${c.id}: initial LR is wrong: expected ${c.initial_lr}, got ${scheduler.lr}`;
  for (let i = 0; i < c.lrs.length; i++) {
    const got = c.scheduler === 'ReduceLROnPlateau' ? scheduler.step(c.metrics[i]) : scheduler.step();
    if (got !== scheduler.lr) return `${c.id}: step() returned ${got} but lr is ${scheduler.lr} after step ${i + 1}`;
    if (!compare(c.lrs[i], got)) return `${c.id}: LR is wrong after step ${i + 1}: expected ${c.lrs[i]}, got ${got}`;
  }
  return undefined;
}

const relClose = (expected: number, got: number) => Math.abs(got - expected) <= 1e-12 * Math.abs(expected);
const exact = (expected: number, got: number) => Object.is(expected, got);

function suite(label: string, load: () => GoldenCase[]) {
  it(`${label}: every LR within 1e-12 relative`, () => {
    const cases = load();
    expect(cases.length).toBeGreaterThan(0);
    const failures = cases.map((c) => replay(c, relClose)).filter((m) => m !== undefined);
    expect(failures).toEqual([]);
  });
  it(`${label}: every LR bit for bit (float64, chained like PyTorch)`, () => {
    const failures = load()
      .map((c) => replay(c, exact))
      .filter((m) => m !== undefined);
    expect(failures).toEqual([]);
  });
}

describe('PyTorch golden vectors, committed subset (fixtures/data/golden-schedulers-subset.json)', () => {
  const load = () =>
    (JSON.parse(readFileSync(path.join(repoRoot, 'fixtures', 'data', 'golden-schedulers-subset.json'), 'utf8')) as { cases: GoldenCase[] })
      .cases;
  suite('subset', load);
  it('covers each scheduler class, a repeated milestone and exact-threshold metrics', () => {
    const cases = load();
    expect(new Set(cases.map((c) => c.scheduler))).toEqual(new Set(['ReduceLROnPlateau', 'StepLR', 'MultiStepLR', 'ExponentialLR']));
    expect(cases.some((c) => c.metric_kind === 'exact_abs_steps')).toBe(true);
  });
  it('the replay can fail: a wrong expectation is reported with the step', () => {
    const c = load().find((x) => x.scheduler === 'StepLR') as GoldenCase;
    const bad = { ...c, lrs: c.lrs.map((v, i) => (i === 6 ? v * 1.001 : v)) };
    expect(replay(bad, relClose)).toMatch(new RegExp(`^${c.id}: LR is wrong after step 7: expected .*, got .*`));
  });
});

describe.skipIf(!sharedDir)('PyTorch golden vectors (../shared/golden/schedulers.json, all cases)', () => {
  skipNote('the full golden scheduler replay');
  const load = () => (JSON.parse(readFileSync(sharedPath('golden', 'schedulers.json'), 'utf8')) as { cases: GoldenCase[] }).cases;
  suite('all', load);
  it('has the 25 public cases', () => {
    expect(load().length).toBeGreaterThanOrEqual(25);
  });
});
