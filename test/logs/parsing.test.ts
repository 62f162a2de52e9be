import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCell } from '../../src/logs/values.js';
import { readLineBatches, splitDelimited } from '../../src/logs/line-reader.js';
import { buildSeries } from '../../src/logs/series-build.js';
import { columnKind, roleOf } from '../../src/logs/columns.js';
import { compilePattern, matchDefault } from '../../src/logs/text-log.js';
import { readLossLog } from '../../src/logs/read-loss-log.js';
import { tempDir } from './helpers.js';

async function lines(file: string, opts = {}) {
  const out: { text: string; line: number }[] = [];
  for await (const b of readLineBatches(file, opts)) b.lines.forEach((text, i) => out.push({ text, line: b.firstLine + i }));
  return out;
}

describe('parseCell', () => {
  it.each([
    ['0.53', 0.53],
    ['1e-3', 0.001],
    [' 2.5 ', 2.5],
    ['nan', Number.NaN],
    ['NaN', Number.NaN],
    ['inf', Number.POSITIVE_INFINITY],
    ['-inf', Number.NEGATIVE_INFINITY],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['tensor(0.25)', 0.25],
  ])('reads %j as a number', (raw, expected) => {
    expect(parseCell(raw)).toBe(expected);
  });
  it.each(['', 'NA', 'null', 'None', '""', '  '])('reads %j as missing', (raw) => {
    expect(parseCell(raw)).toBeNull();
  });
  it.each(['abc', '0x10', 'loss'])('reads %j as text', (raw) => {
    expect(parseCell(raw)).toBeUndefined();
  });
});

describe('readLineBatches', () => {
  it('strips CRLF and \\r\\r\\n, a BOM, and keeps a last line without newline', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.csv');
    writeFileSync(file, '\ufeffa,b\r\r\n1,2\r\n3,4\n5,6');
    expect((await lines(file)).map((l) => l.text)).toEqual(['a,b', '1,2', '3,4', '5,6']);
    expect((await lines(file, { keepPartialLastLine: false })).map((l) => l.text)).toEqual(['a,b', '1,2', '3,4']);
  });
  it('reads CR-only line ends (classic Mac) as lines', async () => {
    const file = path.join(tempDir(), 'mac.csv');
    writeFileSync(file, 'step,loss\r1,0.5\r2,0.4\r3,0.3');
    expect((await lines(file)).map((l) => l.text)).toEqual(['step,loss', '1,0.5', '2,0.4', '3,0.3']);
    expect((await readLossLog(file)).series[0].xs).toEqual([1, 2, 3]);
  });
  it('numbers lines across chunk boundaries', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'b.csv');
    const body = Array.from({ length: 200 }, (_, i) => `${i},${(1 / (i + 1)).toFixed(6)}`).join('\r\n') + '\r\n';
    writeFileSync(file, body);
    const got = await lines(file, { chunkSize: 7 });
    expect(got).toHaveLength(200);
    expect(got[150]).toEqual({ text: `150,${(1 / 151).toFixed(6)}`, line: 151 });
  });
  it('splits quoted cells', () => {
    expect(splitDelimited('"a, b","",3', ',')).toEqual(['a, b', '', '3']);
    expect(splitDelimited('"say ""hi""",2', ',')).toEqual(['say "hi"', '2']);
  });
});

describe('column roles', () => {
  it.each([
    ['loss', 'loss'],
    ['val_loss', 'loss'],
    ['train/box_loss', 'loss'],
    ['lr', 'lr'],
    ['learning_rate', 'lr'],
    ['lr-Adam', 'lr'],
    ['lr/pg0', 'lr'],
    ['Wall time', 'time'],
    ['Step', 'step'],
    ['epoch', 'epoch'],
    ['accuracy', 'other'],
  ])('%s is %s', (name, kind) => expect(columnKind(name)).toBe(kind));
  it('tells train from validation', () => {
    expect(roleOf('loss')).toBe('train');
    expect(roleOf('val_loss')).toBe('validation');
    expect(roleOf('eval_loss')).toBe('validation');
    expect(roleOf('val/box_loss')).toBe('validation');
    expect(roleOf('test_loss')).toBe('test');
  });
});

