import { describe, expect, it } from 'vitest';
import { EpochBatches } from '../../src/train/batches.js';

function split(count: number, inputs: number) {
  const images = new Float32Array(count * inputs);
  for (let i = 0; i < count; i++) images.fill(i, i * inputs, (i + 1) * inputs); // row i holds the value i
  return { images, labels: Uint8Array.from({ length: count }, (_, i) => i % 10), count };
}

describe('EpochBatches', () => {
  it('visits every image once per epoch, keeps the last partial batch, and reshuffles each epoch', () => {
    const b = new EpochBatches(split(150, 3), 3, 64, 0);
    expect(b.stepsPerEpoch).toBe(3);
    const epoch = () => {
      b.shuffle();
      const seen: number[] = [];
      for (let i = 0; i < b.stepsPerEpoch; i++) {
        const { x, labels } = b.batch(i);
        expect(x.length).toBe(labels.length * 3);
        for (let r = 0; r < labels.length; r++) {
          seen.push(x[r * 3]);
          expect(labels[r]).toBe(x[r * 3] % 10);
        }
      }
      return seen;
    };
    const first = epoch();
    const second = epoch();
    expect(first).toHaveLength(150);
    expect([...first].sort((p, q) => p - q)).toEqual(Array.from({ length: 150 }, (_, i) => i));
    expect(second).not.toEqual(first);
    expect(b.batch(2).labels.length).toBe(150 - 128);
  });

  it('restores a snapshot of its position in the data order: same batches from there on', () => {
    const a = new EpochBatches(split(100, 4), 4, 10, 7, 5);
    expect(a.snapshot().order).toBeNull();
    a.shuffle();
    const mid = a.snapshot();
    const b = new EpochBatches(split(100, 4), 4, 10, 7, 5);
    b.restore(structuredClone(mid));
    expect(Array.from(b.batch(4).x)).toEqual(Array.from(a.batch(4).x));
    a.shuffle();
    b.shuffle();
    expect(Array.from(b.batch(0).labels)).toEqual(Array.from(a.batch(0).labels));
    expect(() => new EpochBatches(split(50, 4), 4, 10, 7, 5).restore(mid)).toThrow(/does not fit/);
  });

  it('gives the same order for the same seed and appends the bias input with rowStride inputs+1', () => {
    const a = new EpochBatches(split(100, 4), 4, 10, 7, 5);
    const c = new EpochBatches(split(100, 4), 4, 10, 7, 5);
    a.shuffle();
    c.shuffle();
    const xa = Array.from(a.batch(3).x);
    expect(Array.from(c.batch(3).x)).toEqual(xa);
    for (let r = 0; r < 10; r++) {
      expect(xa.slice(r * 5, r * 5 + 4).every((v) => v === xa[r * 5])).toBe(true);
      expect(xa[r * 5 + 4]).toBe(1);
    }
    const other = new EpochBatches(split(100, 4), 4, 10, 8, 5);
    other.shuffle();
    expect(Array.from(other.batch(3).x)).not.toEqual(xa);
  });

  it('has 938 steps per epoch on 60,000 images and 860 with 5,000 held out (batch 64, last batch kept)', () => {
    expect(new EpochBatches(split(60000, 1), 1, 64, 0).stepsPerEpoch).toBe(938);
    expect(new EpochBatches(split(55000, 1), 1, 64, 0).stepsPerEpoch).toBe(860);
  });
});
