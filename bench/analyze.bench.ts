/**
 * Benchmark: `plateau-doctor analyze` on a 1,000,000-row `step,loss` CSV, end to end (CLI
 * parsing, streaming read, diagnosis, JSON output), in a fresh process so peak RSS is the
 * command's own. Targets (issue 4): under 3 s and under 400 MB peak memory.
 *
 *   npx tsx bench/analyze.bench.ts            # prints one result line per measurement
 *   npx tsx bench/analyze.bench.ts --rows 200000
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TARGET_SECONDS = 3;
const TARGET_MB = 400;

async function child(file: string): Promise<void> {
  const { main } = await import('../src/cli.js');
  let bytes = 0;
  const io = {
    stdout: (t: string) => void (bytes += t.length),
    stderr: (t: string) => void process.stderr.write(t),
    isTTY: false,
    cwd: process.cwd(),
    env: process.env,
    signal: new AbortController().signal,
  };
  const t0 = performance.now();
  const code = await main(['analyze', file, '--json'], io);
  const seconds = (performance.now() - t0) / 1000;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ code, seconds, maxRssMb, outputChars: bytes }) + '\n');
}

/** Writes a realistic curve: fast drop, slow descent, plateau, noise. Streams to disk in chunks. */
function writeCsv(file: string, rows: number): void {
  const fd = openSync(file, 'w');
  writeSync(fd, 'step,loss\n');
  let chunk = '';
  let seed = 12345;
  for (let i = 1; i <= rows; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const noise = (seed / 2147483648 - 0.5) * 0.04;
    const loss = 0.3 + 2 * Math.exp(-i / (rows / 50)) + 0.1 * Math.exp(-i / (rows / 5)) + noise;
    chunk += `${i},${loss.toFixed(6)}\n`;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
}

async function parent(): Promise<void> {
  const rowsArg = process.argv.indexOf('--rows');
  const rows = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 1_000_000;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pd-bench-analyze-'));
  const file = path.join(dir, 'loss.csv');
  try {
    writeCsv(file, rows);
    const sizeMb = statSync(file).size / 1e6;
    const self = fileURLToPath(import.meta.url);
    const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', file], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) {
      process.stderr.write(r.stderr);
      throw new Error(`benchmark child failed with status ${r.status}`);
    }
    const res = JSON.parse(r.stdout.trim().split('\n').pop()!) as { code: number; seconds: number; maxRssMb: number };
    const ok = res.code === 0 && res.seconds < TARGET_SECONDS && res.maxRssMb < TARGET_MB;
    console.log(
      `analyze ${rows.toLocaleString('en')} rows (${sizeMb.toFixed(1)} MB CSV): ${res.seconds.toFixed(2)} s, peak RSS ${res.maxRssMb.toFixed(0)} MB ` +
        `(targets < ${TARGET_SECONDS} s, < ${TARGET_MB} MB: ${ok ? 'met' : 'MISSED'}; exit code ${res.code})`,
    );
    writeFileSync(path.join(dir, 'done'), '');
    if (!ok) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const childArg = process.argv.indexOf('--child');
if (childArg > 0) await child(process.argv[childArg + 1]);
else await parent();
