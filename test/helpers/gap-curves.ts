import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EpochRecord } from '../../src/logs/run-log.js';

/**
 * Reads `fixtures/curves/gap/<name>` (an extract of a run's epochs.csv with the averaged-weight
 * columns: epoch,train_loss,val_loss,val_loss_avg,lr,gap,gap_low,gap_high,gap_loss_avg,gap_examples,gap_source)
 * as the epoch records a controller sees (test fields NaN).
 */
export function readGapCurve(name: string): EpochRecord[] {
  const text = readFileSync(fileURLToPath(new URL(`../../fixtures/curves/gap/${name}`, import.meta.url)), 'utf8');
  const [header, ...lines] = text.trim().split('\n');
  const cols = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    const get = (c: string) => cells[cols.indexOf(c)] ?? '';
    const n = (c: string) => (get(c) === '' ? null : Number(get(c)));
    const hidden = { testLoss: Number.NaN, testAccuracy: Number.NaN };
    return {
      epoch: Number(get('epoch')),
      trainLoss: Number(get('train_loss')),
      valLoss: n('val_loss'),
      valAccuracy: null,
      ...hidden,
      lr: Number(get('lr')),
      seconds: 0,
      average: {
        valLoss: n('val_loss_avg'),
        valAccuracy: null,
        ...hidden,
        gap: {
          mean: Number(get('gap')),
          low: Number(get('gap_low')),
          high: Number(get('gap_high')),
          averagedLoss: Number(get('gap_loss_avg')),
          examples: Number(get('gap_examples')),
          source: get('gap_source') === 'probe' ? 'probe' : 'validation',
        },
      },
    };
  });
}
