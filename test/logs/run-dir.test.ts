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
