/**
 * Benchmark: `plateau-doctor analyze` on a 1,000,000-row `step,loss` CSV, end to end: a fresh
 * `node` process running the compiled CLI (as `npx plateau-doctor` does: yargs parsing, streaming
 * read, diagnosis, JSON output), so the wall time includes start-up and the peak RSS is the
 * command's own. Targets (issue 4): under 3 s and under 400 MB peak memory.
 *
 *   npm run bench -- --only analyze
 *   npx tsx bench/analyze.bench.ts --rows 200000 --reps 5
 *
 * The CLI is compiled (tsc -p tsconfig.build.json) into a temporary folder inside the repository
 * (so node_modules resolve) and removed afterwards. A 100-row run measures the start-up cost.
 * Results go to bench/results/analyze.json.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fmtSummary, machine, printTable, repoRoot, summarize, writeResults } from './bench-util.js';

const TARGET_SECONDS = 3;
const TARGET_MB = 400;

/** The measured process: imports the compiled CLI, runs `analyze FILE --json`, reports its own numbers. */
const RUNNER = `
const t0 = performance.now();
const { main } = await import(process.argv[2]);
let chars = 0;
const io = { stdout: (t) => { chars += t.length; }, stderr: (t) => process.stderr.write(t), isTTY: false, cwd: process.cwd(), env: process.env, signal: new AbortController().signal };
const t1 = performance.now();
const code = await main(['analyze', process.argv[3], '--json'], io);
const t2 = performance.now();
process.stdout.write(JSON.stringify({ code, seconds: (t2 - t1) / 1000, importSeconds: (t1 - t0) / 1000, processSeconds: process.uptime(), maxRssMb: process.resourceUsage().maxRSS / 1024, outputChars: chars }) + '\\n');
`;

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

interface ChildResult {
  code: number;
  /** The analyze command itself (main()). */
  seconds: number;
  /** Node start-up to exit, as a user waits for it. */
  processSeconds: number;
  maxRssMb: number;
}

function measure(runner: string, cli: string, file: string): ChildResult {
  const r = spawnSync(process.execPath, [runner, cli, file], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    throw new Error(`benchmark child failed with status ${r.status}`);
  }
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
}

function argNumber(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

async function parent(): Promise<void> {
  const rows = argNumber('--rows', 1_000_000);
  const reps = argNumber('--reps', 3);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pd-bench-analyze-'));
  const build = mkdtempSync(path.join(repoRoot, '.bench-analyze-'));
  const file = path.join(dir, 'loss.csv');
  const small = path.join(dir, 'small.csv');
  try {
    const tsc = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(repoRoot, 'tsconfig.build.json'), '--outDir', path.join(build, 'dist')], { encoding: 'utf8' });
    const cli = path.join(build, 'dist', 'cli.js');
    try {
      statSync(cli);
    } catch {
      process.stderr.write(tsc.stdout + tsc.stderr);
      throw new Error('compiling the CLI failed');
    }
    const runner = path.join(build, 'runner.mjs');
    writeFileSync(runner, RUNNER);
    writeCsv(file, rows);
    writeCsv(small, 100);
    const sizeMb = statSync(file).size / 1e6;
    const startup = measure(runner, cli, small);
    const runs: ChildResult[] = [];
    for (let i = 0; i < reps; i++) runs.push(measure(runner, cli, file));
    const seconds = summarize(runs.map((r) => r.seconds));
    const processSeconds = summarize(runs.map((r) => r.processSeconds));
    const rss = summarize(runs.map((r) => r.maxRssMb));
    const ok = runs.every((r) => r.code === 0) && processSeconds.median < TARGET_SECONDS && rss.max < TARGET_MB;
    printTable(
      ['measurement', 'command (s)', 'whole process (s)', 'peak RSS (MB)'],
      [
        [`analyze --json, ${rows.toLocaleString('en')} rows (${sizeMb.toFixed(1)} MB)`, fmtSummary(seconds, 2), fmtSummary(processSeconds, 2), fmtSummary(rss, 0)],
        ['100 rows (start-up cost)', startup.seconds.toFixed(2), startup.processSeconds.toFixed(2), startup.maxRssMb.toFixed(0)],
      ],
    );
    console.log(`targets: whole process median < ${TARGET_SECONDS} s, peak RSS < ${TARGET_MB} MB: ${ok ? 'met' : 'MISSED'}`);
    const out = writeResults('analyze', { rows, csvMb: sizeMb, seconds, processSeconds, maxRssMb: rss, startup, targets: { seconds: TARGET_SECONDS, maxRssMb: TARGET_MB }, met: ok, machine: machine() });
    console.log(`results: ${path.relative(process.cwd(), out)}`);
    if (!ok) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(build, { recursive: true, force: true });
  }
}

await parent();
