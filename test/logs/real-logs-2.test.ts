import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LossSeries } from '../../src/logs/loss-log.js';
import { readLossLog } from '../../src/logs/read-loss-log.js';
import { sharedDir, sharedPath, skipNote } from '../helpers/shared.js';

/**
 * The second real-log corpus (`../shared/real-logs-2`, 44 logs from public repositories): every
 * loss series its MANIFEST.md lists must be found, under a name a user recognises, with about
 * the number of points listed (runs in one file split the same way for every series).
 */
const corpus = sharedDir && existsSync(sharedPath('real-logs-2', 'MANIFEST.md')) ? sharedPath('real-logs-2') : undefined;


interface Expected {
  file: string;
  series: { name: string; records: number }[];
}

function manifest(): Expected[] {
  const text = readFileSync(path.join(corpus!, 'MANIFEST.md'), 'utf8');
  const out: Expected[] = [];
  for (const section of text.split(/^### /m).slice(1)) {
    const file = section.split('\n')[0].trim();
    const list = /^- Loss series \(records\): (.*)$/m.exec(section)?.[1] ?? '';
    const series = [...list.matchAll(/`([^`]+)` \((\d+)\)/g)].map((m) => ({ name: m[1], records: Number(m[2]) }));
    out.push({ file, series });
  }
  return out;
}

/**
 * `run01 loss` in the MANIFEST is `loss (run 1)` here; a dialect may add the tool's own key:
 * `train loss (trl)` for `trl`. A series named after its file (an MLflow metric file) carries
 * the corpus' `<repo>.` prefix: `swahili-stt.mlruns.1.ed05f9cd.metrics.loss` for `loss`.
 */
function matches(found: string, listed: string): boolean {
  const run = /^run0*(\d+) (.*)$/.exec(listed);
  const want = run ? run[2] : listed;
  const foundRun = / \(run (\d+)\)$/.exec(found);
  if ((run?.[1] ?? null) !== (foundRun?.[1] ?? null)) return false;
  const base = (foundRun ? found.slice(0, foundRun.index) : found).toLowerCase();
  const w = want.toLowerCase();
  return base === w || base.endsWith(`(${w})`) || base.endsWith(`.metrics.${w}`);
}

const entries = corpus ? manifest() : [];

describe.skipIf(!corpus)(`real-log corpus 2 ${corpus ? '' : skipNote('the second real-log corpus (real-logs-2)')}`, () => {
  it('MANIFEST.md lists 43 logs (the 44th, yolox, is tested below)', () => {
    expect(entries).toHaveLength(43);
    for (const e of entries) expect(existsSync(path.join(corpus!, e.file)), e.file).toBe(true);
  });

  it.each(entries.map((e) => [e.file, e] as const))(
    '%s: every listed loss series is found',
    async (_file, e) => {
      const log = await readLossLog(path.join(corpus!, e.file));
      const missing: string[] = [];
      for (const want of e.series) {
        const found: LossSeries | undefined = log.series.find((s) => matches(s.name, want.name));
        if (!found) {
          missing.push(want.name);
          continue;
        }
        // Repeated x values are kept once (Detectron2's aborted first iteration, nanoGPT's resumed iteration).
        expect(found.xs.length, `${want.name}: points`).toBeGreaterThanOrEqual(Math.floor(want.records * 0.9));
        expect(found.xs.length, `${want.name}: points`).toBeLessThanOrEqual(want.records + 1);
      }
      expect(missing, `series found: ${log.series.map((s) => s.name).join(', ')}`).toEqual([]);
    },
  );

  it('yolox: six crashed attempts (no loss lines) and two complete runs, split the same way for every loss', async () => {
    const log = await readLossLog(path.join(corpus!, 'yolox/yolox-tkp153.yolox_s.train_log.txt'));
    const names = ['total_loss', 'iou_loss', 'l1_loss', 'conf_loss', 'cls_loss'];
    expect(log.series.map((s) => `${s.name}:${s.xs.length}`)).toEqual(names.flatMap((n) => [`${n} (run 1):220`, `${n} (run 2):20`]));
    // x counts iterations across epochs: 20 epochs of 112 (run 1) and of 14 (run 2).
    expect(log.series[0].xs.at(-1)).toBe(19 * 112 + 110);
    expect(log.series[1].xs.at(-1)).toBe(19 * 14 + 10);
    expect(log.series[1].notes?.join(' ')).toMatch(/run 2 of 2 in this file: lines 6379-6857/);
  });

  it('snippet-rnn: 22 runs appended, training and validation loss split at the same lines', async () => {
    const log = await readLossLog(path.join(corpus!, 'keras-console-text/snippet-rnn.0508_results.rb'));
    const val = log.series.filter((s) => s.name.startsWith('val_loss (run '));
    expect(val).toHaveLength(22);
    const forced = await readLossLog(path.join(corpus!, 'keras-console-text/snippet-rnn.0508_results.rb'), { restarts: 'stitch' });
    expect(forced.series.map((s) => s.name)).toEqual(['loss', 'val_loss']);
  });
});
