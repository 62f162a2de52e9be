/**
 * Benchmark: the default comparison (`plateau-doctor run`: none, step, plateau, doctor, 10
 * epochs) on full MNIST with `--val-size 0`, as whole processes, with shared training (the
 * default) and with `--no-share`, against PyTorch running the same four configurations one
 * after the other on two threads; the three are interleaved in every round (their order
 * rotates) and the figures are medians over the rounds. Peak memory is the plateau-doctor
 * process's maximum RSS (worker threads included).
 *
 *   npx tsx bench/compare.bench.ts [--rounds 3] [--epochs 10] [--jobs N] [--data-dir DIR] [--val-size 0]
 *
 * PyTorch's configurations (`seed_pipeline.py --threads 2`): no scheduler; StepLR(5, 0.1);
 * ReduceLROnPlateau with PyTorch's defaults on the epoch's mean training loss (what
 * plateau-doctor's `plateau` watches with --val-size 0); and for `doctor`, which has no PyTorch
 * twin, the constant-LR run it trains when it makes no cut (it makes none on this pipeline).
 * plateau-doctor's figure is the wall time of a fresh `plateau-doctor run` process (CLI
 * start-up, loading the data, worker start-up, training, evaluation after every epoch, logs
 * and report); the CLI comes from dist/ when it is at least as new as every source file,
 * else from the TypeScript sources through tsx.
 *
 * A quick check that the benchmark works (not a measurement):
 *   npx tsx bench/compare.bench.ts --rounds 1 --data-dir fixtures/data/tiny-mnist --val-size 50
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fmtSummary, machine, mnistDir, printTable, repoRoot, runTorch, summarize, torchUnavailable, writeResults } from './bench-util.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
}

const epochs = Number(arg('epochs', '10'));
const rounds = Number(arg('rounds', '3'));
const jobs = Number(arg('jobs', String(os.availableParallelism())));
const dataDir = path.resolve(arg('data-dir', mnistDir()));
const valSize = Number(arg('val-size', '0'));

const SCHEDULES = 'none,step,plateau,doctor';
const TORCH_CONFIGS = [
  { name: 'none', torch: ['--scheduler', 'none'] },
  { name: 'step', torch: ['--scheduler', 'steplr'] },
  { name: 'plateau', torch: ['--scheduler', 'plateau'] },
  { name: 'doctor', torch: ['--scheduler', 'none'] },
] as const;

type Side = 'shared' | 'no-share';

interface CliResult {
  side: Side;
  engine: 'dist' | 'src';
  wallSeconds: number;
  maxRssMb: number;
  exitCode: number;
  /** "15 of 40 epochs trained; 25 shared" from the CLI's output (absent with --no-share). */
  sharedTraining: string | null;
  accuracies: Record<string, number | null>;
}

