import { mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat, readLossLog } from '../../src/logs/read-loss-log.js';
import { wandbRecordType } from '../../src/logs/wandb-proto.js';
import { sharedDir, sharedPath, skipNote } from '../helpers/shared.js';
import { fixture, seriesNamed, tempDir } from './helpers.js';

const byName = seriesNamed;

// --- A minimal writer, following wandb/sdk/internal/datastore.py, for synthetic files. ---
const BLOCK = 32768;

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

function writeWandb(records: object[]): Buffer {
  const out: Buffer[] = [Buffer.from([0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0x00])];
  let index = 7;
  const frame = (type: number, data: Uint8Array) => {
    const head = Buffer.alloc(7);
    head.writeUInt32LE(crc32(Buffer.concat([Buffer.from([type]), data])), 0);
    head.writeUInt16LE(data.length, 4);
    head[6] = type;
    out.push(head, Buffer.from(data));
    index += 7 + data.length;
  };
  const type = wandbRecordType();
  for (const r of records) {
    let data: Uint8Array = type.encode(type.fromObject(r)).finish();
    let first = true;
    for (;;) {
      let left = BLOCK - (index % BLOCK);
      if (left < 7) {
        out.push(Buffer.alloc(left));
        index += left;
        left = BLOCK;
      }
      const room = left - 7;
      if (data.length <= room) {
        frame(first ? 1 : 4, data);
        break;
      }
      frame(first ? 2 : 3, data.subarray(0, room));
      data = data.subarray(room);
      first = false;
    }
  }
  return Buffer.concat(out);
}

const item = (key: string, value: string, nested = false) => (nested ? { nested_key: [key], value_json: value } : { key, value_json: value });

