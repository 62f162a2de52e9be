import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { detectFormat, readLossLog } from '../../src/logs/read-loss-log.js';
import { fixture } from './helpers.js';

describe('DVCLive folders', () => {
  it('read one series per loss TSV under plots/metrics, named by its path (eval/loss is validation)', async () => {
    const dir = fixture('dvclive');
    expect(await detectFormat(dir)).toBe('dvclive');
    const log = await readLossLog(dir);
    expect(log.series.map((s) => [s.name, s.role, s.x, s.xs.length])).toEqual([
      ['eval/loss', 'validation', 'step', 3],
      ['train/loss', 'train', 'step', 3],
    ]);
    expect(log.series[1].ys).toEqual([0.9541604518890381, 0.82637619972229, 0.8826702237129211]);
    // plots/metrics itself is accepted too; --column picks any metric.
    const acc = await readLossLog(path.join(dir, 'plots', 'metrics'), { columns: ['accuracy'] });
    expect(acc.series.map((s) => s.name)).toEqual(['accuracy']);
    await expect(readLossLog(dir, { columns: ['nope'] })).rejects.toThrow(/no metric named "nope" \(metrics: accuracy, error_rate, eval\/loss, train\/loss\)/);
  });
});
