import { describe, expect, it } from 'vitest';
import { diagnoseSeries } from '../../src/detect/index.js';
import { readLossLog } from '../../src/logs/index.js';
import { sharedDir, sharedPath, skipNote } from '../helpers/shared.js';

/** Diagnoses one series of a real log from ../shared/real-logs (see its MANIFEST.md for the curves). */
async function diagnose(file: string, series?: string | RegExp) {
  const log = await readLossLog(sharedPath('real-logs', file));
  const s = series === undefined ? log.series[0] : log.series.find((x) => (typeof series === 'string' ? x.name === series : series.test(x.name)));
  if (!s) throw new Error(`${file}: no series ${String(series)} among ${log.series.map((x) => x.name).join(', ')}`);
  return diagnoseSeries(s.xs, s.ys, { x: s.x, ...(s.stepsPerEpoch ? { stepsPerEpoch: s.stepsPerEpoch } : {}), ...(s.lrs ? { lrs: s.lrs } : {}) });
}

describe.skipIf(!sharedDir)(sharedDir ? 'detector on real logs (../shared/real-logs)' : skipNote('detector on real logs'), () => {
  it('lora-finetuning ends on a plateau that starts after the fast drop (2.31 -> 1.39 by step 40)', async () => {
    const d = await diagnose('hf-trainer-state/lora-finetuning.trainer_state.json');
    expect(d.verdict, d.summary).toBe('plateau');
    expect(d.evidence!.plateauStart!).toBeGreaterThanOrEqual(30);
    expect(d.evidence!.plateauStart!).toBeLessThanOrEqual(100);
    expect(d.suggestion).toBe('a decay here would likely help');
  });

  it('unet-segmentation (headerless) ends on a plateau from about row 40', async () => {
    const d = await diagnose('plain/unet-segmentation.train_loss.csv');
    expect(d.verdict, d.summary).toBe('plateau');
    expect(d.evidence!.plateauStart!).toBeGreaterThanOrEqual(25);
    expect(d.evidence!.plateauStart!).toBeLessThanOrEqual(60);
    expect(d.plateaus.at(-1)!.level).toBeCloseTo(0.25, 1);
  });

  it('bert-weibo-rumor is still descending (second half falls 30%)', async () => {
    const d = await diagnose('hf-trainer-state/bert-weibo-rumor.trainer_state.json');
    expect(d.verdict, d.summary).toBe('descending');
    expect(d.suggestion).toBe('still improving: do not decay yet');
  });

  it('aiops-mnist is still descending, per epoch and per step', async () => {
    const epoch = await diagnose('lightning-metrics/aiops-mnist.version_3.metrics.csv', 'train_loss_epoch');
    expect(epoch.verdict, epoch.summary).toBe('descending');
    const step = await diagnose('lightning-metrics/aiops-mnist.version_3.metrics.csv', 'train_loss_step');
    expect(step.verdict, step.summary).toBe('descending');
  });

  it('more clear cases: pendulum plateau, nanoGPT baseline plateau, a diverging nanoGPT run, hw2 flat from its first line, ResNet-50 still falling', async () => {
    expect((await diagnose('lightning-metrics/pendulum-pinn.version_0.metrics.csv', 'train_loss_epoch')).verdict).toBe('plateau');
    expect((await diagnose('wandb-csv/nanogpt-runs.wandb_export.csv', /^gpt2 - /)).verdict).toBe('plateau');
    const div = await diagnose('wandb-csv/nanogpt-runs.wandb_export.csv', /^gpt2_last_char_token_to_char/);
    expect(div.verdict, div.summary).toBe('diverging');
    expect(div.suggestion).toMatch(/^diverging since step \d+/);
    expect((await diagnose('plain/hw2.loss_log.txt')).verdict).toBe('stuck');
    expect((await diagnose('plain/era-v4-resnet50.training-01-61.log', /train/)).verdict).toBe('descending');
  });
});
