import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { readLossLog, detectFormat } from '../../src/logs/read-loss-log.js';
import { tensorScalar } from '../../src/logs/tfevents.js';
import type { LossLog } from '../../src/logs/loss-log.js';
import { fixture, tempDir, tfRecordFrame as frame } from './helpers.js';

function byName(log: LossLog, name: string) {
  const s = log.series.find((x) => x.name === name);
  if (!s) throw new Error(`no series ${name} in ${log.series.map((x) => x.name).join(', ')}`);
  return s;
}

describe('generic CSV / TSV', () => {
  it('reads step,loss,lr with an NA cell, a duplicate step and an LR column', async () => {
    const log = await readLossLog(fixture('step-loss-lr.csv'));
    expect(log.format).toBe('csv');
    expect(log.series).toHaveLength(1);
    const s = log.series[0];
    expect(s).toMatchObject({ name: 'loss', role: 'train', x: 'step' });
    expect(s.xs).toHaveLength(80);
    expect(s.xs[0]).toBe(10);
    expect(s.xs[79]).toBe(800);
    // the NA row (step 210) is skipped but the step is still there from the real row after it
    expect(s.xs.filter((x) => x === 210)).toHaveLength(1);
    // the duplicate at step 310: the later (real) value is kept
    expect(s.ys[s.xs.indexOf(310)]).toBeLessThan(0.35);
    expect(s.lrs?.[0]).toBe(0.1);
    expect(s.lrs?.[79]).toBe(0.01);
    expect(s.notes?.join(' ')).toMatch(/repeated an earlier step/);
  });

  it('reads a TSV with epoch, train and validation loss', async () => {
    const log = await readLossLog(fixture('epoch-train-val.tsv'));
    expect(log.series.map((s) => [s.name, s.role, s.x, s.xs.length])).toEqual([
      ['train_loss', 'train', 'epoch', 30],
      ['val_loss', 'validation', 'epoch', 30],
    ]);
  });

  it('reads a headerless two-column file with a leading blank line (every column a series, x = row)', async () => {
    const log = await readLossLog(fixture('headerless-unet.csv'));
    expect(log.series.map((s) => s.name)).toEqual(['column 1', 'column 2']);
    expect(log.series[0].xs).toHaveLength(100);
    expect(log.series[0].ys[0]).toBe(0.8432);
    expect(log.series[1].ys[0]).toBe(0.6691);
    expect(log.series[0].role).toBe('other');
  });

  it('reads a headerless step,loss file whose counter restarts (stitched, said in notes)', async () => {
    const log = await readLossLog(fixture('poemgen-restart.txt'));
    const s = log.series[0];
    expect(log.series).toHaveLength(1);
    expect(s.xs).toHaveLength(229);
    for (let i = 1; i < s.xs.length; i++) expect(s.xs[i]).toBeGreaterThan(s.xs[i - 1]);
    expect(s.notes?.join(' ')).toMatch(/restarts 1 time.*line 24.*stitched/);
    const forced = await readLossLog(fixture('poemgen-restart.txt'), { restarts: 'split' });
    expect(forced.series).toHaveLength(2);
  });

  it('--x epoch renames the unnamed counter of a headerless file', async () => {
    const log = await readLossLog(fixture('poemgen-restart.txt'), { x: 'epoch' });
    expect(log.series[0].x).toBe('epoch');
  });
});

