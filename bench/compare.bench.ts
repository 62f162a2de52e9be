/**
 * Benchmark: a 4-schedule, 10-epoch comparison on full MNIST (valSize 0), wall time and peak
 * memory, against PyTorch running the same four configurations one after the other on two
 * threads, measured back to back in the same session (the machine is usually shared).
 *
 *   npx tsx bench/compare.bench.ts [--rounds 1] [--epochs 10] [--jobs N]
 *
 * The four configurations (both sides): no scheduler; StepLR(5, 0.1); ReduceLROnPlateau
 * with PyTorch's defaults on the epoch's mean training loss; StepLR(3, 0.5).
 * plateau-doctor's figure is the wall time of `runComparison` in a fresh process (loading
 * the data, starting the worker threads, training, evaluating after every epoch); peak
 * memory is that process's maximum RSS (worker threads included). PyTorch's figure is the
 * wall time of the four `seed_pipeline.py --threads 2` processes, start-up included.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fmtSummary, machine, mnistDir, printTable, repoRoot, runTorch, summarize, torchUnavailable, writeResults } from './bench-util.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const epochs = arg('epochs', 10);
const rounds = arg('rounds', 1);
const jobs = arg('jobs', os.availableParallelism());

const CONFIGS = [
  { name: 'none', schedule: 'none', scheduleOptions: {}, torch: ['--scheduler', 'none'] },
  { name: 'step', schedule: 'step', scheduleOptions: { stepSize: 5, gamma: 0.1 }, torch: ['--scheduler', 'steplr'] },
  { name: 'plateau', schedule: 'plateau', scheduleOptions: { monitor: 'train_loss' }, torch: ['--scheduler', 'plateau'] },
  { name: 'step-3', schedule: 'step', scheduleOptions: { stepSize: 3, gamma: 0.5 }, torch: ['--scheduler', 'steplr', '--step-size', '3', '--gamma', '0.5'] },
] as const;

interface ChildResult {
  /** Whether the compiled dist/ or the TypeScript sources (through tsx) ran. */
  engine: 'dist' | 'src';
  wallSeconds: number;
  maxRssMb: number;
  runs: { name: string; status: string; testAccuracy: number | null; samplesPerSecond: number; backend: string }[];
}

/** dist/ when it is at least as new as every source file (what `plateau-doctor run` executes), else the TypeScript sources through tsx. */
function engineModule(): { url: string; from: 'dist' | 'src' } {
  const dist = path.join(repoRoot, 'dist', 'train', 'compare.js');
  if (existsSync(dist)) {
    const built = statSync(dist).mtimeMs;
    const newest = Math.max(...readdirSync(path.join(repoRoot, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => statSync(path.join(repoRoot, 'src', f)).mtimeMs));
    if (built >= newest) return { url: pathToFileURL(dist).href, from: 'dist' };
  }
  return { url: new URL('../src/train/compare.ts', import.meta.url).href, from: 'src' };
}

async function child(): Promise<void> {
  const engine = engineModule();
  const { runComparison } = (await import(engine.url)) as typeof import('../src/train/compare.js');
  const t0 = performance.now();
  const metas = await runComparison(
    CONFIGS.map((c) => ({
      name: c.name, schedule: c.schedule, scheduleOptions: { ...c.scheduleOptions }, seed: 0, epochs, lr: 0.01, batchSize: 64,
      valSize: 0, dataset: 'mnist' as const, dataDir: mnistDir(), backend: 'auto' as const,
    })),
    { jobs, emit: () => undefined },
  );
  const result: ChildResult = {
    engine: engine.from,
    wallSeconds: (performance.now() - t0) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    runs: metas.map((m) => ({ name: m.name, status: m.status, testAccuracy: m.final.testAccuracy, samplesPerSecond: m.samplesPerSecond, backend: m.backend })),
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

function plateauDoctor(): ChildResult {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', '--epochs', String(epochs), '--jobs', String(jobs)], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`comparison child failed (${r.status}): ${r.stderr.slice(-1000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
}

async function parent(): Promise<void> {
  const startMachine = machine();
  const torchSkip = torchUnavailable();
  if (torchSkip) console.log(`PyTorch reference skipped: ${torchSkip}`);
  const pd: ChildResult[] = [];
  const torch: { wallSeconds: number; accuracies: Record<string, number>; trainSeconds: number }[] = [];
  for (let round = 1; round <= rounds; round++) {
    if (!torchSkip) {
      let wall = 0;
      let train = 0;
      const accuracies: Record<string, number> = {};
      for (const c of CONFIGS) {
        const { summary, wallSeconds } = runTorch([...c.torch, '--threads', '2', '--epochs', String(epochs)]);
        wall += wallSeconds;
        train += summary.total_train_seconds;
        accuracies[c.name] = summary.final_test_accuracy;
      }
      torch.push({ wallSeconds: wall, trainSeconds: train, accuracies });
    }
    pd.push(plateauDoctor());
    console.log(
      `round ${round}/${rounds}: plateau-doctor ${pd.at(-1)!.wallSeconds.toFixed(1)} s` + (torch.length ? `, PyTorch ${torch.at(-1)!.wallSeconds.toFixed(1)} s` : ''),
    );
  }

  const pdWall = summarize(pd.map((r) => r.wallSeconds));
  const pdRss = summarize(pd.map((r) => r.maxRssMb));
  const torchWall = torch.length ? summarize(torch.map((r) => r.wallSeconds)) : undefined;
  const ratios = torch.length ? summarize(pd.map((r, i) => r.wallSeconds / torch[i].wallSeconds)) : undefined;
  console.log(`\n4 schedules x ${epochs} epochs on full MNIST (valSize 0), plateau-doctor with --jobs ${jobs} (${pd[0].runs[0]?.backend}, engine from ${pd[0].engine}/)`);
  printTable(
    ['who', 'wall s median (min, max, n)', 'peak RSS MB', 'final test accuracy none / step / plateau / step-3'],
    [
      ['plateau-doctor', fmtSummary(pdWall, 1), fmtSummary(pdRss), pd.at(-1)!.runs.map((r) => r.testAccuracy?.toFixed(4)).join(' / ')],
      ...(torchWall ? [['PyTorch 2 threads, serial', fmtSummary(torchWall, 1), '-', CONFIGS.map((c) => torch.at(-1)!.accuracies[c.name].toFixed(4)).join(' / ')]] : []),
    ],
  );
  if (ratios) {
    console.log(`\nplateau-doctor / PyTorch wall time: ${fmtSummary(ratios, 2)}x  (target <= 2x: ${ratios.median <= 2 ? 'met' : 'MISSED'})`);
  } else {
    console.log(`\nplateau-doctor / PyTorch ratio: skipped (${torchSkip})`);
  }
  console.log(`peak memory: ${pdRss.max.toFixed(0)} MB (target < 1536 MB: ${pdRss.max < 1536 ? 'met' : 'MISSED'})`);
  const file = writeResults('compare', {
    benchmark: 'compare',
    description: `4 schedules x ${epochs} epochs, full MNIST, valSize 0; plateau-doctor runComparison (jobs ${jobs}) vs PyTorch seed_pipeline.py --threads 2 run serially`,
    machineAtStart: startMachine,
    machineAtEnd: machine(),
    configs: CONFIGS,
    plateauDoctor: { wallSeconds: pdWall, maxRssMb: pdRss, rounds: pd },
    pytorch: torchWall ? { wallSeconds: torchWall, rounds: torch } : { skipped: torchSkip },
    ratio: ratios,
  });
  console.log(`results: ${file}`);
}

if (process.argv.includes('--child')) await child();
else await parent();
