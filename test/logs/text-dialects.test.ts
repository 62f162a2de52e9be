import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LossLog } from '../../src/logs/loss-log.js';
import { detectFormat, readLossLog } from '../../src/logs/read-loss-log.js';
import { fixture, tempDir } from './helpers.js';

const summary = (log: LossLog) => log.series.map((s) => `${s.name}:${s.role}:${s.x}:${s.xs.length}`);

function write(name: string, text: string): string {
  const file = path.join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

describe('text dialects detected from content (fixtures from ../shared/real-logs-2, see fixtures/logs/README.md)', () => {
  it('llm.c main.log: s:N trl:X lr:Y / s:N tel:X; eval: (HellaSwag accuracy) is not a loss', async () => {
    const log = await readLossLog(fixture('llmc-main.log'));
    expect(log.format).toBe('text');
    expect(log.notes).toContain('read as llm.c main.log');
    expect(summary(log)).toEqual(['val loss (tel):validation:step:2', 'train loss (trl):train:step:257']);
    const trl = log.series[1];
    expect([trl.xs[0], trl.ys[0], trl.lrs?.[0]]).toEqual([0, 11.0116, 0.000001]);
    expect(log.series[0].xs).toEqual([0, 250]);
    expect(log.series[0].ys).toEqual([11.0095, 6.1565]);
  });

  it('llm.c stdout: step N/M | loss X | ... | lr Y, and val loss lines measured at the last printed step', async () => {
    const log = await readLossLog(fixture('llmc-stdout-excerpt.log'));
    expect(log.notes).toContain('read as llm.c stdout');
    const val = log.series.find((s) => s.name === 'val loss')!;
    expect(val.xs).toEqual([0, 250]);
    expect(val.ys).toEqual([11.007921, 6.202221]);
    const train = log.series.find((s) => s.name === 'loss')!;
    expect(train.xs.slice(0, 2)).toEqual([1, 2]);
    expect(train.lrs?.[0]).toBe(8.57e-7);
  });

  it('nanoGPT stdout: iter N: loss X every iteration, step N: train loss X, val loss Y at evaluations', async () => {
    const log = await readLossLog(fixture('nanogpt-stdout.log'));
    expect(log.notes).toContain('read as nanoGPT stdout');
    expect(summary(log)).toEqual(['train loss:train:step:2', 'val loss:validation:step:2', 'iter loss:train:step:208']);
    expect(log.series[1].ys).toEqual([10.6778, 3.0894]);
  });

  it('mmengine text log: every loss* field (loss_kpt too), x = iteration across epochs, LR from lr:', async () => {
    const log = await readLossLog(fixture('mmengine-excerpt.log'));
    expect(summary(log)).toEqual(['loss:train:step:11', 'loss_kpt:train:step:11']);
    const s = log.series[1];
    expect(s.xs.slice(0, 3)).toEqual([1, 2, 3]);
    // Epoch(train) [2][1/6] is iteration 7.
    expect(s.xs[6]).toBe(7);
    expect(s.lrs?.[0]).toBe(4e-8);
    expect(s.stepsPerEpoch).toBe(6);
  });

  it('YOLOv5 console: CR-separated tqdm updates, ANSI codes, the final row of each epoch printed twice', async () => {
    expect(await detectFormat(fixture('yolov5-console.log'))).toBe('text');
    const log = await readLossLog(fixture('yolov5-console.log'));
    expect(summary(log)).toEqual(['box:train:epoch:2', 'obj:train:epoch:2', 'cls:train:epoch:2', 'total:train:epoch:2']);
    expect(log.series[3].xs).toEqual([0, 1]);
    expect(log.series[3].ys).toEqual([0.0147, 0.01494]);
  });

  it('PyTorch word_language_model: batches within an epoch become steps; valid loss per epoch; the args dump is not a loss', async () => {
    const log = await readLossLog(fixture('word-language-model.md'));
    expect(summary(log)).toEqual(['loss:train:step:33', 'valid loss:validation:epoch:2']);
    const loss = log.series[0];
    expect(loss.xs.slice(13, 16)).toEqual([2800, 2983 + 200, 2983 + 400]);
    expect(loss.stepsPerEpoch).toBe(2983);
  });
});

describe('text dialects from real committed logs (see fixtures/logs/README.md for repository, path and commit)', () => {
  it('fairseq 0.10.2 (GLAT, --log-format simple, epochs 143-147): train_inner loss/nll_loss by num_updates with lr; valid lines; word_ins/length/loss_scale/best_bleu are not series', async () => {
    const log = await readLossLog(fixture('fairseq-glat-excerpt.log'));
    expect(log.notes).toContain('read as fairseq log');
    expect(summary(log)).toEqual(['loss:train:step:14', 'nll_loss:train:step:14', 'valid loss:validation:step:5', 'valid nll_loss:validation:step:5']);
    const [loss, , valid] = log.series;
    expect(loss.xs.slice(0, 3)).toEqual([40100, 40200, 40300]);
    expect(loss.ys.slice(0, 2)).toEqual([3.147, 3.153]);
    expect(loss.lrs?.[0]).toBe(0.000157917);
    expect(valid.xs).toEqual([40297, 40579, 40860, 41142, 41424]);
    expect(valid.ys).toEqual([12.677, 12.66, 12.144, 12.566, 12.605]);
  });

  it('Megatron-DeepSpeed (pdsh-prefixed, 2 nodes): sd-2 iteration lines give lm loss with LR; DeepSpeed\'s own steps: N loss: X lines are not a second series', async () => {
    const log = await readLossLog(fixture('megatron-deepspeed-excerpt.log'));
    expect(log.notes).toContain('read as Megatron-LM log');
    expect(summary(log)).toEqual(['lm loss:train:step:20']);
    const s = log.series[0];
    expect(s.xs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(s.ys.slice(0, 3)).toEqual([10.80963, 10.78763, 10.03867]);
    expect(s.ys.at(-1)).toBe(4.676264);
    expect(s.lrs?.slice(0, 2)).toEqual([1e-5, 9.939e-6]);
    expect(s.lrs?.at(-1)).toBe(1e-6);
  });
});

describe('text dialects, synthetic fixtures written to the tools\' print formats (for lines the real fixtures above lack)', () => {
  it('fairseq: train_inner loss/nll_loss by num_updates with lr; valid on subset lines; best_loss and loss_scale are not losses', async () => {
    const log = await readLossLog(fixture('fairseq-synthetic.log'));
    expect(log.notes).toContain('read as fairseq log');
    expect(summary(log)).toEqual(['loss:train:step:8', 'nll_loss:train:step:8', 'valid loss:validation:step:2', 'valid nll_loss:validation:step:2']);
    expect(log.series[0].xs.slice(0, 5)).toEqual([100, 200, 300, 400, 500]);
    expect(log.series[0].lrs?.[0]).toBe(1.25e-5);
    expect(log.series[2].xs).toEqual([400, 800]);
  });

  it('Megatron-LM: iteration N/M | ... | lm loss: X | lines and validation loss at iteration N | lm loss value: X |', async () => {
    const log = await readLossLog(fixture('megatron-synthetic.log'));
    expect(log.notes).toContain('read as Megatron-LM log');
    expect(summary(log)).toEqual(['lm loss:train:step:6', 'validation lm loss:validation:step:2']);
    expect(log.series[0].lrs?.[1]).toBe(5e-7);
    expect(log.series[1].xs).toEqual([3, 6]);
  });

  it('NeMo / Lightning progress bars: reduced_train_loss=X with global_step', async () => {
    const lines = Array.from({ length: 4 }, (_, i) => `Epoch 0: ${25 * (i + 1)}%|██| ${i + 1}/4 [00:0${i}<00:00, v_num=0, reduced_train_loss=${(3 - i * 0.2).toFixed(2)}, global_step=${i}.0, consumed_samples=${(i + 1) * 8}.0]`);
    const log = await readLossLog(write('nemo.log', lines.join('\r') + '\n'));
    expect(summary(log)).toEqual(['reduced_train_loss:train:step:4']);
  });
});

describe('several runs in one text file', () => {
  it('YOLOX: a new run announced by its args line is split for every loss the same way, x counted across epochs', async () => {
    const log = await readLossLog(fixture('yolox-two-runs-excerpt.log'));
    expect(summary(log)).toEqual(
      ['total_loss', 'iou_loss', 'l1_loss', 'conf_loss', 'cls_loss'].flatMap((n) => [`${n} (run 1):train:step:13`, `${n} (run 2):train:step:4`]),
    );
    expect(log.series[0].xs.slice(10, 13)).toEqual([110, 122, 132]);
    expect(log.series[1].xs).toEqual([10, 24, 38, 52]);
    expect(log.series[1].notes?.join(' ')).toMatch(/run 2 of 2 in this file: lines 21-24/);
    const stitched = await readLossLog(fixture('yolox-two-runs-excerpt.log'), { restarts: 'stitch' });
    expect(stitched.series.map((s) => s.name)).toEqual(['total_loss', 'iou_loss', 'l1_loss', 'conf_loss', 'cls_loss']);
  });

  it('Keras runs appended to one file: loss and val_loss split at the same lines, named by the file run', async () => {
    const log = await readLossLog(fixture('keras-appended-runs.txt'));
    expect(summary(log)).toEqual([
      'loss (run 1):train:epoch:15',
      'loss (run 2):train:epoch:15',
      'loss (run 3):train:epoch:1',
      'val_loss (run 1):validation:epoch:15',
      'val_loss (run 2):validation:epoch:15',
      'val_loss (run 3):validation:epoch:1',
    ]);
    expect(log.series[4].notes?.join(' ')).toMatch(/run 2 of 3 in this file: lines 43-71/);
    const split = await readLossLog(fixture('keras-appended-runs.txt'), { restarts: 'split' });
    expect(split.series).toHaveLength(6);
  });
});

describe('text logs whose first line starts with "[" are text, not broken JSON (issue 11)', () => {
  it('[INFO] Step 10: loss: 2.1', async () => {
    const file = write('a.log', Array.from({ length: 5 }, (_, i) => `[INFO] Step ${(i + 1) * 10}: loss: ${(2.1 - i * 0.1).toFixed(1)}`).join('\n') + '\n');
    const log = await readLossLog(file);
    expect(log.format).toBe('text');
    expect(summary(log)).toEqual(['loss:train:step:5']);
  });

  it('[2026-01-01 10:00:01] Epoch 1 loss=...', async () => {
    const file = write('b.log', Array.from({ length: 4 }, (_, i) => `[2026-01-01 10:00:0${i}] Epoch ${i + 1} loss=${(1 / (i + 1)).toFixed(3)} val_loss=${(1.2 / (i + 1)).toFixed(3)}`).join('\n'));
    expect(summary(await readLossLog(file))).toEqual(['loss:train:epoch:4', 'val_loss:validation:epoch:4']);
  });

  it("Detectron2's console: [12/01 10:00:01 d2.utils.events]:  iter: 20  total_loss: ...", async () => {
    const lines = Array.from(
      { length: 4 },
      (_, i) => `[12/01 10:00:0${i} d2.utils.events]:  eta: 0:10:00  iter: ${(i + 1) * 20}  total_loss: ${(2 - i * 0.2).toFixed(3)}  loss_cls: ${(0.6 - i * 0.05).toFixed(3)}  loss_box_reg: 0.3  time: 0.5  lr: 0.0002  max_mem: 1234M`,
    );
    const log = await readLossLog(write('log.txt', `[12/01 09:59:58 d2.engine.train_loop]: Starting training from iteration 0\n${lines.join('\n')}\n`));
    expect(summary(log)).toEqual(['total_loss:train:step:4', 'loss_cls:train:step:4', 'loss_box_reg:train:step:4']);
    expect(log.series[0].lrs?.[0]).toBe(0.0002);
  });

  it('broken JSON stays a JSON error', async () => {
    await expect(readLossLog(write('c.json', '[{"loss": 1,}]\n'))).rejects.toThrow(/c\.json:1:\d+: not valid JSON/);
    await expect(readLossLog(write('d.json', '[1, 2, x]'))).rejects.toThrow(/not valid JSON/);
  });
});

describe('logs the built-in matcher reads without a dialect', () => {
  it('modded-nanogpt stdout: step:N/M train_loss:X / val_loss:X', async () => {
    const file = write('modded.txt', 'step:0/1390 val_loss:10.8258 train_time:0ms step_avg:nanms\nstep:1/1390 train_loss:10.8258 train_time:24ms step_avg:nanms\nstep:2/1390 train_loss:10.5 train_time:48ms step_avg:24.1ms\nstep:125/1390 val_loss:4.3 train_time:3000ms step_avg:24ms\n');
    expect(summary(await readLossLog(file))).toEqual(['val_loss:validation:step:2', 'train_loss:train:step:2']);
  });
});

describe('--column picks one run of a split series', () => {
  it('"val_loss (run 2)" keeps that run; a run that does not exist is an error listing the series', async () => {
    const log = await readLossLog(fixture('keras-appended-runs.txt'), { columns: ['val_loss (run 2)', 'loss'] });
    expect(log.series.map((s) => s.name)).toEqual(['val_loss (run 2)', 'loss (run 1)', 'loss (run 2)', 'loss (run 3)']);
    await expect(readLossLog(fixture('keras-appended-runs.txt'), { columns: ['val_loss (run 9)'] })).rejects.toThrow(/no series named "val_loss \(run 9\)" \(series: val_loss \(run 1\)/);
  });
});
