import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { readRunDir } from '../../src/logs/run-dir.js';
import { captureIO } from '../helpers/io.js';

// Downloads must fail at once and deterministically: point the mirrors at a closed local port.
let savedMirror: string | undefined;
beforeAll(() => {
  savedMirror = process.env.PLATEAU_DOCTOR_MIRROR;
  process.env.PLATEAU_DOCTOR_MIRROR = 'http://127.0.0.1:9/';
});
afterAll(() => {
  if (savedMirror === undefined) delete process.env.PLATEAU_DOCTOR_MIRROR;
  else process.env.PLATEAU_DOCTOR_MIRROR = savedMirror;
});

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'pd-run-'));
}

async function expectUserError(args: string[], message: RegExp, cwd = tempDir()) {
  const io = captureIO(cwd);
  const code = await main(['run', ...args], io);
  expect(code).toBe(2);
  const lines = io.err.trim().split('\n');
  expect(lines[lines.length - 1]).toMatch(message);
  expect(io.err).not.toMatch(/\n\s+at /); // no stack trace
  return { io, cwd };
}

describe('plateau-doctor run: bad input', () => {
  it.each([
    [['--schedules', 'none,cosine'], /unknown schedule "cosine"/],
    [['--epochs', '0'], /--epochs must be a positive integer, got 0/],
    [['--lr', '-1'], /--lr must be a positive number, got -1/],
    [['--milestones', '5,x'], /--milestones: "x" is not a positive integer/],
    [['--jobs', '0'], /--jobs must be a positive integer/],
    [['--average-horizon', '-1'], /^plateau-doctor: --average-horizon must be a number of epochs >= 0 \(0: no averaged weights\), got -1$/],
    [['--average-horizon', '0', '--final-weights', 'averaged'], /^plateau-doctor: --final-weights averaged needs averaged weights: use --average-horizon N \(N > 0\)$/],
    [['--final-weights', 'best'], /final-weights/],
    [['--average-horizon', 'x'], /--average-horizon must be a number of epochs >= 0 \(0: no averaged weights\), got something that is not a number/],
    [['--schedules', 'doctor', '--dead-noise', '-1'], /^plateau-doctor: doctor: --dead-noise must be in \[0, 1\), got -1$/],
    [['--schedules', 'doctor', '--response-drop', '2'], /^plateau-doctor: doctor: --response-drop must be in \(0, 1\), got 2$/],
    [['--schedules', 'doctor', '--gap-threshold', '-0.1'], /^plateau-doctor: doctor: --gap-threshold must be in \[0, 1\), got -0\.1$/],
  ])('%j gives one line, exit 2, and writes nothing', async (args, message) => {
    const { cwd } = await expectUserError([...args, '--out', 'out'], message);
    expect(existsSync(path.join(cwd, 'out'))).toBe(false);
    expect(existsSync(path.join(cwd, 'runs'))).toBe(false);
  });

  it('refuses an existing non-empty --out without --force and leaves it untouched', async () => {
    const cwd = tempDir();
    mkdirSync(path.join(cwd, 'out'));
    writeFileSync(path.join(cwd, 'out', 'precious.txt'), 'keep me');
    await expectUserError(['--out', 'out'], /exists and is not empty; choose a new directory or pass --force/, cwd);
    expect(readdirSync(path.join(cwd, 'out'))).toEqual(['precious.txt']);
  });

  it('reports missing Fashion-MNIST files offline, naming the folder', async () => {
    const cwd = tempDir();
    await expectUserError(['--dataset', 'fashion-mnist', '--data-dir', 'nodata', '--out', 'out'], /nodata/, cwd);
    expect(existsSync(path.join(cwd, 'out'))).toBe(false);
  });

  it('refuses a named --data-dir without the MNIST files offline (only the default ./data falls back)', async () => {
    const cwd = tempDir();
    await expectUserError(['--data-dir', 'nodata', '--out', 'out'], /no MNIST files in .*nodata.*leave out --data-dir to train on the bundled/, cwd);
    expect(existsSync(path.join(cwd, 'out'))).toBe(false);
  });

  it('names a truncated gz file and writes no output', async () => {
    const cwd = tempDir();
    const dir = path.join(cwd, 'data');
    mkdirSync(dir);
    const header = Buffer.alloc(16);
    header.writeUInt32BE(2051, 0);
    header.writeUInt32BE(100, 4);
    header.writeUInt32BE(28, 8);
    header.writeUInt32BE(28, 12);
    const images = gzipSync(Buffer.concat([header, Buffer.alloc(100 * 784)]));
    const labelHeader = Buffer.alloc(8);
    labelHeader.writeUInt32BE(2049, 0);
    labelHeader.writeUInt32BE(100, 4);
    const labels = gzipSync(Buffer.concat([labelHeader, Buffer.alloc(100)]));
    writeFileSync(path.join(dir, 'train-images-idx3-ubyte.gz'), images.subarray(0, images.length >> 1));
    writeFileSync(path.join(dir, 'train-labels-idx1-ubyte.gz'), labels);
    writeFileSync(path.join(dir, 't10k-images-idx3-ubyte.gz'), images);
    writeFileSync(path.join(dir, 't10k-labels-idx1-ubyte.gz'), labels);
    await expectUserError(['--data-dir', 'data', '--out', 'out'], /train-images-idx3-ubyte\.gz/, cwd);
    expect(existsSync(path.join(cwd, 'out'))).toBe(false);
  });

  it('names a file with a wrong magic number', async () => {
    const cwd = tempDir();
    const dir = path.join(cwd, 'data');
    mkdirSync(dir);
    for (const f of ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']) {
      writeFileSync(path.join(dir, f), Buffer.from([0, 0, 8, 1, 0, 0, 0, 0]));
    }
    await expectUserError(['--data-dir', 'data', '--out', 'out'], /(train|t10k)-(images|labels)-idx\d-ubyte.*magic/i, cwd);
  });
});

