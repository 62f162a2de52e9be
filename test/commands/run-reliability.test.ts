import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { readRunDir } from '../../src/logs/run-dir.js';
import { runCliChild } from '../helpers/child.js';
import { captureIO } from '../helpers/io.js';
import { repoRoot } from '../helpers/shared.js';
import { useTempDirs } from '../helpers/temp.js';

// Issue 11, "crashes and hangs": each case was reproduced on 6365b4a (a hang, a stack trace, exit
// 70 mid-run, an EEXIST crash, SIGTERM ignored). Training uses the 200-image tiny MNIST fixture
// (named with --data-dir, so nothing is ever downloaded).
const TINY = path.join(repoRoot, 'fixtures', 'data', 'tiny-mnist');
const TINY_ARGS = ['--data-dir', TINY, '--val-size', '50', '--batch-size', '16', '--jobs', '1'];

const tempDir = useTempDirs('pd-reliab-');

/** Runs `run ARGS` in-process; expects exit 2 with one line on stderr and no stack trace. */
async function expectOneLineError(args: string[], message: RegExp, cwd = tempDir()) {
  const io = captureIO(cwd);
  const code = await main(['run', ...args], io);
  expect(io.err.trim().split('\n')).toHaveLength(1);
  expect(io.err).toMatch(message);
  expect(io.err).not.toMatch(/internal error|\n\s+at /);
  expect(code).toBe(2);
  return cwd;
}

describe('run: output directories that cannot be created', () => {
  it.skipIf(!existsSync('/proc/self'))('--out /proc/x: one line, exit 2, no hang (child process, 30 s limit)', async () => {
    const result = await runCliChild(['run', '--out', '/proc/x', ...TINY_ARGS, '--epochs', '1', '--schedules', 'none'], { cwd: tempDir(), timeoutMs: 30_000 });
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/--out \/proc\/x: cannot create a directory in \/proc/);
  }, 40_000);

  it('--out FILE/sub, under a regular file: one line, exit 2, nothing written', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'FILE'), 'a file');
    await expectOneLineError(['--out', 'FILE/sub', ...TINY_ARGS, '--epochs', '1', '--schedules', 'none'], /--out .*FILE\/sub cannot be created: .*FILE is not a directory/, cwd);
    expect(readdirSync(cwd)).toEqual(['FILE']);
  });
});

describe('run: options that would break the run later are refused up front', () => {
  it.each([
    [['--epochs', '2', '--schedules', 'step', '--step-size', '1', '--gamma', '0'], /--schedules step: the LR would become 0 after epoch 1 .*check --gamma/],
    [['--epochs', '2', '--schedules', 'multistep', '--milestones', '1', '--gamma', '0'], /--schedules multistep: the LR would become 0 after epoch 1 .*check --gamma/],
    [['--epochs', '2', '--schedules', 'exponential', '--exp-gamma', '0'], /--schedules exponential: the LR would become 0 after epoch 1 .*check --exp-gamma/],
    [['--schedules', 'exponential', '--exp-gamma', '1e300', '--epochs', '3'], /the LR would become Infinity after epoch 2/],
    [['--epochs', '3', '--schedules', 'plateau', '--factor', '0', '--patience', '0'], /--schedules plateau: the LR would become 0 .*check --factor/],
    [['--lr', '--epochs', '1'], /--lr needs a value/],
    [['--epochs', '1', '--schedules', 'none,,step'], /--schedules: "none,,step" has an empty entry/],
    [['--epochs', '1', '--schedules', 'none,step,'], /--schedules: "none,step," has an empty entry/],
    [['--epochs', '1', '--milestones', '1,,2', '--schedules', 'multistep'], /--milestones: "1,,2" has an empty entry/],
  ])('%j: one line, exit 2, before any output exists', async (args, message) => {
    const cwd = await expectOneLineError([...TINY_ARGS, '--out', 'out', ...args], message);
    expect(existsSync(path.join(cwd, 'out'))).toBe(false);
  });
});

describe('run: default output folders', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('two runs started in the same second in the same folder get two complete folders', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-03T00:00:00Z'));
    const cwd = tempDir();
    // cpu: two wasm initialisations racing in one thread is an artefact of running both in-process
    const args = ['run', ...TINY_ARGS, '--epochs', '1', '--schedules', 'none', '--backend', 'cpu'];
    const ios = [captureIO(cwd), captureIO(cwd)];
    const codes = await Promise.all(ios.map((io) => main(args, io)));
    expect(ios.map((io) => io.err).join('\n')).not.toMatch(/internal error|EEXIST/);
    expect(codes).toEqual([0, 0]);
    const folders = readdirSync(path.join(cwd, 'runs')).sort();
    expect(folders).toEqual(['2026-12-03T00-00-00', '2026-12-03T00-00-00-2']);
    for (const f of folders) {
      expect(readdirSync(path.join(cwd, 'runs', f)).sort()).toEqual(['none', 'report.html', 'summary.json']);
      expect(readRunDir(path.join(cwd, 'runs', f, 'none')).meta.status).toBe('completed');
    }
    const printed = ios.map((io) => /Run directory: (.*)/.exec(io.out)![1]).sort();
    expect(printed).toEqual(folders.map((f) => path.join(cwd, 'runs', f)));
  }, 60_000);
});

describe('run: SIGTERM is handled like Ctrl-C (child process)', () => {
  it('flushes, marks the run interrupted, writes summary and report, exits 143', async () => {
    const cwd = tempDir();
    let sent = false;
    const result = await runCliChild(['run', ...TINY_ARGS, '--backend', 'wasm', '--epochs', '500', '--schedules', 'none', '--out', 'out'], {
      cwd,
      timeoutMs: 60_000,
      onStderr: (chunk, child) => {
        if (!sent && /epoch 2\/500/.test(chunk)) {
          sent = true;
          child.kill('SIGTERM');
        }
      },
    });
    expect(sent).toBe(true);
    expect(result.timedOut).toBe(false);
    expect(result.signal).toBe(null);
    expect(result.code).toBe(143);
    const log = readRunDir(path.join(cwd, 'out', 'none'));
    expect(log.meta.status).toBe('interrupted');
    expect(log.epochs.length).toBeGreaterThanOrEqual(2);
    expect(log.epochs.length).toBeLessThan(500);
    expect(JSON.parse(readFileSync(path.join(cwd, 'out', 'summary.json'), 'utf8')).status).toBe('interrupted');
    expect(existsSync(path.join(cwd, 'out', 'report.html'))).toBe(true);
    expect(result.stdout).toMatch(/interrupted/);
    expect(result.stdout).toMatch(/Report: .*report\.html/);
  }, 70_000);
});

describe('createOutDir', () => {
  it('a unique folder taken between the check and the mkdir gets the next free suffix (atomic mkdir, no recursion)', async () => {
    const { createOutDir } = await import('../../src/app/out-dir.js');
    const cwd = tempDir();
    const target = path.join(cwd, 'runs', 'T');
    expect(createOutDir(target, { unique: true })).toEqual({ dir: target, created: true });
    expect(createOutDir(target, { unique: true })).toEqual({ dir: `${target}-2`, created: true });
    expect(createOutDir(target, { unique: true })).toEqual({ dir: `${target}-3`, created: true });
    expect(createOutDir(target, { unique: false })).toEqual({ dir: target, created: false });
  });
});
