/**
 * Benchmark: training throughput (samples/s, training loop only, no evaluation) of one run
 * on one core, per available tfjs backend, against the PyTorch reference on one thread
 * measured in the same session. Rounds alternate PyTorch and plateau-doctor back to back,
 * so both see the same machine load (the machine is usually shared); the ratio is taken
 * per round and summarised.
 *
 *   npx tsx bench/train.bench.ts [--rounds 3] [--epochs 2]
 *
 * Per round: PyTorch `seed_pipeline.py --threads 1 --epochs E` (samples/s over its
 * training loops), then plateau-doctor on wasm for E epochs on full MNIST (samples/s over
 * its training loops). The cpu backend (pure JS) is measured on 100 steps only, once per
 * round; tfjs-node when it loads.
 */
import { loadDataset } from '../src/train/data/datasets.js';
import { prepareTrainingData } from '../src/train/batches.js';
import { selectBackend, type BackendName } from '../src/train/backend.js';
import type { RunPlan } from '../src/train/events.js';
import { trainRun } from '../src/train/trainer.js';
import { fmtSummary, machine, mnistDir, printTable, runTorch, summarize, torchUnavailable, writeResults } from './bench-util.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const rounds = arg('rounds', 3);
const epochs = arg('epochs', 2);
const startMachine = machine();
const dataDir = mnistDir();
const dataset = await loadDataset({ dataset: 'mnist', dataDir, log: (l) => console.log(l) });
const full = prepareTrainingData(dataset, { valSize: 0, seed: 0 });
const small = prepareTrainingData(dataset, { valSize: 0, seed: 0, limit: { train: 6400, test: 100 } });

const plan = (backend: BackendName, n: number): RunPlan => ({
  name: `bench-${backend}`, schedule: 'none', scheduleOptions: {}, seed: 0, epochs: n, lr: 0.01, batchSize: 64, valSize: 0,
  dataset: 'mnist', dataDir, backend,
});

async function measure(backend: BackendName, n: number, data: typeof full): Promise<number> {
  const selected = await selectBackend(backend);
  const meta = await trainRun(plan(backend, n), { controller: { name: 'none' }, emit: () => undefined, data, backend: selected });
  return meta.samplesPerSecond;
}

const available: BackendName[] = [];
const skipped: Record<string, string> = {};
for (const b of ['wasm', 'cpu', 'tensorflow'] as BackendName[]) {
  try {
    await selectBackend(b);
    available.push(b);
  } catch (error) {
    skipped[b] = (error as Error).message;
  }
}
const torchSkip = torchUnavailable();
if (torchSkip) console.log(`PyTorch reference skipped: ${torchSkip}`);

const samples: Record<string, number[]> = { pytorch: [] };
for (const b of available) samples[b] = [];
const ratios: number[] = [];
let torchInfo: Record<string, unknown> | undefined;
for (let round = 1; round <= rounds; round++) {
  let torch: number | undefined;
  if (!torchSkip) {
    const { summary } = runTorch(['--scheduler', 'none', '--threads', '1', '--epochs', String(epochs)]);
    torch = summary.samples_per_second;
    samples.pytorch.push(torch);
    torchInfo = { torch: summary.torch_version, threads: summary.threads, blas: summary.blas_library };
  }
  for (const b of available) {
    const sps = b === 'cpu' ? await measure(b, 1, small) : await measure(b, epochs, full);
    samples[b].push(sps);
    if (b === 'wasm' && torch !== undefined) ratios.push(sps / torch);
  }
  console.log(`round ${round}/${rounds}: ` + Object.entries(samples).map(([k, v]) => `${k} ${Math.round(v.at(-1) ?? 0)}`).join(', ') + ' samples/s');
}

const rows: (string | number)[][] = [];
for (const [name, values] of Object.entries(samples)) {
  if (values.length === 0) continue;
  const what = name === 'pytorch' ? `PyTorch ${torchInfo?.torch ?? ''}, 1 thread, ${epochs} epochs` : name === 'cpu' ? 'tfjs cpu, 100 steps' : `tfjs ${name}, 1 thread, ${epochs} epochs`;
  rows.push([name, what, fmtSummary(summarize(values))]);
}
for (const [b, why] of Object.entries(skipped)) rows.push([b, 'skipped', why.split(';')[0]]);
console.log('\nTraining throughput, samples/s (training loop only; median of rounds)');
printTable(['backend', 'configuration', 'samples/s median (min, max, n)'], rows);
const ratio = ratios.length ? summarize(ratios) : undefined;
if (ratio) {
  console.log(`\nwasm / PyTorch (1 thread), per back-to-back round: ${fmtSummary(ratio, 2)}x  (target >= 0.3x: ${ratio.median >= 0.3 ? 'met' : 'MISSED'})`);
} else {
  console.log(`\nwasm / PyTorch ratio: skipped (${torchSkip ?? 'wasm unavailable'})`);
}

const file = writeResults('train', {
  benchmark: 'train',
  description: 'one run, one core: samples/s of the training loop (no evaluation), MNIST 60k, batch 64',
  machineAtStart: startMachine,
  machineAtEnd: machine(),
  rounds,
  epochs,
  dataset: full.info,
  results: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v)])),
  skipped: { ...skipped, ...(torchSkip ? { pytorch: torchSkip } : {}) },
  pytorch: torchInfo,
  wasmOverPytorch: ratio,
});
console.log(`results: ${file}`);
