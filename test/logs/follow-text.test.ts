import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FollowedLog, type FollowUpdate } from '../../src/logs/follow-reader.js';
import { readLossLog, type ReadLossLogOptions } from '../../src/logs/read-loss-log.js';
import { Rng } from '../../src/rng.js';
import { fixture, tempDir } from './helpers.js';

/** What a poll or a read gives, in comparable form: every series' points, LR and notes, or the error. */
type Seen = { error: string } | { format: string; notes: string[]; series: unknown[] };

function seen(log: { format: string; notes?: string[]; series: { name: string; role: string; x: string; xs: number[]; ys: number[]; lrs?: number[]; stepsPerEpoch?: number; notes?: string[] }[] }): Seen {
  return {
    format: log.format,
    notes: log.notes ?? [],
    series: log.series.map((s) => ({ name: s.name, role: s.role, x: s.x, xs: [...s.xs], ys: [...s.ys], lrs: s.lrs && [...s.lrs], stepsPerEpoch: s.stepsPerEpoch, notes: s.notes })),
  };
}

/** A fresh full read of the file as it is now, without its half-written last line (what a poll must agree with). */
async function fresh(file: string, options: ReadLossLogOptions): Promise<Seen> {
  try {
    return seen(await readLossLog(file, { ...options, dropPartialLastLine: true }));
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function polled(u: FollowUpdate, last: Seen | undefined): Seen | undefined {
  if (u.kind === 'error') return { error: u.error };
  if (u.kind === 'read' || u.kind === 'appended') return seen(u.log);
  return last;
}

/**
 * Writes `bytes` to a new file in the pieces that `cuts` (byte offsets) make, polling after each
 * piece, and checks every poll against a fresh read of the file so far. Returns the kinds of the polls.
 */
async function followInPieces(name: string, bytes: Buffer, cuts: number[], options: ReadLossLogOptions = {}): Promise<string[]> {
  const file = path.join(tempDir('pd-follow-text-'), name);
  const ends = [...new Set([...cuts.filter((c) => c > 0 && c < bytes.length), bytes.length])].sort((a, b) => a - b);
  writeFileSync(file, '');
  const f = new FollowedLog(file, options);
  const kinds: string[] = [];
  let from = 0;
  let last: Seen | undefined;
  for (const end of ends) {
    appendFileSync(file, bytes.subarray(from, end));
    from = end;
    const u = await f.poll();
    kinds.push(u.kind);
    last = polled(u, last);
    expect(last, `${name} after byte ${end} of ${bytes.length} (poll: ${u.kind})`).toEqual(await fresh(file, options));
  }
  return kinds;
}

/** Byte offsets that cut inside a multi-byte UTF-8 character, after a CR, and at random places. */
function cutsFor(bytes: Buffer, seed: number, random = 14): number[] {
  const rng = new Rng(seed);
  const cuts = Array.from({ length: random }, () => 1 + rng.int(bytes.length - 1));
  let inChar = 0;
  let afterCr = 0;
  for (let i = 1; i < bytes.length; i++) {
    // A continuation byte (10xxxxxx): cutting before it leaves its character in two pieces.
    if ((bytes[i] & 0xc0) === 0x80 && inChar < 4 && rng.uniform() < 0.5) {
      cuts.push(i);
      inChar++;
    }
    if (bytes[i - 1] === 13 && afterCr < 3 && rng.uniform() < 0.2) {
      cuts.push(i);
      afterCr++;
    }
  }
  return cuts;
}

describe('--follow on text logs: pieces cut anywhere give what a full read gives', () => {
  // Each dialect's fixture; `continued`: some polls append to the series rather than read again.
  const cases: { name: string; continued: boolean }[] = [
    { name: 'llmc-main.log', continued: true },
    { name: 'llmc-stdout-excerpt.log', continued: true },
    { name: 'nanogpt-stdout.log', continued: true },
    { name: 'fairseq-synthetic.log', continued: true },
    { name: 'fairseq-glat-excerpt.log', continued: true },
    { name: 'megatron-synthetic.log', continued: true },
    { name: 'mmengine-excerpt.log', continued: true },
    // The built-in matcher: emoji on the loss lines, `| epoch 2 | 200/ 2983 batches |` counters.
    { name: 'era-excerpt.log', continued: true },
    { name: 'word-language-model.md', continued: true },
    { name: 'stdout.log', continued: true },
    // Read again when the counter goes back (runs in one file) or an x repeats (YOLO's last row twice).
    { name: 'yolox-two-runs-excerpt.log', continued: true },
    { name: 'yolov5-console.log', continued: false },
    { name: 'keras-appended-runs.txt', continued: false },
    { name: 'aocr-excerpt.log', continued: false },
  ];
  for (const [k, c] of cases.entries()) {
    it(`${c.name}${c.continued ? '' : ' (read again)'}`, async () => {
      const bytes = readFileSync(fixture(c.name));
      const kinds = await followInPieces(c.name, bytes, cutsFor(bytes, 1000 + k));
      if (c.continued) expect(kinds.filter((u) => u === 'appended').length, kinds.join(' ')).toBeGreaterThanOrEqual(3);
    });
  }

  it('multi-byte characters cut between pieces keep their series names (--pattern with a series group)', async () => {
    const names = ['entraînement', 'validación', '損失', 'loss🙂'];
    const text = Array.from({ length: 60 }, (_, i) => `step ${i + 1} ${names[i % 4]} loss=${(2 / (i + 1)).toFixed(4)} ✓\n`).join('');
    const bytes = Buffer.from(text, 'utf8');
    const options = { pattern: String.raw`step (?<step>\d+) (?<series>\S+) loss=(?<loss>[\d.]+)` };
    // The first piece holds a line of each series; every later piece starts inside a character.
    const firstPiece = Buffer.byteLength(text.split('\n').slice(0, 4).join('\n') + '\n');
    const cuts = [firstPiece];
    for (let i = firstPiece + 1; i < bytes.length; i++) if ((bytes[i] & 0xc0) === 0x80) cuts.push(i);
    const kinds = await followInPieces('names.log', bytes, cuts, options);
    expect(kinds[0]).toBe('read');
    expect(kinds.slice(1).every((u) => u === 'appended'), kinds.join(' ')).toBe(true);
  });
});

describe('--follow on text logs: read again from the start when appending could differ', () => {
  /** Polls, checks the result against a fresh read, and returns the poll's kind. */
  async function pollKind(f: FollowedLog): Promise<string> {
    const u = await f.poll();
    if (u.kind !== 'unchanged') expect(polled(u, undefined)).toEqual(await fresh(f.file, {}));
    return u.kind;
  }

  it('a dialect decided on a few lines that more lines overturn (nanoGPT claims the file at its second iter line)', async () => {
    const file = path.join(tempDir(), 'train.log');
    writeFileSync(file, 'iter 0: loss 4.2000, time 10.00ms, mfu -100.00%\n');
    const f = new FollowedLog(file);
    const first = await f.poll();
    expect(first.kind === 'read' && first.log.series.map((s) => s.name)).toEqual(['loss']);
    appendFileSync(file, 'iter 1: loss 4.1000, time 10.00ms, mfu -100.00%\n');
    const next = await f.poll();
    expect(next.kind === 'read' && next.log.series.map((s) => s.name)).toEqual(['iter loss']);
    appendFileSync(file, 'iter 2: loss 4.0000, time 10.00ms, mfu -100.00%\n');
    expect(await pollKind(f)).toBe('appended');
  });

  it('a file rewritten with longer content (not appended to)', async () => {
    const file = path.join(tempDir(), 'train.log');
    writeFileSync(file, 'step 1 loss: 2.0\nstep 2 loss: 1.5\n');
    const f = new FollowedLog(file);
    expect(await pollKind(f)).toBe('read');
    writeFileSync(file, 'step 1 loss: 9.0\nstep 2 loss: 8.5\nstep 3 loss: 8.0\n');
    const u = await f.poll();
    expect(u.kind).toBe('read');
    expect(u.kind === 'read' && u.log.series[0].ys).toEqual([9, 8.5, 8]);
  });

  it('a start whose format changes as it grows (a CSV header, then loss lines within the first 64 KiB)', async () => {
    const file = path.join(tempDir(), 'log.txt');
    writeFileSync(file, 'step,loss\n# run 1\n1,0.9\n2,0.8\n');
    const f = new FollowedLog(file);
    const first = await f.poll();
    expect(first.kind === 'read' && first.log.format).toBe('csv');
    appendFileSync(file, 'step 3 loss: 0.7\n');
    const u = await f.poll();
    expect(polled(u, undefined)).toEqual(await fresh(file, {}));
    expect(u.kind === 'read' && u.log.format).toBe('text');
  });

  it('an LR that appears later, a new series, a counter that goes back', async () => {
    const file = path.join(tempDir(), 'train.log');
    writeFileSync(file, 'step 1 loss: 2.0\nstep 2 loss: 1.5\n');
    const f = new FollowedLog(file);
    await f.poll();
    appendFileSync(file, 'step 3 loss: 1.4\n');
    expect(await pollKind(f)).toBe('appended');
    appendFileSync(file, 'step 4 loss: 1.3 lr: 0.1\n');
    expect(await pollKind(f)).toBe('read'); // the LR is back-filled over the earlier points
    appendFileSync(file, 'step 5 loss: 1.2\n');
    expect(await pollKind(f)).toBe('appended');
    appendFileSync(file, 'step 5 val_loss: 1.6\n');
    expect(await pollKind(f)).toBe('read');
    appendFileSync(file, 'step 1 loss: 2.1\n');
    expect(await pollKind(f)).toBe('read');
    expect(await pollKind(f)).toBe('unchanged');
  });
});