/** dist/cli.js when it is at least as new as every source file (what `plateau-doctor run` executes), else src/cli.ts through tsx. */
function cliModule(): { url: string; from: 'dist' | 'src' } {
  const dist = path.join(repoRoot, 'dist', 'cli.js');
  if (existsSync(dist)) {
    const built = statSync(dist).mtimeMs;
    const newest = Math.max(
      ...readdirSync(path.join(repoRoot, 'src'), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts'))
        .map((f) => statSync(path.join(repoRoot, 'src', f)).mtimeMs),
    );
    if (built >= newest) return { url: pathToFileURL(dist).href, from: 'dist' };
  }
  return { url: new URL('../src/cli.ts', import.meta.url).href, from: 'src' };
}

/** Child process: runs the CLI with the arguments after `--`, then writes its exit code and peak RSS to the result file. */
async function child(resultFile: string): Promise<void> {
  const cli = cliModule();
  const { main } = (await import(cli.url)) as typeof import('../src/cli.js');
  const argv = process.argv.slice(process.argv.indexOf('--') + 1);
  const exitCode = await main(argv);
  writeFileSync(resultFile, JSON.stringify({ exitCode, engine: cli.from, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(exitCode);
}

function plateauDoctor(side: Side): CliResult {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'pd-bench-compare-'));
  const resultFile = path.join(tmp, 'result.json');
  const out = path.join(tmp, 'out');
  const cliArgs = ['run', '--schedules', SCHEDULES, '--epochs', String(epochs), '--data-dir', dataDir, '--val-size', String(valSize), '--jobs', String(jobs), '--out', out];
  if (side === 'no-share') cliArgs.push('--no-share');
  const self = fileURLToPath(import.meta.url);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', resultFile, '--', ...cliArgs], { encoding: 'utf8', maxBuffer: 1 << 26, cwd: repoRoot });
  const wallSeconds = (performance.now() - t0) / 1000;
  try {
    if (r.status !== 0 || !existsSync(resultFile)) throw new Error(`plateau-doctor run (${side}) failed (${r.status}): ${r.stderr.slice(-1000)}`);
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as { exitCode: number; engine: 'dist' | 'src'; maxRssMb: number };
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as { runs: { name: string; final: { test_accuracy: number | null } }[] };
    return {
      side,
      ...result,
      wallSeconds,
      sharedTraining: /Shared training: (.*)/.exec(r.stdout)?.[1] ?? null,
      accuracies: Object.fromEntries(summary.runs.map((run) => [run.name, run.final.test_accuracy])),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

interface TorchResult {
  wallSeconds: number;
  trainSeconds: number;
  accuracies: Record<string, number>;
}

function pytorch(): TorchResult {
  let wall = 0;
  let train = 0;
  const accuracies: Record<string, number> = {};
  for (const c of TORCH_CONFIGS) {
    const { summary, wallSeconds } = runTorch([...c.torch, '--threads', '2', '--epochs', String(epochs)], dataDir);
    wall += wallSeconds;
    train += summary.total_train_seconds;
    accuracies[c.name] = summary.final_test_accuracy;
  }
  return { wallSeconds: wall, trainSeconds: train, accuracies };
}

async function parent(): Promise<void> {
  const startMachine = machine();
  const torchSkip = torchUnavailable();
  if (torchSkip) console.log(`PyTorch reference skipped: ${torchSkip}`);
  const results: Record<Side, CliResult[]> = { shared: [], 'no-share': [] };
  const torch: TorchResult[] = [];
  const order = ['torch', 'shared', 'no-share'] as const;
  for (let round = 1; round <= rounds; round++) {
    // Interleaved: the three sides take turns, starting one later each round.
    const turn = [...order.slice((round - 1) % 3), ...order.slice(0, (round - 1) % 3)];
    for (const side of turn) {
      if (side === 'torch') {
        if (!torchSkip) torch.push(pytorch());
      } else {
        results[side].push(plateauDoctor(side));
      }
    }
    const last = (side: Side) => `${side} ${results[side].at(-1)!.wallSeconds.toFixed(1)} s`;
    console.log(`round ${round}/${rounds} (${turn.join(', ')}): ${last('shared')}, ${last('no-share')}` + (torchSkip ? '' : `, PyTorch ${torch.at(-1)!.wallSeconds.toFixed(1)} s`));
  }
  report(results, torch, torchSkip, startMachine);
}

function report(results: Record<Side, CliResult[]>, torch: TorchResult[], torchSkip: string | undefined, startMachine: Record<string, unknown>): void {
  const wall = (side: Side) => summarize(results[side].map((r) => r.wallSeconds));
  const rss = (side: Side) => summarize(results[side].map((r) => r.maxRssMb));
  const torchWall = torch.length ? summarize(torch.map((r) => r.wallSeconds)) : undefined;
  const ratio = (side: Side) => (torch.length ? summarize(results[side].map((r, i) => r.wallSeconds / torch[i]!.wallSeconds)) : undefined);
  const accuracies = (acc: Record<string, number | null>) => TORCH_CONFIGS.map((c) => acc[c.name]?.toFixed(4) ?? '-').join(' / ');
  const first = results.shared[0]!;
  console.log(`\n${SCHEDULES} x ${epochs} epochs, ${dataDir} (--val-size ${valSize}), plateau-doctor --jobs ${jobs} (CLI from ${first.engine}/)`);
  printTable(
    ['who', 'wall s median (min, max, n)', 'peak RSS MB', `final test accuracy ${TORCH_CONFIGS.map((c) => c.name).join(' / ')}`],
    [
      ['plateau-doctor (shared)', fmtSummary(wall('shared'), 1), fmtSummary(rss('shared')), accuracies(first.accuracies)],
      ['plateau-doctor --no-share', fmtSummary(wall('no-share'), 1), fmtSummary(rss('no-share')), accuracies(results['no-share'][0]!.accuracies)],
      ...(torchWall ? [['PyTorch 2 threads, serial', fmtSummary(torchWall, 1), '-', accuracies(torch.at(-1)!.accuracies)]] : []),
    ],
  );
  console.log(`shared training: ${first.sharedTraining ?? 'not reported'}`);
  for (const side of ['shared', 'no-share'] as const) {
    const r = ratio(side);
    if (r) console.log(`plateau-doctor (${side}) / PyTorch wall time: ${fmtSummary(r, 2)}x` + (side === 'shared' ? `  (target <= 0.5x: ${r.median <= 0.5 ? 'met' : 'MISSED'})` : ''));
    else console.log(`plateau-doctor (${side}) / PyTorch: skipped (${torchSkip})`);
  }
  const peak = Math.max(rss('shared').max, rss('no-share').max);
  console.log(`peak memory: ${peak.toFixed(0)} MB (target < 1536 MB: ${peak < 1536 ? 'met' : 'MISSED'})`);
  const file = writeResults('compare', {
    benchmark: 'compare',
    description: `plateau-doctor run --schedules ${SCHEDULES} --epochs ${epochs} --val-size ${valSize} --jobs ${jobs} (shared and --no-share, whole processes) vs PyTorch seed_pipeline.py --threads 2 x 4 run serially; interleaved, ${rounds} round(s)`,
    dataDir,
    machineAtStart: startMachine,
    machineAtEnd: machine(),
    torchConfigs: TORCH_CONFIGS,
    plateauDoctor: { shared: { wallSeconds: wall('shared'), maxRssMb: rss('shared'), rounds: results.shared }, noShare: { wallSeconds: wall('no-share'), maxRssMb: rss('no-share'), rounds: results['no-share'] } },
    pytorch: torchWall ? { wallSeconds: torchWall, rounds: torch } : { skipped: torchSkip },
    ratio: { shared: ratio('shared'), noShare: ratio('no-share') },
  });
  console.log(`results: ${file}`);
}

const childAt = process.argv.indexOf('--child');
if (childAt > 0) await child(process.argv[childAt + 1]!);
else await parent();
