import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CELL_MARKER, cellDir, cellRunOptions, finishedCell, pendingCells, readCell, runCell } from '../../bench/grid-cells.js';
import { summarizeHalf } from '../../bench/grid-results.js';
import type { Scenario } from '../../bench/scenario-grid.js';
import { PlateauDoctorError } from '../../src/errors.js';
import { repoRoot } from '../helpers/shared.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs('pd-grid-');
const TINY = path.join(repoRoot, 'fixtures', 'data', 'tiny-mnist');
/** A test-only scenario on the 200-image fixture: 3 epochs, StepLR at epoch 1. */
const tiny: Scenario = { id: 'tiny-lr0.1-b32-e3', dataset: 'mnist', lr: 0.1, batchSize: 32, epochs: 3, valSize: 50, dataDir: TINY };
const silent = { log: () => {}, event: () => {}, trainingDone: () => {} };

describe('cellRunOptions: the CLI defaults plus the scenario', () => {
  it('four schedules, one seed, StepLR at a third of the run with gamma 0.1', () => {
    const o = cellRunOptions({ ...tiny, epochs: 30, dataDir: undefined }, 2, '/data/shared');
    expect(o).toMatchObject({ schedules: ['none', 'step', 'plateau', 'doctor'], seed: 2, seeds: 1, epochs: 30, lr: 0.1, batchSize: 32, valSize: 50, dataset: 'mnist', dataDir: path.join('/data/shared', 'mnist') });
    expect(o.scheduleOptions.step).toEqual({ stepSize: 10, gamma: 0.1 });
    expect(o.scheduleOptions.plateau).toMatchObject({ patience: 10, factor: 0.1 });
  });
});

describe('a grid cell end to end on the tiny fixture, and resume', () => {
  it('trains, marks the cell finished, reads it back, and skips it afterwards', async () => {
    const out = tempDir();
    expect(pendingCells(out, [tiny], 2)).toEqual([{ scenario: tiny, seed: 0 }, { scenario: tiny, seed: 1 }]);
    const result = await runCell({ out, scenario: tiny, seed: 1, shared: '/nowhere', jobs: 1, signal: new AbortController().signal, commit: 'abc1234-dirty' }, silent);
    expect(result).not.toBeNull();
    expect(result!.commit).toBe('abc1234-dirty');
    expect(Object.keys(result!.runs).sort()).toEqual(['doctor', 'none', 'plateau', 'step']);
    expect(result!.runs.step!.cuts.map((c) => c.epoch)).toEqual([1, 2]);
    for (const r of Object.values(result!.runs)) {
      expect(r!.testAccuracy).toBeGreaterThan(0);
      // Every run keeps a weight average (the trainer's default), read back from the run directory.
      expect(r!.averagedTestAccuracy).toBeGreaterThan(0);
    }
    expect(existsSync(path.join(cellDir(out, tiny.id, 1), 'none', 'epochs.csv'))).toBe(true);
    // Resume: seed 1 is done, seed 0 is left; the numbers read back are the ones returned.
    expect(pendingCells(out, [tiny], 2)).toEqual([{ scenario: tiny, seed: 0 }]);
    expect(readCell(out, tiny, 1)).toEqual(result);
    const h = summarizeHalf('tune', [tiny], new Map([[tiny.id, 'tune' as const]]), [result!]);
    expect(h.scenarios[0]!.seeds).toEqual([1]);

    // The results of another definition of the scenario are refused, not mixed in.
    expect(() => finishedCell(out, { ...tiny, lr: 0.2 }, 1)).toThrow(PlateauDoctorError);
    expect(() => finishedCell(out, { ...tiny, lr: 0.2 }, 1)).toThrow(/another definition of tiny-lr0\.1-b32-e3.*use a new --out/);

    // A cell without its marker (an interrupted invocation) is pending and is trained again over its old run folders.
    rmSync(path.join(cellDir(out, tiny.id, 1), CELL_MARKER));
    expect(pendingCells(out, [tiny], 2)).toHaveLength(2);
    const again = await runCell({ out, scenario: tiny, seed: 1, shared: '/nowhere', jobs: 1, signal: new AbortController().signal }, silent);
    expect(again!.runs.none!.testAccuracy).toBe(result!.runs.none!.testAccuracy);
  }, 120_000);

  it('an aborted cell leaves no marker', async () => {
    const out = tempDir();
    const controller = new AbortController();
    controller.abort();
    const result = await runCell({ out, scenario: tiny, seed: 0, shared: '/nowhere', jobs: 1, signal: controller.signal }, silent);
    expect(result).toBeNull();
    expect(existsSync(path.join(cellDir(out, tiny.id, 0), CELL_MARKER))).toBe(false);
    expect(pendingCells(out, [tiny], 1)).toHaveLength(1);
  }, 60_000);

  it('a marker whose seed differs is refused', () => {
    const out = tempDir();
    const dir = cellDir(out, tiny.id, 0);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, CELL_MARKER), JSON.stringify({ scenario: tiny, seed: 3, wallSeconds: 1, finishedAt: '' }));
    expect(() => finishedCell(out, tiny, 0)).toThrow(/another definition/);
    expect(JSON.parse(readFileSync(path.join(dir, CELL_MARKER), 'utf8')).seed).toBe(3);
  });
});
