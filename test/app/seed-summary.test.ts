import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { compareOverSeeds, formatSeedComparison } from '../../src/app/seed-summary.js';
import type { RunSummaryEntry } from '../../src/logs/run-dir.js';
import { captureIO } from '../helpers/io.js';
import { repoRoot } from '../helpers/shared.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs('pd-seeds-');

// Issue 11: `run --seeds 3` printed 12 rows and no per-schedule mean, interval or winner.
function entry(schedule: string, seed: number, acc: number, status = 'completed'): RunSummaryEntry {
  return {
    name: `${schedule}-seed${seed}`, dir: `${schedule}-seed${seed}`, schedule, seed, status,
    final: { test_accuracy: acc, test_loss: 0.3, train_loss: 0.3, val_loss: 0.3, val_accuracy: null, weights: 'raw' }, averaged: null, sharing: null,
    lr_changes: 0, lr_change_epochs: [], samples_per_second: 1, seconds: 1, backend: 'wasm',
  };
}

describe('compareOverSeeds', () => {
  it('mean and 95% t interval per schedule; a winner only when the paired interval excludes 0', () => {
    const entries = [entry('none', 0, 0.94), entry('doctor', 0, 0.945), entry('none', 1, 0.935), entry('doctor', 1, 0.941), entry('none', 2, 0.938), entry('doctor', 2, 0.9435)];
    const c = compareOverSeeds(entries);
    expect(c.rows.map((r) => r.schedule)).toEqual(['none', 'doctor']);
    expect(c.rows[0]!.accuracy.mean).toBeCloseTo(93.7667, 3);
    // t(0.975, 2) = 4.302653; sd of 94, 93.5, 93.8 = 0.251661; half width = 4.302653 * 0.251661 / sqrt(3)
    expect(c.rows[0]!.accuracy.high! - c.rows[0]!.accuracy.mean).toBeCloseTo((4.302653 * 0.251661) / Math.sqrt(3), 4);
    expect(c.lead).toMatchObject({ schedule: 'doctor', over: 'none', significant: true });
    const text = formatSeedComparison(c);
    expect(text).toMatch(/none\s+93\.77%\s+\(95% CI 93\.14\.\.94\.39, 3 seeds\)/);
    expect(text).toMatch(/winner: doctor, \+0\.55 points over none \(95% CI \+0\.\d\d\.\.\+0\.\d\d, paired by seed, 3 seeds\)/);
  });

  it('no winner when the difference is within noise, and left-out runs are counted', () => {
    const c = compareOverSeeds([entry('none', 0, 0.94), entry('step', 0, 0.941), entry('none', 1, 0.94), entry('step', 1, 0.938), entry('step', 2, 0.5, 'interrupted')]);
    const text = formatSeedComparison(c);
    expect(text).toMatch(/no clear winner: none has the highest mean, \+0\.05 points over step .*the interval includes 0/);
    expect(text).toMatch(/step .*1 run\(s\) left out \(not completed\)/);
  });
});

describe('run --seeds 3 prints the per-schedule summary on stdout', () => {
  it('after the per-run table', async () => {
    const cwd = tempDir();
    const io = captureIO(cwd);
    const tiny = path.join(repoRoot, 'fixtures', 'data', 'tiny-mnist');
    const code = await main(['run', '--data-dir', tiny, '--val-size', '50', '--batch-size', '16', '--epochs', '2', '--step-size', '1', '--schedules', 'none,step', '--seeds', '3', '--jobs', '1', '--out', 'out'], io);
    expect(code).toBe(0);
    expect(io.out).toMatch(/Final test accuracy per schedule \(mean over seeds, 95% t interval\):\n  none\s+\d+\.\d\d%\s+\(95% CI [\d.]+\.\.[\d.]+, 3 seeds\)\n  step\s+\d+\.\d\d%/);
    expect(io.out).toMatch(/\n(winner: (none|step), [-+][\d.]+ points over (none|step)|no clear winner: (none|step) has the highest mean)/);
  }, 60_000);
});
