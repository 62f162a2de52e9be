import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FollowedLog, type FollowUpdate } from '../../src/logs/follow-reader.js';
import { FollowedAnalysis } from '../../src/app/analyze-logs.js';
import { readLossLog } from '../../src/logs/read-loss-log.js';
import { diagnoseSeries } from '../../src/detect/diagnose.js';
import type { LossLog } from '../../src/logs/loss-log.js';
import { fixture, tempDir, writeScalarEvents } from './helpers.js';

const loss = (i: number) => Number((0.4 + 2 * Math.exp(-i / 40) + 0.01 * Math.sin(i * 7.1)).toFixed(5));

async function pollOk(f: FollowedLog): Promise<Extract<FollowUpdate, { log: LossLog }>> {
  // mtime has a coarse resolution on some file systems: a size change is what the poll looks at first.
  const u = await f.poll();
  if (u.kind !== 'read' && u.kind !== 'appended') throw new Error(`poll gave ${JSON.stringify(u)}`);
  return u;
}

/** The series as a fresh full read gives them (what --follow must agree with). */
async function fresh(file: string) {
  return (await readLossLog(file, { dropPartialLastLine: true })).series.map((s) => ({ name: s.name, xs: s.xs, ys: s.ys, lrs: s.lrs }));
}

describe('FollowedLog: only the appended bytes are read', () => {
  it('CSV: rows appended after the last complete line, a half-written line waits, LR carried', async () => {
    const file = path.join(tempDir(), 'log.csv');
    const row = (i: number) => `${i},${loss(i)},${i < 150 ? 0.1 : 0.01}\n`;
    writeFileSync(file, 'step,loss,lr\n' + Array.from({ length: 100 }, (_, i) => row(i)).join('') + '100,0.7');
    const f = new FollowedLog(file);
    const first = await pollOk(f);
    expect(first.kind).toBe('read');
    expect(first.log.series[0].xs).toHaveLength(100);
    expect((await f.poll()).kind).toBe('unchanged');
    appendFileSync(file, '12\n' + Array.from({ length: 99 }, (_, i) => row(101 + i)).join('') + '200,0.5');
    const next = await pollOk(f);
    expect(next).toMatchObject({ kind: 'appended', points: 100 });
    expect(next.log.series[0].ys[100]).toBe(0.712);
    expect(next.log.series.map((s) => ({ name: s.name, xs: s.xs, ys: s.ys, lrs: s.lrs }))).toEqual(await fresh(file));
    // A counter that goes back: the full reader decides (split or stitch), so the file is read again.
    appendFileSync(file, '1\n0,2.5,0.1\n');
    expect((await pollOk(f)).kind).toBe('read');
  });

  it('JSON lines resume at the last complete line; records without the loss key are skipped', async () => {
    const file = path.join(tempDir(), 'metrics.json');
    const rec = (i: number) => JSON.stringify({ iteration: i, total_loss: loss(i), lr: 0.02 }) + '\n';
    writeFileSync(file, Array.from({ length: 30 }, (_, i) => rec(i)).join(''));
    const f = new FollowedLog(file);
    expect((await pollOk(f)).log.series[0].xs).toHaveLength(30);
    appendFileSync(file, JSON.stringify({ iteration: 30, 'bbox/AP': 40 }) + '\n' + rec(31) + rec(32).slice(0, 10));
    const u = await pollOk(f);
    expect(u).toMatchObject({ kind: 'appended', points: 1 });
    appendFileSync(file, rec(32).slice(10));
    expect(await pollOk(f)).toMatchObject({ kind: 'appended', points: 1 });
    expect(u.log.series.map((s) => ({ name: s.name, xs: s.xs, ys: s.ys, lrs: s.lrs }))).toEqual(await fresh(file));
  });

  it('event files resume at the last complete record', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'events.out.tfevents.1.host');
    const points = Array.from({ length: 80 }, (_, step) => ({ step, tag: 'loss', value: loss(step) }));
    writeScalarEvents(file, points.slice(0, 50));
    const f = new FollowedLog(file);
    expect((await pollOk(f)).log.series[0].xs).toHaveLength(50);
    // The same file written whole: its tail after the first 50 records is what a writer appends.
    const whole = path.join(dir, 'whole.tfevents');
    writeScalarEvents(whole, points);
    const { readFileSync, statSync } = await import('node:fs');
    const bytes = readFileSync(whole);
    const tail = bytes.subarray(statSync(file).size);
    appendFileSync(file, tail.subarray(0, 30)); // part of one record: nothing yet
    expect(await pollOk(f)).toMatchObject({ kind: 'appended', points: 0 });
    appendFileSync(file, tail.subarray(30));
    const u = await pollOk(f);
    expect(u).toMatchObject({ kind: 'appended', points: 30 });
    expect(u.log.series[0].ys).toEqual((await readLossLog(whole)).series[0].ys);
  });

  it('.wandb files resume at the last complete record', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'run-x.wandb');
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(fixture('wandb-pino-prefix.wandb'));
    writeFileSync(file, bytes.subarray(0, 20000));
    const f = new FollowedLog(file);
    const first = await pollOk(f);
    const n = first.log.series[0].xs.length;
    appendFileSync(file, bytes.subarray(20000));
    const u = await pollOk(f);
    expect(u.kind).toBe('appended');
    expect(u.log.series.map((s) => [s.name, s.xs.length])).toEqual([['train loss', 19], ['f loss', 19], ['data loss', 19]]);
    expect(n).toBeLessThan(19);
  });
});

describe('FollowedAnalysis: diagnoses updated with the new points only', () => {
  it('gives the verdict a full diagnosis gives', async () => {
    const file = path.join(tempDir(), 'log.csv');
    writeFileSync(file, 'step,loss\n' + Array.from({ length: 400 }, (_, i) => `${i},${loss(i)}\n`).join(''));
    const a = new FollowedAnalysis(file);
    await a.poll();
    appendFileSync(file, Array.from({ length: 600 }, (_, i) => `${400 + i},${loss(400 + i)}\n`).join(''));
    const r = await a.poll();
    if (r.kind !== 'ok') throw new Error(r.kind);
    const s = r.series[0];
    const full = diagnoseSeries(s.series.xs, s.series.ys, { x: 'step' });
    expect(s.points).toBe(1000);
    expect({ verdict: s.verdict, summary: s.summary, plateaus: s.plateaus }).toEqual({ verdict: full.verdict, summary: full.summary, plateaus: full.plateaus.map((p) => ({ start: p.start, end: p.end, level: p.level })) });
  });
});
