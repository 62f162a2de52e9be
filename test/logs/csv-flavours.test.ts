import { describe, expect, it } from 'vitest';
import { CSV_FLAVOURS, csvFlavourOf } from '../../src/logs/csv-flavours.js';
import type { LossLog } from '../../src/logs/loss-log.js';
import { readLossLog } from '../../src/logs/read-loss-log.js';
import { fixture } from './helpers.js';

const summary = (log: LossLog) => log.series.map((s) => `${s.name}:${s.role}:${s.x}:${s.xs.length}`);

describe('CSV flavours: one object each, recognised from the header', () => {
  it.each([
    [['Wall time', 'Step', 'Value'], 'run-.-tag-loss.csv', 'TensorBoard CSV export'],
    [['Step', 'a - loss', 'a - loss__MIN'], 'x.csv', 'W&B CSV export'],
    [['epoch', 'step', 'train_loss_step'], 'metrics.csv', 'Lightning metrics.csv'],
    [['epoch', 'loss', 'val_loss'], 'training.log', 'Keras CSVLogger'],
    [['epoch', 'train_loss', 'valid_loss', 'accuracy', 'time'], 'history.csv', 'fastai history.csv'],
    [['epoch', 'train_loss', 'eval_loss', 'eval_top1', 'eval_top5', 'lr'], 'summary.csv', 'timm summary.csv'],
    [['epoch', 'train/box_loss', 'val/box_loss'], 'results.csv', 'Ultralytics results.csv'],
    [['global_step', 'eval_loss', 'train_loss'], 'training_progress_scores.csv', 'simpletransformers training_progress_scores.csv'],
    [['step', 'loss'], 'a.csv', 'CSV'],
  ])('%j (%s) is a %s', (header, file, name) => {
    expect(csvFlavourOf(header, file).name).toBe(name);
  });

  it('every flavour has a distinct name', () => {
    expect(new Set(CSV_FLAVOURS.map((f) => f.name)).size).toBe(CSV_FLAVOURS.length);
  });

  it('fastai history.csv (real, byte-exact): epoch x; the mm:ss time column is not an x', async () => {
    const log = await readLossLog(fixture('fastai-sportsball.history.csv'));
    expect(log.notes?.[0]).toBe('read as fastai history.csv');
    expect(summary(log)).toEqual(['train_loss:train:epoch:19', 'valid_loss:validation:epoch:19']);
  });

  it('timm summary.csv (synthetic): train and eval loss per epoch, LR from the lr column', async () => {
    const log = await readLossLog(fixture('timm-summary.csv'));
    expect(log.notes?.[0]).toBe('read as timm summary.csv');
    expect(summary(log)).toEqual(['train_loss:train:epoch:12', 'eval_loss:validation:epoch:12']);
    expect(log.series[0].lrs?.[0]).toBe(0.05);
  });

  it('YOLOv8 results.csv (real prefix): space-padded cells, train/ and val/ losses per epoch', async () => {
    const log = await readLossLog(fixture('yolov8-results.csv'));
    expect(summary(log)).toEqual([
      'train/box_loss:train:epoch:7',
      'train/cls_loss:train:epoch:7',
      'train/dfl_loss:train:epoch:7',
      'val/box_loss:validation:epoch:7',
      'val/cls_loss:validation:epoch:7',
      'val/dfl_loss:validation:epoch:7',
    ]);
  });

  it('simpletransformers training_progress_scores.csv (real): by global_step', async () => {
    expect(summary(await readLossLog(fixture('simpletransformers-scores.csv')))).toEqual(['eval_loss:validation:step:10', 'train_loss:train:step:10']);
  });
});

describe('JSON flavours', () => {
  it('Sacred metrics.json (synthetic): one series per loss metric by its steps, LR from the lr metric', async () => {
    const log = await readLossLog(fixture('sacred-metrics.json'));
    expect(log.notes?.[0]).toMatch(/Sacred metrics\.json/);
    expect(summary(log)).toEqual(['train.loss:train:step:20', 'val.loss:validation:step:4']);
    expect(log.series[0].lrs?.at(-1)).toBe(0.01);
    expect(log.series[1].xs).toEqual([40, 90, 140, 190]);
  });

  it('Sacred metrics.json (real, byte-exact: sacred 0.8.5, manuel-rhdt/ml-pws runs/1): one metric, 400 steps from 1, a loss that goes negative', async () => {
    const log = await readLossLog(fixture('sacred-ml-pws.metrics.json'));
    expect(log.notes?.[0]).toMatch(/Sacred metrics\.json/);
    expect(summary(log)).toEqual(['training.loss:train:step:400']);
    const s = log.series[0];
    expect([s.xs[0], s.xs.at(-1)]).toEqual([1, 400]);
    expect(s.ys.slice(0, 2)).toEqual([0.2630771433830261, 0.25748250727653504]);
    expect(s.ys.at(-1)).toBe(-0.6781838181495666);
    expect(s.lrs).toBeUndefined();
  });

  it('Detectron2 metrics.json (real prefix): iteration 19 of an aborted start, then of the real run: the later one is kept', async () => {
    const log = await readLossLog(fixture('detectron2-metrics.json'));
    const total = log.series.find((s) => s.name === 'total_loss')!;
    expect(total.xs).toEqual([19, 39, 59]);
    expect(total.ys[0]).toBe(2.152726454194635);
    expect(total.notes?.join(' ')).toMatch(/1 point\(s\) repeated an earlier step: kept the last/);
    expect(total.lrs?.[2]).toBe(4.93675e-5);
  });
});

describe('runs appended to one CSV', () => {
  it('every loss column is split where the main one restarts, and says which lines each run is', async () => {
    const log = await readLossLog(fixture('keras-two-runs.csv'));
    expect(log.series.map((s) => s.name)).toEqual(['loss (run 1)', 'loss (run 2)', 'val_loss (run 1)', 'val_loss (run 2)']);
    expect(log.series[3].notes?.join(' ')).toMatch(/run 2 of 2 in this file: lines 52-101/);
    const stitched = await readLossLog(fixture('keras-two-runs.csv'), { restarts: 'stitch' });
    expect(stitched.series.map((s) => s.name)).toEqual(['loss', 'val_loss']);
  });
});