describe('messy tables', () => {
  function write(name: string, content: string): string {
    const file = path.join(tempDir(), name);
    writeFileSync(file, content);
    return file;
  }

  it('uses wall time as x when it is the only axis (seconds since the first point)', async () => {
    const log = await readLossLog(write('t.csv', 'timestamp,loss\n1700000000.5,2\n1700000010.5,1.5\n1700000030.5,1.2\n'));
    expect(log.series[0].x).toBe('time');
    expect(log.series[0].xs).toEqual([0, 10, 30]);
    expect(log.series[0].notes?.join(' ')).toMatch(/wall time/);
  });

  it('keeps nan and inf as logged, and skips blank cells', async () => {
    const log = await readLossLog(write('n.csv', '\ufeffstep,loss\r\n1,2\r\n2,\r\n3,1.5\r\n4,nan\r\n5,inf'));
    const s = log.series[0];
    expect(s.xs).toEqual([1, 3, 4, 5]);
    expect(s.ys.slice(0, 2)).toEqual([2, 1.5]);
    expect(Number.isNaN(s.ys[2])).toBe(true);
    expect(s.ys[3]).toBe(Number.POSITIVE_INFINITY);
  });

  it('reads one loss per line, with or without a header word', async () => {
    const bare = await readLossLog(write('losses.txt', '2.5\n2.0\n1.8\n1.7\n'));
    expect(bare.series[0]).toMatchObject({ name: 'column 1', x: 'step', xs: [1, 2, 3, 4], ys: [2.5, 2.0, 1.8, 1.7] });
    const named = await readLossLog(write('l.csv', 'loss\r\n2.5\r\n2.0\r\n'));
    expect(named.series[0]).toMatchObject({ name: 'loss', role: 'train', xs: [1, 2] });
  });

  it('reads semicolon and space separated files', async () => {
    const semi = await readLossLog(write('s.csv', 'epoch;loss;val_loss\n1;0.9;1.0\n2;0.8;0.95\n'));
    expect(semi.series.map((s) => [s.name, s.x, s.ys])).toEqual([
      ['loss', 'epoch', [0.9, 0.8]],
      ['val_loss', 'epoch', [1.0, 0.95]],
    ]);
    const spaced = await readLossLog(write('w.txt', '10   0.5\n20   0.4\n30   0.35\n'));
    expect(spaced.series[0].xs).toEqual([10, 20, 30]);
    expect(spaced.series[0].ys).toEqual([0.5, 0.4, 0.35]);
  });

  it('skips text cells in a numeric column and says where the first one was', async () => {
    const log = await readLossLog(write('x.csv', 'step,loss\n1,2\n2,oops\n3,1.5\n4,1.4\n'));
    expect(log.series[0].xs).toEqual([1, 3, 4]);
    expect(log.series[0].notes?.join(' ')).toMatch(/1 cell\(s\) were not numbers .*line 3: "oops"/);
  });

  it('analyses every numeric column when none is named like a loss', async () => {
    const log = await readLossLog(write('m.csv', 'step,objective,accuracy\n1,2,0.1\n2,1.5,0.2\n'));
    expect(log.series.map((s) => s.name)).toEqual(['objective', 'accuracy']);
    expect(log.notes?.join(' ')).toMatch(/no column is named like a loss/);
  });
});

describe('Keras CSVLogger', () => {
  it('reads \\r\\r\\n line endings, epoch from 0, loss/val_loss and learning_rate', async () => {
    const log = await readLossLog(fixture('keras-crcrlf.csv'));
    expect(log.format).toBe('keras');
    const loss = byName(log, 'loss');
    const val = byName(log, 'val_loss');
    expect(loss.x).toBe('epoch');
    expect(loss.xs).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(val.role).toBe('validation');
    expect(val.ys[0]).toBeCloseTo(3.6416454315185547, 12);
    expect(loss.lrs?.[0]).toBeCloseTo(0.001, 6);
    expect(loss.lrs?.[29]).toBeCloseTo(0.00025, 6);
  });

  it('splits two appended runs (epoch goes back to 0 and the loss starts over)', async () => {
    const log = await readLossLog(fixture('keras-two-runs.csv'));
    expect(log.series.map((s) => `${s.name}:${s.xs.length}`)).toEqual(['loss (run 1):50', 'loss (run 2):50', 'val_loss (run 1):50', 'val_loss (run 2):50']);
    expect(log.series[0].notes?.join(' ')).toMatch(/split into 2 runs/);
  });
});

describe('Lightning CSVLogger', () => {
  it('separates sparse step rows and epoch rows', async () => {
    const log = await readLossLog(fixture('lightning-aiops.metrics.csv'));
    expect(log.format).toBe('lightning');
    const epoch = byName(log, 'train_loss_epoch');
    const step = byName(log, 'train_loss_step');
    expect(epoch.x).toBe('epoch');
    expect(epoch.xs).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(epoch.ys[9]).toBeCloseTo(0.0216, 3);
    expect(step.x).toBe('step');
    expect(step.xs).toHaveLength(187);
    expect(step.stepsPerEpoch).toBeGreaterThan(900);
  });

  it('forward-fills an LR logged alone in the first row (lr-Adam)', async () => {
    const log = await readLossLog(fixture('lightning-camels.metrics.csv'));
    const s = byName(log, 'train_loss');
    expect(s.xs).toHaveLength(73);
    expect(new Set(s.lrs)).toEqual(new Set([0.003]));
  });
});

