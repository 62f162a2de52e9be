import { describe, expect, it } from 'vitest';
import { alignPair, findPairs, seriesKey } from '../../src/logs/pairs.js';
import { analyzeFile, analyzeJson } from '../../src/app/analyze-logs.js';
import type { LossLog, LossSeries } from '../../src/logs/loss-log.js';
import { roleOf } from '../../src/logs/columns.js';
import { fixture } from './helpers.js';
import { expectConsistent } from '../helpers/pair-checks.js';
import { sharedDir, sharedPath, skipNote } from '../helpers/shared.js';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function series(name: string, xs: number[], ys: number[] = xs.map(() => 1), extra: Partial<LossSeries> = {}): LossSeries {
  return { name, role: roleOf(name), x: 'epoch', xs, ys, ...extra };
}

function pairNames(names: string[], xsOf: (name: string) => number[] = () => [0, 1, 2]): Array<[string, string, string | null]> {
  const log: LossLog = { file: 'f', format: 'csv', series: names.map((n) => series(n, xsOf(n))) };
  return findPairs(log).map((p) => [log.series[p.train].name, log.series[p.validation].name, p.test === null ? null : log.series[p.test].name]);
}

describe('seriesKey', () => {
  it.each([
    ['loss', 'train', 'loss', null],
    ['val_loss', 'validation', 'loss', null],
    ['train/box_loss', 'train', 'box loss', null],
    ['val/box_loss', 'validation', 'box loss', null],
    ['train loss', 'train', 'loss', null],
    ['valid loss', 'validation', 'loss', null],
    ['eval_loss', 'validation', 'loss', null],
    ['train_loss_epoch', 'train', 'loss', null],
    ['validation/loss', 'validation', 'loss', null],
    ['average_val_loss', 'validation', 'average loss', null],
    ['test loss', 'test', 'loss', null],
    ['Val Loss (run 2)', 'validation', 'loss', 'run 2'],
    ['brisk-fog-1 - eval/loss', 'validation', 'loss', 'brisk-fog-1'],
    ['val loss (tel)', 'validation', 'loss', null],
  ])('%s: role %s, quantity %s, run %s', (name, role, quantity, run) => {
    expect(seriesKey(name)).toEqual({ role, quantity, run });
  });
});

describe('findPairs', () => {
  it('a test series evaluated during training is the held-out curve when no validation series of its quantity exists; at the end only, or beside a validation series, it is not', () => {
    const epochs = Array.from({ length: 10 }, (_, i) => i);
    const log = (names: Array<[string, number[]]>): LossLog => ({ file: 'f', format: 'csv', series: names.map(([n, xs]) => series(n, xs)) });
    const only = log([['train_loss', epochs], ['test_loss', epochs]]);
    expect(findPairs(only).map((p) => [p.train, p.validation, p.test, p.heldOut])).toEqual([[0, 1, null, 'test']]);
    // A test phase at the end (one or a few evaluations) is no curve to pair.
    expect(findPairs(log([['train_loss', epochs], ['test_loss', [9]]]))).toEqual([]);
    expect(findPairs(log([['train_loss', epochs], ['test_loss', [6, 7, 8, 9, 9.5]]]))).toEqual([]);
    // With a validation series, the test series rides along with its pair.
    expect(findPairs(log([['train_loss', epochs], ['val_loss', epochs], ['test_loss', epochs]])).map((p) => [p.validation, p.test, p.heldOut])).toEqual([[1, 2, 'validation']]);
    // A test series of another quantity does not pair with the training loss.
    expect(findPairs(log([['train_loss', epochs], ['test_acc_loss', epochs]]))).toEqual([]);
  });

  it('pairs each validation series with the training series of the same quantity and run', () => {
    expect(pairNames(['loss', 'val_loss'])).toEqual([['loss', 'val_loss', null]]);
    expect(pairNames(['train_loss', 'eval_loss', 'valid_loss'])).toEqual([['train_loss', 'eval_loss', null], ['train_loss', 'valid_loss', null]]);
    expect(pairNames(['train/box_loss', 'train/cls_loss', 'val/box_loss', 'val/cls_loss'])).toEqual([['train/box_loss', 'val/box_loss', null], ['train/cls_loss', 'val/cls_loss', null]]);
    expect(pairNames(['loss', 'valid loss', 'test loss'])).toEqual([['loss', 'valid loss', 'test loss']]);
    expect(pairNames(['loss (run 1)', 'loss (run 2)', 'val_loss (run 1)', 'val_loss (run 2)'])).toEqual([['loss (run 1)', 'val_loss (run 1)', null], ['loss (run 2)', 'val_loss (run 2)', null]]);
    expect(pairNames(['run-a - train/loss', 'run-b - train/loss', 'run-b - validation/loss'])).toEqual([['run-b - train/loss', 'run-b - validation/loss', null]]);
    expect(pairNames(['loss', 'accuracy_loss_free', 'column 2'])).toEqual([]);
  });

  it('prefers the training series logged at the validation x values (train/loss_epoch over train/loss_step)', () => {
    const xs = (name: string) => (name === 'train/loss_step' ? [0, 1, 2, 3, 4, 5, 6] : [2, 4, 6]);
    expect(pairNames(['train/loss_step', 'train/loss_epoch', 'val/loss'], xs)).toEqual([['train/loss_epoch', 'val/loss', null]]);
  });
});

