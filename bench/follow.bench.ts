/**
 * Benchmark: `analyze --follow` on a growing log. A log is written to a temporary folder: a
 * 1,000,000-line `step,loss` CSV (`--format csv`), a Python-logging text log of `--mb` megabytes
 * (default 50) read by the built-in matcher (`--format text`), or an MLflow run folder whose
 * `loss` and `lr` metric files make `--mb` megabytes (`--format mlflow`); a separate writer
 * process appends 100 steps/s (10 every 100 ms; to each file) for `--seconds` seconds while this
 * process polls once per `--interval` seconds with the same code `analyze --follow` runs
 * (FollowedAnalysis: read what was appended, update the diagnoses). Per check it records the CPU
 * time of this process (user + system) and the wall time. The first check (reading the whole
 * log) is reported apart. For the text log and the MLflow folder it also times `--rereads`
 * checks that read the whole log again (a new FollowedAnalysis each time: what every check cost
 * before they were continued). Target (issue 14): under 5 ms CPU per check, for each format.
 *
 *   npm run bench -- --only follow                       (all three formats)
 *   npx tsx bench/follow.bench.ts --format text --mb 50 --seconds 10 --interval 1 --rereads 5
 *
 * Results go to bench/results/follow.json (CSV), follow-text.json and follow-mlflow.json.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
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

/** The loss at a step, as JavaScript source (the writer process builds the same lines). */
const LOSS_JS = `(0.3 + 2 * Math.exp(-step / (rows / 50)) + 0.02 * Math.sin(step * 12.9898)).toFixed(6)`;
const LR_JS = `(step < rows / 2 ? '6.0e-04' : '6.0e-05')`;

/**
 * Each format's files (below the temporary folder): a header, and one line per step as a
 * JavaScript function `(step, rows) => string`; `followed` is the path `--follow` is given.
 */
const FORMATS = {
  csv: { followed: 'loss.csv', files: [{ path: 'loss.csv', header: 'step,loss\n', line: `(step, rows) => step + ',' + ${LOSS_JS} + '\\n'` }] },
  text: {
    followed: 'train.log',
    files: [
      {
        path: 'train.log',
        header: '',
        line: `(step, rows) => '2026-12-03 07:' + String(Math.floor(step / 60) % 60).padStart(2, '0') + ':' + String(step % 60).padStart(2, '0') + ',123 - trainer - INFO - step ' + step + ': loss=' + ${LOSS_JS} + ', lr=' + ${LR_JS} + ', grad_norm=' + (1 + 0.1 * Math.cos(step)).toFixed(4) + ', 51234.5 tokens/s\\n'`,
      },
    ],
  },
  // An MLflow run folder: the LR metric and the loss metric, one `<timestamp ms> <value> <step>` line per step each.
  mlflow: {
    followed: 'run',
    files: [
      { path: 'run/meta.yaml', header: 'run_id: bench\nstatus: 1\n', line: '' },
      { path: 'run/metrics/lr', header: '', line: `(step, rows) => (1700000000000 + step * 100) + ' ' + ${LR_JS} + ' ' + step + '\\n'` },
      { path: 'run/metrics/loss', header: '', line: `(step, rows) => (1700000000000 + step * 100) + ' ' + ${LOSS_JS} + ' ' + step + '\\n'` },
    ],
  },
} as const;
type BenchFormat = keyof typeof FORMATS;

/** Writes the format's files: `rows` steps for CSV, else steps until `mb` megabytes; returns the steps written. */
function writeLog(dir: string, format: BenchFormat, rows: number, mb: number): number {
  const files = FORMATS[format].files.map((f) => {
    mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
    const fd = openSync(path.join(dir, f.path), 'w');
    writeSync(fd, f.header);
    return { fd, line: f.line ? (new Function(`return ${f.line}`)() as (step: number, rows: number) => string) : undefined, chunk: '' };
  });
  let bytes = 0;
  let i = 1;
  for (; format === 'csv' ? i <= rows : bytes < mb * 1e6; i++) {
    for (const f of files) {
      if (!f.line) continue;
      const text = f.line(i, rows);
      f.chunk += text;
      bytes += text.length;
      if (f.chunk.length > 1 << 20) {
        writeSync(f.fd, f.chunk);
        f.chunk = '';
      }
    }
  }
  for (const f of files) {
    writeSync(f.fd, f.chunk);
    closeSync(f.fd);
  }
  return i - 1;
}

