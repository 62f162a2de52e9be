import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CELL_MARKER, cellDir } from '../../bench/grid-cells.js';
import { GRID_SCHEDULES, SCENARIOS, splitHalves, type Scenario } from '../../bench/scenario-grid.js';
import { RunDirWriter } from '../../src/logs/run-dir.js';
import type { RunMeta } from '../../src/logs/run-log.js';
import { repoRoot } from '../helpers/shared.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs('pd-grid-report-');

/** A finished cell written as `run` and the grid write it, with made-up accuracies: none 90, step 91, plateau 90, doctor `doctor`. */
function fakeCell(out: string, s: Scenario, seed: number, doctor: number): void {
  const dir = cellDir(out, s.id, seed);
  const accuracy: Record<string, number> = { none: 0.9, step: 0.91, plateau: 0.9, doctor };
  for (const schedule of GRID_SCHEDULES) {
    const meta: RunMeta = {
      name: schedule, schedule, seed, status: 'completed', config: {}, backend: 'wasm', versions: {},
      dataset: { name: s.dataset, source: '', trainSize: 55000, valSize: 5000, testSize: 10000, checksum: '', classes: 10 },
      startedAt: '', finishedAt: '', timings: { totalSeconds: 5, trainSeconds: 4 }, samplesPerSecond: 1,
      final: { trainLoss: 0.3, valLoss: 0.3, valAccuracy: 0.9, testLoss: 0.3, testAccuracy: accuracy[schedule]! },
    };
    const w = new RunDirWriter(path.join(dir, schedule), meta);
    w.appendEpoch({ epoch: 1, trainLoss: 0.3, valLoss: 0.3, valAccuracy: 0.9, testLoss: 0.3, testAccuracy: accuracy[schedule]!, lr: s.lr, seconds: 1 });
  }
  writeFileSync(path.join(dir, CELL_MARKER), JSON.stringify({ scenario: s, seed, wallSeconds: 30, finishedAt: '', commit: 'abc1234' }));
}

function scenarios(...args: string[]) {
  const loader = pathToFileURL(path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const r = spawnSync(process.execPath, ['--import', loader, path.join(repoRoot, 'bench', 'scenarios.ts'), ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run scenarios over finished cells: nothing to train, the half\'s report', () => {
  it('resumes every cell, reports the tune half only (never confirmation numbers), then the confirmation half with the seed pipeline\'s check', () => {
    const root = tempDir();
    const out = path.join(root, 'out');
    const shared = path.join(root, 'shared');
    for (const d of ['mnist', 'fashion-mnist']) mkdirSync(path.join(shared, d), { recursive: true });
    const halves = splitHalves(SCENARIOS);
    // Tune: the doctor 0.2 points below step (regret 0.2) except the seed pipeline (equal to none, no cut); confirm: 5 points below.
    for (const s of SCENARIOS) fakeCell(out, s, 0, s.seedPipeline ? 0.9 : halves.get(s.id) === 'tune' ? 0.908 : 0.86);
    const r = scenarios('--half', 'tune', '--seeds', '1', '--out', out, '--shared', shared, '--results', path.join(root, 'results'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/6 cell\(s\) \(scenario x seed\); 6 finished earlier in .*, 0 to train/);
    // 5 scenarios at regret 0.2 and the seed pipeline at 1.0 (none 90 < step 91 = best fixed): mean 0.33.
    expect(r.stdout).toMatch(/tune half \(6 scenario\(s\) measured\): mean regret 0\.33 points \(acceptance <= 0\.1: FAILS\); largest 1\.00 \(mnist-lr0\.01-b64-e10; acceptance <= 0\.3: FAILS\)/);
    expect(r.stdout).toMatch(/seed pipeline \(mnist-lr0\.01-b64-e10\): holds: no cut on any seed, accuracy equal to none/);
    const json = JSON.parse(readFileSync(path.join(root, 'results', 'scenarios-tune.json'), 'utf8'));
    const tuneIds = SCENARIOS.filter((s) => halves.get(s.id) === 'tune').map((s) => s.id).sort();
    expect(json.summary.scenarios.map((s: { id: string }) => s.id).sort()).toEqual(tuneIds);
    expect([...new Set(json.cells.map((c: { scenario: string }) => c.scenario))].sort()).toEqual(tuneIds);
    expect(json).toMatchObject({ half: 'tune', seeds: 1, trainedBy: 'abc1234', cellSeconds: 180 });
    expect(json.grid).toHaveLength(12);
    const md = readFileSync(path.join(root, 'results', 'scenarios-tune.md'), 'utf8');
    expect(md).toMatch(/cells trained at commit abc1234; seeds 0\.\.0/);
    expect(md).toMatch(/\| tune \| fashion-lr0\.1-b64-e30 \| 0 \| 90\.00 \| \*\*91\.00\*\* \| 90\.00 \| 90\.80 \| \+0\.80 \(one seed, no interval\) \| -0\.20 \(one seed, no interval\) \| 0\.20 \| s0: none \|/);
    expect(md).not.toMatch(/confirm \|/);

    // The confirmation half: its six scenarios, and the seed pipeline's check from the tune half's cells.
    const c = scenarios('--half', 'confirm', '--seeds', '1', '--out', out, '--shared', shared, '--results', path.join(root, 'results'));
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/7 cell\(s\) \(scenario x seed\); 7 finished earlier in .*, 0 to train/);
    expect(c.stdout).toMatch(/confirm half \(6 scenario\(s\) measured\): mean regret 5\.00 points \(acceptance <= 0\.1: FAILS\)/);
    expect(c.stdout).toMatch(/seed pipeline \(mnist-lr0\.01-b64-e10\): holds/);
    const confirm = JSON.parse(readFileSync(path.join(root, 'results', 'scenarios-confirm.json'), 'utf8'));
    const confirmIds = SCENARIOS.filter((s) => halves.get(s.id) === 'confirm').map((s) => s.id).sort();
    expect(confirm.summary.scenarios.map((s: { id: string }) => s.id).sort()).toEqual(confirmIds);
    expect([...new Set(confirm.cells.map((x: { scenario: string }) => x.scenario))].sort()).toEqual([...confirmIds, 'mnist-lr0.01-b64-e10'].sort());
  }, 120_000);
});
