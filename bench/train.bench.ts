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
 * round; tfjs-node when it loads; and, for scale, a naive tfjs loop (optimizer.minimize) on
 * wasm for 200 steps.
 *
 * Averaged weights (issue 12; the wasm runs above keep them, the default): every round also
 * times SimpleNN steps on wasm with and without the average (an EMA updated after every step)
 * in interleaved blocks of 50 steps on the same batches, CPU time of this process
 * (`process.cpuUsage`, robust to other processes on a shared machine), and reports the
 * per-step cost ratio with / without, median of rounds. The bound: at most 1.10.
 * `--only-averaging` measures just that.
 */
import { loadDataset } from '../src/train/data/datasets.js';
import { EpochBatches, prepareTrainingData } from '../src/train/batches.js';
import { initMlpWeights, SimpleNN } from '../src/train/model.js';
import { Rng } from '../src/rng.js';
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
const onlyAveraging = process.argv.includes('--only-averaging');
const startMachine = machine();
const dataDir = mnistDir();
const dataset = await loadDataset({ dataset: 'mnist', dataDir, log: (l) => console.log(l) });
const full = prepareTrainingData(dataset, { valSize: 0, seed: 0 });
const small = prepareTrainingData(dataset, { valSize: 0, seed: 0, limit: { train: 6400, test: 100 } });

const plan = (backend: BackendName, n: number, averageHorizon?: number): RunPlan => ({
  name: `bench-${backend}`, schedule: 'none', scheduleOptions: {}, seed: 0, epochs: n, lr: 0.01, batchSize: 64, valSize: 0,
  dataset: 'mnist', dataDir, backend, averageHorizon,
});

/** Samples/s of the training loop; the default plan keeps the averaged weights (`averageHorizon` 0: none). */
async function measure(backend: BackendName, n: number, data: typeof full, averageHorizon?: number): Promise<number> {
  const selected = await selectBackend(backend);
  const meta = await trainRun(plan(backend, n, averageHorizon), { controller: { name: 'none' }, emit: () => undefined, data, backend: selected });
  return meta.samplesPerSecond;
}

/**
 * CPU seconds per step with the averaged weights over CPU seconds per step without: two
 * models (one keeps a one-epoch EMA) train alternately in blocks of 50 steps on the same
 * batches, 20 blocks each after a warm-up block.
 */
async function averagingCost(data: typeof full): Promise<number> {
  const { tf } = await selectBackend('wasm');
  const batches = new EpochBatches(data.train, data.inputs, 64, 0, data.inputs + 1);
  batches.shuffle();
  const weights = initMlpWeights(new Rng(0));
  const models = [new SimpleNN(tf, weights), new SimpleNN(tf, weights, { averageHorizonSteps: batches.stepsPerEpoch })];
  const cpu = [0, 0];
  const block = 50;
  for (let k = 0; k <= 20; k++) {
    for (const [i, model] of (k % 2 === 0 ? [0, 1] : [1, 0]).map((i) => [i, models[i]!] as const)) {
      const t0 = process.cpuUsage();
      for (let s = 0; s < block; s++) {
        const { x, labels } = batches.batch((k * block + s) % batches.stepsPerEpoch);
        model.trainStep(x, labels, 0.01);
      }
      const t = process.cpuUsage(t0);
      if (k > 0) cpu[i]! += t.user + t.system;
    }
  }
  for (const m of models) m.dispose();
  return cpu[1]! / cpu[0]!;
}

/**
 * The loop a tfjs user would write first (what the issue calls "a naive tfjs loop"):
 * variables, `tf.losses.softmaxCrossEntropy`, `optimizer.minimize` (autodiff, whose dense
 * gradients use transposed matMuls), a batch tensor per step. 200 steps. (Slicing batches
 * from one big tensor instead is several times slower again on wasm: slice copies its
 * whole source.)
 */
async function naive(data: typeof full): Promise<number> {
  const { tf } = await selectBackend('wasm');
  const steps = 200;
  const images = data.train.images;
  const labels = Int32Array.from(data.train.labels.subarray(0, steps * 64));
  const w1 = tf.variable(tf.randomUniform([784, 128], -0.0357, 0.0357));
  const b1 = tf.variable(tf.zeros([128]));
  const w2 = tf.variable(tf.randomUniform([128, 10], -0.088, 0.088));
  const b2 = tf.variable(tf.zeros([10]));
  const optimizer = tf.train.sgd(0.01);
  const t0 = performance.now();
  for (let s = 0; s < steps; s++) {
    const cost = optimizer.minimize(() => {
      const xb = tf.tensor2d(images.subarray(s * 64 * 784, (s + 1) * 64 * 784), [64, 784]);
      const yb = tf.oneHot(tf.tensor1d(labels.subarray(s * 64, (s + 1) * 64), 'int32'), 10);
      const logits = tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(xb, w1), b1)), w2), b2);
      return tf.losses.softmaxCrossEntropy(yb, logits) as import('@tensorflow/tfjs').Scalar;
    }, true);
    cost?.dataSync();
    cost?.dispose();
  }
  const seconds = (performance.now() - t0) / 1000;
  tf.dispose([w1, b1, w2, b2]);
  optimizer.dispose();
  return (steps * 64) / seconds;
}

