import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { RunDirWriter, summaryEntry, writeSummary } from '../../src/logs/run-dir.js';
import type { RunLog } from '../../src/logs/run-log.js';
import { captureIO } from '../helpers/io.js';
import { syntheticRun } from '../report/synthetic.js';

/** Writes runs as `plateau-doctor run` would: OUT/<name>/{run.json,steps.csv,epochs.csv} and OUT/summary.json. */
function writeOutputDir(out: string, runs: RunLog[]): void {
  mkdirSync(out, { recursive: true });
  for (const run of runs) {
    const w = new RunDirWriter(path.join(out, run.meta.name), run.meta);
    w.appendSteps(run.steps);
    for (const e of run.epochs) w.appendEpoch(e);
    for (const c of run.lrChanges) w.addLrChange(c);
  }
  writeSummary(out, runs.map((r) => summaryEntry(r, r.meta.name)));
}

const small = { epochs: 3, stepsPerEpoch: 40 };

function payloadRuns(html: string): string[] {
  const json = JSON.parse(html.match(/<script type="application\/json" id="pd-data">([^]*?)<\/script>/)![1]) as {
    charts: Array<{ spec: { vconcat?: Array<{ layer: Array<{ encoding?: { color?: { scale?: { domain?: string[] } } } }> }> } }>;
  };
  return json.charts[0].spec.vconcat![0].layer[1].encoding!.color!.scale!.domain!;
}

describe('plateau-doctor report', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'pd-report-cmd-'));
  const monday = path.join(root, 'monday');
  const tuesday = path.join(root, 'tuesday');
  writeOutputDir(monday, [syntheticRun('none', 'none', small), syntheticRun('step', 'step', { ...small, decayAfter: [2] })]);
  writeOutputDir(tuesday, [syntheticRun('none', 'none', small), syntheticRun('doctor', 'doctor', { ...small, decayAfter: [1] })]);

  it('rebuilds a report from an output directory and prints its path', async () => {
    const io = captureIO(root);
    expect(await main(['report', 'monday', '--out', 'a.html', '--no-detect'], io)).toBe(0);
    const out = path.join(root, 'a.html');
    expect(io.out).toBe(`${out}\n`);
    expect(io.err).toMatch(/^report: 2 runs, \d\.\d\d MB/);
    const html = readFileSync(out, 'utf8');
    expect(payloadRuns(html)).toEqual(['none', 'step']);
    // The LR-change table: run, epoch, last step with the old LR, old -> new.
    expect(html).toContain('<td>step</td><td>2</td><td>80</td><td>0.01 → 0.001</td>');
  });

  it('compares runs from two invocations and a single run directory, telling equal names apart', async () => {
    const io = captureIO(root);
    expect(await main(['report', 'monday', 'tuesday', path.join(tuesday, 'doctor'), '--out', 'b.html', '--no-detect'], io)).toBe(0);
    const html = readFileSync(path.join(root, 'b.html'), 'utf8');
    expect(payloadRuns(html)).toEqual(['none (monday)', 'step', 'none (tuesday)', 'doctor (tuesday)', `doctor (${path.join(tuesday, 'doctor')})`]);
  });

  it('runs the plateau detector on each run by default', async () => {
    const io = captureIO(root);
    expect(await main(['report', 'monday', '--out', 'detected.html'], io)).toBe(0);
    expect(io.err).not.toMatch(/no plateau detection/);
    const html = readFileSync(path.join(root, 'detected.html'), 'utf8');
    expect(html).toMatch(/<h2>Detector verdicts on the step losses<\/h2><ul><li><b>none<\/b>: [a-z_]+: /);
  });

  it('refuses to overwrite --out without --force, and overwrites with it', async () => {
    const out = path.join(root, 'exists.html');
    writeFileSync(out, 'keep me');
    const io = captureIO(root);
    expect(await main(['report', 'monday', '--out', 'exists.html', '--no-detect'], io)).toBe(2);
    expect(io.err).toMatch(/exists\.html: already exists; pass --force/);
    expect(io.err.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    const io2 = captureIO(root);
    expect(await main(['report', 'monday', '--out', 'exists.html', '--force', '--no-detect'], io2)).toBe(0);
    expect(readFileSync(out, 'utf8').startsWith('<!doctype html>')).toBe(true);
  });

  it('gives a one-line error for a directory without runs, a missing directory, a bad --smoothing and an --out that cannot be written', async () => {
    const empty = path.join(root, 'empty');
    mkdirSync(empty, { recursive: true });
    writeFileSync(path.join(root, 'plain.txt'), 'a file, not a directory');
    for (const [args, message] of [
      [['report', 'empty', '--out', 'c.html'], /empty: holds no run directories/],
      [['report', 'nowhere', '--out', 'c.html'], /nowhere: no such directory/],
      [['report', 'monday', '--out', 'c.html', '--smoothing', '1'], /--smoothing must be in \[0, 1\)/],
      [['report', 'monday', '--out', 'no/such/dir/c.html'], /does not exist/],
      [['report', 'monday', '--out', 'c.html', '--baseline', 'stpe'], /--baseline stpe: no run has that schedule; choose one of none, step/],
      [['report', 'nowhere', '--out', 'plain.txt'], /nowhere: no such directory/], // inputs are checked before --out
      [['report', 'monday', '--out', 'plain.txt/c.html', '--no-detect'], /^plateau-doctor: --out plain\.txt\/c\.html: cannot write the report \(a parent of it is a file, not a directory\)$/m],
    ] as const) {
      const io = captureIO(root);
      expect(await main([...args], io)).toBe(2);
      expect(io.err).toMatch(message);
      expect(io.err.trim().split('\n')).toHaveLength(1);
    }
    expect(existsSync(path.join(root, 'c.html'))).toBe(false);
    expect(readdirSync(root).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
