/**
 * Bounded memory for very long logs: every row is kept until `cap` rows are held; then every
 * other kept row is dropped and only every 2nd new row is kept, then every 4th, and so on, so at
 * most `cap` rows (about) are held however long the file. Rows with a non-finite value (a logged
 * NaN or inf: the run diverged there) are always kept. Sampling, unlike averaging, keeps each
 * point's noise as logged, which the detector's noise estimates rely on.
 */
import { xValue } from '../numbers.js';
export class RowSampler {
  /** Keep one raw row in `stride`. */
  stride = 1;
  /** Raw rows seen. */
  seen = 0;

  constructor(readonly cap = DEFAULT_ROW_CAP) {}

  /** Whether the next raw row is kept (`forced`: it holds a non-finite value). */
  keep(forced: boolean): boolean {
    const k = forced || this.seen % this.stride === 0;
    this.seen++;
    return k;
  }

  /**
   * When `held` rows reach the cap: the indices of the held rows to keep (every other one, and
   * the forced ones), and the stride doubles. Undefined while under the cap.
   */
  thin(held: number, forced: (i: number) => boolean): number[] | undefined {
    if (held < this.cap) return undefined;
    this.stride *= 2;
    // Every other sampled row (counted among the rows that were not forced, so a forced row does
    // not shift the parity), and every forced row.
    const keep: number[] = [];
    let sampled = 0;
    for (let i = 0; i < held; i++) {
      if (forced(i)) keep.push(i);
      else if (sampled++ % 2 === 0) keep.push(i);
    }
    return keep;
  }

  /** A note for the log, when rows were dropped. */
  note(unit = 'row'): string | undefined {
    return this.stride === 1 ? undefined : `a long log (${xValue(this.seen)} ${unit}s): one ${unit} in ${this.stride} is used, to bound memory (and every ${unit} with a non-finite value)`;
  }
}

/** About 1 million rows: the 1,000,000-row benchmark reads every row. */
export const DEFAULT_ROW_CAP = 1 << 20;

/** Keeps the elements of `values` at `indices` (ascending), in place. */
export function keepIndices<T>(values: T[], indices: readonly number[]): void {
  for (let j = 0; j < indices.length; j++) values[j] = values[indices[j]];
  values.length = indices.length;
}
