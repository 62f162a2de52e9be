import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnoseSeries } from '../../src/detect/diagnose.js';
import { readLrSchedule } from '../../src/detect/lr-schedule.js';
import { lrResponses } from '../../src/detect/lr-response.js';
import { readLossLog } from '../../src/logs/read-loss-log.js';
import { Rng } from '../../src/rng.js';
import { sharedDir, sharedPath, skipNote } from '../helpers/shared.js';

describe('the log\'s own LR schedule (issue 10)', () => {
  it('readLrSchedule: steps, continuous (per step or stepped per epoch), warmup, annealed', () => {
    const xs = Array.from({ length: 40 }, (_, i) => i);
    const step = readLrSchedule(xs, xs.map((i) => (i < 20 ? 0.1 : 0.01)))!;
    expect(step).toMatchObject({ kind: 'steps', annealed: true, warmup: false, changes: 1 });
    const cosine = readLrSchedule(xs, xs.map((i) => 0.5 * 1e-3 * (1 + Math.cos((Math.PI * i) / 40))))!;
    expect(cosine.kind).toBe('continuous');
    const perEpoch = readLrSchedule(xs, xs.map((i) => 0.3 * 0.8 ** Math.floor(i / 3)))!; // 14 levels, a change every 3 points
    expect(perEpoch.kind).toBe('continuous');
    const warm = readLrSchedule(xs, xs.map((i) => (i < 5 ? 1e-4 * (i + 1) : 5e-4)))!;
    expect(warm).toMatchObject({ warmup: true, annealed: false, high: true, peak: 5e-4 });
  });

  it('warmup ramps and continuous schedules are never listed as LR changes to judge; a StepLR cut is', () => {
    const xs = Array.from({ length: 60 }, (_, i) => 10 * (i + 1));
    const ys = xs.map((x) => 1 + Math.exp(-x / 100));
    const warmupThenConstant = xs.map((_, i) => (i < 3 ? 1e-4 * 2 ** i : 4e-4));
    expect(lrResponses(xs, ys, warmupThenConstant)).toEqual([]);
    const linear = xs.map((_, i) => 1e-3 * (1 - i / 60));
    expect(lrResponses(xs, ys, linear)).toEqual([]);
    const oneCycle = xs.map((_, i) => (i < 20 ? 0.02 + 0.025 * i : 0.5 * (1 - (i - 20) / 40) + 1e-3));
    expect(lrResponses(xs, ys, oneCycle)).toEqual([]);
    const stepLr = xs.map((_, i) => (i < 30 ? 0.1 : 0.01));
    expect(lrResponses(xs, ys, stepLr)).toHaveLength(1);
  });

  it('a plateau under an LR annealed far below its peak: converged, stop or change model/data/regularisation, no "decay would help"', () => {
    const xs = Array.from({ length: 60 }, (_, i) => 10 * (i + 1));
    const rng = new Rng(3);
    const ys = xs.map((x) => (1 + 2 * Math.exp(-x / 40)) * (1 + 0.01 * rng.normal()));
    const lrs = xs.map((_, i) => 1e-4 * (1 - i / 60) + 1e-9);
    const d = diagnoseSeries(xs, ys, { lrs });
    expect(d.verdict).toBe('plateau');
    expect(d.suggestion).toMatch(/^converged for this model and data: the LR is already at [\d.]+% of its peak/);
    expect(d.suggestion).toMatch(/stop here, or change the model, data or regularisation/);
    expect(d.lrSchedule).toMatchObject({ annealed: true, kind: 'continuous' });
  });

  it('a plateau in the high-LR phase of a one-cycle run says the anneal will end it', () => {
    const xs = Array.from({ length: 60 }, (_, i) => 10 * (i + 1));
    const rng = new Rng(4);
    const ys = xs.map((x) => (1 + 2 * Math.exp(-x / 40)) * (1 + 0.01 * rng.normal()));
    const lrs = xs.map((_, i) => (i < 10 ? 0.05 * (i + 1) : 0.5 - 0.004 * (i - 10)));
    const d = diagnoseSeries(xs, ys, { lrs });
    expect(d.verdict).toBe('plateau');
    expect(d.suggestion).toMatch(/^flat at a high LR, \d+% of its peak .*: the high-LR phase of its schedule; a scheduled anneal \(one-cycle, cosine\) will end it/);
  });
});

/** Diagnoses one series of a real log (../shared/real-logs). */
async function diagnose(file: string, name: string | RegExp) {
  const log = await readLossLog(sharedPath('real-logs', file));
  const s = log.series.find((x) => (typeof name === 'string' ? x.name === name : name.test(x.name)))!;
  return diagnoseSeries(s.xs, s.ys, { x: s.x, ...(s.stepsPerEpoch ? { stepsPerEpoch: s.stepsPerEpoch } : {}), ...(s.lrs ? { lrs: s.lrs } : {}) });
}

describe.skipIf(!sharedDir)(sharedDir ? 'the LR schedule of real logs' : skipNote('the LR schedule of real logs'), () => {
  it('lora-finetuning, tinyllama, resume-ocr-yolov11 and the second ERA event file: no "a decay here would likely help" under an annealed LR', async () => {
    const cases: Array<[string, string | RegExp]> = [
      ['hf-trainer-state/lora-finetuning.trainer_state.json', 'loss'],
      ['hf-trainer-state/tinyllama-finetune.trainer_state.json', 'loss'],
      ['hf-trainer-state/tinyllama-finetune.trainer_state.json', 'eval_loss'],
      ['plain/resume-ocr-yolov11.results.csv', 'train/dfl_loss'],
      ['plain/resume-ocr-yolov11.results.csv', 'val/box_loss'],
      ['plain/resume-ocr-yolov11.results.csv', 'val/dfl_loss'],
      ['tfevents/era-v4-resnet50-imagenet.part2.events_out_tfevents_1762044905', 'val/loss'],
    ];
    for (const [file, name] of cases) {
      const d = await diagnose(file, name);
      const what = `${file} ${String(name)}: ${d.verdict}: ${d.suggestion}`;
      expect(d.suggestion, what).not.toMatch(/a decay here would likely help/);
      if (d.verdict === 'plateau') expect(d.suggestion, what).toMatch(/^converged for this model and data/);
    }
  });

  it('on every series with an LR in both corpora, no LR increase up to the peak of a warmup and no change of a continuous schedule is listed', async () => {
    let checked = 0;
    for (const corpus of ['real-logs', 'real-logs-2']) {
      const root = sharedPath(corpus);
      const files = (function list(dir: string): string[] {
        return readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? list(path.join(dir, n)) : n === 'MANIFEST.md' ? [] : [path.join(dir, n)]));
      })(root);
      for (const file of files) {
        let log;
        try {
          log = await readLossLog(file);
        } catch {
          continue;
        }
        for (const s of log.series) {
          if (!s.lrs) continue;
          const schedule = readLrSchedule(s.xs, s.lrs);
          const responses = lrResponses(s.xs, s.ys, s.lrs);
          const what = `${file} ${s.name}: ${responses.map((r) => r.summary).join('; ')}`;
          if (schedule?.kind === 'continuous') expect(responses, what).toEqual([]);
          if (schedule?.warmup) for (const r of responses) expect(r.newLr < r.oldLr || r.at > schedule.peakAt, what).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
  });
});