describe('TensorBoard scalar CSV', () => {
  it('uses Step as x and names the series from the tag in the file name', async () => {
    const log = await readLossLog(fixture('run-.-tag-loss.csv'));
    expect(log.format).toBe('tensorboard-csv');
    expect(log.series).toHaveLength(1);
    expect(log.series[0]).toMatchObject({ name: 'loss', role: 'train', x: 'step' });
    expect(log.series[0].xs).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(log.series[0].ys[1]).toBeCloseTo(18.378080368041992, 10);
  });

  it('reads a file without a final newline and uses wall time with --x time', async () => {
    const log = await readLossLog(fixture('tb-no-final-newline.csv'));
    expect(log.series[0].xs).toHaveLength(194);
    expect(log.series[0].ys[193]).toBeCloseTo(0.149, 3);
    const timed = await readLossLog(fixture('tb-no-final-newline.csv'), { x: 'time' });
    expect(timed.series[0].x).toBe('time');
    expect(timed.series[0].xs[0]).toBe(0);
    expect(timed.series[0].xs[1]).toBe(1621704186 - 1621700671);
  });
});

describe('W&B panel export', () => {
  it('gives one series per run and ignores __MIN/__MAX twins and _step columns', async () => {
    const log = await readLossLog(fixture('wandb-multi-run.csv'));
    expect(log.format).toBe('wandb');
    expect(log.series.map((s) => s.name)).toEqual([
      'elated-capybara-104 - epoch/loss',
      'divine-pond-103 - epoch/loss',
      'spring-sunset-102 - epoch/loss',
      'icy-cosmos-101 - epoch/loss',
    ]);
    expect(log.series.map((s) => s.xs.length)).toEqual([10, 9, 8, 10]);
    expect(log.series[0].x).toBe('epoch');
  });

  it('--column picks one run by its name', async () => {
    const log = await readLossLog(fixture('wandb-multi-run.csv'), { columns: ['divine-pond-103'] });
    expect(log.series.map((s) => s.name)).toEqual(['divine-pond-103 - epoch/loss']);
  });
});

describe('Hugging Face trainer_state.json', () => {
  it('reads loss and learning_rate per step and skips the summary entry', async () => {
    const log = await readLossLog(fixture('bert.trainer_state.json'));
    expect(log.format).toBe('hf-trainer-state');
    expect(log.series).toHaveLength(1);
    const s = log.series[0];
    expect(s).toMatchObject({ name: 'loss', role: 'train', x: 'step' });
    expect(s.xs).toHaveLength(51);
    expect(s.xs[50]).toBe(25500);
    expect(s.ys[0]).toBeCloseTo(0.981, 3);
    expect(s.lrs).toHaveLength(51);
    expect(log.notes?.join(' ')).toMatch(/summary/);
  });

  it('reads a CRLF trainer state (lora)', async () => {
    const log = await readLossLog(fixture('lora.trainer_state.json'));
    expect(log.series[0].xs).toHaveLength(25);
    expect(log.series[0].stepsPerEpoch).toBe(250);
  });

  it('gives eval_loss its own validation series and reads NaN written by Python', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'trainer_state.json');
    const history = [
      { step: 10, epoch: 0.5, loss: 2.0, learning_rate: 1e-4 },
      { step: 20, epoch: 1.0, loss: 1.5, learning_rate: 1e-4 },
      { step: 20, epoch: 1.0, eval_loss: 1.7 },
      { step: 30, epoch: 1.5, loss: 'NAN_HERE', learning_rate: 1e-4 },
      { step: 30, epoch: 1.5, train_loss: 1.6, train_runtime: 12 },
    ];
    writeFileSync(file, JSON.stringify({ global_step: 30, log_history: history }).replace('"NAN_HERE"', 'NaN'));
    const log = await readLossLog(file);
    expect(log.series.map((s) => [s.name, s.role, s.xs])).toEqual([
      ['loss', 'train', [10, 20, 30]],
      ['eval_loss', 'validation', [20]],
    ]);
    expect(Number.isNaN(log.series[0].ys[2])).toBe(true);
    expect(log.series[0].stepsPerEpoch).toBe(20);
  });
});