/** The writer: appends `perTick` steps every 100 ms to each file (in order), continuing the steps, until killed. */
const WRITER = (format: BenchFormat) => `
const fs = require('node:fs');
const path = require('node:path');
const files = [${FORMATS[format].files.filter((f) => f.line).map((f) => `[${JSON.stringify(f.path)}, ${f.line}]`).join(', ')}];
const [dir, start, rows, perTick] = process.argv.slice(1).map((a, i) => (i === 0 ? a : Number(a)));
let step = start;
setInterval(() => {
  for (const [file, line] of files) {
    let text = '';
    for (let k = 0; k < perTick; k++) text += line(step + k, rows);
    fs.appendFileSync(path.join(dir, file), text);
  }
  step += perTick;
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
  const file = path.join(dir, FORMATS[format].followed);
  try {
    const lines = writeLog(dir, format, rows, mb);
    // The loss curve's time scale: the CSV's row count, or the text log's line count.
    const scale = format === 'csv' ? rows : lines;
    const analysis = new FollowedAnalysis(file);
    const first = await timed(() => analysis.poll());
    if (first.result.kind !== 'ok') throw new Error(`first check: ${first.result.kind}`);
    const writer = spawn(process.execPath, ['-e', WRITER(format), dir, String(lines + 1), String(scale), '10'], { stdio: 'ignore' });
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
    for (let k = 0; k < (format === 'csv' ? 0 : rereads); k++) {
      const r = await timed(() => new FollowedAnalysis(file).poll());
      again.cpu.push(r.cpuMs);
      again.wall.push(r.wallMs);
    }
    const cpuS = summarize(cpu);
    const wallS = summarize(wall);
    const pointsS = summarize(appended.filter((n) => Number.isFinite(n)));
    const fullReads = appended.filter((n) => !Number.isFinite(n)).length;
    const ok = cpu.length > 0 && cpuS.median < TARGET_MS && fullReads === 0;
    const sizeMb = FORMATS[format].files.reduce((sum, f) => sum + statSync(path.join(dir, f.path)).size, 0) / 1e6;
    const table = [
      [`first check: whole log, ${lines.toLocaleString('en')} steps (${sizeMb.toFixed(1)} MB)`, first.cpuMs.toFixed(0), first.wallMs.toFixed(0), String(lines)],
      [`each later check (every ${interval} s, writer at 100 steps/s)`, fmtSummary(cpuS, 2), fmtSummary(wallS, 2), fmtSummary(pointsS, 0)],
    ];
    if (again.cpu.length > 0) table.push(['a check that reads the whole log again', fmtSummary(summarize(again.cpu), 0), fmtSummary(summarize(again.wall), 0), 'all']);
    console.log(`\n${{ csv: 'step,loss CSV', text: 'text log (Python logging, built-in matcher)', mlflow: 'MLflow run folder (loss and lr metric files)' }[format]}`);
    printTable(['measurement', 'CPU (ms)', 'wall (ms)', 'steps read'], table);
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
    const out = writeResults(format === 'csv' ? 'follow' : `follow-${format}`, results);
    console.log(`results: ${path.relative(process.cwd(), out)}`);
    return ok;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const which = argString('--format', 'all');
  const formats = (which === 'all' ? Object.keys(FORMATS) : [which]) as BenchFormat[];
  if (!formats.every((f) => f in FORMATS)) throw new Error(`--format csv, text, mlflow or all (got ${which})`);
  let ok = true;
  for (const f of formats) ok = (await benchFormat(f)) && ok;
  if (!ok) process.exitCode = 1;
}

function cpuMs(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1000;
}

await main();
