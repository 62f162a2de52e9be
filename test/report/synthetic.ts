import type { LrChangeEvent, RunLog, StepRecord, EpochRecord } from '../../src/logs/run-log.js';
import type { SeriesDiagnosis } from '../../src/detect/types.js';

export interface SyntheticOptions {
  epochs?: number;
  stepsPerEpoch?: number;
  seed?: number;
  /** Epochs after which the LR is divided by 10 (the step is the last one of that epoch). */
  decayAfter?: number[];
  /** Accuracy bonus in points added to the final test accuracy. */
  accuracyBonus?: number;
  valSize?: number;
}

/** A deterministic pseudo-random generator (mulberry32) so fixtures are reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A synthetic run shaped like the seed pipeline: fast drop from ln 10, then a slow descent;
 * after an LR decay the loss steps down and flattens. Noise is multiplicative.
 */
export function syntheticRun(name: string, schedule: string, options: SyntheticOptions = {}): RunLog {
  const epochs = options.epochs ?? 10;
  const perEpoch = options.stepsPerEpoch ?? 938;
  const seed = options.seed ?? 0;
  const decayAfter = options.decayAfter ?? [];
  const valSize = options.valSize ?? 5000;
  const rand = mulberry32(seed * 7919 + name.length);
  const steps: StepRecord[] = [];
  const epochRecords: EpochRecord[] = [];
  const lrChanges: LrChangeEvent[] = [];
  let lr = 0.01;
  let level = Math.log(10);
  for (let e = 1; e <= epochs; e++) {
    let sum = 0;
    for (let k = 0; k < perEpoch; k++) {
      const step = (e - 1) * perEpoch + k + 1;
      const target = 0.12 + 2.2 * Math.exp(-step / 150) + 0.25 * Math.exp(-step / 3000);
      level = lr < 0.01 ? level * 0.9995 + 0.0005 * (target * 0.8) : target;
      const loss = level * Math.exp(0.35 * (rand() - 0.5) * 2);
      steps.push({ step, epoch: e, loss, lr });
      sum += loss;
    }
    const trainLoss = sum / perEpoch;
    const bonus = (options.accuracyBonus ?? 0) * (e / epochs);
    epochRecords.push({
      epoch: e,
      trainLoss,
      valLoss: valSize > 0 ? trainLoss * 1.05 : null,
      valAccuracy: valSize > 0 ? 0.9 + 0.004 * e + bonus / 100 : null,
      testLoss: trainLoss * 1.04,
      testAccuracy: 0.88 + 0.006 * e + bonus / 100 + (rand() - 0.5) * 0.002,
      lr,
      seconds: 4 + rand(),
    });
    if (decayAfter.includes(e) && e < epochs) {
      lrChanges.push({ step: e * perEpoch, epoch: e, oldLr: lr, newLr: lr / 10, reason: `${schedule}: decay after epoch ${e}`, verdict: schedule === 'doctor' ? 'plateau' : undefined, evidence: schedule === 'doctor' ? { step: e * perEpoch, verdict: 'plateau', summary: `plateau since step ${(e - 1) * perEpoch}, trend -0.3%/epoch (95% CI -0.9..+0.2)`, trend: { relative: -0.003, low: -0.009, high: 0.002 }, noise: 0.18 } : undefined });
      lr /= 10;
    }
  }
  const last = epochRecords[epochRecords.length - 1] as EpochRecord | undefined;
  return {
    meta: {
      name,
      schedule,
      seed,
      status: 'completed',
      config: { epochs, lr: 0.01, batchSize: 64, valSize, model: 'SimpleNN 784-128-ReLU-10', optimizer: 'SGD' },
      backend: 'wasm',
      versions: { 'plateau-doctor': '0.1.0', tfjs: '4.22.0', node: 'v20.0.0' },
      dataset: { name: 'mnist', source: '../shared/mnist', trainSize: 55000, valSize, testSize: 10000, checksum: '0123456789abcdef' },
      startedAt: '2026-11-25T03:00:00.000Z',
      finishedAt: '2026-11-25T03:01:00.000Z',
      timings: { totalSeconds: epochRecords.reduce((s, r) => s + r.seconds, 0), trainSeconds: 40 },
      samplesPerSecond: 20000,
      final: { trainLoss: last?.trainLoss ?? null, valLoss: last?.valLoss ?? null, valAccuracy: last?.valAccuracy ?? null, testLoss: last?.testLoss ?? null, testAccuracy: last?.testAccuracy ?? null },
    },
    steps,
    epochs: epochRecords,
    lrChanges,
  };
}

/** Four schedules, one seed, 10 epochs x 938 steps: the size-budget case of the issue. */
export function fourRuns(seed = 0, options: SyntheticOptions = {}): RunLog[] {
  return [
    syntheticRun(seed ? `none-seed${seed}` : 'none', 'none', { ...options, seed }),
    syntheticRun(seed ? `step-seed${seed}` : 'step', 'step', { ...options, seed, decayAfter: [5], accuracyBonus: -1 }),
    syntheticRun(seed ? `plateau-seed${seed}` : 'plateau', 'plateau', { ...options, seed, decayAfter: [7], accuracyBonus: 0.2 }),
    syntheticRun(seed ? `doctor-seed${seed}` : 'doctor', 'doctor', { ...options, seed, decayAfter: [4, 8], accuracyBonus: 0.5 }),
  ];
}

/** A detector diagnosis as the report draws it: a plateau from step 3000 to 3752 and a knee at step 700, with `overrides`. */
export function plateauDiagnosis(overrides: Partial<SeriesDiagnosis> = {}): SeriesDiagnosis {
  return { verdict: 'plateau', at: 9380, evidence: null, summary: 'plateau since step 3000', suggestion: 'decay', knee: 700, plateaus: [{ start: 3000, end: 3752, level: 0.2 }], segments: [], lrResponses: [], ...overrides };
}
