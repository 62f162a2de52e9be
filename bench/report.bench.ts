/**
 * Benchmark: the HTML report. Build time and size of the run report for the issue's case
 * (4 runs x 10 epochs x 938 steps; target: under 1.5 MB), with and without the detector, for
 * 5 seeds x 4 schedules, for an analyze report of a 1,000,000-point series, and the time
 * Chromium takes to render every chart (when /usr/bin/chromium is there).
 *
 *   npx tsx bench/report.bench.ts          # or: npm run bench -- --only report
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildRunReport } from '../src/report/run-report.js';
import { buildAnalyzeReport, analyzeReportFile } from '../src/report/analyze-report.js';
import { vendorScripts } from '../src/report/html.js';
import { fourRuns } from '../test/report/synthetic.js';

const SIZE_TARGET_BYTES = 1.5e6;
const here = path.dirname(fileURLToPath(import.meta.url));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function time<T>(reps: number, fn: () => T): { ms: number; min: number; result: T } {
  let result = fn(); // warm-up (also loads the vega bundles once)
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), min: Math.min(...times), result };
}

const rows: Array<Record<string, string | number>> = [];
const vendorBytes = vendorScripts().reduce((s, js) => s + Buffer.byteLength(js), 0);

const four = fourRuns();
// Warm the JIT on the whole pipeline first, so the first case measured is not penalised.
for (let i = 0; i < 3; i++) buildRunReport(four);
const plain = time(7, () => buildRunReport(four));
rows.push({ case: '4 runs x 10 x 938, no detector', buildMs: plain.ms, bytes: Buffer.byteLength(plain.result) });
const detected = time(7, () => buildRunReport(four));
rows.push({ case: '4 runs x 10 x 938, with detector', buildMs: detected.ms, bytes: Buffer.byteLength(detected.result) });
const twenty = [1, 2, 3, 4, 5].flatMap((seed) => fourRuns(seed));
const seeds = time(3, () => buildRunReport(twenty));
rows.push({ case: '5 seeds x 4 schedules, no detector', buildMs: seeds.ms, bytes: Buffer.byteLength(seeds.result) });
const n = 1_000_000;
const xs = Array.from({ length: n }, (_, i) => i + 1);
const ys = xs.map((x, i) => (0.1 + 2 * Math.exp(-x / 20000)) * (1 + 0.2 * Math.sin(i * 12.9898)));
const bigLog = analyzeReportFile({ file: 'big.csv', format: 'csv', series: [{ name: 'loss', role: 'train', x: 'step', xs, ys }] }, [null]);
const big = time(3, () => buildAnalyzeReport([bigLog]));
rows.push({ case: 'analyze, 1,000,000-point series', buildMs: big.ms, bytes: Buffer.byteLength(big.result) });

let renderMs: number | null = null;
const chromiumPath = process.env.PLATEAU_DOCTOR_CHROMIUM ?? '/usr/bin/chromium';
if (existsSync(chromiumPath)) {
  const { chromium } = await import('playwright-core');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pd-bench-report-'));
  const file = path.join(dir, 'report.html');
  writeFileSync(file, detected.result);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
    const t0 = performance.now();
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-charts-rendered="3"]', { timeout: 120_000 });
    times.push(performance.now() - t0);
    await page.close();
  }
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
  renderMs = median(times);
}

console.log(`vega + vega-lite + vega-embed inlined: ${(vendorBytes / 1e6).toFixed(3)} MB`);
console.log('case'.padEnd(38) + 'build (median)'.padStart(16) + 'size'.padStart(12));
for (const r of rows) console.log(String(r.case).padEnd(38) + `${Number(r.buildMs).toFixed(0)} ms`.padStart(16) + `${(Number(r.bytes) / 1e6).toFixed(3)} MB`.padStart(12));
console.log(`Chromium load + render of the 4-run report: ${renderMs === null ? 'skipped (no chromium)' : `${renderMs.toFixed(0)} ms (median of 3)`}`);
const size = Number(rows[1].bytes);
const pass = size < SIZE_TARGET_BYTES;
console.log(`target: 4-run report under 1.5 MB: ${pass ? 'PASS' : 'FAIL'} (${(size / 1e6).toFixed(3)} MB)`);

mkdirSync(path.join(here, 'results'), { recursive: true });
writeFileSync(
  path.join(here, 'results', 'report.json'),
  JSON.stringify({ date: new Date().toISOString(), cpu: os.cpus()[0]?.model, loadAverage: os.loadavg(), vendorBytes, cases: rows, chromiumRenderMs: renderMs, sizeTargetBytes: SIZE_TARGET_BYTES, pass }, null, 2) + '\n',
);
process.exitCode = pass ? 0 : 1;
