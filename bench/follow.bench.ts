/**
 * Benchmark: `analyze --follow` on a growing log. A log is written to a temporary folder: a
 * 1,000,000-line `step,loss` CSV (`--format csv`), or a Python-logging text log of `--mb`
 * megabytes (default 50) read by the built-in matcher (`--format text`); a separate writer process
 * appends 100 lines/s (10 lines every 100 ms) for `--seconds` seconds while this process polls
 * once per `--interval` seconds with the same code `analyze --follow` runs (FollowedAnalysis: read
 * what was appended, update the diagnoses). Per check it records the CPU time of this process
 * (user + system) and the wall time. The first check (reading the whole file) is reported apart.
 * For the text log it also times `--rereads` checks that read the whole file again (a new
 * FollowedAnalysis each time: what every check cost before text logs were continued).
 * Target (issue 14): under 5 ms CPU per check, for both formats.
 *
 *   npm run bench -- --only follow                       (both formats)
 *   npx tsx bench/follow.bench.ts --format text --mb 50 --seconds 10 --interval 1 --rereads 5
 *
 * Results go to bench/results/follow.json (CSV) and bench/results/follow-text.json.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FollowedAnalysis } from '../src/app/analyze-logs.js';
import { fmtSummary, machine, printTable, summarize, writeResults } from './bench-util.js';

const TARGET_MS = 5;

function argNumber(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

function argString(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
}

const loss = (i: number, rows: number) => (0.3 + 2 * Math.exp(-i / (rows / 50)) + 0.02 * Math.sin(i * 12.9898)).toFixed(6);

/** One line of each format (the writer process builds the same lines: `LINE_JS`). */
const LINE_JS = {
  csv: `(step, rows) => step + ',' + (0.3 + 2 * Math.exp(-step / (rows / 50)) + 0.02 * Math.sin(step * 12.9898)).toFixed(6) + '\\n'`,
  text: `(step, rows) => '2026-12-03 07:' + String(Math.floor(step / 60) % 60).padStart(2, '0') + ':' + String(step % 60).padStart(2, '0') + ',123 - trainer - INFO - step ' + step + ': loss=' + (0.3 + 2 * Math.exp(-step / (rows / 50)) + 0.02 * Math.sin(step * 12.9898)).toFixed(6) + ', lr=' + (step < rows / 2 ? '6.0e-04' : '6.0e-05') + ', grad_norm=' + (1 + 0.1 * Math.cos(step)).toFixed(4) + ', 51234.5 tokens/s\\n'`,
} as const;
type BenchFormat = keyof typeof LINE_JS;

