/**
 * Helpers shared by the training benchmarks (not a benchmark itself: bench/run.js only runs
 * `*.bench.*` files).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.dirname(benchDir);

/** Median, min and max of repeated measurements. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
  values: number[];
}

export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n === 0 ? Number.NaN : n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { median, min: sorted[0] ?? Number.NaN, max: sorted[n - 1] ?? Number.NaN, n, values };
}

export function fmtSummary(s: Summary, digits = 0, unit = ''): string {
  const f = (x: number) => x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  return `${f(s.median)}${unit} (min ${f(s.min)}, max ${f(s.max)}, n ${s.n})`;
}

/** What the numbers were measured on; the machine is usually shared, so the load matters. */
export function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGb: Math.round(os.totalmem() / 1e8) / 10,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    node: process.versions.node,
    platform: `${os.platform()} ${os.release()}`,
    date: new Date().toISOString(),
  };
}

/** Prints rows as an aligned text table. */
export function printTable(header: string[], rows: (string | number)[][]): void {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) console.log(line(r));
}

export function writeResults(name: string, results: unknown): string {
  const dir = path.join(benchDir, 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  return file;
}

/** Where full MNIST is: $PLATEAU_DOCTOR_DATA, ../shared/mnist, else ./data (downloaded or the bundled subset). */
export function mnistDir(): string {
  const candidates = [process.env.PLATEAU_DOCTOR_DATA, path.join(repoRoot, '..', 'shared', 'mnist'), path.join(repoRoot, 'data')];
  for (const c of candidates) if (c && existsSync(c)) return c;
  return path.join(repoRoot, 'data');
}

export const PYTHON = '/usr/bin/python3';

/** The PyTorch reference script, when ../shared/reference is there. */
export function referenceScript(): string | undefined {
  const file = path.join(repoRoot, '..', 'shared', 'reference', 'seed_pipeline.py');
  return existsSync(file) ? file : undefined;
}

/** Undefined when `/usr/bin/python3 -c "import torch"` works, else why the reference is skipped. */
export function torchUnavailable(): string | undefined {
  if (!referenceScript()) return '../shared/reference/seed_pipeline.py is absent';
  const r = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (r.error) return `${PYTHON} cannot run (${r.error.message})`;
  if (r.status !== 0) return `${PYTHON} -c "import torch" failed (install with: apt-get install python3-torch libopenblas0-openmp)`;
  return undefined;
}

export interface TorchSummary {
  samples_per_second: number;
  total_train_seconds: number;
  epoch_seconds: number[];
  final_test_accuracy: number;
  threads: number;
  blas_library: string | null;
  torch_version: string;
}

/** Runs the PyTorch reference once; returns its summary.json and the wall seconds of the whole process. */
export function runTorch(args: string[], dataDir: string = mnistDir()): { summary: TorchSummary; wallSeconds: number } {
  const out = path.join(os.tmpdir(), `pd-bench-torch-${process.pid}-${Date.now()}`);
  const t0 = performance.now();
  const r = spawnSync(PYTHON, [referenceScript()!, dataDir, ...args, '--quiet', '--out', out], { encoding: 'utf8' });
  const wallSeconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`PyTorch reference failed (${r.status}): ${r.stderr.slice(-500)}`);
  const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as TorchSummary;
  rmSync(out, { recursive: true, force: true });
  return { summary, wallSeconds };
}
