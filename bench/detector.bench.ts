/**
 * Benchmark: the online PlateauDetector's per-update cost (issue 3 target: 1,000,000 updates in
 * under 1 s) and the offline diagnoseSeries on 1,000,000 points. Losses are generated beforehand
 * (a drop to a floor with 25% log-normal batch noise), so only the detector is timed.
 *
 *   npx tsx bench/detector.bench.ts [--updates 1000000] [--repeats 5]
 */
import { PlateauDetector } from '../src/detect/detector.js';
import { diagnoseSeries } from '../src/detect/diagnose.js';
import { Rng } from '../src/rng.js';
import { fmtSummary, machine, printTable, summarize, writeResults } from './bench-util.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const N = arg('updates', 1_000_000);
const repeats = arg('repeats', 5);
const TARGET_MS = 1000;

const rng = new Rng(1);
const steps = new Float64Array(N);
const losses = new Float64Array(N);
for (let i = 0; i < N; i++) {
  const t = i + 1;
  steps[i] = t;
  losses[i] = (0.3 + 2 * Math.exp(-t / (N / 20))) * Math.exp(0.25 * rng.normal() - 0.03125);
}

const onlineMs: number[] = [];
let lastVerdict = '';
for (let r = 0; r < repeats; r++) {
  const detector = new PlateauDetector({ stepsPerEpoch: 938, classes: 10 });
  const t0 = performance.now();
  for (let i = 0; i < N; i++) lastVerdict = detector.update(steps[i], losses[i]).verdict;
  onlineMs.push(performance.now() - t0);
}
const offlineMs: number[] = [];
const xs = Array.from(steps);
const ys = Array.from(losses);
let offlineVerdict = '';
for (let r = 0; r < repeats; r++) {
  const t0 = performance.now();
  offlineVerdict = diagnoseSeries(xs, ys, { stepsPerEpoch: 938, classes: 10 }).verdict;
  offlineMs.push(performance.now() - t0);
}
const online = summarize(onlineMs);
const offline = summarize(offlineMs);
printTable(
  ['measurement', 'median ms (min, max, n)', 'target', 'verdict at the end'],
  [
    [`PlateauDetector.update x ${N.toLocaleString('en')}`, fmtSummary(online, 0), `< ${TARGET_MS} ms ${online.median < TARGET_MS ? 'PASS' : 'FAIL'}`, lastVerdict],
    [`diagnoseSeries on ${N.toLocaleString('en')} points`, fmtSummary(offline, 0), '-', offlineVerdict],
  ],
);
console.log(`per update: ${((online.median * 1e6) / N).toFixed(0)} ns (median)`);
writeResults('detector', { updates: N, onlineMs: online, offlineMs: offline, verdict: lastVerdict, machine: machine() });