/** Writes `rows` lines (after a header for CSV), or lines until `mb` megabytes for text; returns the lines written. */
function writeLog(file: string, format: BenchFormat, rows: number, mb: number): number {
  const line = new Function(`return ${LINE_JS[format]}`)() as (step: number, rows: number) => string;
  const fd = openSync(file, 'w');
  let bytes = 0;
  if (format === 'csv') bytes += writeSync(fd, 'step,loss\n');
  let chunk = '';
  let i = 1;
  for (; format === 'csv' ? i <= rows : bytes + chunk.length < mb * 1e6; i++) {
    chunk += line(i, rows);
    if (chunk.length > 1 << 20) {
      bytes += writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
  return i - 1;
}

/** The writer: appends `perTick` lines every 100 ms, continuing the steps, until killed. */
const WRITER = (format: BenchFormat) => `
const fs = require('node:fs');
const line = ${LINE_JS[format]};
const [file, start, rows, perTick] = process.argv.slice(1).map((a, i) => (i === 0 ? a : Number(a)));
let step = start;
setInterval(() => {
  let text = '';
  for (let k = 0; k < perTick; k++, step++) text += line(step, rows);
  fs.appendFileSync(file, text);
}, 100);
`;

/** One timed check: CPU (this process, user + system) and wall milliseconds. */
async function timed<T>(f: () => Promise<T>): Promise<{ result: T; cpuMs: number; wallMs: number }> {
  const c = process.cpuUsage();
  const t = performance.now();
  const result = await f();
  return { result, cpuMs: cpuMs(process.cpuUsage(c)), wallMs: performance.now() - t };
}

async function benchFormat(format: BenchFormat): Promise<boolean> {
  const rows = argNumber('--lines', 1_000_000);
  const mb = argNumber('--mb', 50);
  const seconds = argNumber('--seconds', 10);
  const interval = argNumber('--interval', 1);
  const rereads = argNumber('--rereads', 5);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pd-bench-follow-'));
  const file = path.join(dir, format === 'csv' ? 'loss.csv' : 'train.log');
  try {
    const lines = writeLog(file, format, rows, mb);
    // The loss curve's time scale: the CSV's row count, or the text log's line count.
    const scale = format === 'csv' ? rows : lines;
    const analysis = new FollowedAnalysis(file);
    const first = await timed(() => analysis.poll());
    if (first.result.kind !== 'ok') throw new Error(`first check: ${first.result.kind}`);
    const writer = spawn(process.execPath, ['-e', WRITER(format), file, String(lines + 1), String(scale), '10'], { stdio: 'ignore' });
    const cpu: number[] = [];
    const wall: number[] = [];
    const appended: number[] = [];
    let verdict = first.result.series[0].verdict;
    try {
      const end = performance.now() + seconds * 1000;
      while (performance.now() < end) {
        await new Promise((r) => setTimeout(r, interval * 1000));
        const { result: r, cpuMs: used, wallMs } = await timed(() => analysis.poll());
        if (r.kind !== 'ok' && r.kind !== 'unchanged') throw new Error(`check: ${r.kind}`);
        if (r.kind === 'ok') {
          cpu.push(used);
          wall.push(wallMs);
          appended.push(r.points ?? Number.NaN);
          verdict = r.series[0].verdict;
        }
      }
    } finally {
      writer.kill();
    }
    // A check that reads the whole file again (what each check of a text log cost before it was continued).
    const again = { cpu: [] as number[], wall: [] as number[] };
    for (let k = 0; k < (format === 'text' ? rereads : 0); k++) {
      const r = await timed(() => new FollowedAnalysis(file).poll());
      again.cpu.push(r.cpuMs);
      again.wall.push(r.wallMs);
    }
    const cpuS = summarize(cpu);
    const wallS = summarize(wall);
    const pointsS = summarize(appended.filter((n) => Number.isFinite(n)));
    const fullReads = appended.filter((n) => !Number.isFinite(n)).length;
    const ok = cpu.length > 0 && cpuS.median < TARGET_MS && fullReads === 0;
    const sizeMb = statSync(file).size / 1e6;
    const table = [
      [`first check: whole file, ${lines.toLocaleString('en')} lines (${sizeMb.toFixed(1)} MB)`, first.cpuMs.toFixed(0), first.wallMs.toFixed(0), String(lines)],
      [`each later check (every ${interval} s, writer at 100 lines/s)`, fmtSummary(cpuS, 2), fmtSummary(wallS, 2), fmtSummary(pointsS, 0)],
    ];
    if (again.cpu.length > 0) table.push(['a check that reads the whole file again', fmtSummary(summarize(again.cpu), 0), fmtSummary(summarize(again.wall), 0), 'all']);
    console.log(`\n${format === 'csv' ? 'step,loss CSV' : 'text log (Python logging, built-in matcher)'}`);
    printTable(['measurement', 'CPU (ms)', 'wall (ms)', 'lines read'], table);
    console.log(`checks read again from the start: ${fullReads}; last verdict: ${verdict}`);
    console.log(`target: median CPU per check < ${TARGET_MS} ms: ${ok ? 'met' : 'MISSED'}`);
    const results = {
      format,
      lines,
      megabytes: sizeMb,
      seconds,
      interval,
      first: { cpuMs: first.cpuMs, wallMs: first.wallMs },
      cpuMs: cpuS,
      wallMs: wallS,
      pointsPerCheck: pointsS,
      fullReads,
      ...(again.cpu.length > 0 ? { readAgain: { cpuMs: summarize(again.cpu), wallMs: summarize(again.wall) } } : {}),
      target: { cpuMs: TARGET_MS },
      met: ok,
      machine: machine(),
    };
    const out = writeResults(format === 'csv' ? 'follow' : 'follow-text', results);
    console.log(`results: ${path.relative(process.cwd(), out)}`);
    return ok;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const which = argString('--format', 'both');
  const formats: BenchFormat[] = which === 'both' ? ['csv', 'text'] : [which as BenchFormat];
  if (!formats.every((f) => f in LINE_JS)) throw new Error(`--format csv, text or both (got ${which})`);
  let ok = true;
  for (const f of formats) ok = (await benchFormat(f)) && ok;
  if (!ok) process.exitCode = 1;
}

function cpuMs(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1000;
}

await main();
