import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlateauDoctorError } from '../../../src/errors.js';
import { DownloadUnavailableError, downloadVerified } from '../../../src/train/data/download.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'pd-dl-'));
const payload = Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7) & 255));
const md5 = createHash('md5').update(payload).digest('hex');
let server: Server;
let base = '';
let onHalf: (() => void) | undefined;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/file') {
      res.writeHead(200).end(payload);
    } else if (req.url === '/stall') {
      // Half the file, then nothing: a download someone interrupts with Ctrl-C.
      res.writeHead(200, { 'content-length': payload.length });
      res.write(payload.subarray(0, 50_000), () => onHalf?.());
    } else {
      res.writeHead(500, 'Boom').end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(tmp, { recursive: true, force: true });
});

describe('downloadVerified', () => {
  it('keeps a file whose MD5 matches, under its final name only', async () => {
    const dest = path.join(tmp, 'a', 'file.gz');
    await downloadVerified(`${base}/file`, dest, md5);
    expect(readFileSync(dest).equals(payload)).toBe(true);
    expect(readdirSync(path.dirname(dest))).toEqual(['file.gz']);
  });

  it('reports an HTTP error as unavailable (so the next mirror is tried) and creates nothing', async () => {
    const dest = path.join(tmp, 'b', 'file.gz');
    const error = await downloadVerified(`${base}/error`, dest, md5).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadUnavailableError);
    expect((error as Error).message).toBe(`${base}/error: HTTP 500 Boom`);
    expect(existsSync(path.dirname(dest))).toBe(false);
  });

  it('stops on Ctrl-C (the abort signal), deletes the partial file and exits 130', async () => {
    const dest = path.join(tmp, 'c', 'file.gz');
    const abort = new AbortController();
    onHalf = () => setTimeout(() => abort.abort(), 50);
    const error = await downloadVerified(`${base}/stall`, dest, md5, { signal: abort.signal, idleTimeoutMs: 60_000 }).catch(
      (e: unknown) => e,
    );
    onHalf = undefined;
    expect(error).toBeInstanceOf(PlateauDoctorError);
    expect((error as PlateauDoctorError).exitCode).toBe(130);
    expect((error as Error).message).toMatch(/download of .*\/stall interrupted; nothing was kept/);
    expect(readdirSync(path.dirname(dest))).toEqual([]);
  });

  it('gives up on a body that stalls (idleTimeoutMs)', async () => {
    const dest = path.join(tmp, 'd', 'file.gz');
    const error = await downloadVerified(`${base}/stall`, dest, md5, { idleTimeoutMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadUnavailableError);
    expect((error as Error).message).toMatch(/download stalled for 200 ms/);
    expect(readdirSync(path.dirname(dest))).toEqual([]);
  });
});
