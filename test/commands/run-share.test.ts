import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { readRunDir } from '../../src/logs/run-dir.js';
import type { RunMeta } from '../../src/logs/run-log.js';
import { captureIO } from '../helpers/io.js';
import { repoRoot } from '../helpers/shared.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs('pd-share-');

// The 200-image fixture: fast, and with a large LR every schedule changes it within 5 epochs
// (the doctor in the middle of an epoch: a trial cut while stuck at chance level).
const TINY = path.join(repoRoot, 'fixtures', 'data', 'tiny-mnist');
const SCHEDULES = 'none,step,multistep,exponential,plateau,doctor';
const BASE = ['--data-dir', TINY, '--val-size', '50', '--batch-size', '4', '--backend', 'wasm'];
const ARGS = [...BASE, '--lr', '0.5', '--epochs', '5', '--milestones', '2,3', '--patience', '1'];

async function run(extra: string[], io = captureIO(tempDir()), base = ARGS) {
  const code = await main(['run', ...base, '--out', 'out', ...extra], io);
  return { code, io, out: path.join(io.cwd, 'out') };
}

/** Every file of every run directory (epochs.csv with the averaged weights' columns), wall-clock fields removed (epochs.csv `seconds`; run.json times) and `sharing` set apart. */
function files(out: string) {
  const runs = readdirSync(out, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  return Object.fromEntries(
    runs.map((run) => {
      const read = (f: string) => readFileSync(path.join(out, run, f), 'utf8');
      const { startedAt, finishedAt, timings, samplesPerSecond, sharing, ...meta } = JSON.parse(read('run.json')) as RunMeta & { lrChanges: unknown[] };
      expect([startedAt, finishedAt, timings, samplesPerSecond].every((v) => v !== undefined)).toBe(true);
      const lines = read('epochs.csv').split('\n');
      const seconds = lines[0]!.split(',').indexOf('seconds');
      expect(seconds).toBeGreaterThan(0);
      const epochs = lines.map((line) => line.split(',').filter((_, j) => j !== seconds).join(','));
      return [run, { steps: read('steps.csv'), epochs, meta: JSON.stringify(meta), sharing }];
    }),
  );
}

/** A captured CLI IO whose signal aborts (Ctrl-C) when a stderr line matches `line`. */
function abortOn(line: RegExp) {
  const controller = new AbortController();
  const io = captureIO(tempDir());
  io.signal = controller.signal;
  const base = io.stderr.bind(io);
  io.stderr = (t: string) => {
    base(t);
    if (line.test(t)) controller.abort();
  };
  return io;
}

describe('plateau-doctor run: shared training (tiny fixture)', () => {
  it('gives byte-identical logs with and without sharing, with --jobs 1 and 2, for every schedule', async () => {
    const alone = await run(['--schedules', SCHEDULES, '--step-size', '2', '--jobs', '1', '--no-share']);
    const serial = await run(['--schedules', SCHEDULES, '--step-size', '2', '--jobs', '1']);
    const parallel = await run(['--schedules', SCHEDULES, '--step-size', '2', '--jobs', '2']);
    for (const r of [alone, serial, parallel]) expect(r.code).toBe(0);
    const reference = files(alone.out);
    expect(Object.keys(reference)).toEqual(SCHEDULES.split(',').sort());
    // Every run keeps averaged weights, so the comparison covers them (a fork carries θ̄ and its step count).
    for (const runName of Object.keys(reference)) {
      const epochs = readRunDir(path.join(alone.out, runName)).epochs;
      expect(epochs.every((e) => e.average?.gap?.source === 'validation' && e.average.gap.examples === 50), runName).toBe(true);
    }
    for (const shared of [files(serial.out), files(parallel.out)]) {
      for (const [runName, log] of Object.entries(reference)) {
        expect(log.sharing).toBeUndefined();
        const other = shared[runName]!;
        expect(other.steps, runName).toBe(log.steps);
        expect(other.epochs, runName).toEqual(log.epochs);
        expect(other.meta, runName).toBe(log.meta);
      }
    }
    // Where runs forked does not depend on --jobs; every schedule but none forked.
    const sharing = files(serial.out);
    for (const [runName, log] of Object.entries(files(parallel.out))) expect(log.sharing, runName).toEqual(sharing[runName]!.sharing);
    const stepsPerEpoch = Math.ceil(150 / 4);
    const forks = (runName: string) => sharing[runName]!.sharing!.forks;
    expect(forks('none')).toEqual([]);
    for (const runName of ['step', 'multistep', 'exponential', 'plateau', 'doctor']) expect(forks(runName).length, runName).toBeGreaterThanOrEqual(1);
    // step and multistep cut to the same LR after epoch 2: they leave together, then multistep leaves step after epoch 3.
    expect(forks('step')).toEqual([{ from: 'none', step: 2 * stepsPerEpoch, epoch: 2 }]);
    expect(forks('multistep')).toEqual([{ from: 'none', step: 2 * stepsPerEpoch, epoch: 2 }, { from: 'step', step: 3 * stepsPerEpoch, epoch: 3 }]);
    expect(forks('doctor')[0]!.step % stepsPerEpoch).not.toBe(0); // a fork in the middle of an epoch
    // Each log is complete: the shared rows are in every run's own steps.csv.
    const doctor = readRunDir(path.join(serial.out, 'doctor'));
    expect(doctor.steps).toHaveLength(5 * stepsPerEpoch);
    expect(doctor.meta.sharing!.sharedSteps).toBe(forks('doctor')[0]!.step);
    expect(serial.io.out).toMatch(/Shared training: [\d.]+ of 30 epochs trained; [\d.]+ shared/);
    expect(alone.io.out).not.toMatch(/Shared training/);
    expect(serial.io.err).toMatch(/\[doctor\] leaves the shared training after step \d+ \(epoch \d\), where its LR first differs from none's/);
    expect(readFileSync(path.join(serial.out, 'report.html'), 'utf8')).toMatch(/Shared training<\/dt><dd>[\d.]+ of 30 epochs trained/);
  });

  it('a diverging shared prefix ends every run on it as diverged at the same step, as when trained alone', async () => {
    const args = ['--schedules', 'none,step,doctor', '--step-size', '1', '--lr', '20', '--epochs', '2'];
    const alone = await run([...args, '--jobs', '1', '--no-share'], undefined, BASE);
    const shared = await run([...args, '--jobs', '2'], undefined, BASE);
    expect([alone.code, shared.code]).toEqual([0, 0]);
    const reference = files(alone.out);
    for (const [runName, log] of Object.entries(files(shared.out))) {
      expect(log.steps, runName).toBe(reference[runName]!.steps);
      expect(log.meta, runName).toBe(reference[runName]!.meta);
      expect(readRunDir(path.join(shared.out, runName)).meta).toMatchObject({ status: 'diverged', message: expect.stringMatching(/^diverged: .* at step \d+ \(epoch 1/) });
    }
  });

  it.each([1, 2])('on Ctrl-C during the shared prefix (--jobs %i) ends every run as interrupted with the same rows, exit 130', async (jobs) => {
    const io = abortOn(/\[none\] epoch 1\/5/);
    const { code, out } = await run(['--schedules', 'none,plateau,step', '--step-size', '5', '--jobs', String(jobs)], io);
    expect(code, io.err).toBe(130);
    const logs = ['none', 'plateau', 'step'].map((name) => readRunDir(path.join(out, name)));
    for (const log of logs) {
      expect(log.meta.status).toBe('interrupted');
      expect(log.meta.sharing!.forks).toEqual([]);
      expect(log.epochs.length).toBeGreaterThanOrEqual(1);
      expect(log.epochs.length).toBeLessThan(5);
      expect(log.steps).toEqual(logs[0]!.steps);
    }
    expect(JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')).status).toBe('interrupted');
  });

  it('ends a fork still waiting for a thread as interrupted where it forked (--jobs 1)', async () => {
    const io = abortOn(/\[none\] epoch 2\/5/);
    const { code, out } = await run(['--schedules', 'none,step', '--step-size', '1', '--jobs', '1'], io);
    expect(code).toBe(130);
    const none = readRunDir(path.join(out, 'none'));
    const step = readRunDir(path.join(out, 'step'));
    expect(none.meta.status).toBe('interrupted');
    expect(step.meta.status).toBe('interrupted');
    expect(step.meta.sharing!.forks).toEqual([{ from: 'none', step: 38, epoch: 1 }]);
    expect(step.epochs).toHaveLength(1);
    expect(step.steps).toEqual(none.steps.slice(0, 38));
    expect(step.meta.message).toBe('interrupted during epoch 2 after step 38');
  });
});
