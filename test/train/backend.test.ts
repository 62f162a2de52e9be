import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { PlateauDoctorError } from '../../src/errors.js';
import { selectBackend } from '../../src/train/backend.js';

const tfjsNodeInstalled = (() => {
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
})();

describe('selectBackend', () => {
  it('activates the cpu backend on request and records versions', async () => {
    const b = await selectBackend('cpu');
    expect(b.name).toBe('cpu');
    expect(b.tf.getBackend()).toBe('cpu');
    expect(b.versions.tfjs).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('activates wasm with SIMD from the package folder', async () => {
    const b = await selectBackend('wasm');
    expect(b.name).toBe('wasm');
    expect(b.tf.getBackend()).toBe('wasm');
    expect(b.versions['tfjs-backend-wasm']).toMatch(/^\d+\.\d+\.\d+/);
    const product = b.tf.matMul(b.tf.tensor2d([1, 2, 3, 4], [2, 2]), b.tf.tensor2d([1, 0, 0, 1], [2, 2]));
    expect(Array.from(product.dataSync())).toEqual([1, 2, 3, 4]);
  });

  it('auto picks the first backend that loads and says why it skipped the others', async () => {
    const b = await selectBackend('auto');
    if (tfjsNodeInstalled && b.name === 'tensorflow') return;
    expect(b.name).toBe('wasm');
    expect(b.skipped.some((line) => line.startsWith('tensorflow:'))).toBe(true);
  });

  it.skipIf(tfjsNodeInstalled)('an explicit tensorflow request without tfjs-node is a user error that says what to do', async () => {
    const error = await selectBackend('tensorflow').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlateauDoctorError);
    expect((error as Error).message).toMatch(/--backend tensorflow is not available: .*npm install @tensorflow\/tfjs-node/);
  });

  it('rejects an unknown backend name', async () => {
    await expect(selectBackend('gpu' as never)).rejects.toThrow(/unknown backend "gpu"/);
  });
});
