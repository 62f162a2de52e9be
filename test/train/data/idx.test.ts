import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { PlateauDoctorError } from '../../../src/errors.js';
import {
  encodeIdxImages,
  encodeIdxLabels,
  isGzip,
  readIdxImages,
  readIdxLabels,
} from '../../../src/train/data/idx.js';
import { sharedDir, sharedPath, skipNote } from '../../helpers/shared.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'pd-idx-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(name: string, bytes: Uint8Array): string {
  const file = path.join(tmp, name);
  writeFileSync(file, bytes);
  return file;
}

/** 3 images of 2x2 with distinct pixel values, and 3 labels. */
const pixels = Uint8Array.from({ length: 12 }, (_, i) => i * 20);
const labels = Uint8Array.of(7, 0, 9);

async function expectUserError(promise: Promise<unknown>, ...patterns: RegExp[]): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlateauDoctorError);
  for (const p of patterns) expect((error as Error).message).toMatch(p);
}

describe('IDX reader', () => {
  it('reads raw and gzipped image and label files identically', async () => {
    const rawImages = write('raw-images', encodeIdxImages(pixels, 3, 2, 2));
    const gzImages = write('gz-images.gz', gzipSync(encodeIdxImages(pixels, 3, 2, 2)));
    for (const file of [rawImages, gzImages]) {
      const images = await readIdxImages(file);
      expect(images).toMatchObject({ kind: 'images', count: 3, rows: 2, cols: 2 });
      expect(Array.from(images.pixels)).toEqual(Array.from(pixels));
    }
    const gzLabels = write('labels.gz', gzipSync(encodeIdxLabels(labels)));
    const read = await readIdxLabels(gzLabels);
    expect(read.count).toBe(3);
    expect(Array.from(read.labels)).toEqual([7, 0, 9]);
  });

  it('detects gzip by its magic bytes, not by the file name', async () => {
    expect(isGzip(Uint8Array.of(0x1f, 0x8b, 8))).toBe(true);
    expect(isGzip(Uint8Array.of(0, 0, 8, 3))).toBe(false);
    const file = write('gzipped-without-extension', gzipSync(encodeIdxLabels(labels)));
    expect((await readIdxLabels(file)).count).toBe(3);
  });

  it('rejects a wrong magic number, naming the file and the numbers', async () => {
    const labelsAsImages = write('labels-as-images', encodeIdxLabels(labels));
    await expectUserError(readIdxImages(labelsAsImages), /labels-as-images/, /wrong magic number 2049/, /expected 2051/);
    const junk = write('junk.gz', gzipSync(new TextEncoder().encode('hello world, not an IDX file')));
    await expectUserError(readIdxLabels(junk), /junk\.gz/, /not an IDX file/);
  });

  it('rejects data shorter or longer than the header says', async () => {
    const full = encodeIdxImages(pixels, 3, 2, 2);
    const short = write('short-images', full.subarray(0, full.length - 1));
    await expectUserError(readIdxImages(short), /short-images/, /short/, /3 images of 2x2/, /re-download/);
    const long = write('long-labels', Uint8Array.of(...encodeIdxLabels(labels), 1));
    await expectUserError(readIdxLabels(long), /long-labels/, /too long/);
    const tiny = write('tiny', Uint8Array.of(0, 0, 8));
    await expectUserError(readIdxImages(tiny), /tiny/, /too short for an IDX image header/);
  });

  it('rejects a truncated gzip file', async () => {
    const gz = gzipSync(encodeIdxImages(pixels, 3, 2, 2));
    const file = write('truncated.gz', gz.subarray(0, gz.length - 10));
    await expectUserError(readIdxImages(file), /truncated\.gz/, /truncated/);
  });

  it('rejects a corrupt gzip file', async () => {
    const gz = Uint8Array.from(gzipSync(encodeIdxImages(pixels, 3, 2, 2)));
    gz.fill(0xff, 10, 30); // smash the deflate stream, keep the gzip magic
    const file = write('corrupt.gz', gz);
    await expectUserError(readIdxImages(file), /corrupt\.gz/, /corrupt|truncated/);
  });

  it('names a missing file', async () => {
    await expectUserError(readIdxImages(path.join(tmp, 'nope.gz')), /nope\.gz/, /not found/);
  });
});

describe.skipIf(!sharedDir)('IDX reader on the real MNIST files', () => {
  skipNote('reading the real MNIST IDX files');
  it('reads the 10,000 test images and labels', async () => {
    const images = await readIdxImages(sharedPath('mnist', 't10k-images-idx3-ubyte.gz'));
    const labels = await readIdxLabels(sharedPath('mnist', 't10k-labels-idx1-ubyte.gz'));
    expect(images).toMatchObject({ count: 10000, rows: 28, cols: 28 });
    expect(images.pixels.length).toBe(10000 * 784);
    expect(labels.count).toBe(10000);
    // The first test digit of MNIST is a 7, the second a 2 (well known).
    expect(Array.from(labels.labels.subarray(0, 2))).toEqual([7, 2]);
  });
});
