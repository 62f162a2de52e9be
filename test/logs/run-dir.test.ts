import { mkdtempSync, appendFileSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunDirWriter, readRunDir, readRunDirs, summaryEntry, writeSummary } from '../../src/logs/run-dir.js';
import type { RunMeta } from '../../src/logs/run-log.js';

function meta(name: string): RunMeta {
  return {
    name,
    schedule: name,
    seed: 0,
    status: 'running',
    config: { epochs: 2, lr: 0.01 },
    backend: 'cpu',
    versions: { node: process.version },
    dataset: { name: 'mnist', source: 'test', trainSize: 10, valSize: 0, testSize: 5, checksum: 'abc' },
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: null,
    timings: { totalSeconds: 0, trainSeconds: 0 },
    samplesPerSecond: 0,
    final: { trainLoss: null, valLoss: null, valAccuracy: null, testLoss: null, testAccuracy: null },
  };
}

describe('run directory', () => {
  it('round-trips steps, epochs, LR changes and metadata', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'pd-rundir-'));
    const w = new RunDirWriter(path.join(out, 'step'), meta('step'));
    w.appendSteps([
      { step: 1, epoch: 1, loss: 2.302585092994046, lr: 0.01 },
      { step: 2, epoch: 1, loss: 1.5, lr: 0.01 },
    ]);
    w.appendEpoch({ epoch: 1, trainLoss: 1.9, valLoss: null, valAccuracy: null, testLoss: 1.2, testAccuracy: 0.61, lr: 0.001, seconds: 1.5 });
    w.addLrChange({ step: 2, epoch: 1, oldLr: 0.01, newLr: 0.001, reason: 'StepLR: epoch 1' });
    w.updateMeta({ ...w.currentMeta, status: 'completed', final: { ...w.currentMeta.final, testAccuracy: 0.61, testLoss: 1.2 } });
    writeSummary(out, [summaryEntry({ meta: w.currentMeta, lrChanges: w.changes }, 'step')]);

    const log = readRunDir(path.join(out, 'step'));
    expect(log.steps).toEqual([
      { step: 1, epoch: 1, loss: 2.302585092994046, lr: 0.01 },
      { step: 2, epoch: 1, loss: 1.5, lr: 0.01 },
    ]);
    expect(log.epochs[0]).toMatchObject({ epoch: 1, valLoss: null, testAccuracy: 0.61, lr: 0.001 });
    expect(log.lrChanges).toHaveLength(1);
    expect(log.meta.status).toBe('completed');
    expect(readRunDirs(out).map((r) => r.meta.name)).toEqual(['step']);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary.runs[0]).toMatchObject({ schedule: 'step', lr_changes: 1, final: { test_accuracy: 0.61 } });
    // no temporary files are left next to the atomically written JSON
    expect(readdirSync(path.join(out, 'step')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps what was logged when the last line was cut by an interrupted write', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'pd-rundir-'));
    const w = new RunDirWriter(path.join(out, 'none'), meta('none'));
    w.appendSteps([{ step: 1, epoch: 1, loss: 2.3, lr: 0.01 }]);
    appendFileSync(path.join(out, 'none', 'steps.csv'), '2,1,1.');
    expect(readRunDir(path.join(out, 'none')).steps).toHaveLength(1);
  });

  it('refuses to write into an existing run directory', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'pd-rundir-'));
    new RunDirWriter(path.join(out, 'none'), meta('none'));
    expect(() => new RunDirWriter(path.join(out, 'none'), meta('none'))).toThrow(/EEXIST/);
  });

  it('names the file, line and column of a bad cell', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'pd-rundir-'));
    new RunDirWriter(path.join(out, 'none'), meta('none'));
    const steps = path.join(out, 'none', 'steps.csv');
    writeFileSync(steps, 'step,epoch,loss,lr\n1,1,2.3,0.01\n2,1,oops,0.01\n3,1,2.1,0.01\n');
    expect(() => readRunDir(path.join(out, 'none'))).toThrow(`${steps}:3:5: "oops" is not a number`);
  });

  it('names the line and column of a syntax error in run.json', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'pd-rundir-'));
    new RunDirWriter(path.join(out, 'none'), meta('none'));
    const runJson = path.join(out, 'none', 'run.json');
    writeFileSync(runJson, '{\n  "name": "none",\n  "schedule": "none",,\n}\n');
    expect(() => readRunDir(path.join(out, 'none'))).toThrow(`${runJson}:3:22: not valid JSON`);
  });

  it('says what to do with a directory that holds no runs', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'pd-rundir-'));
    expect(existsSync(out)).toBe(true);
    expect(() => readRunDirs(out)).toThrow(/holds no run directories/);
  });
});