describe('alignPair', () => {
  it('averages the training points logged since the previous evaluation', () => {
    const train = series('loss', [1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1], { x: 'step', lrs: [1, 1, 1, 0.1, 0.1, 0.1] });
    const val = series('val_loss', [2, 4, 6], [9, 8, 7], { x: 'step' });
    expect(alignPair(train, val)).toEqual({ x: 'step', xs: [2, 4, 6], val: [9, 8, 7], train: [5.5, 3.5, 1.5], lrs: [1, 0.1, 0.1] });
  });

  it('takes the nearest training point when none falls in the interval (HF: eval at 549, train logged at 500)', () => {
    const train = series('loss', [500, 1000, 1500], [3, 2, 1], { x: 'step' });
    const val = series('eval_loss', [549, 1098, 1647], [5, 4, 3.5], { x: 'step' });
    expect(alignPair(train, val)?.train).toEqual([3, 2, 1]);
  });

  it('converts per-epoch training losses to the steps of a per-step validation series (end of each epoch)', () => {
    const train = series('train_loss_epoch', [0, 1, 2], [3, 2, 1], { x: 'epoch' });
    const val = series('val_loss', [100, 200, 300], [5, 4, 3], { x: 'step', stepsPerEpoch: 100 });
    expect(alignPair(train, val)?.train).toEqual([3, 2, 1]);
    expect(alignPair(train, { ...val, stepsPerEpoch: undefined })).toBeNull();
  });
});

describe('analyze with pairs (committed real logs)', () => {
  it('car-prediction (keras CSVLogger): generalization gap, stalled near epoch 17, advice starts with early stopping and names the best epoch', async () => {
    const r = await analyzeFile(fixture('keras-car-prediction.training.log'));
    if (r.kind !== 'ok') throw new Error(r.error);
    expect(r.pairs).toHaveLength(1);
    const p = r.pairs[0];
    expect(p).toMatchObject({ train: 'loss', validation: 'val_loss', kind: 'generalization_gap', bestAt: 42 });
    expect(p.diagnosis.stalledSince).toBeGreaterThanOrEqual(14);
    expect(p.diagnosis.stalledSince).toBeLessThanOrEqual(22);
    expect(p.suggestion).toMatch(/^early stopping: .*keep the checkpoint of epoch 42/);
    expect(p.suggestion).toMatch(/a decay may buy a little$/);
    // The validation series' own advice follows the pair, not "a decay here would likely help".
    const val = r.series.find((s) => s.name === 'val_loss')!;
    expect(val.suggestion).toBe(p.suggestion);
  });

  it('sportsball (fastai history): overfitting since epoch 6, the validation series says overfitting too, with a rising interval', async () => {
    const r = await analyzeFile(fixture('fastai-sportsball.history.csv'));
    if (r.kind !== 'ok') throw new Error(r.error);
    const p = r.pairs[0];
    expect(p).toMatchObject({ train: 'train_loss', validation: 'valid_loss', kind: 'overfitting', bestAt: 6 });
    expect(p.suggestion).toMatch(/^early stopping: keep the checkpoint of epoch 6 /);
    expect(p.summary).toMatch(/best valid_loss 0\.231 at epoch 6, 0\.6912 now/);
    const val = r.series.find((s) => s.name === 'valid_loss')!;
    expect(val.verdict).toBe('overfitting');
    expect(val.diagnosis.evidence!.trend.low).toBeGreaterThan(0);
    expect(val.diagnosis.evidence!.validation).toMatchObject({ bestEpoch: 6, bestLoss: p.diagnosis.best!.val });
    const json = analyzeJson([r]) as { files: Array<{ pairs: Array<Record<string, unknown>>; series: Array<{ verdict: string }> }> };
    expect(json.files[0].pairs[0]).toMatchObject({ train: 'train_loss', validation: 'valid_loss', kind: 'overfitting', bestAt: 6 });
    expect(json.files[0].pairs[0]).not.toHaveProperty('aligned');
    expect(json.files[0].series.map((s) => s.verdict)).toEqual(['descending', 'overfitting']);
  });
});

/** Every file under a folder, MANIFEST.md left out. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : name === 'MANIFEST.md' ? [] : [full];
  });
}

describe.skipIf(!sharedDir)(sharedDir ? 'pairs on both real-log corpora' : skipNote('pairs on real logs'), () => {
  it('every pair diagnosis, and every series verdict as analyze prints it (after its pair), agrees with the intervals it prints', async () => {
    let pairs = 0;
    for (const corpus of ['real-logs', 'real-logs-2']) {
      for (const file of filesUnder(sharedPath(corpus))) {
        const r = await analyzeFile(file);
        if (r.kind !== 'ok') continue;
        for (const p of r.pairs) {
          pairs++;
          expectConsistent(p.diagnosis, `${file}: ${p.train} / ${p.validation}: ${p.summary}`);
        }
        for (const s of r.series) {
          const e = s.diagnosis.evidence;
          if (!e) continue;
          const what = `${file}: ${s.name}: ${s.summary}`;
          if (s.verdict === 'descending') expect(e.trend.high, what).toBeLessThan(0);
          if (s.verdict === 'diverging' || s.verdict === 'overfitting') expect(e.levelRise ? e.levelRise.low : e.trend.low, what).toBeGreaterThan(0);
          if (s.verdict === 'plateau' || s.verdict === 'stuck') {
            expect(e.trendPer10pct!.low, what).toBeGreaterThan(-0.02);
            expect(e.trendPer10pct!.high, what).toBeLessThan(0.02);
          }
        }
      }
    }
    expect(pairs).toBeGreaterThanOrEqual(40);
  }, 120_000);
});