describe('buildSeries', () => {
  it('keeps the last value of a repeated x and says so', () => {
    const [s] = buildSeries({ name: 'loss', role: 'train', x: 'step', xs: [1, 2, 2, 3], ys: [5, 4, 3.5, 3] });
    expect(s.xs).toEqual([1, 2, 3]);
    expect(s.ys).toEqual([5, 3.5, 3]);
    expect(s.notes?.join(' ')).toMatch(/1 point\(s\) repeated/);
  });
  it('stitches a resumed run (the loss carries on) and shifts x', () => {
    const [s, more] = buildSeries({ name: 'loss', role: 'train', x: 'epoch', xs: [1, 2, 3, 4, 1, 2, 3], ys: [6, 5, 4.5, 4.2, 4.1, 4.0, 3.9], lines: [1, 2, 3, 4, 5, 6, 7] });
    expect(more).toBeUndefined();
    expect(s.xs).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(s.notes?.join(' ')).toMatch(/restarts 1 time\(s\) \(at line 5\).*stitched/);
  });
  it('splits a fresh run (the loss starts over) into two series', () => {
    const out = buildSeries({ name: 'loss', role: 'train', x: 'epoch', xs: [0, 1, 2, 3, 0, 1, 2, 3], ys: [0.6, 0.5, 0.45, 0.44, 0.61, 0.5, 0.46, 0.45] });
    expect(out.map((s) => s.name)).toEqual(['loss (run 1)', 'loss (run 2)']);
    expect(out[1].xs).toEqual([0, 1, 2, 3]);
    expect(out[0].notes?.join(' ')).toMatch(/split into 2 runs/);
  });
  it('splits a fresh run after a short one (3 points: its start and end levels are not the same points)', () => {
    // attention-ocr's aocr.log: "Step 1..3" at 3.71 3.49 3.37, then "Step 1..4" from 3.68 again.
    const out = buildSeries({ name: 'loss', role: 'train', x: 'step', xs: [1, 2, 3, 1, 2, 3, 4], ys: [3.71, 3.49, 3.37, 3.68, 3.43, 3.28, 3.27] });
    expect(out.map((s) => s.name)).toEqual(['loss (run 1)', 'loss (run 2)']);
    const [resumed] = buildSeries({ name: 'loss', role: 'train', x: 'step', xs: [1, 2, 3, 1, 2, 3, 4], ys: [3.71, 3.49, 3.37, 3.36, 3.3, 3.28, 3.27] });
    expect(resumed.xs).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
  it('obeys a forced mode', () => {
    const raw = { name: 'l', role: 'train' as const, x: 'step' as const, xs: [1, 2, 1, 2], ys: [3, 2, 3, 2] };
    expect(buildSeries(raw, { restarts: 'stitch' })).toHaveLength(1);
    expect(buildSeries({ ...raw, ys: [3, 2, 2, 1] }, { restarts: 'split' })).toHaveLength(2);
  });
  it('fills LR gaps forward', () => {
    const [s] = buildSeries({ name: 'l', role: 'train', x: 'step', xs: [1, 2, 3], ys: [1, 1, 1], lrs: [Number.NaN, 0.1, Number.NaN] });
    expect(s.lrs).toEqual([0.1, 0.1, 0.1]);
  });
});

describe('text matcher', () => {
  it('reads the documented default lines', () => {
    expect(matchDefault('Step 120: loss: 0.53')).toMatchObject([{ series: 'loss', loss: 0.53, step: 120 }]);
    expect(matchDefault('epoch 3 loss=0.41')).toMatchObject([{ series: 'loss', loss: 0.41, epoch: 3 }]);
    expect(matchDefault('Epoch 2 - loss: 0.3 - val_loss: 0.4').map((m) => [m.series, m.loss])).toEqual([
      ['loss', 0.3],
      ['val_loss', 0.4],
    ]);
    expect(matchDefault('📊 EPOCH 4 VAL   - Loss: 5.0507, Acc: 10.41%')).toMatchObject([{ series: 'val loss', loss: 5.0507, epoch: 4 }]);
    expect(matchDefault('INFO Global step 0. Time: 0.000, loss: 0.000000')).toMatchObject([{ series: 'global step loss', step: 0 }]);
    expect(matchDefault('loss_scale: 128')).toEqual([]);
    expect(matchDefault('no numbers here')).toEqual([]);
  });
  it('compiles a --pattern with named groups', () => {
    const m = compilePattern(String.raw`it=(?<step>\d+) L=(?<loss>[\d.]+)`);
    expect(m('it=42 L=0.25')).toEqual([{ series: 'loss', loss: 0.25, step: 42 }]);
    expect(() => compilePattern('(unclosed')).toThrow(/not a valid regular expression/);
    expect(() => compilePattern(String.raw`step (\d+)`)).toThrow(/\(\?<loss>/);
  });
});
