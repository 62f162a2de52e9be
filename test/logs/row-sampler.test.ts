import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RowSampler } from '../../src/logs/row-sampler.js';
import { readLossLog } from '../../src/logs/read-loss-log.js';
import { readScalarEvents, tfEventsLog } from '../../src/logs/tfevents.js';
import { tempDir, writeScalarEvents } from './helpers.js';

describe('RowSampler: bounded memory for very long logs', () => {
  it('keeps every row under the cap, then one in 2, 4, ... and every forced row', () => {
    const sampler = new RowSampler(8);
    const held: number[] = [];
    for (let raw = 0; raw < 100; raw++) {
      if (!sampler.keep(raw === 51)) continue;
      held.push(raw);
      const keep = sampler.thin(held.length, (i) => held[i] === 51);
      if (keep) held.splice(0, held.length, ...keep.map((i) => held[i]));
    }
    expect(held.length).toBeLessThanOrEqual(8);
    expect(held).toContain(51);
    expect(sampler.stride).toBeGreaterThanOrEqual(16);
    expect(held.filter((r) => r !== 51).every((r) => r % sampler.stride === 0)).toBe(true);
    expect(sampler.note()).toMatch(new RegExp(`100 rows\\): one row in ${sampler.stride} is used`));
  });

  it('a CSV longer than the cap is read as every k-th row, a logged nan kept, and said so', async () => {
    const file = path.join(tempDir(), 'long.csv');
    const rows = ['step,loss'];
    const n = (1 << 20) + 5000;
    for (let i = 0; i < n; i++) rows.push(`${i},${i === 777_777 ? 'nan' : (1 + 1 / (1 + i / 1000)).toFixed(5)}`);
    writeFileSync(file, rows.join('\n') + '\n');
    const log = await readLossLog(file);
    const s = log.series[0];
    expect(log.sampled).toBe(2);
    expect(log.notes?.[0]).toMatch(/one row in 2 is used, to bound memory/);
    expect(s.xs.length).toBeLessThan((1 << 20) / 2 + 5000);
    expect(s.xs).toContain(777_777);
    expect(s.xs[1] - s.xs[0]).toBe(2);
  }, 30_000);

  it('an event file longer than the cap is sampled per tag, a non-finite scalar kept', async () => {
    const file = path.join(tempDir(), 'events.out.tfevents.1.h');
    const points = Array.from({ length: 5000 }, (_, step) => ({ step, tag: 'loss', value: step === 3001 ? Number.NaN : 1 + 1 / (1 + step) }));
    writeScalarEvents(file, [...points, ...points.map((p) => ({ ...p, tag: 'lr', value: 0.1 }))]);
    const read = await readScalarEvents(file, undefined, 1000);
    expect(read.sampledEvery).toBe(16);
    const loss = read.byTag.get('loss')!;
    expect(loss.steps).toContain(3001);
    expect(loss.steps.filter((step) => step !== 3001).every((step) => step % 16 === 0)).toBe(true);
    expect(read.byTag.get('lr')!.steps.length).toBeGreaterThan(250);
    const log = tfEventsLog(file, read);
    expect(log.sampled).toBe(16);
    expect(log.notes?.join(' ')).toMatch(/one scalar in 16 per tag/);
  });
});
