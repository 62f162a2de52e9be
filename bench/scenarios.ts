/**
 * The detector's scenario table (issue 3): real training runs, same seed, all schedules in
 * one `plateau-doctor run` invocation each, exactly as a user would run them. Prints a
 * markdown table and writes bench/results/scenarios.json.
 *
 *   npx tsx bench/scenarios.ts [--only 1,3] [--shared ../shared] [--jobs 2]
 *
 * Needs the MNIST and Fashion-MNIST IDX files (../shared/mnist, ../shared/fashion-mnist).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli.js';
import { diagnoseSeries } from '../src/detect/diagnose.js';
import { readRunDirs } from '../src/logs/run-dir.js';
import type { RunLog } from '../src/logs/run-log.js';

interface Scenario {
  id: number;
  title: string;
  args: string[];
  /** Checks the outcome; returns failures in words. */
  check: (runs: Map<string, RunLog>) => string[];
}

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const flag = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const shared = path.resolve(flag('--shared') ?? path.join(here, '..', '..', 'shared'));
const only = flag('--only')?.split(',').map(Number);
const jobs = flag('--jobs') ?? String(os.availableParallelism());

const acc = (r: RunLog | undefined) => 100 * (r?.meta.final.testAccuracy ?? Number.NaN);
const cuts = (r: RunLog | undefined) => r?.lrChanges.length ?? 0;

const scenarios: Scenario[] = [
  {
    id: 1,
    title: 'MNIST, lr 0.01, 10 epochs (the seed): no cut is right',
    args: ['--dataset', 'mnist', '--data-dir', path.join(shared, 'mnist'), '--lr', '0.01', '--epochs', '10'],
    check: (runs) => {
      const f: string[] = [];
      const d = acc(runs.get('doctor'));
      if (!(Math.abs(d - acc(runs.get('none'))) <= 0.3)) f.push(`doctor ${d.toFixed(2)} not within 0.3 of none ${acc(runs.get('none')).toFixed(2)}`);
      if (!(d > acc(runs.get('step')))) f.push(`doctor ${d.toFixed(2)} not above step ${acc(runs.get('step')).toFixed(2)}`);
      return f;
    },
  },
  {
    id: 2,
    title: 'Fashion-MNIST, lr 0.1, 30 epochs: validation loss stalls, a cut helps',
    args: ['--dataset', 'fashion-mnist', '--data-dir', path.join(shared, 'fashion-mnist'), '--lr', '0.1', '--epochs', '30', '--step-size', '10'],
    check: (runs) => {
      const f: string[] = [];
      const d = acc(runs.get('doctor'));
      if (!(d >= acc(runs.get('step')) - 0.3)) f.push(`doctor ${d.toFixed(2)} below step - 0.3 (${acc(runs.get('step')).toFixed(2)})`);
      if (!(d > acc(runs.get('none')))) f.push(`doctor ${d.toFixed(2)} not above none ${acc(runs.get('none')).toFixed(2)}`);
      return f;
    },
  },
  {
    id: 3,
    title: 'MNIST, lr 0.5: the network dies at once (stuck at ln 10)',
    args: ['--dataset', 'mnist', '--data-dir', path.join(shared, 'mnist'), '--lr', '0.5', '--epochs', '10'],
    check: (runs) => {
      const f: string[] = [];
      // The dying phase: the first epoch of the unscheduled run must read as stuck.
      const none = runs.get('none');
      if (none) {
        const stepsPerEpoch = Math.ceil(none.meta.dataset.trainSize / 64);
        const first = none.steps.slice(0, stepsPerEpoch);
        const d = diagnoseSeries(first.map((p) => p.step), first.map((p) => p.loss), { classes: 10, stepsPerEpoch });
        if (d.verdict !== 'stuck') f.push(`epoch-1 verdict of none is ${d.verdict}, expected stuck (${d.summary})`);
      }
      // At most one (trial) cut while stuck: PyTorch's and Keras's schedulers keep cutting there.
      const stuckCuts = runs.get('doctor')?.lrChanges.filter((c) => c.verdict === 'stuck').length ?? 0;
      if (stuckCuts > 1) f.push(`doctor cut ${stuckCuts} times while stuck`);
      return f;
    },
  },
  {
    id: 4,
    title: 'MNIST, lr 0.1, 30 epochs',
    args: ['--dataset', 'mnist', '--data-dir', path.join(shared, 'mnist'), '--lr', '0.1', '--epochs', '30'],
    check: (runs) => {
      const best = Math.max(acc(runs.get('none')), acc(runs.get('step')));
      const d = acc(runs.get('doctor'));
      return d >= best - 0.3 ? [] : [`doctor ${d.toFixed(2)} not within 0.3 of the best of none and step (${best.toFixed(2)})`];
    },
  },
];

