import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlateauDoctorError } from '../../src/errors.js';
import { readLossLog } from '../../src/logs/read-loss-log.js';
import { sharedDir, sharedPath, skipNote } from '../helpers/shared.js';

const corpus = sharedDir ? sharedPath('real-logs') : undefined;
const files = corpus
  ? readdirSync(corpus)
      .filter((d) => statSync(path.join(corpus, d)).isDirectory())
      .flatMap((d) => readdirSync(path.join(corpus, d)).map((f) => `${d}/${f}`))
      .sort()
  : [];

/** Format the reader must detect for each folder of the corpus. */
const EXPECTED_FORMAT: Record<string, string[]> = {
  'hf-trainer-state': ['hf-trainer-state'],
  'keras-csvlogger': ['keras'],
  'lightning-metrics': ['lightning'],
  'tensorboard-csv': ['tensorboard-csv'],
  tfevents: ['tfevents'],
  'wandb-csv': ['wandb'],
  plain: ['csv', 'text'],
};

describe.skipIf(!corpus)(`real-log corpus ${corpus ? '' : skipNote('the real-log corpus')}`, () => {
  it('has the 26 files of MANIFEST.md', () => {
    expect(files).toHaveLength(26);
  });

  it.each(files)('%s reads into series or fails with one line saying why', async (rel) => {
    const file = path.join(corpus!, rel);
    try {
      const log = await readLossLog(file);
      expect(EXPECTED_FORMAT[rel.split('/')[0]]).toContain(log.format);
      expect(log.series.length).toBeGreaterThan(0);
      for (const s of log.series) {
        expect(s.xs.length).toBe(s.ys.length);
        expect(s.xs.length).toBeGreaterThan(0);
        for (let i = 1; i < s.xs.length; i++) expect(s.xs[i]).toBeGreaterThan(s.xs[i - 1]);
        if (s.lrs) expect(s.lrs.length).toBe(s.xs.length);
      }
    } catch (error) {
      expect(error).toBeInstanceOf(PlateauDoctorError);
      expect(rel).toBe('hf-trainer-state/qwen3-lora-summary-only.trainer_state.json');
      expect((error as Error).message).toMatch(/no per-step loss/);
    }
  });

  it('finds the series MANIFEST.md names', async () => {
    const names = async (rel: string) => (await readLossLog(path.join(corpus!, rel))).series.map((s) => `${s.name}:${s.role}:${s.xs.length}`);
    expect(await names('hf-trainer-state/whisper-tiny-nbailab.trainer_state.json')).toEqual(['loss:train:2000', 'eval_loss:validation:100']);
    expect(await names('hf-trainer-state/tinyllama-finetune.trainer_state.json')).toEqual(['loss:train:186', 'eval_loss:validation:14']);
    expect(await names('lightning-metrics/pendulum-pinn.version_0.metrics.csv')).toHaveLength(8);
    expect(await names('plain/resume-ocr-yolov11.results.csv')).toEqual([
      'train/box_loss:train:50',
      'train/cls_loss:train:50',
      'train/dfl_loss:train:50',
      'val/box_loss:validation:50',
      'val/cls_loss:validation:50',
      'val/dfl_loss:validation:50',
    ]);
    expect(await names('wandb-csv/nanogpt-runs.wandb_export.csv')).toHaveLength(8);
    expect(await names('plain/era-v4-resnet50.training-01-61.log')).toEqual(['val loss:validation:61', 'train loss:train:60']);
    expect(await names('tfevents/era-v4-resnet50-imagenet.part2.events_out_tfevents_1762044905')).toEqual([
      'train/loss_step:train:181',
      'val/loss:validation:29',
      'train/loss_epoch:train:29',
    ]);
  });

  it('handles the restarts MANIFEST.md lists (split fresh runs, stitch resumed ones)', async () => {
    const sleep = await readLossLog(path.join(corpus!, 'keras-csvlogger/sleep-apnea-cnn.training_log.csv'));
    expect(sleep.series.map((s) => s.name)).toEqual(['loss (run 1)', 'loss (run 2)', 'val_loss (run 1)', 'val_loss (run 2)']);
    const tb = await readLossLog(path.join(corpus!, 'tensorboard-csv/attention-ocr.run-.-tag-loss.csv'));
    expect(tb.series).toHaveLength(1);
    expect(tb.series[0].notes?.join(' ')).toMatch(/restarts 3 time\(s\) \(at line 6, line 74, line 641\).*stitched/);
    const aocr = await readLossLog(path.join(corpus!, 'plain/attention-ocr.aocr.log'));
    const sessions = aocr.series.filter((s) => /^loss \(run \d+\)$/.test(s.name));
    expect(sessions.length).toBeGreaterThanOrEqual(5);
    expect(sessions.filter((s) => s.xs.length > 200).length).toBeGreaterThanOrEqual(4);
    // its test phases (per-sample losses of a fixed checkpoint, "Accuracy: ..." lines after
    // "phase: test") are not training series: left out, with a note
    expect(aocr.series.filter((s) => /accuracy/i.test(s.name) && s.xs.length > 2)).toEqual([]);
    expect(aocr.notes?.join('\n')).toMatch(/loss values after \d+ "phase: test" banners \(first at line 1875\) left out/);
  });
});