describe('run directory: the averaged weights (epochs.csv columns)', () => {
  const average = {
    valLoss: 0.31, valAccuracy: 0.91, testLoss: 0.3, testAccuracy: 0.92,
    gap: { mean: 0.012, low: 0.008, high: 0.016, averagedLoss: 0.31, examples: 5000, source: 'validation' as const },
  };

  it('round-trips the averaged metrics and the gap, and rows without an average or a gap', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'pd-rundir-'));
    const w = new RunDirWriter(path.join(out, 'none'), meta('none'));
    const base = { trainLoss: 0.4, valLoss: 0.32, valAccuracy: 0.9, testLoss: 0.31, testAccuracy: 0.91, lr: 0.01, seconds: 1 };
    w.appendEpoch({ epoch: 1, ...base, average });
    w.appendEpoch({ epoch: 2, ...base, average: { ...average, valLoss: null, valAccuracy: null, gap: { ...average.gap, source: 'probe' } } });
    w.appendEpoch({ epoch: 3, ...base, average: { ...average, gap: null } });
    w.appendEpoch({ epoch: 4, ...base });
    const header = readFileSync(path.join(out, 'none', 'epochs.csv'), 'utf8').split('\n')[0];
    expect(header).toBe('epoch,train_loss,val_loss,val_accuracy,test_loss,test_accuracy,lr,seconds,val_loss_avg,val_accuracy_avg,test_loss_avg,test_accuracy_avg,gap,gap_low,gap_high,gap_loss_avg,gap_examples,gap_source');
    const epochs = readRunDir(path.join(out, 'none')).epochs;
    expect(epochs[0]).toEqual({ epoch: 1, ...base, average });
    expect(epochs[1]!.average).toEqual({ ...average, valLoss: null, valAccuracy: null, gap: { ...average.gap, source: 'probe' } });
    expect(epochs[2]!.average).toEqual({ ...average, gap: null });
    expect(epochs[3]).toEqual({ epoch: 4, ...base });
  });

  it('still reads an epochs.csv written before the averaged weights (no average)', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'pd-rundir-'));
    new RunDirWriter(path.join(out, 'none'), meta('none'));
    writeFileSync(path.join(out, 'none', 'epochs.csv'), 'epoch,train_loss,val_loss,val_accuracy,test_loss,test_accuracy,lr,seconds\n1,0.5,,,0.4,0.88,0.01,2.5\n');
    const epochs = readRunDir(path.join(out, 'none')).epochs;
    expect(epochs).toEqual([{ epoch: 1, trainLoss: 0.5, valLoss: null, valAccuracy: null, testLoss: 0.4, testAccuracy: 0.88, lr: 0.01, seconds: 2.5 }]);
  });

  it('names the file, line and column of a bad gap source, and refuses a half-filled gap', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'pd-rundir-'));
    const w = new RunDirWriter(path.join(out, 'none'), meta('none'));
    const file = path.join(out, 'none', 'epochs.csv');
    const header = readFileSync(file, 'utf8').split('\n')[0];
    writeFileSync(file, `${header}\n1,0.5,,,0.4,0.88,0.01,2.5,,,0.4,0.9,0.01,0,0.02,0.4,100,test\n`);
    expect(() => readRunDir(w.dir)).toThrow(`${file}:2:57: "test" is not one of validation, probe`);
    writeFileSync(file, `${header}\n1,0.5,,,0.4,0.88,0.01,2.5,,,0.4,0.9,0.01,,0.02,0.4,100,probe\n`);
    expect(() => readRunDir(w.dir)).toThrow(`${file}:2: the gap's columns (gap..gap_source) are only partly filled`);
  });
});