const available: BackendName[] = [];
const skipped: Record<string, string> = {};
for (const b of (onlyAveraging ? ['wasm'] : ['wasm', 'cpu', 'tensorflow']) as BackendName[]) {
  try {
    await selectBackend(b);
    available.push(b);
  } catch (error) {
    skipped[b] = (error as Error).message;
  }
}
const torchSkip = onlyAveraging ? 'not measured (--only-averaging)' : torchUnavailable();
if (torchSkip) console.log(`PyTorch reference skipped: ${torchSkip}`);

const samples: Record<string, number[]> = { pytorch: [] };
for (const b of available) samples[b] = [];
if (available.includes('wasm') && !onlyAveraging) samples['wasm-naive'] = [];
const ratios: number[] = [];
/** Per round: CPU time per step with the averaged weights over without (see averagingCost). */
const averagingCosts: number[] = [];
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
    if (b === 'wasm') averagingCosts.push(await averagingCost(full));
    if (b === 'wasm' && onlyAveraging) continue;
    const sps = b === 'cpu' ? await measure(b, 1, small) : await measure(b, epochs, full);
    samples[b].push(sps);
    if (b === 'wasm' && torch !== undefined) ratios.push(sps / torch);
  }
  if (samples['wasm-naive']) samples['wasm-naive'].push(await naive(full));
  const measured = Object.entries(samples).filter(([, v]) => v.length > 0).map(([k, v]) => `${k} ${Math.round(v.at(-1) ?? 0)}`);
  const cost = averagingCosts.length === round ? `averaged weights ${averagingCosts.at(-1)!.toFixed(3)}x per step` : '';
  console.log(`round ${round}/${rounds}: ` + [measured.length ? measured.join(', ') + ' samples/s' : '', cost].filter(Boolean).join('; '));
}

const rows: (string | number)[][] = [];
for (const [name, values] of Object.entries(samples)) {
  if (values.length === 0) continue;
  const what =
    name === 'pytorch'
      ? `PyTorch ${torchInfo?.torch ?? ''}, 1 thread, ${epochs} epochs`
      : name === 'cpu'
        ? 'tfjs cpu, 100 steps'
        : name === 'wasm-naive'
          ? 'naive tfjs loop on wasm (optimizer.minimize), 200 steps'
          : `tfjs ${name}, 1 thread, ${epochs} epochs${name === 'wasm' ? ', averaged weights kept' : ''}`;
  rows.push([name, what, fmtSummary(summarize(values))]);
}
for (const [b, why] of Object.entries(skipped)) rows.push([b, 'skipped', why.split(';')[0]]);
console.log('\nTraining throughput, samples/s (training loop only; median of rounds)');
printTable(['backend', 'configuration', 'samples/s median (min, max, n)'], rows);
const ratio = ratios.length ? summarize(ratios) : undefined;
if (samples['wasm-naive']?.length && samples.wasm?.length) {
  console.log(`wasm / naive tfjs loop: ${(summarize(samples.wasm).median / summarize(samples['wasm-naive']).median).toFixed(1)}x`);
}
const averaging = averagingCosts.length ? summarize(averagingCosts) : undefined;
if (averaging) {
  console.log(`\naveraged weights (EMA after every step), CPU time per step: ${fmtSummary(averaging, 3)}x the time without  (target <= 1.10x: ${averaging.median <= 1.1 ? 'met' : 'MISSED'})`);
}
if (ratio) {
  console.log(`\nwasm / PyTorch (1 thread), per back-to-back round: ${fmtSummary(ratio, 2)}x  (target >= 0.3x: ${ratio.median >= 0.3 ? 'met' : 'MISSED'})`);
} else {
  console.log(`\nwasm / PyTorch ratio: skipped (${torchSkip ?? 'wasm unavailable'})`);
}

const file = writeResults(onlyAveraging ? 'train-averaging' : 'train', {
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
  averagingCostRatio: averaging,
});
console.log(`results: ${file}`);
