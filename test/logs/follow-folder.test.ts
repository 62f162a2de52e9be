import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FollowedLog, type FollowUpdate } from '../../src/logs/follow-reader.js';
import { readLossLog } from '../../src/logs/read-loss-log.js';
import { Rng } from '../../src/rng.js';
import { fixture, tempDir } from './helpers.js';

/** What a poll or a fresh read gives, comparable: every series' points, LR and notes, or the error. */
type Seen = { error: string } | { notes: string[]; run?: string; series: unknown[] };

function seen(log: { notes?: string[]; run?: string; series: { name: string; role: string; x: string; xs: number[]; ys: number[]; lrs?: number[]; notes?: string[] }[] }): Seen {
  return { notes: log.notes ?? [], run: log.run, series: log.series.map((s) => ({ name: s.name, role: s.role, x: s.x, xs: [...s.xs], ys: [...s.ys], lrs: s.lrs && [...s.lrs], notes: s.notes })) };
}

async function fresh(dir: string): Promise<Seen> {
  try {
    return seen(await readLossLog(dir, { dropPartialLastLine: true }));
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/**
 * Empties the metric files of a copied run folder, then writes their bytes back in rounds: each
 * round appends a piece of every file (cut at a random byte, mid-line included), the files in a
 * random order (so an LR line may come after the loss of its step), and polls; every poll must
 * equal a fresh read of the folder. Returns the kinds of the polls.
 */
async function growInRounds(dir: string, files: string[], rounds: number, seed: number): Promise<string[]> {
  const rng = new Rng(seed);
  const bytes = files.map((f) => readFileSync(f));
  const written = files.map(() => 0);
  for (const f of files) writeFileSync(f, '');
  const followed = new FollowedLog(dir);
  const kinds: string[] = [];
  let last: Seen | undefined;
  for (let round = 1; round <= rounds; round++) {
    for (const k of rng.permutation(files.length)) {
      const end = round === rounds ? bytes[k].length : Math.min(bytes[k].length, written[k] + rng.int(Math.ceil((2 * bytes[k].length) / rounds) + 1));
      appendFileSync(files[k], bytes[k].subarray(written[k], end));
      written[k] = end;
    }
    const u: FollowUpdate = await followed.poll();
    kinds.push(u.kind);
    if (u.kind === 'error') last = { error: u.error };
    else if (u.kind === 'read' || u.kind === 'appended') last = seen(u.log);
    expect(last, `round ${round} (poll: ${u.kind})`).toEqual(await fresh(dir));
  }
  return kinds;
}

/** A copy of the fixture MLflow run (with its experiment's meta.yaml), metric files replaced by `metrics` when given. */
function demoRun(metrics: Record<string, string> = {}) {
  const root = tempDir();
  cpSync(fixture('mlruns/1'), path.join(root, '1'), { recursive: true });
  const run = path.join(root, '1', '3f1c2a9be0d84a6f9a1e5b7c2d4e6f80');
  const metric = (k: string) => path.join(run, 'metrics', k);
  for (const [k, text] of Object.entries(metrics)) writeFileSync(metric(k), text);
  return { run, metric };
}

/** A followed folder whose `check` polls, compares with a fresh read, and returns the poll's kind. */
function followChecked(dir: string) {
  const f = new FollowedLog(dir);
  const check = async () => {
    const u = await f.poll();
    if (u.kind === 'read' || u.kind === 'appended') expect(seen(u.log)).toEqual(await fresh(dir));
    return u.kind;
  };
  return { f, check };
}

describe('--follow on run folders: each metric file continued from its last complete line', () => {
  it('an MLflow run (train/loss with LR from the lr metric, val_loss) written in rounds', async () => {
    const { run } = demoRun();
    const files = ['lr', 'train/loss', 'val_loss'].map((k) => path.join(run, 'metrics', k));
    for (const seed of [1, 2, 3]) {
      const kinds = await growInRounds(run, files, 25, seed);
      expect(kinds.filter((k) => k === 'appended').length, kinds.join(' ')).toBeGreaterThanOrEqual(5);
    }
  });

  it('MLflow: an LR line for a step already read, a meta.yaml that changes, a new metric file: read again', async () => {
    const { run, metric } = demoRun({ lr: '1700000000000 0.5 0\n1700000001000 0.5 1\n', 'train/loss': '1700000000000 2.0 0\n1700000001000 1.9 1\n', val_loss: '1700000000000 2.1 0\n' });
    const { f, check } = followChecked(run);
    expect(await check()).toBe('read');
    expect(await check()).toBe('unchanged');
    appendFileSync(metric('lr'), '1700000002000 0.1 2\n');
    appendFileSync(metric('train/loss'), '1700000002000 1.5 2\n1700000003000 1.4 3\n');
    expect(await check()).toBe('appended');
    appendFileSync(metric('lr'), '1700000003000 0.05 3\n'); // step 3's loss was read with LR 0.1
    expect(await check()).toBe('read');
    appendFileSync(metric('train/loss'), '1700000004000 1.3 4\n');
    expect(await check()).toBe('appended');
    writeFileSync(path.join(run, 'meta.yaml'), readFileSync(path.join(run, 'meta.yaml'), 'utf8').replace('status: 1', 'status: 3'));
    expect(await check()).toBe('read');
    writeFileSync(metric('eval_loss'), '1700000004000 1.7 4\n');
    expect(await check()).toBe('read');
    appendFileSync(metric('train/loss'), '1700000005000 oops 5\n');
    expect((await f.poll()).kind).toBe('error');
  });

  it('MLflow: the first LR a series meets, a step that repeats: read again', async () => {
    const { run, metric } = demoRun({ lr: '', 'train/loss': '1700000000000 2.0 0\n1700000001000 1.9 1\n', val_loss: '1700000000000 2.1 0\n' });
    const { f, check } = followChecked(run);
    expect(await check()).toBe('read');
    appendFileSync(metric('train/loss'), '1700000002000 1.8 2\n');
    expect(await check()).toBe('appended');
    appendFileSync(metric('lr'), '1700000003000 0.1 3\n');
    expect(await check()).toBe('appended'); // no point at step 3 yet
    appendFileSync(metric('train/loss'), '1700000003000 1.7 3\n'); // its first LR, filled back over steps 0-2
    expect(await check()).toBe('read');
    appendFileSync(metric('train/loss'), '1700000004000 1.6 3\n'); // step 3 again: the reader keeps the last value
    expect(await check()).toBe('read');
  });

  it('a single MLflow metric file, written in pieces cut mid-line', async () => {
    const { metric } = demoRun();
    const file = metric('train/loss');
    const bytes = readFileSync(file);
    writeFileSync(file, '');
    const f = new FollowedLog(file);
    const kinds: string[] = [];
    for (let end = 37; end < bytes.length + 37; end += 37) {
      appendFileSync(file, bytes.subarray(end - 37, Math.min(end, bytes.length)));
      const u = await f.poll();
      kinds.push(u.kind);
      if (u.kind === 'read' || u.kind === 'appended') expect(seen(u.log)).toEqual(await fresh(file));
    }
    expect(kinds.filter((k) => k === 'appended').length, kinds.join(' ')).toBeGreaterThan(kinds.length / 2);
  });

  it('a DVCLive folder (train/loss, eval/loss TSVs) written in rounds', async () => {
    const dir = path.join(tempDir(), 'dvclive');
    cpSync(fixture('dvclive'), dir, { recursive: true });
    const files = ['train/loss', 'eval/loss'].map((k) => path.join(dir, 'plots', 'metrics', `${k}.tsv`));
    // Longer TSVs than the fixture's three steps, in DVCLive's layout.
    for (const [k, file] of files.entries()) writeFileSync(file, 'step\tloss\n' + Array.from({ length: 120 }, (_, i) => `${i}\t${(0.3 + (k + 1) * Math.exp(-i / 30)).toFixed(6)}\n`).join(''));
    const kinds = await growInRounds(dir, files, 30, 7);
    expect(kinds.filter((k) => k === 'appended').length, kinds.join(' ')).toBeGreaterThanOrEqual(10);
  });
});
