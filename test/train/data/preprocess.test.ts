import { describe, expect, it } from 'vitest';
import { PlateauDoctorError } from '../../../src/errors.js';
import { gatherRows, NORMALIZE_LUT, normalizePixels, splitValidation } from '../../../src/train/data/preprocess.js';

describe('normalizePixels', () => {
  it("matches the seed's float32 (x/255 - 0.5) / 0.5 for every byte", () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const out = normalizePixels(all);
    expect(out[0]).toBe(-1);
    expect(out[255]).toBe(1);
    // Recompute step by step in float32 through Float32Array stores (independent of Math.fround).
    const f = new Float32Array(1);
    for (let x = 0; x < 256; x++) {
      f[0] = x;
      f[0] = f[0] / 255;
      f[0] = f[0] - 0.5;
      f[0] = f[0] / 0.5;
      expect(out[x], `byte ${x}`).toBe(f[0]);
      expect(Math.abs(out[x] - (x / 255 - 0.5) / 0.5)).toBeLessThan(1e-7);
    }
    expect(NORMALIZE_LUT).toEqual(out);
  });

  it('writes into a given array, and rejects one of the wrong length', () => {
    const out = new Float32Array(3);
    expect(normalizePixels(Uint8Array.of(0, 51, 255), out)).toBe(out);
    expect(out[1]).toBeCloseTo(-0.6, 6);
    expect(() => normalizePixels(Uint8Array.of(1, 2), out)).toThrow(/3 elements, input has 2/);
  });
});

describe('splitValidation', () => {
  const dataset = { trainLabels: new Uint8Array(1000) };

  it('with valSize 0 keeps every training image, in order (the seed pipeline)', () => {
    const { train, val } = splitValidation(dataset, 0, 3);
    expect(val.length).toBe(0);
    expect(Array.from(train)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('holds out valSize images chosen by the seed: disjoint, complete, sorted, reproducible', () => {
    const a = splitValidation(dataset, 100, 7);
    expect(a.val.length).toBe(100);
    expect(a.train.length).toBe(900);
    const seen = new Set([...a.train, ...a.val]);
    expect(seen.size).toBe(1000);
    for (const arr of [a.train, a.val]) for (let i = 1; i < arr.length; i++) expect(arr[i]).toBeGreaterThan(arr[i - 1]);
    expect(Array.from(splitValidation(dataset, 100, 7).val)).toEqual(Array.from(a.val));
    expect(Array.from(splitValidation(dataset, 100, 8).val)).not.toEqual(Array.from(a.val));
    // Not simply the first or last 100 images.
    expect(a.val[0]).toBeLessThan(100);
    expect(a.val[99]).toBeGreaterThan(900);
  });

  it('rejects a validation set that leaves no training image, or a bad size', () => {
    expect(() => splitValidation(dataset, 1000, 0)).toThrow(PlateauDoctorError);
    expect(() => splitValidation(dataset, 1000, 0)).toThrow(/--val-size 1000 leaves no training image \(the training set has 1000\)/);
    expect(() => splitValidation(dataset, -1, 0)).toThrow(/--val-size -1 is invalid/);
    expect(() => splitValidation(dataset, 2.5, 0)).toThrow(/whole number/);
  });
});

describe('gatherRows', () => {
  it('copies the given rows in the given order', () => {
    const src = Uint8Array.of(1, 2, 3, 4, 5, 6);
    expect(Array.from(gatherRows(src, 2, [2, 0]))).toEqual([5, 6, 1, 2]);
    const f = gatherRows(Float32Array.of(0.5, 1.5, 2.5), 1, Uint32Array.of(1));
    expect(f).toBeInstanceOf(Float32Array);
    expect(Array.from(f)).toEqual([1.5]);
  });
});