describe('other JSON shapes', () => {
  it('reads JSON lines (Detectron2 metrics.json): iteration is x, every *loss* key a series, lr attached', async () => {
    const file = path.join(tempDir(), 'metrics.json');
    const lines = Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({ data_time: 0.01, iteration: i * 20 + 19, loss_cls: 1 / (i + 1), loss_box_reg: 0.5 / (i + 1), lr: i < 20 ? 0.02 : 0.002, total_loss: 1.5 / (i + 1) }),
    );
    lines.splice(10, 0, JSON.stringify({ iteration: 199, 'bbox/AP': 12.5 })); // an evaluation record
    writeFileSync(file, lines.join('\n') + '\n');
    const log = await readLossLog(file);
    expect(log.format).toBe('jsonl');
    expect(log.series.map((s) => s.name)).toEqual(['loss_cls', 'loss_box_reg', 'total_loss']);
    const total = byName(log, 'total_loss');
    expect(total.x).toBe('step');
    expect(total.xs).toHaveLength(30);
    expect(total.lrs?.[29]).toBe(0.002);
  });

  it('names the line of a broken JSON line', async () => {
    const file = path.join(tempDir(), 'm.jsonl');
    writeFileSync(file, '{"step": 1, "loss": 2}\n{"step": 2, "loss": 1.5}\n{"step": 3, "loss": \n');
    await expect(readLossLog(file)).rejects.toThrow(/m\.jsonl:3: not a JSON object/);
  });

  it('reads a JSON array of records and a Keras history dict', async () => {
    const dir = tempDir();
    const arr = path.join(dir, 'log.json');
    writeFileSync(arr, JSON.stringify([{ epoch: 1, loss: 1 }, { epoch: 2, loss: 0.8 }, { epoch: 3, loss: 0.7 }], null, 2));
    const a = await readLossLog(arr);
    expect(a.format).toBe('json');
    expect(a.series[0]).toMatchObject({ name: 'loss', x: 'epoch', xs: [1, 2, 3], ys: [1, 0.8, 0.7] });
    const hist = path.join(dir, 'history.json');
    writeFileSync(hist, JSON.stringify({ loss: [1, 0.7, 0.6], val_loss: [1.1, 0.9, 0.85], accuracy: [0.5, 0.6, 0.7] }));
    const h = await readLossLog(hist);
    expect(h.series.map((s) => [s.name, s.role, s.x, s.xs])).toEqual([
      ['loss', 'train', 'epoch', [0, 1, 2]],
      ['val_loss', 'validation', 'epoch', [0, 1, 2]],
    ]);
  });
});

describe('text logs', () => {
  it('reads the default Step N: loss: X and epoch N loss=X lines', async () => {
    const log = await readLossLog(fixture('stdout.log'));
    expect(log.format).toBe('text');
    const s = byName(log, 'loss');
    expect(s.xs).toHaveLength(60);
    expect(s.x).toBe('step');
    expect(s.xs[59]).toBe(1200);
    const perEpoch = byName(log, 'loss (per epoch)');
    expect(perEpoch.x).toBe('epoch');
    expect(perEpoch.xs).toEqual([1, 2, 3]);
  });

  it('separates train and val lines of a loguru log', async () => {
    const log = await readLossLog(fixture('era-excerpt.log'));
    const train = byName(log, 'train loss');
    const val = byName(log, 'val loss');
    expect(train.role).toBe('train');
    expect(val.role).toBe('validation');
    expect(train.x).toBe('epoch');
    expect(train.xs.length).toBeGreaterThan(10);
  });

  it('keeps test-phase lines apart from training lines and splits restarted sessions', async () => {
    const log = await readLossLog(fixture('aocr-excerpt.log'));
    const names = log.series.map((s) => s.name);
    expect(names.some((n) => n.startsWith('global step loss'))).toBe(true);
    expect(names.some((n) => n.startsWith('loss [accuracy'))).toBe(true);
    const training = log.series.filter((s) => /^loss( \(run \d+\))?$/.test(s.name));
    expect(training.length).toBeGreaterThanOrEqual(2);
    expect(training[0].ys[0]).toBeCloseTo(3.706218, 6);
  });

  it('reads key=value lines with commas as text, not as a table', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'train.log');
    writeFileSync(file, Array.from({ length: 12 }, (_, i) => `epoch=${i + 1},loss=${(1 / (i + 1)).toFixed(3)},acc=0.5`).join('\n'));
    const log = await readLossLog(file);
    expect(log.format).toBe('text');
    expect(log.series[0].xs).toHaveLength(12);
    expect(log.series[0].x).toBe('epoch');
  });

  it('reads Keras progress output: the Epoch N/M line gives the x of the metrics lines below it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'keras.out');
    const out: string[] = [];
    for (let e = 1; e <= 6; e++) {
      out.push(`Epoch ${e}/6`);
      out.push(`   1/1875 [..............................] - ETA: 5:12 - loss: 2.4${e}`);
      out.push(`1875/1875 [==============================] - 3s 1ms/step - loss: ${(1 / e).toFixed(4)} - accuracy: 0.9 - val_loss: ${(1.2 / e).toFixed(4)} - lr: ${e <= 3 ? '0.0010' : '1.0000e-04'}`);
    }
    writeFileSync(file, out.join('\n') + '\n');
    const log = await readLossLog(file);
    const loss = byName(log, 'loss');
    expect(loss.x).toBe('epoch');
    expect(loss.xs).toEqual([1, 2, 3, 4, 5, 6]);
    expect(loss.ys[1]).toBe(0.5); // the epoch's last line wins over the progress line
    expect(loss.lrs).toEqual([0.001, 0.001, 0.001, 1e-4, 1e-4, 1e-4]);
    expect(byName(log, 'val_loss').role).toBe('validation');
  });

  it('reads Hugging Face Trainer stdout dicts with their learning rate', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'hf.out');
    const lines = Array.from({ length: 10 }, (_, i) => `{'loss': ${(2 / (i + 1)).toFixed(4)}, 'grad_norm': 1.5, 'learning_rate': ${(5e-5 * (1 - i / 10)).toExponential(3)}, 'epoch': ${(0.1 * (i + 1)).toFixed(2)}}`);
    writeFileSync(file, lines.join('\n') + '\n');
    const log = await readLossLog(file);
    expect(log.series).toHaveLength(1);
    expect(log.series[0].ys[0]).toBe(2);
    expect(log.series[0].lrs?.[0]).toBeCloseTo(5e-5, 12);
    expect(log.series[0].xs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('uses --pattern named groups', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'train.out');
    writeFileSync(file, Array.from({ length: 20 }, (_, i) => `[it ${i * 5}] objective=${(1 / (i + 1)).toFixed(4)} (head=a)`).join('\n'));
    const log = await readLossLog(file, { pattern: String.raw`\[it (?<step>\d+)\] objective=(?<loss>[\d.]+) \(head=(?<series>\w+)\)` });
    expect(log.series.map((s) => [s.name, s.xs.length, s.xs[19]])).toEqual([['a', 20, 95]]);
  });
});

