import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One epoch of a committed curve in fixtures/curves (see its README). */
export interface CurveRow {
  epoch: number;
  trainLoss: number;
  valLoss: number;
}

/** Reads `fixtures/curves/<name>` (epoch,train_loss,val_loss). */
export function readCurve(name: string): CurveRow[] {
  const text = readFileSync(fileURLToPath(new URL(`../../fixtures/curves/${name}`, import.meta.url)), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [epoch, trainLoss, valLoss] = line.split(',').map(Number);
      return { epoch, trainLoss, valLoss };
    });
}

/**
 * Batch losses for a curve's epochs: each epoch's training loss, approached geometrically from the
 * previous epoch's, times seeded log-normal noise (`noise` = 0.2: 20% of the level, like the seed's
 * MNIST batches). Step s (1-based) is `losses[s - 1]`.
 */
export function stepLosses(curve: readonly CurveRow[], stepsPerEpoch: number, rng: { normal(): number }, noise = 0.2): number[] {
  const out: number[] = [];
  let previous = curve[0].trainLoss * 1.5;
  for (const row of curve) {
    for (let k = 1; k <= stepsPerEpoch; k++) {
      const level = previous * Math.pow(row.trainLoss / previous, k / stepsPerEpoch);
      out.push(level * Math.exp(noise * rng.normal() - (noise * noise) / 2));
    }
    previous = row.trainLoss;
  }
  return out;
}
