import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat, readLossLog } from '../../src/logs/read-loss-log.js';
import { sharedDir, sharedPath, skipNote } from '../helpers/shared.js';
import { fixture, seriesNamed, tempDir } from './helpers.js';

const REAL_RUN = fixture('mlruns/1/ed05f9cd599442fe9a0c9222184710b8');
const DEMO_RUN = fixture('mlruns/1/3f1c2a9be0d84a6f9a1e5b7c2d4e6f80');

describe('MLflow file store', () => {
  it('reads a metric file ("timestamp value step", no header): x is the step, not the timestamp', async () => {
    const file = path.join(REAL_RUN, 'metrics', 'loss');
    expect(await detectFormat(file)).toBe('mlflow');
    const log = await readLossLog(file);
    expect(log.series.map((s) => [s.name, s.role, s.x])).toEqual([['loss', 'train', 'step']]);
    const s = log.series[0];
    expect(s.xs).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(s.ys[0]).toBe(332.6841735839844);
    expect(s.ys[9]).toBe(234.7978057861328);
    const byTime = await readLossLog(file, { x: 'time' });
    expect(byTime.series[0].xs[1]).toBeCloseTo(3.699, 3);
  });

  it('reads a run folder: one series per loss metric (nested keys), LR from the lr metric, the name from tags/mlflow.runName', async () => {
    expect(await detectFormat(DEMO_RUN)).toBe('mlflow');
    const log = await readLossLog(DEMO_RUN);
    expect(log.series.map((s) => [s.name, s.role, s.xs.length])).toEqual([
      ['train/loss', 'train', 60],
      ['val_loss', 'validation', 6],
    ]);
    expect(seriesNamed(log, 'train/loss').lrs?.slice(28, 32)).toEqual([0.5, 0.5, 0.1, 0.1]);
    expect(log.notes?.[0]).toBe('MLflow run "lr-drop-demo" (3f1c2a9be0d84a6f9a1e5b7c2d4e6f80) in experiment "Speech model simple rnn", status RUNNING');
    const real = await readLossLog(REAL_RUN);
    expect(real.notes?.[0]).toBe('MLflow run ed05f9cd599442fe9a0c9222184710b8 in experiment "Speech model simple rnn"');
    expect(real.series[0].xs).toHaveLength(10);
  });

  it('uses the timestamps when every value was logged at the same step; a bad line names file:line', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'loss'), '1700000000000 0.9 0\n1700000002000 0.8 0\n1700000004000 0.7 0\n');
    const log = await readLossLog(path.join(dir, 'loss'));
    expect(log.series[0]).toMatchObject({ x: 'time', xs: [0, 2, 4] });
    expect(log.series[0].notes?.join(' ')).toMatch(/every value was logged at step 0/);
    const run = path.join(dir, 'mlruns', '0', 'abc');
    mkdirSync(path.join(run, 'metrics'), { recursive: true });
    writeFileSync(path.join(run, 'meta.yaml'), 'run_id: abc\n');
    writeFileSync(path.join(run, 'metrics', 'loss'), '1700000000000 0.9 0\n1700000002000 oops 1\n');
    await expect(readLossLog(run)).rejects.toThrow(/metrics\/loss:2: not an MLflow metric line/);
  });
});

describe.skipIf(!sharedDir)(`the MLflow metric file of real-logs-2 ${sharedDir ? '' : skipNote('real-logs-2')}`, () => {
  it('is one 10-point loss series over steps 0..9 (it used to be read as a CSV with the timestamp as x)', async () => {
    const log = await readLossLog(sharedPath('real-logs-2', 'mlflow', 'swahili-stt.mlruns.1.ed05f9cd.metrics.loss'));
    expect(log.format).toBe('mlflow');
    expect(log.series).toHaveLength(1);
    expect(log.series[0].xs).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
