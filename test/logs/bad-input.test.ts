import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlateauDoctorError } from '../../src/errors.js';
import { readLossLog } from '../../src/logs/read-loss-log.js';
import { fixture, tempDir } from './helpers.js';

async function errorOf(file: string, options = {}): Promise<string> {
  try {
    await readLossLog(file, options);
  } catch (error) {
    expect(error).toBeInstanceOf(PlateauDoctorError);
    const message = (error as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toContain(file);
    return message;
  }
  throw new Error(`reading ${file} did not fail`);
}

function write(name: string, content: string | Buffer): string {
  const file = path.join(tempDir(), name);
  writeFileSync(file, content);
  return file;
}

describe('bad input gives one line naming the file (and the line)', () => {
  it('missing file', async () => {
    expect(await errorOf('/nonexistent/dir/loss.csv')).toMatch(/no such file/);
  });
  it('a directory that is not a run directory', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'sub'));
    expect(await errorOf(dir)).toMatch(/is a directory/);
  });
  it('empty file', async () => {
    expect(await errorOf(write('empty.csv', ''))).toMatch(/empty/);
  });
  it('only blank lines', async () => {
    expect(await errorOf(write('blank.csv', '\n\r\n  \n'))).toMatch(/empty/);
  });
  it('header only', async () => {
    expect(await errorOf(write('h.csv', 'step,loss\r\n'))).toMatch(/h\.csv:1: .*header but no data rows/);
  });
  it('no numeric column, with the line and column of the first bad cell', async () => {
    expect(await errorOf(write('t.csv', 'name,loss\nfoo,bar\nbaz,qux\n'))).toMatch(/t\.csv:2:2: "bar" is not a number; no numeric column/);
  });
  it('binary garbage', async () => {
    const bytes = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256));
    expect(await errorOf(write('garbage.bin', bytes))).toMatch(/binary|not text|not a TensorBoard/);
  });
  it('UTF-16, gzip and ZIP files say what they are', async () => {
    expect(await errorOf(write('u16.csv', Buffer.from('\ufeffstep,loss\n1,2\n', 'utf16le')))).toMatch(/UTF-16 text.*save it as UTF-8/);
    expect(await errorOf(write('log.csv.gz', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0])))).toMatch(/gzip-compressed/);
    expect(await errorOf(write('book.xlsx', Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0])))).toMatch(/ZIP archive/);
  });
  it('a JSON file that is not a trainer state', async () => {
    expect(await errorOf(write('config.json', '{"model": "bert", "lr": 0.1}'))).toMatch(/not a Hugging Face trainer_state\.json/);
  });
  it('broken JSON, with line and column', async () => {
    expect(await errorOf(write('broken.json', '{\n  "log_history": [\n    {"loss": 1,}\n  ]\n}'))).toMatch(/broken\.json:3:\d+: not valid JSON/);
  });
  it('broken JSON: the exact line and column on Node versions whose messages give no position, on one line', async () => {
    const message = await errorOf(write('b.json', '{"a": [1,2,\n  3,, 4]}'));
    expect(message).toMatch(/b\.json:2:5: not valid JSON/);
  });
  it('a loss column that is mostly text points at its first bad cell', async () => {
    expect(await errorOf(write('bad.csv', 'step,loss\n1,0.5\n2,abc\n3,"x\n'))).toMatch(/bad\.csv:3:2: "abc" is not a number; no loss column found/);
  });
  it('a broken one-line trainer state is reported as broken JSON, not read as a text log', async () => {
    expect(await errorOf(write('trainer_state.json', '{"log_history": [ {"step": 1, "loss": 0.5},, ]}'))).toMatch(/trainer_state\.json:1:44: not valid JSON/);
  });
  it('a summary-only trainer state says it has no per-step loss', async () => {
    const file = fixture('summary-only.trainer_state.json');
    const message = await errorOf(file);
    expect(message).toMatch(/no per-step loss/);
    expect(message).toMatch(/logging_steps \(996\) is larger than max_steps \(768\)/);
  });
  it('--format csv on a text log says it is not a table', async () => {
    expect(await errorOf(write('run.log', 'starting the run now\nStep 1: loss: 2\n'), { format: 'csv' })).toMatch(/run\.log:1: not a delimited table/);
  });
  it('a text file without any loss value', async () => {
    expect(await errorOf(write('notes.txt', 'hello world\nnothing to see\n'))).toMatch(/no "loss: <number>"/);
  });
  it('a corrupt event file names the record', async () => {
    const bytes = Buffer.alloc(64, 7);
    expect(await errorOf(write('events.out.tfevents.1.x', bytes))).toMatch(/not a TensorBoard event file, or corrupt: .*byte 0/);
  });
  it('--column naming a column that does not exist lists the columns', async () => {
    expect(await errorOf(fixture('step-loss-lr.csv'), { columns: ['val_loss'] })).toMatch(/no numeric column named "val_loss" \(columns: step, loss, lr\)/);
  });
  it('--column names that match nothing in one file are fine when another matches', async () => {
    const log = await readLossLog(fixture('keras-crcrlf.csv'), { columns: ['eval_loss', 'val_loss'] });
    expect(log.series.map((s) => s.name)).toEqual(['val_loss']);
    expect(await errorOf(fixture('keras-crcrlf.csv'), { columns: ['eval_loss', 'train_loss'] })).toMatch(/no numeric column named "eval_loss" or "train_loss"/);
  });
  it('--x epoch on a file without epochs', async () => {
    expect(await errorOf(fixture('step-loss-lr.csv'), { x: 'epoch' })).toMatch(/no epoch column/);
  });
});

describe('jsonErrorOffset', () => {
  it('finds the first syntax error, or -1 for valid JSON (NaN and Infinity allowed)', async () => {
    const { jsonErrorOffset } = await import('../../src/logs/json-text.js');
    expect(jsonErrorOffset('{"a": [1,2,\n  3,, 4]}')).toBe(16);
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(jsonErrorOffset('[1, 2')).toBe(5);
    expect(jsonErrorOffset('{"a": "unterminated')).toBe(19);
    expect(jsonErrorOffset('{"loss": NaN, "x": [-Infinity, 1e-3, "q\\"uote"]}')).toBe(-1);
    expect(jsonErrorOffset('{} extra')).toBe(3);
  });
});