describe('TensorBoard event files', () => {
  it('reads simple_value scalars of a real Lightning event file (excerpt)', async () => {
    const file = fixture('events.out.tfevents.era-excerpt');
    expect(await detectFormat(file)).toBe('tfevents');
    const log = await readLossLog(file);
    expect(log.format).toBe('tfevents');
    const step = byName(log, 'train/loss_step');
    expect(step.role).toBe('train');
    expect(step.xs[0]).toBe(49);
    expect(step.ys[0]).toBeCloseTo(6.730427265167236, 5);
    expect(step.lrs).toBeDefined();
    expect(byName(log, 'val/loss').role).toBe('validation');
  });

  it('reads tensor-encoded scalars (tensor_content and float_val) written with protobufjs', async () => {
    const root = protobuf.parse(`syntax = "proto3";
      message Event { double wall_time = 1; int64 step = 2; string file_version = 3; Summary summary = 5; }
      message Summary { repeated Value value = 1; message Value { string tag = 1; float simple_value = 2; TensorProto tensor = 8; SummaryMetadata metadata = 9; } }
      message SummaryMetadata { PluginData plugin_data = 1; message PluginData { string plugin_name = 1; bytes content = 2; } }
      message TensorProto { int32 dtype = 1; bytes tensor_content = 4; repeated float float_val = 5 [packed = true]; repeated double double_val = 6 [packed = true]; }`,
      { keepCase: true },
    ).root;
    const Event = root.lookupType('Event');
    const records: Buffer[] = [];
    const push = (payload: object) => records.push(frame(Buffer.from(Event.encode(Event.fromObject(payload)).finish())));
    push({ wall_time: 1000, file_version: 'brain.Event:2' });
    for (let step = 0; step < 30; step++) {
      const loss = 0.5 + 2 * Math.exp(-step / 5);
      const f32 = Buffer.alloc(4);
      f32.writeFloatLE(loss);
      const tensor = step % 2 === 0 ? { dtype: 1, tensor_content: f32 } : { dtype: 2, double_val: [loss] };
      push({ wall_time: 1000 + step, step, summary: { value: [{ tag: 'epoch_loss', tensor, metadata: { plugin_data: { plugin_name: 'scalars' } } }] } });
      push({ wall_time: 1000 + step, step, summary: { value: [{ tag: 'epoch_learning_rate', simple_value: 0.01 }] } });
    }
    const dir = tempDir();
    const file = path.join(dir, 'events.out.tfevents.123.host');
    writeFileSync(file, Buffer.concat(records));
    const log = await readLossLog(file);
    const s = byName(log, 'epoch_loss');
    expect(s.xs).toHaveLength(30);
    expect(s.ys[0]).toBeCloseTo(2.5, 6);
    expect(s.ys[1]).toBeCloseTo(0.5 + 2 * Math.exp(-1 / 5), 12);
    expect(s.lrs?.[5]).toBeCloseTo(0.01, 8);
    // a file cut in the middle of the last record (a writer mid-write) still reads
    writeFileSync(file, Buffer.concat(records).subarray(0, Buffer.concat(records).length - 5));
    const cut = await readLossLog(file);
    expect(cut.notes?.join(' ')).toMatch(/incomplete/);
  });

  it('decodes half and bfloat16 tensors', () => {
    const half = Buffer.from([0x00, 0x3c]); // 1.0 in IEEE half
    expect(tensorScalar({ dtype: 19, tensor_content: half })).toBe(1);
    expect(tensorScalar({ dtype: 14, half_val: [0x3f80] })).toBe(1);
  });
});

