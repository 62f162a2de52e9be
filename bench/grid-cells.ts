/**
 * One cell of the scenario grid = one scenario and one seed = one `plateau-doctor run`
 * comparison of the grid's schedules through the app layer (runComparison: the schedules share
 * their common trunk), written to `OUT/<scenario id>/seed<k>/` (the run directories, summary.json,
 * report.html) plus `grid-cell.json`, which marks the cell finished. A cell with that marker is
 * skipped on the next invocation (resume); one without it is trained again (its run folders
 * replaced).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../src/atomic-file.js';
import { RUN_OPTION_DEFAULTS, type RunOptions } from '../src/app/plan-runs.js';
import { runComparison, type RunListener } from '../src/app/run-comparison.js';
import { runOptionsFromArgs } from '../src/commands/run.js';
import { PlateauDoctorError } from '../src/errors.js';
import { readRunDirs } from '../src/logs/run-dir.js';
import { runOutcome, type CellResult } from './grid-results.js';
import { GRID_SCHEDULES, GRID_STEP_GAMMA, gridStepSize, type Scenario } from './scenario-grid.js';

export const CELL_MARKER = 'grid-cell.json';

/** What grid-cell.json holds. */
export interface CellMarker {
  scenario: Scenario;
  seed: number;
  wallSeconds: number;
  finishedAt: string;
  /** `git describe --always --dirty` of the code that trained the cell (absent: unknown). */
  commit?: string | null;
}

export function cellDir(out: string, scenarioId: string, seed: number): string {
  return path.join(out, scenarioId, `seed${seed}`);
}

/** The scenario's data directory: its own (tests), else `<shared>/<dataset>`. */
export function scenarioDataDir(scenario: Scenario, shared: string): string {
  return scenario.dataDir ?? path.join(shared, scenario.dataset);
}

/** The `run` options of a cell: the CLI's defaults (one copy, RUN_OPTION_DEFAULTS), the scenario's numbers, StepLR at a third of the run. */
export function cellRunOptions(scenario: Scenario, seed: number, shared: string): RunOptions {
  const defaults = Object.fromEntries(Object.entries(RUN_OPTION_DEFAULTS).map(([k, v]) => [k.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()), v]));
  const args = {
    ...defaults,
    schedules: GRID_SCHEDULES.join(','),
    dataset: scenario.dataset,
    dataDir: scenarioDataDir(scenario, shared),
    lr: scenario.lr,
    batchSize: scenario.batchSize,
    epochs: scenario.epochs,
    valSize: scenario.valSize,
    seed,
    seeds: 1,
    stepSize: gridStepSize(scenario.epochs),
    gamma: GRID_STEP_GAMMA,
  };
  return runOptionsFromArgs(args as unknown as Parameters<typeof runOptionsFromArgs>[0]);
}

/** Two definitions of a scenario are the same experiment (the data directory may move). */
function sameScenario(a: Scenario, b: Scenario): boolean {
  const key = (s: Scenario) => JSON.stringify([s.id, s.dataset, s.lr, s.batchSize, s.epochs, s.valSize]);
  return key(a) === key(b);
}

/**
 * The finished cell's marker, or null when the cell has not finished (absent, or an interrupted
 * invocation left no marker). A marker of another definition of the scenario is an error: the
 * results in `out` belong to another grid.
 */
export function finishedCell(out: string, scenario: Scenario, seed: number): CellMarker | null {
  const file = path.join(cellDir(out, scenario.id, seed), CELL_MARKER);
  if (!existsSync(file)) return null;
  const marker = JSON.parse(readFileSync(file, 'utf8')) as CellMarker;
  if (!sameScenario(marker.scenario, scenario) || marker.seed !== seed) {
    throw new PlateauDoctorError(`${file}: results of another definition of ${scenario.id} (${JSON.stringify(marker.scenario)}); use a new --out`);
  }
  return marker;
}

/** The cells (scenario x seeds 0..seeds-1) of `scenarios` with no finished result in `out`: what is left to train. */
export function pendingCells(out: string, scenarios: readonly Scenario[], seeds: number): Array<{ scenario: Scenario; seed: number }> {
  const all = scenarios.flatMap((scenario) => Array.from({ length: seeds }, (_, seed) => ({ scenario, seed })));
  return all.filter(({ scenario, seed }) => finishedCell(out, scenario, seed) === null);
}

/** A finished cell's numbers, read back from its run directories. */
export function readCell(out: string, scenario: Scenario, seed: number): CellResult | null {
  const marker = finishedCell(out, scenario, seed);
  if (!marker) return null;
  const logs = readRunDirs(cellDir(out, scenario.id, seed));
  const runs = Object.fromEntries(logs.map((l) => [l.meta.schedule, runOutcome(l)]));
  return { scenario: scenario.id, seed, runs, wallSeconds: marker.wallSeconds, commit: marker.commit ?? null };
}

/** Trains one cell; returns its numbers, or null when it was interrupted (no marker: the next invocation redoes it). */
export async function runCell(
  o: { out: string; scenario: Scenario; seed: number; shared: string; jobs: number; signal: AbortSignal; commit?: string | null },
  listener: RunListener,
): Promise<CellResult | null> {
  const dir = cellDir(o.out, o.scenario.id, o.seed);
  const started = performance.now();
  const result = await runComparison(
    {
      options: cellRunOptions(o.scenario, o.seed, o.shared),
      valSizeGiven: true,
      dataDirGiven: true,
      out: dir,
      force: true,
      jobs: o.jobs,
      share: true,
      cwd: process.cwd(),
      signal: o.signal,
    },
    listener,
  );
  if (result.interrupted) return null;
  const marker: CellMarker = { scenario: o.scenario, seed: o.seed, wallSeconds: (performance.now() - started) / 1000, finishedAt: new Date().toISOString(), commit: o.commit ?? null };
  writeFileAtomic(path.join(dir, CELL_MARKER), JSON.stringify(marker, null, 2) + '\n');
  return readCell(o.out, o.scenario, o.seed);
}