describe('W&B run files (.wandb)', () => {
  it('reads a legacy (wandb 0.13) file cut off mid-block: the complete rows, and where it stopped', async () => {
    const file = fixture('wandb-pino-prefix.wandb');
    expect(await detectFormat(file)).toBe('wandb-run');
    const log = await readLossLog(file);
    expect(log.format).toBe('wandb-run');
    expect(log.series.map((s) => [s.name, s.role, s.x, s.xs.length])).toEqual([
      ['train loss', 'train', 'step', 19],
      ['f loss', 'train', 'step', 19],
      ['data loss', 'train', 'step', 19],
    ]);
    expect(byName(log, 'train loss').ys[0]).toBeCloseTo(1.9439345301389694, 12);
    expect(log.notes?.join(' ')).toMatch(/W&B run 10bruc22 in project PINO-Darcy-pretrain/);
    expect(log.notes?.join(' ')).toMatch(/ends in the middle of a record at byte 35242.*82 complete records/);
  });

  it('reads a Go-core (wandb 0.24) file: keys from nested_key, summary records not counted as rows', async () => {
    const log = await readLossLog(fixture('wandb-tinylm-prefix.wandb'));
    const s = byName(log, 'train/loss');
    expect(log.series).toHaveLength(1);
    expect(s.xs).toHaveLength(54);
    expect([s.xs[0], s.xs[1], s.xs[53]]).toEqual([0, 50, 2650]);
    expect(s.ys[0]).toBeCloseTo(8.947674751281738, 12);
    expect(s.lrs).toHaveLength(54); // train/lr
    expect(log.notes?.[0]).toMatch(/kj3gdsjx "tinylm_pretrain_512d_8L".*wandb 0\.24\.2/);
  });

  it('reassembles records split over blocks, skips zero-filled block tails, keeps NaN as logged', async () => {
    const records: object[] = [{ header: { version_info: { producer: '0.16.0' } } }, { run: { run_id: 'abc', display_name: 'demo' } }];
    for (let step = 0; step < 400; step++) {
      const items = [item('_step', String(step)), item('loss', step === 399 ? 'NaN' : String(2 / (1 + step / 50))), item('lr', '0.1')];
      // A long text item (not a number) makes some records span block boundaries.
      if (step % 40 === 0) items.push(item('table', JSON.stringify('x'.repeat(40000))));
      records.push({ num: step + 3, history: { item: items, step: step === 0 ? {} : { num: step } } });
    }
    records.push({ exit: { exit_code: 0, runtime: 12 } }, { footer: {} });
    const dir = tempDir();
    const file = path.join(dir, 'run-abc.wandb');
    writeFileSync(file, writeWandb(records));
    const log = await readLossLog(file);
    const s = byName(log, 'loss');
    expect(s.xs).toHaveLength(400);
    expect(s.xs[399]).toBe(399);
    expect(s.ys[100]).toBeCloseTo(2 / 3, 12);
    expect(Number.isNaN(s.ys[399])).toBe(true);
    expect(log.notes?.join(' ')).toMatch(/W&B run abc "demo", written by wandb 0\.16\.0: 400 history rows in 404 records/);
    expect(log.notes?.join(' ')).not.toMatch(/stopped|middle|no exit/);

    // A W&B run folder (wandb/run-<date>-<id>/) reads through its .wandb file.
    const runDir = path.join(dir, 'wandb', 'run-20240101_000000-abc');
    mkdirSync(runDir, { recursive: true });
    copyFileSync(file, path.join(runDir, 'run-abc.wandb'));
    expect(await detectFormat(runDir)).toBe('wandb-run');
    expect(byName(await readLossLog(runDir), 'loss').xs).toHaveLength(400);
  });

  it('stops at a corrupt frame with a note naming the byte; a file with no complete row is one line', async () => {
    const records: object[] = [];
    for (let step = 0; step < 50; step++) records.push({ history: { item: [item('_step', String(step)), item('loss', String(1 / (step + 1)))], step: { num: step } } });
    const bytes = writeWandb(records);
    const dir = tempDir();
    const corrupt = Buffer.from(bytes);
    corrupt[700] ^= 0xff;
    writeFileSync(path.join(dir, 'corrupt.wandb'), corrupt);
    const log = await readLossLog(path.join(dir, 'corrupt.wandb'));
    expect(byName(log, 'loss').xs.length).toBeGreaterThan(5);
    expect(byName(log, 'loss').xs.length).toBeLessThan(50);
    expect(log.notes?.join(' ')).toMatch(/reading stopped at byte \d+ of the file: frame checksum mismatch/);

    writeFileSync(path.join(dir, 'short.wandb'), bytes.subarray(0, 20));
    await expect(readLossLog(path.join(dir, 'short.wandb'))).rejects.toThrow(/short\.wandb: a W&B run file with no history rows \(0 records\); the file ends in the middle of a record at byte 7/);
    const bad = Buffer.from(bytes);
    bad[6] = 1; // version 1
    writeFileSync(path.join(dir, 'version.wandb'), bad);
    await expect(readLossLog(path.join(dir, 'version.wandb'), { format: 'wandb-run' })).rejects.toThrow(/version\.wandb: not a W&B run file/);
  });
});

/** Series and point counts per file, from shared/real-logs-2/MANIFEST.md. */
const REAL: Record<string, [string, number][]> = {
  'pino-cp/run-10bruc22.wandb': [['train loss', 300], ['f loss', 300], ['data loss', 300]],
  'very-simple-transformer/run-t2wihhdg.wandb': [['train_loss_local', 2912]],
  'stanford-alpaca/run-g4v1y6lg.wandb': [['train/loss', 1218], ['train/train_loss', 1]],
  'classifiers-pretraining/run-i892gopf.wandb': [['average_loss', 200], ['average_val_loss', 200]],
  'tinylm/run-kj3gdsjx.wandb': [['train/loss', 2144], ['val/loss', 1]],
};

describe.skipIf(!sharedDir)(`real W&B run files ${sharedDir ? '' : skipNote('the W&B corpus')}`, () => {
  it.each(Object.keys(REAL))('%s gives the loss series of MANIFEST.md', async (rel) => {
    const log = await readLossLog(sharedPath('real-logs-2', 'wandb-run', rel));
    expect(log.series.map((s) => [s.name, s.xs.length])).toEqual(REAL[rel]);
    expect(log.notes?.join(' ')).not.toMatch(/stopped|middle of a record/);
  });
});