describe('plateau-doctor run directories', () => {
  it('reads steps.csv / epochs.csv / run.json of one run', async () => {
    const dir = tempDir();
    const run = path.join(dir, 'run-a');
    mkdirSync(run);
    writeFileSync(path.join(run, 'run.json'), JSON.stringify({ name: 'step', schedule: 'step', lrChanges: [] }));
    const steps = ['step,epoch,loss,lr'];
    for (let i = 1; i <= 40; i++) steps.push(`${i},${Math.ceil(i / 10)},${(1 + 2 * Math.exp(-i / 6)).toFixed(5)},${i <= 20 ? 0.01 : 0.001}`);
    writeFileSync(path.join(run, 'steps.csv'), steps.join('\n') + '\n');
    const epochs = ['epoch,train_loss,val_loss,val_accuracy,test_loss,test_accuracy,lr,seconds'];
    for (let e = 1; e <= 4; e++) epochs.push(`${e},${1.5 - e * 0.1},${1.6 - e * 0.1},0.9,1.5,0.9,0.01,1`);
    writeFileSync(path.join(run, 'epochs.csv'), epochs.join('\n') + '\n');
    const log = await readLossLog(run);
    expect(log.format).toBe('run-dir');
    expect(log.series.map((s) => [s.name, s.x, s.xs.length])).toEqual([
      ['train loss', 'step', 40],
      ['val loss', 'epoch', 4],
    ]);
    expect(log.series[0].stepsPerEpoch).toBe(10);
    expect(log.series[0].lrs?.[39]).toBe(0.001);
  });
});

describe('plateau-doctor output directories', () => {
  it('reads every run of an output directory, in summary.json order, prefixing series with the run name', async () => {
    const out = tempDir();
    for (const name of ['none', 'step']) {
      const run = path.join(out, name);
      mkdirSync(run);
      writeFileSync(path.join(run, 'run.json'), JSON.stringify({ name, schedule: name, lrChanges: [] }));
      writeFileSync(path.join(run, 'steps.csv'), ['step,epoch,loss,lr', '1,1,2.0,0.01', '2,1,1.5,0.01', '3,2,1.2,0.01', '4,2,1.1,0.01'].join('\n') + '\n');
      writeFileSync(path.join(run, 'epochs.csv'), 'epoch,train_loss,val_loss,val_accuracy,test_loss,test_accuracy,lr,seconds\n1,1.7,,,1.6,0.5,0.01,1\n2,1.15,,,1.1,0.6,0.01,1\n');
    }
    writeFileSync(path.join(out, 'summary.json'), JSON.stringify({ runs: [{ dir: 'step' }, { dir: 'none' }] }));
    const log = await readLossLog(out);
    expect(log.format).toBe('run-dir');
    // no validation set (--val-size 0): only the per-step train loss of each run
    expect(log.series.map((s) => s.name)).toEqual(['step train loss', 'none train loss']);
    const epochs = await readLossLog(out, { x: 'epoch' });
    expect(epochs.series.map((s) => [s.name, s.xs])).toEqual([
      ['step train loss (epoch)', [1, 2]],
      ['none train loss (epoch)', [1, 2]],
    ]);
  });
});