if (!existsSync(path.join(shared, 'mnist'))) {
  console.log(`scenarios skipped: no MNIST files under ${shared} (pass --shared DIR)`);
  process.exit(0);
}

const root = mkdtempSync(path.join(os.tmpdir(), 'pd-scenarios-'));
const results: unknown[] = [];
const lines: string[] = [
  '| # | scenario | none | step | plateau | doctor | doctor cuts (step: verdict) | wall time | holds |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
];
for (const s of scenarios) {
  if (only && !only.includes(s.id)) continue;
  const out = path.join(root, `scenario-${s.id}`);
  const started = performance.now();
  const stderr: string[] = [];
  const code = await main(['run', ...s.args, '--schedules', 'none,step,plateau,doctor', '--seed', '0', '--jobs', jobs, '--out', out], {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => {
      stderr.push(t);
      if (/lr .* -> |completed|diverged/.test(t)) process.stderr.write(t);
    },
    isTTY: false,
    cwd: process.cwd(),
    env: process.env,
    signal: new AbortController().signal,
  });
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) {
    console.log(`scenario ${s.id} failed with exit code ${code}:\n${stderr.join('')}`);
    continue;
  }
  const runs = new Map(readRunDirs(out).map((r) => [r.meta.schedule, r]));
  const failures = s.check(runs);
  const doctor = runs.get('doctor');
  const cutText = doctor && doctor.lrChanges.length > 0 ? doctor.lrChanges.map((c) => `${c.step}: ${c.verdict ?? '?'}`).join('; ') : 'none';
  lines.push(
    `| ${s.id} | ${s.title} | ${['none', 'step', 'plateau', 'doctor'].map((n) => `${acc(runs.get(n)).toFixed(2)}% (${cuts(runs.get(n))} cuts)`).join(' | ')} | ${cutText} | ${seconds.toFixed(0)} s | ${failures.length === 0 ? 'yes' : 'NO: ' + failures.join('; ')} |`,
  );
  results.push({
    id: s.id,
    title: s.title,
    seconds,
    failures,
    runs: [...runs.values()].map((r) => ({
      schedule: r.meta.schedule,
      testAccuracy: r.meta.final.testAccuracy,
      testLoss: r.meta.final.testLoss,
      lrChanges: r.lrChanges.map((c) => ({ step: c.step, epoch: c.epoch, oldLr: c.oldLr, newLr: c.newLr, verdict: c.verdict, reason: c.reason })),
      backend: r.meta.backend,
      seconds: r.meta.timings.totalSeconds,
    })),
  });
  console.log(lines.join('\n'));
}
const resultsDir = path.join(here, 'results');
mkdirSync(resultsDir, { recursive: true });
const file = path.join(resultsDir, 'scenarios.json');
const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { scenarios?: { id: number }[] }).scenarios ?? [] : [];
const merged = [...previous.filter((p) => !results.some((r) => (r as { id: number }).id === p.id)), ...results].sort(
  (a, b) => (a as { id: number }).id - (b as { id: number }).id,
);
writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}`, scenarios: merged }, null, 2) + '\n');
console.log(`\n${lines.join('\n')}\n\nrun directories: ${root}\nresults: ${file}`);
