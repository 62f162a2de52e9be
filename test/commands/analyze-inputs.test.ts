import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { readDirectory } from '../../src/logs/discover.js';
import type { LossLog } from '../../src/logs/loss-log.js';
import { captureIO } from '../helpers/io.js';
import { fixture, tempDir, writeScalarEvents } from '../logs/helpers.js';

async function run(args: string[], stdin?: string | Buffer) {
  const io = captureIO();
  if (stdin !== undefined) io.stdin = Readable.from([Buffer.from(stdin)]);
  const code = await main(['analyze', ...args], io);
  return { code, out: io.out, err: io.err };
}

const decay = (i: number) => (0.4 + 2 * Math.exp(-i / 30)).toFixed(5);

function csv(first: number, last: number, restartLoss = false): string {
  const rows = ['epoch,step,train_loss'];
  for (let s = first; s <= last; s++) rows.push(`${Math.floor(s / 50)},${s},${restartLoss ? decay(s - first) : decay(s)}`);
  return rows.join('\n') + '\n';
}

/** A project folder as users have them: lightning_logs with a resumed run, mlruns, wandb, YOLO runs, a TensorBoard logdir, code. */
function project(): string {
  const root = path.join(tempDir(), 'proj');
  const v = (n: number) => path.join(root, 'lightning_logs', `version_${n}`);
  for (const n of [0, 1, 2]) mkdirSync(v(n), { recursive: true });
  writeFileSync(path.join(v(0), 'metrics.csv'), csv(0, 99));
  writeFileSync(path.join(v(1), 'metrics.csv'), csv(100, 199)); // resumed: steps continue
  writeFileSync(path.join(v(2), 'metrics.csv'), csv(0, 79, true)); // a fresh run: not stitched
  cpSync(fixture('mlruns'), path.join(root, 'mlruns'), { recursive: true });
  const wandbRun = path.join(root, 'wandb', 'run-20221106_155257-10bruc22');
  mkdirSync(wandbRun, { recursive: true });
  cpSync(fixture('wandb-pino-prefix.wandb'), path.join(wandbRun, 'run-10bruc22.wandb'));
  symlinkSync(wandbRun, path.join(root, 'wandb', 'latest-run'));
  const detect = path.join(root, 'runs', 'detect', 'train');
  mkdirSync(detect, { recursive: true });
  cpSync(fixture('epoch-train-val.tsv'), path.join(detect, 'results.csv'));
  writeFileSync(path.join(detect, 'confusion_matrix.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(path.join(detect, 'args.yaml'), 'lr0: 0.01\n');
  const tb = path.join(root, 'tb', 'run1');
  mkdirSync(tb, { recursive: true });
  writeScalarEvents(path.join(tb, 'events.out.tfevents.1000.host.1.0'), Array.from({ length: 60 }, (_, step) => ({ step, tag: 'loss', value: Number(decay(step)) })));
  writeScalarEvents(path.join(tb, 'events.out.tfevents.2000.host.1.0'), Array.from({ length: 40 }, (_, i) => ({ step: 60 + i, tag: 'loss', value: Number(decay(60 + i)) })));
  writeFileSync(path.join(root, 'train.py'), 'print("loss: 0.5")\n');
  writeFileSync(path.join(root, 'notes.txt'), 'nothing to see here\n');
  return root;
}

describe('analyze DIR: every log under a folder, one block per run', () => {
  it('finds each run once, stitches resumed parts, lists what is not a log', async () => {
    const root = project();
    const { logs, skipped } = await readDirectory(root);
    const ok = logs.filter((l): l is { kind: 'ok'; log: LossLog } => l.kind === 'ok').map((l) => l.log);
    expect(logs.every((l) => l.kind === 'ok')).toBe(true);
    const rel = (log: LossLog) => path.relative(root, log.file);
    expect(ok.map((l) => [rel(l), l.format])).toEqual([
      ['lightning_logs/version_0/metrics.csv', 'lightning'],
      ['lightning_logs/version_2/metrics.csv', 'lightning'],
      ['mlruns/1/3f1c2a9be0d84a6f9a1e5b7c2d4e6f80', 'mlflow'],
      ['mlruns/1/ed05f9cd599442fe9a0c9222184710b8', 'mlflow'],
      ['runs/detect/train/results.csv', 'keras'],
      ['tb/run1/events.out.tfevents.1000.host.1.0', 'tfevents'],
      ['wandb/run-20221106_155257-10bruc22/run-10bruc22.wandb', 'wandb-run'],
    ]);
    const lightning = ok[0];
    expect(lightning.parts?.map((p) => path.relative(root, p))).toEqual(['lightning_logs/version_0/metrics.csv', 'lightning_logs/version_1/metrics.csv']);
    expect(lightning.series[0].xs).toHaveLength(200);
    expect(lightning.notes?.join(' ')).toMatch(/stitched: version_1 continues this run at step 100/);
    expect(ok[1].parts).toBeUndefined();
    const tb = ok[5];
    expect(tb.parts).toHaveLength(2);
    expect(tb.series[0].xs).toHaveLength(100);
    expect(ok[2].run).toBe('lr-drop-demo');
    expect(skipped.map((s) => [path.relative(root, s.path), s.reason.slice(0, 28)])).toEqual([
      ['notes.txt', 'not a recognised loss log: n'],
      ['runs/detect/train/args.yaml', 'not a log (by its extension)'],
      ['runs/detect/train/confusion_matrix.png', 'not a log (by its extension)'],
      ['train.py', 'not a log (by its extension)'],
    ]);
  });

  it('prints one block per run, the files not read once, and a table across runs; exit 0', async () => {
    const root = project();
    const r = await run([root]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/version_0\/metrics\.csv \(lightning, 1 series, stitched from 2 files: .*version_0\/metrics\.csv, .*version_1\/metrics\.csv\)/);
    expect(r.out).toMatch(/not read as logs \(4\):\n {2}.*notes\.txt: .*\n {2}3 file\(s\) skipped by extension: \.yaml 1, \.png 1, \.py 1/);
    const table = r.out.slice(r.out.indexOf('runs (7):'));
    expect(table.split('\n')[1]).toMatch(/^run +series +verdict +best +plateau from$/);
    expect(table).toMatch(/mlruns\/1\/3f1c2a9be0d84a6f9a1e5b7c2d4e6f80 \(lr-drop-demo\) +train\/loss +\w+ +[\d.]+ at step \d+/);
    expect(table.trim().split('\n')).toHaveLength(2 + 1 + 1 + 2 + 1 + 2 + 1 + 3); // header lines + one row per series
    const json = await run([root, '--json']);
    const doc = JSON.parse(json.out) as { skipped: unknown[]; files: { parts?: string[] }[] };
    expect(doc.skipped).toHaveLength(4);
    expect(doc.files).toHaveLength(7);
    expect(doc.files[0].parts).toHaveLength(2);
  });

  it('--follow on a folder of runs is one line and exit 2', async () => {
    const root = project();
    const r = await run([root, '--follow']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`plateau-doctor: ${root}: --follow follows files (or one run's folder), not a folder of runs; name the logs to follow\n`);
  });

  it('a folder without any log is one line and exit 2', async () => {
    const dir = tempDir();
    const r = await run([dir]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`plateau-doctor: ${dir}: no loss log found in this folder (it is empty)\n`);
    writeFileSync(path.join(dir, 'train.py'), 'print(1)\n');
    expect((await run([dir])).err).toMatch(/no loss log found in this folder \(1 file\(s\) looked at, none is a log\)\n$/);
  });
});

describe('analyze -: standard input', () => {
  it('reads a log from stdin (named <stdin>)', async () => {
    const rows = ['step,loss'];
    for (let s = 1; s <= 60; s++) rows.push(`${s},${decay(s)}`);
    const r = await run(['-'], rows.join('\n') + '\n');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^<stdin> \(csv, 1 series\)\n {2}loss \[train, 60 points, step 1\.\.60\]/);
  });

  it('reads binary formats from stdin too, and names <stdin> in errors', async () => {
    const { readFileSync } = await import('node:fs');
    const r = await run(['-'], readFileSync(fixture('wandb-pino-prefix.wandb')));
    expect(r.out).toMatch(/^<stdin> \(wandb-run, 3 series\)/);
    const bad = await run(['-'], 'hello\x00world\n');
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('plateau-doctor: <stdin>: a binary file (NUL byte at offset 5), not a loss log; pass a CSV, JSON, text log or TensorBoard event file\n');
    const empty = await run(['-'], '');
    expect(empty.err).toBe('plateau-doctor: <stdin>: the file is empty\n');
  });
});

describe('analyze - --follow', () => {
  it('follows standard input until it ends, printing verdict changes', async () => {
    const { PassThrough } = await import('node:stream');
    const stdin = new PassThrough();
    const io = captureIO();
    io.stdin = stdin;
    const done = main(['analyze', '-', '--follow', '--interval', '0.05'], io);
    stdin.write('step,loss\n');
    for (let s = 1; s <= 40; s++) stdin.write(`${s},${decay(s)}\n`);
    await new Promise((r) => setTimeout(r, 300));
    for (let s = 41; s <= 600; s++) stdin.write(`${s},${s < 150 ? decay(s) : '0.4500'}\n`);
    stdin.end();
    const code = await done; // returns by itself once stdin has ended and been read
    expect(code).toBe(0);
    expect(io.err).toMatch(/^following <stdin>/);
    const lines = io.out.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[lines.length - 1]).toMatch(/<stdin>: loss: plateau at step 600/);
  });
});
