/**
 * Benchmark: `analyze --follow` on a growing log. A 1,000,000-line `step,loss` CSV is written to
 * a temporary folder; a separate writer process appends 100 lines/s (10 lines every 100 ms) for
 * `--seconds` seconds while this process polls once per `--interval` seconds with the same code
 * `analyze --follow` runs (FollowedAnalysis: read what was appended, update the diagnoses). Per
 * check it records the CPU time of this process (user + system) and the wall time. The first
 * check (reading the whole file) is reported apart. Target (issue 14): under 5 ms CPU per check.
 *
 *   npm run bench -- --only follow
 *   npx tsx bench/follow.bench.ts --lines 1000000 --seconds 10 --interval 1
 *
 * Results go to bench/results/follow.json.
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

const loss = (i: number, rows: number) => (0.3 + 2 * Math.exp(-i / (rows / 50)) + 0.02 * Math.sin(i * 12.9898)).toFixed(6);

function writeCsv(file: string, rows: number): void {
  const fd = openSync(file, 'w');
  writeSync(fd, 'step,loss\n');
  let chunk = '';
  for (let i = 1; i <= rows; i++) {
    chunk += `${i},${loss(i, rows)}\n`;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
}

/** The writer: appends `perTick` lines every 100 ms, continuing the steps, until killed. */
const WRITER = `
const fs = require('node:fs');
const [file, start, rows, perTick] = process.argv.slice(1).map((a, i) => (i === 0 ? a : Number(a)));
let step = start;
setInterval(() => {
  let text = '';
  for (let k = 0; k < perTick; k++, step++) text += step + ',' + (0.3 + 2 * Math.exp(-step / (rows / 50)) + 0.02 * Math.sin(step * 12.9898)).toFixed(6) + '\\n';
  fs.appendFileSync(file, text);
}, 100);
`;

async function main(): Promise<void> {
  const lines = argNumber('--lines', 1_000_000);
  const seconds = argNumber('--seconds', 10);
  const interval = argNumber('--interval', 1);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pd-bench-follow-'));
  const file = path.join(dir, 'loss.csv');
  try {
    writeCsv(file, lines);
    const analysis = new FollowedAnalysis(file);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const first = await analysis.poll();
    const firstCpuMs = cpuMs(process.cpuUsage(cpu0));
    const firstWallMs = performance.now() - t0;
    if (first.kind !== 'ok') throw new Error(`first check: ${first.kind}`);
    const writer = spawn(process.execPath, ['-e', WRITER, file, String(lines + 1), String(lines), '10'], { stdio: 'ignore' });
    const cpu: number[] = [];
    const wall: number[] = [];
    const appended: number[] = [];
    let verdict = first.series[0].verdict;
    try {
      const end = performance.now() + seconds * 1000;
      while (performance.now() < end) {
        await new Promise((r) => setTimeout(r, interval * 1000));
        const c = process.cpuUsage();
        const t = performance.now();
        const r = await analysis.poll();
        const used = cpuMs(process.cpuUsage(c));
        if (r.kind !== 'ok' && r.kind !== 'unchanged') throw new Error(`check: ${r.kind}`);
        if (r.kind === 'ok') {
          cpu.push(used);
          wall.push(performance.now() - t);
          appended.push(r.points ?? Number.NaN);
          verdict = r.series[0].verdict;
        }
      }
    } finally {
      writer.kill();
    }
    const cpuS = summarize(cpu);
    const wallS = summarize(wall);
    const pointsS = summarize(appended.filter((n) => Number.isFinite(n)));
    const fullReads = appended.filter((n) => !Number.isFinite(n)).length;
    const ok = cpu.length > 0 && cpuS.median < TARGET_MS && fullReads === 0;
    const sizeMb = statSync(file).size / 1e6;
    printTable(
      ['measurement', 'CPU (ms)', 'wall (ms)', 'lines read'],
      [
        [`first check: whole file, ${lines.toLocaleString('en')} lines (${sizeMb.toFixed(1)} MB)`, firstCpuMs.toFixed(0), firstWallMs.toFixed(0), String(lines)],
        [`each later check (every ${interval} s, writer at 100 lines/s)`, fmtSummary(cpuS, 2), fmtSummary(wallS, 2), fmtSummary(pointsS, 0)],
      ],
    );
    console.log(`checks read again from the start: ${fullReads}; last verdict: ${verdict}`);
    console.log(`target: median CPU per check < ${TARGET_MS} ms: ${ok ? 'met' : 'MISSED'}`);
    const out = writeResults('follow', { lines, seconds, interval, first: { cpuMs: firstCpuMs, wallMs: firstWallMs }, cpuMs: cpuS, wallMs: wallS, pointsPerCheck: pointsS, fullReads, target: { cpuMs: TARGET_MS }, met: ok, machine: machine() });
    console.log(`results: ${path.relative(process.cwd(), out)}`);
    if (!ok) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function cpuMs(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1000;
}

await main();
