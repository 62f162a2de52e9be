import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import type { CliIO } from '../../src/commands/io.js';
import { captureIO } from '../helpers/io.js';
import { sharedDir, sharedPath, skipNote } from '../helpers/shared.js';
import { fixture, tempDir } from '../logs/helpers.js';

interface JsonSeries {
  name: string;
  role: string;
  x: string;
  points: number;
  verdict: string;
  plateaus: { start: number; end: number; level: number }[];
  knee: number | null;
  suggestion: string;
}
interface JsonDoc {
  files: ({ file: string; format: string; series: JsonSeries[] } | { file: string; error: string })[];
}

async function run(args: string[]) {
  const io = captureIO();
  const code = await main(['analyze', ...args], io);
  return { code, out: io.out, err: io.err };
}

describe('analyze: text output', () => {
  it('prints the verdict, its numbers and what to do per series', async () => {
    const r = await run([fixture('headerless-unet.csv')]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('headerless-unet.csv (csv, 2 series)');
    expect(r.out).toMatch(/column 1 \[other, 100 points, step 1\.\.100\]/);
    expect(r.out).toMatch(/verdict: plateau/);
    expect(r.out).toMatch(/fast drop ends at step \d+/);
    expect(r.out).toMatch(/noise [\d.]+% of level/);
    expect(r.out).toMatch(/what to do: /);
    expect(r.out).toMatch(/note: no step, epoch or time column/);
  });

  it('reports the LR changes a log shows', async () => {
    const r = await run([fixture('step-loss-lr.csv')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/LR changes: 1\n\s+.*600.*\[(no response|the loss responded)\]/);
  });
});

describe('analyze --json', () => {
  it('prints one document with the issue\'s fields, x in the series\' own units', async () => {
    const r = await run([fixture('keras-crcrlf.csv'), fixture('lora.trainer_state.json'), '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as JsonDoc;
    expect(doc.files).toHaveLength(2);
    const [keras, hf] = doc.files as { file: string; format: string; series: JsonSeries[] }[];
    expect(keras.format).toBe('keras');
    expect(hf.format).toBe('hf-trainer-state');
    expect(keras.series.map((s) => [s.name, s.role, s.x, s.points])).toEqual([
      ['loss', 'train', 'epoch', 30],
      ['val_loss', 'validation', 'epoch', 30],
    ]);
    for (const s of [...keras.series, ...hf.series]) {
      expect(Object.keys(s)).toEqual(expect.arrayContaining(['name', 'role', 'x', 'points', 'verdict', 'plateaus', 'knee', 'suggestion']));
      expect(typeof s.verdict).toBe('string');
      if (s.knee !== null) expect(s.knee).toBeGreaterThanOrEqual(0);
    }
    const loraKnee = hf.series[0].knee;
    if (loraKnee !== null) {
      expect(loraKnee).toBeGreaterThanOrEqual(10);
      expect(loraKnee).toBeLessThanOrEqual(250);
    }
  });

  it('lists an unreadable file with an error string and exits 2', async () => {
    const missing = path.join(tempDir(), 'nope.csv');
    const r = await run([fixture('step-loss-lr.csv'), missing, '--json']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out) as JsonDoc;
    expect(doc.files[1]).toEqual({ file: missing, error: `${missing}: no such file` });
    expect('series' in doc.files[0]).toBe(true);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});

describe('analyze exit codes and options', () => {
  it('--fail-on exits 1 when a series matches, 0 otherwise', async () => {
    const hit = await run([fixture('headerless-unet.csv'), '--fail-on', 'plateau,stuck']);
    expect(hit.code).toBe(1);
    expect(hit.err).toMatch(/--fail-on plateau,stuck matched 2 series: .*headerless-unet\.csv: column 1: plateau/);
    expect((await run([fixture('headerless-unet.csv'), '--fail-on', 'diverging'])).code).toBe(0);
  });

  it('a non-finite loss is diverging (and --fail-on diverging exits 1)', async () => {
    const file = path.join(tempDir(), 'nan.csv');
    const rows = Array.from({ length: 40 }, (_, i) => `${i + 1},${(0.5 + Math.exp(-i / 5)).toFixed(4)}`);
    writeFileSync(file, ['step,loss', ...rows, '41,nan', '42,nan'].join('\n') + '\n');
    const r = await run([file, '--fail-on', 'diverging', '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as JsonDoc;
    expect((doc.files[0] as { series: JsonSeries[] }).series[0].verdict).toBe('diverging');
  });

  it('an exploding loss (drop, 0.5, then x e^(1/5) per step for 20 steps) is diverging and --fail-on diverging exits 1 (issue 11)', async () => {
    const file = path.join(tempDir(), 'explodes.csv');
    const rows: string[] = [];
    for (let i = 0; i < 60; i++) rows.push(`${i},${(i < 20 ? 0.5 + 2.3 * Math.exp(-i / 4) : 0.5).toFixed(5)}`);
    for (let k = 1; k <= 20; k++) rows.push(`${59 + k},${(0.5 * Math.exp(k / 5)).toFixed(5)}`);
    writeFileSync(file, ['step,loss', ...rows].join('\n') + '\n');
    const r = await run([file, '--fail-on', 'diverging']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/verdict: diverging/);
    expect(r.out).toMatch(/exploding, 54\.6 times the level 0\.5 it held before/);
    expect(r.out).not.toMatch(/keep training/);
  });

  it('asks for a file when none is given', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/name at least one loss log/);
  });

  it('--x epoch chooses the epoch axis of a Lightning log', async () => {
    const r = await run([fixture('lightning-aiops.metrics.csv'), '--x', 'epoch', '--column', 'train_loss_step', '--json']);
    expect(r.code).toBe(0);
    const s = (JSON.parse(r.out) as JsonDoc).files[0] as { series: JsonSeries[] };
    expect(s.series[0].x).toBe('epoch');
  });

  it('rejects an unknown --fail-on verdict with one line and exit 2', async () => {
    const r = await run([fixture('headerless-unet.csv'), '--fail-on', 'plateu']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown verdict "plateu"/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('bad input never prints a stack trace', async () => {
    const dir = tempDir();
    const garbage = path.join(dir, 'garbage.dat');
    writeFileSync(garbage, Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 131) % 256)));
    for (const file of [dir, garbage, path.join(dir, 'missing.csv'), fixture('summary-only.trainer_state.json')]) {
      const r = await run([file]);
      expect(r.code).toBe(2);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toContain(file);
    }
  });

  it('--column chooses a series and --format forces a reader', async () => {
    const r = await run([fixture('keras-crcrlf.csv'), '--column', 'val_loss', '--json']);
    const doc = JSON.parse(r.out) as JsonDoc;
    expect((doc.files[0] as { series: JsonSeries[] }).series.map((s) => s.name)).toEqual(['val_loss']);
    const forced = await run([fixture('keras-crcrlf.csv'), '--format', 'hf-trainer-state']);
    expect(forced.code).toBe(2);
    expect(forced.err).toMatch(/not valid JSON/);
  });

  it('--pattern reads a custom text log', async () => {
    const file = path.join(tempDir(), 'custom.log');
    writeFileSync(file, Array.from({ length: 50 }, (_, i) => `iteration ${i * 10} | objective ${(0.5 + Math.exp(-i / 5)).toFixed(4)}`).join('\n') + '\n');
    const r = await run([file, '--pattern', String.raw`iteration (?<step>\d+) \| objective (?<loss>[\d.]+)`, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as JsonDoc;
    expect((doc.files[0] as { series: JsonSeries[] }).series[0].points).toBe(50);
  });
});

describe('analyze --html', () => {
  it('writes the report atomically to the named file', async () => {
    const out = path.join(tempDir(), 'report.html');
    const r = await run([fixture('headerless-unet.csv'), fixture('summary-only.trainer_state.json'), '--html', out]);
    expect(r.code).toBe(2); // the summary-only file is unreadable
    expect(existsSync(out)).toBe(true);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/<html/i);
    expect(html).toContain('headerless-unet.csv');
    expect(html).toContain('no per-step loss');
  });
});

describe('analyze --html safety', () => {
  it('refuses to write the report over one of the inputs', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'log.csv');
    writeFileSync(input, 'step,loss\n1,2\n2,1\n');
    const r = await run([input, '--html', input]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is one of the input files/);
    expect(readFileSync(input, 'utf8')).toBe('step,loss\n1,2\n2,1\n');
  });
});

/** A captured CliIO whose signal the test aborts (Ctrl-C) to end a --follow. */
function followIO(): { controller: AbortController; io: CliIO & { out: string; err: string } } {
  const controller = new AbortController();
  const io: CliIO & { out: string; err: string } = { ...captureIO(), signal: controller.signal };
  // captureIO's methods write to its own object; rebind them to this one.
  io.out = '';
  io.err = '';
  io.stdout = (t: string) => void (io.out += t);
  io.stderr = (t: string) => void (io.err += t);
  return { controller, io };
}

describe('analyze --follow', () => {
  it('prints each change of verdict while another process appends to the file', async () => {
    const file = path.join(tempDir(), 'live.csv');
    // The writer: a separate node process appending rows in small bursts, like a training job.
    const writer = `
      const fs = require('fs');
      const file = process.argv[1];
      fs.writeFileSync(file, 'step,loss\\n');
      let step = 0;
      const burst = () => {
        let rows = '';
        for (let k = 0; k < 10; k++) {
          step++;
          const loss = 0.3 + 2 * Math.exp(-step / 30) + 0.004 * Math.sin(step * 1.7);
          rows += step + ',' + loss.toFixed(5) + '\\n';
        }
        fs.appendFileSync(file, rows.slice(0, -4));   // a half-written line first
        fs.appendFileSync(file, rows.slice(-4));
        // slow while the loss still falls (so the follower sees that phase), faster afterwards
        if (step < 600) setTimeout(burst, step < 150 ? 60 : 10); else process.exit(0);
      };
      burst();`;
    const child = spawn(process.execPath, ['-e', writer, file], { stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const { controller, io } = followIO();
    const done = main(['analyze', file, '--follow', '--interval', '0.05', '--fail-on', 'plateau'], io);
    await exited;
    // let the follower see the final state, then stop it as Ctrl-C would
    const deadline = Date.now() + 10_000;
    while (!/plateau/.test(io.out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    const code = await done;
    const lines = io.out.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const verdicts = lines.map((l) => /: loss: (\w+)/.exec(l)?.[1]);
    // consecutive lines report different verdicts (only changes are printed)
    for (let i = 1; i < verdicts.length; i++) expect(verdicts[i]).not.toBe(verdicts[i - 1]);
    expect(verdicts).toContain('descending');
    expect(verdicts[verdicts.length - 1]).toBe('plateau');
    expect(code).toBe(1); // --fail-on plateau matched during the follow
    expect(io.err).not.toMatch(/not a number/); // half-written lines are never parsed
  });
});

describe('analyze --follow: explosions', () => {
  it('a loss that jumps to 50 and grows x1.5 per line is reported diverging within three lines (issue 11)', async () => {
    const file = path.join(tempDir(), 'boom.csv');
    const flat = Array.from({ length: 120 }, (_, i) => `${i + 1},${(0.5 + 2 * Math.exp(-i / 10) + 0.01 * Math.sin(i)).toFixed(5)}`);
    writeFileSync(file, ['step,loss', ...flat].join('\n') + '\n');
    const { controller, io } = followIO();
    const done = main(['analyze', file, '--follow', '--interval', '0.02', '--fail-on', 'diverging'], io);
    const settle = async (pattern: RegExp) => {
      const deadline = Date.now() + 5_000;
      while (!pattern.test(io.out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    };
    await settle(/: loss: /);
    let loss = 50;
    for (let k = 0; k < 3; k++, loss *= 1.5) {
      appendFileSync(file, `${121 + k},${loss}\n`);
      await new Promise((r) => setTimeout(r, 120));
    }
    await settle(/diverging/);
    controller.abort();
    expect(await done).toBe(1);
    const hit = /: loss: diverging at step (\d+)/.exec(io.out);
    expect(hit, io.out).not.toBeNull();
    expect(Number(hit![1])).toBeLessThanOrEqual(123);
  });
});

describe.skipIf(!sharedDir)(`analyze on the real-log corpus ${sharedDir ? '' : skipNote('the real-log corpus')}`, () => {
  async function verdicts(rel: string) {
    const r = await run([sharedPath('real-logs', rel), '--json']);
    const doc = JSON.parse(r.out) as JsonDoc;
    return Object.fromEntries((doc.files[0] as { series: JsonSeries[] }).series.map((s) => [s.name, s.verdict]));
  }

  it('every file yields a verdict or a one-line error', async () => {
    const dir = sharedPath('real-logs');
    const files = ['hf-trainer-state', 'keras-csvlogger', 'lightning-metrics', 'plain', 'tensorboard-csv', 'tfevents', 'wandb-csv'].flatMap((d) =>
      readdirSync(path.join(dir, d)).map((f) => path.join(dir, d, f)),
    );
    const r = await run([...files, '--json']);
    expect(r.code).toBe(2); // the summary-only trainer state
    const doc = JSON.parse(r.out) as JsonDoc;
    expect(doc.files).toHaveLength(26);
    for (const f of doc.files) {
      if ('error' in f) expect(f.error).toMatch(/no per-step loss/);
      else {
        expect(f.series.length).toBeGreaterThan(0);
        for (const s of f.series) expect(s.verdict).toMatch(/^[a-z_]+$/);
      }
    }
  });

  it('plain/unet-segmentation ends on a plateau', async () => {
    expect((await verdicts('plain/unet-segmentation.train_loss.csv'))['column 1']).toBe('plateau');
  });
  it('hf-trainer-state/bert-weibo-rumor is still descending', async () => {
    expect((await verdicts('hf-trainer-state/bert-weibo-rumor.trainer_state.json')).loss).toBe('descending');
  });
  it('lightning-metrics/aiops-mnist is still descending (epoch loss)', async () => {
    expect((await verdicts('lightning-metrics/aiops-mnist.version_3.metrics.csv')).train_loss_epoch).toBe('descending');
  });
  it('hf-trainer-state/lora-finetuning ends on a plateau', async () => {
    expect((await verdicts('hf-trainer-state/lora-finetuning.trainer_state.json')).loss).toBe('plateau');
  });
});
