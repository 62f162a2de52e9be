import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'plateau-doctor-entry-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let traces = 0;

/** Runs node (with tsx and a resolve hook that records every module URL) on `args`. */
function traced(args: string[]): { status: number | null; stdout: string; stderr: string; modules: string[] } {
  const trace = path.join(tmp, `trace-${++traces}.txt`);
  writeFileSync(trace, '');
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--import', './test/helpers/trace-modules.mjs', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PLATEAU_DOCTOR_TRACE: trace },
    timeout: 60_000,
  });
  const modules = readFileSync(trace, 'utf8').split('\n').filter(Boolean);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, modules };
}
const cli = (args: string[]) => traced(['test/helpers/cli-main.ts', ...args]);
const importing = (file: string) => traced(['--input-type=module', '-e', `await import(${JSON.stringify(file)})`]);
const tensorflow = (modules: string[]) => modules.filter((url) => url.includes('/@tensorflow/'));

describe('entry points: what loads TensorFlow.js', () => {
  it('the trace sees TensorFlow.js when an entry loads it (so the checks below can fail)', () => {
    const run = importing('./src/tfjs/index.ts');
    expect(run.status, run.stderr).toBe(0);
    expect(tensorflow(run.modules).length).toBeGreaterThan(0);
  });

  it('--version, --help and analyze of a 10-line CSV never load @tensorflow/*', () => {
    const csv = path.join(tmp, 'ten-lines.csv');
    writeFileSync(csv, ['step,loss', ...Array.from({ length: 9 }, (_, i) => `${i + 1},${(2 / (i + 1)).toFixed(4)}`)].join('\n') + '\n');
    for (const args of [['--version'], ['--help'], ['analyze', '--help'], ['analyze', csv]]) {
      const run = cli(args);
      expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
      expect(run.stdout.length).toBeGreaterThan(0);
      expect(run.modules.some((url) => url.endsWith('/src/cli.ts'))).toBe(true);
      expect(tensorflow(run.modules), args.join(' ')).toEqual([]);
    }
  });

  it('the main library entry never loads @tensorflow/*', () => {
    const run = importing('./src/index.ts');
    expect(run.status, run.stderr).toBe(0);
    expect(run.modules.some((url) => url.endsWith('/src/index.ts'))).toBe(true);
    expect(tensorflow(run.modules)).toEqual([]);
  });
});
