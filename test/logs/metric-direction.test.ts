import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { orient, orientationOf } from '../../src/logs/metric-direction.js';
import { captureIO } from '../helpers/io.js';
import { tempDir } from './helpers.js';

describe('higher-is-better metrics (issue 11)', () => {
  it('orientationOf: accuracy, mAP, F1, BLEU, reward by name; losses, errors and perplexity never', () => {
    expect(orientationOf('val_accuracy', [0.27, 0.99])?.kind).toBe('one-minus');
    expect(orientationOf('metrics/mAP50-95(B)', [0.1, 0.6])?.kind).toBe('one-minus');
    expect(orientationOf('eval_f1', [0.5, 0.8])?.kind).toBe('one-minus');
    expect(orientationOf('bleu', [3, 27.5])?.kind).toBe('hundred-minus');
    expect(orientationOf('episode_reward', [-200, 150])?.kind).toBe('negated');
    for (const name of ['loss', 'val_loss', 'loss [accuracy]', 'error_rate', 'perplexity', 'score loss', 'train/box_loss']) expect(orientationOf(name, [1, 2]), name).toBeNull();
    expect(orient([0.27, Number.NaN, 0.99], orientationOf('acc', [0.27, 0.99])!)).toEqual([0.73, Number.NaN, 1 - 0.99]);
  });

  it('analyze --column val_accuracy (27% -> 99%) is analysed with the direction flipped: still improving, never "diverging ... lower the LR"', async () => {
    const file = path.join(tempDir(), 'history.csv');
    const rows = Array.from({ length: 30 }, (_, i) => {
      const e = i + 1;
      return `${e},${(1.5 * Math.exp(-e / 5) + 0.05).toFixed(4)},${(0.99 - 0.72 * Math.exp(-e / 4)).toFixed(4)}`;
    });
    writeFileSync(file, ['epoch,loss,val_accuracy', ...rows].join('\n') + '\n');
    const io = captureIO();
    expect(await main(['analyze', file, '--column', 'val_accuracy', '--fail-on', 'diverging'], io)).toBe(0);
    expect(io.out).toMatch(/verdict: descending/);
    expect(io.out).not.toMatch(/diverging|lower the LR/);
    expect(io.out).toMatch(/note: higher is better: analysed as 1 - val_accuracy \(falling = improving\)/);
  });
});