describe('plateau-doctor run: a small real comparison (bundled MNIST subset, offline)', () => {
  it('writes a complete run directory per schedule, sharing weights and data order until the LRs differ', async () => {
    const cwd = tempDir();
    const io = captureIO(cwd);
    const code = await main(
      ['run', '--schedules', 'none,step', '--epochs', '2', '--step-size', '1', '--val-size', '1000', '--jobs', '1', '--out', 'out', '--backend', 'wasm'],
      io,
    );
    expect(io.err).toMatch(/bundled MNIST subset/);
    expect(code).toBe(0);
    const out = path.join(cwd, 'out');
    const none = readRunDir(path.join(out, 'none'));
    const step = readRunDir(path.join(out, 'step'));
    expect(none.meta.status).toBe('completed');
    expect(none.meta.backend).toBe('wasm');
    expect(none.meta.dataset).toMatchObject({ name: 'mnist-bundled', valSize: 1000 });
    const stepsPerEpoch = Math.ceil(none.meta.dataset.trainSize / 64);
    expect(none.steps).toHaveLength(2 * stepsPerEpoch);
    expect(none.epochs).toHaveLength(2);
    expect(none.epochs[1]!.testAccuracy).toBeGreaterThan(0.5);
    // identical until the LRs differ (the cut is after epoch 1)
    expect(step.steps.slice(0, stepsPerEpoch)).toEqual(none.steps.slice(0, stepsPerEpoch));
    expect(step.lrChanges).toHaveLength(1);
    expect(step.lrChanges[0]).toMatchObject({ epoch: 1, oldLr: 0.01 });
    expect(step.lrChanges[0]!.newLr).toBeCloseTo(0.001, 12);
    expect(step.steps[stepsPerEpoch]!.lr).toBeCloseTo(0.001, 12);
    expect(step.steps[stepsPerEpoch + 5]!.loss).not.toBe(none.steps[stepsPerEpoch + 5]!.loss);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary.runs.map((r: { schedule: string }) => r.schedule)).toEqual(['none', 'step']);
    expect(summary.runs[1]).toMatchObject({ lr_changes: 1, backend: 'wasm', status: 'completed' });
    expect(summary.runs[0].final.test_accuracy).toBe(none.epochs[1]!.testAccuracy);
    // The averaged weights beside the raw ones (the final metrics stay raw by default), and how the runs shared training.
    expect(summary.runs[0].final.weights).toBe('raw');
    expect(summary.runs[0].averaged).toEqual({
      test_accuracy: none.epochs[1]!.average!.testAccuracy, test_loss: none.epochs[1]!.average!.testLoss,
      val_accuracy: none.epochs[1]!.average!.valAccuracy, val_loss: none.epochs[1]!.average!.valLoss,
    });
    expect(summary.runs[0].sharing).toEqual({ shared_steps: 0, forks: [] });
    expect(summary.runs[1].sharing).toEqual({ shared_steps: stepsPerEpoch, forks: [{ from: 'none', step: stepsPerEpoch, epoch: 1 }] });
    expect(none.epochs[1]!.average!.gap).toMatchObject({ source: 'validation', examples: 1000 });
    expect(io.out).toMatch(/run\s+test acc\s+averaged/);
    const pct = (v: number) => (100 * v).toFixed(2).replace('.', '\\.');
    expect(io.out).toMatch(new RegExp(`none\\s+${pct(none.epochs[1]!.testAccuracy)}%\\s+${pct(none.epochs[1]!.average!.testAccuracy)}%`));
    expect(io.err).toMatch(/\[none\] epoch 2\/2: .* test_acc [\d.]+% avg_test_acc [\d.]+% gap [+-][\d.]+ \(95% [+-][\d.]+\.\.[+-][\d.]+\) lr /);
    expect(io.out).toMatch(/step .* 1 \(epoch 1\)/);
    expect(io.out).toMatch(/Report: .*report.html/);
    expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toMatch(/<html/i);
  });

  it.each([['1e6'], ['50']])('--lr %s: a loss out of every sane range stops the run as diverged, like a non-finite loss, and analyze says diverging (issue 11)', async (lr) => {
    const cwd = tempDir();
    const io = captureIO(cwd);
    const tiny = path.resolve('fixtures', 'data', 'tiny-mnist');
    const code = await main(['run', '--lr', lr, '--epochs', '2', '--schedules', 'none,doctor', '--data-dir', tiny, '--val-size', '50', '--jobs', '1', '--out', 'out', '--backend', 'wasm'], io);
    expect(code).toBe(0);
    for (const name of ['none', 'doctor']) {
      const dir = readRunDir(path.join(cwd, 'out', name));
      expect(dir.meta.status, name).toBe('diverged');
      expect(dir.meta.message).toMatch(/^diverged: the training loss reached [\d.e+]+ at step 2 \(epoch 1, lr \d+\), [\d.e+]+ times the larger of the first loss and ln 10 \(2\.345\): out of any sane range; try a smaller --lr$/);
      expect(dir.steps).toHaveLength(2);
      expect(dir.lrChanges).toHaveLength(0); // the doctor never cut
    }
    expect(io.err).toMatch(/\[doctor\] diverged: the training loss reached/);
    const summary = JSON.parse(readFileSync(path.join(cwd, 'out', 'summary.json'), 'utf8'));
    expect(summary.runs.map((r: { status: string }) => r.status)).toEqual(['diverged', 'diverged']);
    const analyzeIo = captureIO(cwd);
    expect(await main(['analyze', 'out/none/steps.csv', '--fail-on', 'diverging'], analyzeIo)).toBe(1);
    expect(analyzeIo.out).toMatch(/verdict: diverging/);
    expect(analyzeIo.out).toMatch(/left every sane range at step 2/);
  });

  it('on Ctrl-C keeps what was logged, marks the run interrupted and exits 130', async () => {
    const cwd = tempDir();
    const controller = new AbortController();
    const io = { ...captureIO(cwd), signal: controller.signal };
    const base = io.stderr;
    io.stderr = (t: string) => {
      base.call(io, t);
      if (/epoch 1\/3/.test(t)) controller.abort();
    };
    const code = await main(['run', '--schedules', 'none', '--epochs', '3', '--val-size', '1000', '--jobs', '1', '--out', 'out', '--backend', 'wasm'], io);
    expect(code).toBe(130);
    const log = readRunDir(path.join(cwd, 'out', 'none'));
    expect(log.meta.status).toBe('interrupted');
    expect(log.epochs.length).toBeGreaterThanOrEqual(1);
    expect(log.epochs.length).toBeLessThan(3);
    expect(log.steps.length).toBeGreaterThanOrEqual(Math.ceil(log.meta.dataset.trainSize / 64));
    expect(JSON.parse(readFileSync(path.join(cwd, 'out', 'summary.json'), 'utf8')).status).toBe('interrupted');
  });
});

