/**
 * Benchmark: `plateau-doctor analyze FILE --json` on very large inputs, for peak memory: a
 * 2 GB `step,loss` CSV and a 1 GB TensorBoard event file (one `loss` scalar per event), written
 * to a temporary folder, each analysed by the compiled CLI in a fresh `node` process (so the
 * peak RSS is the command's own). Readers stream the file in 1 MiB chunks and keep at most about
 * a million rows (or scalars per tag), sampling longer logs (src/logs/row-sampler.ts).
 * Target (issue 14): peak RSS under 500 MB. This is a memory benchmark, not a timed test.
 *
 *   npm run bench -- --only large-input
 *   npx tsx bench/large-input.bench.ts --csv-gb 2 --tfevents-gb 1
 *
 * Results go to bench/results/large-input.json.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crcTable, crcUpdate } from '../src/logs/crc.js';
import { machine, printTable, repoRoot, writeResults } from './bench-util.js';

const TARGET_MB = 500;

const RUNNER = `
const { main } = await import(process.argv[2]);
let out = '';
const io = { stdout: (t) => { out += t; }, stderr: (t) => process.stderr.write(t), isTTY: false, cwd: process.cwd(), env: process.env, signal: new AbortController().signal };
const t = performance.now();
const code = await main(['analyze', process.argv[3], '--json'], io);
const doc = JSON.parse(out);
const f = doc.files[0];
process.stdout.write(JSON.stringify({ code, seconds: (performance.now() - t) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, series: f.series?.map((s) => ({ name: s.name, points: s.points, verdict: s.verdict })) ?? f.error, notes: f.notes }) + '\\n');
`;

function argNumber(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const lossAt = (i: number, n: number, seed: number) => 0.3 + 2 * Math.exp(-i / (n / 50)) + (seed / 2147483648 - 0.5) * 0.04;

function writeCsv(file: string, bytes: number): number {
  const fd = openSync(file, 'w');
  writeSync(fd, 'step,loss\n');
  const n = Math.round(bytes / 20); // about 20 bytes per row at these step counts
  let chunk = '';
  let seed = 12345;
  let written = 0;
  let i = 1;
  for (; written < bytes; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    chunk += `${i},${lossAt(i, n, seed).toFixed(6)}\n`;
    if (chunk.length > 1 << 22) {
      writeSync(fd, chunk);
      written += chunk.length;
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
  return i - 1;
}

const CRC32C = crcTable(0x82f63b78);
function masked(buf: Uint8Array): number {
  const c = (crcUpdate(CRC32C, 0xffffffff, buf) ^ 0xffffffff) >>> 0;
  return ((((c >>> 15) | (c << 17)) >>> 0) + 0xa282ead8) >>> 0;
}

function varint(n: number, out: number[]): void {
  while (n > 127) {
    out.push((n & 127) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
}

/** One `Event { wall_time, step, summary { value { tag: "loss", simple_value } } }`, TFRecord-framed. */
function eventRecord(step: number, value: number): Buffer {
  const val = Buffer.alloc(4);
  val.writeFloatLE(value);
  const summaryValue = [0x0a, 4, ...Buffer.from('loss'), 0x15, ...val]; // tag = 1, simple_value = 2
  const summary = [0x0a, summaryValue.length, ...summaryValue]; // value = 1
  const wall = Buffer.alloc(8);
  wall.writeDoubleLE(1.7e9 + step / 10);
  const event: number[] = [0x09, ...wall, 0x10]; // wall_time = 1 (double), step = 2 (varint)
  varint(step, event);
  event.push(0x2a, summary.length, ...summary); // summary = 5
  const data = Buffer.from(event);
  const head = Buffer.alloc(12);
  head.writeBigUInt64LE(BigInt(data.length));
  head.writeUInt32LE(masked(head.subarray(0, 8)), 8);
  const tail = Buffer.alloc(4);
  tail.writeUInt32LE(masked(data));
  return Buffer.concat([head, data, tail]);
}

function writeEvents(file: string, bytes: number): number {
  const fd = openSync(file, 'w');
  const n = Math.round(bytes / 48);
  let written = 0;
  let step = 0;
  let seed = 54321;
  let parts: Buffer[] = [];
  let size = 0;
  while (written + size < bytes) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const r = eventRecord(step, lossAt(step, n, seed));
    parts.push(r);
    size += r.length;
    step++;
    if (size > 1 << 22) {
      writeSync(fd, Buffer.concat(parts));
      written += size;
      parts = [];
      size = 0;
    }
  }
  writeSync(fd, Buffer.concat(parts));
  closeSync(fd);
  return step;
}

interface ChildResult {
  code: number;
  seconds: number;
  maxRssMb: number;
  series: { name: string; points: number; verdict: string }[] | string;
  notes: string[];
}

function measure(runner: string, cli: string, file: string): ChildResult {
  const r = spawnSync(process.execPath, [runner, cli, file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    throw new Error(`benchmark child failed with status ${r.status}`);
  }
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
}

async function main(): Promise<void> {
  const csvGb = argNumber('--csv-gb', 2);
  const tfGb = argNumber('--tfevents-gb', 1);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pd-bench-large-'));
  const build = mkdtempSync(path.join(repoRoot, '.bench-large-'));
  try {
    spawnSync(process.execPath, [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(repoRoot, 'tsconfig.build.json'), '--outDir', path.join(build, 'dist')], { encoding: 'utf8' });
    const cli = path.join(build, 'dist', 'cli.js');
    statSync(cli);
    const runner = path.join(build, 'runner.mjs');
    writeFileSync(runner, RUNNER);
    const rows: (string | number)[][] = [];
    const results: Record<string, unknown> = {};
    for (const [kind, gb] of [['csv', csvGb], ['tfevents', tfGb]] as const) {
      if (!(gb > 0)) continue;
      const file = path.join(dir, kind === 'csv' ? 'loss.csv' : 'events.out.tfevents.1.bench');
      const t = performance.now();
      const points = kind === 'csv' ? writeCsv(file, gb * 1e9) : writeEvents(file, gb * 1e9);
      const writeSeconds = (performance.now() - t) / 1000;
      const sizeGb = statSync(file).size / 1e9;
      const r = measure(runner, cli, file);
      rmSync(file, { force: true });
      const kept = Array.isArray(r.series) ? r.series.map((s) => `${s.name}: ${s.points.toLocaleString('en')} points, ${s.verdict}`).join('; ') : r.series;
      rows.push([`${kind}, ${sizeGb.toFixed(2)} GB, ${points.toLocaleString('en')} ${kind === 'csv' ? 'rows' : 'events'}`, r.seconds.toFixed(1), r.maxRssMb.toFixed(0), kept]);
      results[kind] = { sizeGb, points, writeSeconds, ...r };
    }
    printTable(['input', 'analyze (s)', 'peak RSS (MB)', 'series kept'], rows);
    const ok = Object.values(results).every((r) => (r as ChildResult).code === 0 && (r as ChildResult).maxRssMb < TARGET_MB);
    console.log(`target: peak RSS < ${TARGET_MB} MB: ${ok ? 'met' : 'MISSED'}`);
    const out = writeResults('large-input', { ...results, target: { maxRssMb: TARGET_MB }, met: ok, machine: machine() });
    console.log(`results: ${path.relative(process.cwd(), out)}`);
    if (!ok) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(build, { recursive: true, force: true });
  }
}

await main();