describe('plateau-doctor run: --final-weights averaged (tiny fixture)', () => {
  it("makes the averaged weights' metrics the final ones for every run, the raw ones kept beside", async () => {
    const cwd = tempDir();
    const io = captureIO(cwd);
    const tiny = path.resolve('fixtures', 'data', 'tiny-mnist');
    const args = ['run', '--schedules', 'none,step', '--epochs', '2', '--step-size', '1', '--data-dir', tiny, '--val-size', '0', '--batch-size', '8', '--jobs', '1', '--backend', 'wasm'];
    expect(await main([...args, '--final-weights', 'averaged', '--out', 'out'], io)).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(cwd, 'out', 'summary.json'), 'utf8'));
    for (const [i, name] of ['none', 'step'].entries()) {
      const log = readRunDir(path.join(cwd, 'out', name));
      const last = log.epochs.at(-1)!;
      expect(last.average!.gap).toMatchObject({ source: 'probe', examples: log.meta.dataset.trainSize });
      expect(log.meta.final).toMatchObject({ weights: 'averaged', testAccuracy: last.average!.testAccuracy, raw: { testAccuracy: last.testAccuracy } });
      expect(summary.runs[i].final).toMatchObject({ weights: 'averaged', test_accuracy: last.average!.testAccuracy, test_loss: last.average!.testLoss });
      expect(summary.runs[i].final.test_loss).not.toBe(last.testLoss);
    }
    expect(io.out).toMatch(/run\s+test acc \(averaged weights\)\s+averaged/);
  });
});
