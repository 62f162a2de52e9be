import type { DatasetInfo } from '../logs/run-log.js';
import type { Dataset } from './data/datasets.js';
import { gatherRows, normalizePixels, splitValidation } from './data/preprocess.js';
import { Rng } from '../rng.js';

/** Normalised images (row-major, `inputs` floats per image) and their labels. */
export interface DataSplit {
  images: Float32Array;
  labels: Uint8Array;
  count: number;
}

/**
 * A data set ready to train on: pixels normalised like the seed, `(x/255 - 0.5) / 0.5`,
 * validation images held out by the seed. Plain typed arrays, so it crosses into worker
 * threads (when prepared with `shared`, the arrays live in SharedArrayBuffers and every
 * worker reads the same memory instead of a copy).
 */
export interface TrainingData {
  info: DatasetInfo;
  inputs: number;
  classes: number;
  train: DataSplit;
  /** Null when valSize is 0. */
  val: DataSplit | null;
  test: DataSplit;
}

export interface PrepareOptions {
  /** Training images held out for validation, chosen by `seed`. */
  valSize: number;
  seed: number;
  /** Allocate the arrays in SharedArrayBuffers (for worker threads). Default false. */
  shared?: boolean;
  /** Use only the first N training and test images (tests and benchmarks). Default: all. */
  limit?: { train?: number; test?: number };
}

/** Normalises and splits a loaded data set (see `splitValidation` for how the seed picks the validation images). */
export function prepareTrainingData(dataset: Dataset, options: PrepareOptions): TrainingData {
  const inputs = dataset.rows * dataset.cols;
  const alloc = options.shared
    ? (n: number) => new Float32Array(new SharedArrayBuffer(n * 4))
    : (n: number) => new Float32Array(n);
  const allocBytes = options.shared ? (n: number) => new Uint8Array(new SharedArrayBuffer(n)) : (n: number) => new Uint8Array(n);

  const trainTotal = Math.min(dataset.trainLabels.length, options.limit?.train ?? Infinity);
  const testTotal = Math.min(dataset.testLabels.length, options.limit?.test ?? Infinity);
  const trainLabelsAll = dataset.trainLabels.subarray(0, trainTotal);
  const split = splitValidation({ trainLabels: trainLabelsAll }, options.valSize, options.seed);

  const gather = (indices: Uint32Array): DataSplit => {
    const images = alloc(indices.length * inputs);
    const labels = allocBytes(indices.length);
    const contiguous = indices.length > 0 && indices[indices.length - 1] - indices[0] === indices.length - 1;
    if (contiguous) {
      const from = indices[0];
      normalizePixels(dataset.trainImages.subarray(from * inputs, (from + indices.length) * inputs), images);
      labels.set(dataset.trainLabels.subarray(from, from + indices.length));
    } else {
      for (let i = 0; i < indices.length; i++) {
        const row = indices[i];
        normalizePixels(dataset.trainImages.subarray(row * inputs, (row + 1) * inputs), images.subarray(i * inputs, (i + 1) * inputs));
        labels[i] = dataset.trainLabels[row];
      }
    }
    return { images, labels, count: indices.length };
  };

  const train = gather(split.train);
  const val = split.val.length > 0 ? gather(split.val) : null;
  const testImages = alloc(testTotal * inputs);
  normalizePixels(dataset.testImages.subarray(0, testTotal * inputs), testImages);
  const testLabels = allocBytes(testTotal);
  testLabels.set(dataset.testLabels.subarray(0, testTotal));

  return {
    info: {
      name: dataset.name,
      source: dataset.source,
      trainSize: train.count,
      valSize: val?.count ?? 0,
      testSize: testTotal,
      checksum: dataset.checksum,
      classes: dataset.classes,
    },
    inputs,
    classes: dataset.classes,
    train,
    val,
    test: { images: testImages, labels: testLabels, count: testTotal },
  };
}

/** Mixed into the run seed for the probe subset's stream (see `probeSubset`): neither the weights' nor the data order's. */
export const PROBE_SEED_MIX = 0x68e31da5;

/** Training images the weight-average gap is measured on when there is no validation split. */
export const PROBE_SIZE = 5000;

/**
 * A fixed subset of the training images (`size` of them, or all when fewer) for measuring
 * the weight-average gap without a validation split: the first `size` entries of
 * `new Rng(seed ^ PROBE_SEED_MIX).permutation(train.count)`, in ascending order. It depends
 * on the seed and the split only, so every schedule of a seed sees the same probe, and it
 * draws from its own stream: the data order and the weights stay what they were.
 */
export function probeSubset(train: DataSplit, inputs: number, seed: number, size: number = PROBE_SIZE): DataSplit {
  const count = Math.min(size, train.count);
  const indices = new Rng((seed ^ PROBE_SEED_MIX) >>> 0).permutation(train.count).slice(0, count).sort();
  return { images: gatherRows(train.images, inputs, indices), labels: gatherRows(train.labels, 1, indices), count };
}

/** Where an EpochBatches is in the data order: its RNG's state and the current epoch's order (null before the first shuffle). */
export interface BatchesState {
  rng: [number, number, number, number];
  order: Uint32Array | null;
}

/** Mixed into the run seed for the data-order stream, so it differs from the weights' stream. */
export const SHUFFLE_SEED_MIX = 0x2545f491;

/**
 * Mini-batches of one epoch in a seeded random order (PyTorch's `shuffle=True`, last
 * partial batch kept). The order depends only on the seed and the epoch, so every schedule
 * run with the same seed sees the same batches.
 *
 * Each batch is gathered into a reused buffer (`batchSize` row copies of `inputs` floats
 * with `Float32Array.set(subarray)`), so neither a per-epoch copy of the training set nor a
 * tensor slice (which copies its whole source on wasm) is needed. With `rowStride` =
 * inputs + 1 every row ends with a constant 1 (the model's bias input; see SimpleNN).
 */
export class EpochBatches {
  readonly batchSize: number;
  readonly stepsPerEpoch: number;
  private readonly split: DataSplit;
  private readonly inputs: number;
  private readonly stride: number;
  private readonly rng: Rng;
  private readonly xBuffer: Float32Array;
  private readonly yBuffer: Uint8Array;
  private order: Uint32Array;

  constructor(split: DataSplit, inputs: number, batchSize: number, seed: number, rowStride: number = inputs) {
    if (!(Number.isInteger(batchSize) && batchSize > 0)) throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);
    if (split.count === 0) throw new RangeError('the training split is empty');
    if (rowStride !== inputs && rowStride !== inputs + 1) throw new RangeError(`rowStride must be ${inputs} or ${inputs + 1}, got ${rowStride}`);
    this.split = split;
    this.inputs = inputs;
    this.stride = rowStride;
    this.batchSize = batchSize;
    this.stepsPerEpoch = Math.ceil(split.count / batchSize);
    this.rng = new Rng((seed ^ SHUFFLE_SEED_MIX) >>> 0);
    this.xBuffer = new Float32Array(batchSize * rowStride);
    if (rowStride > inputs) for (let r = 0; r < batchSize; r++) this.xBuffer[r * rowStride + inputs] = 1;
    this.yBuffer = new Uint8Array(batchSize);
    this.order = new Uint32Array(0);
  }

  /** Draws the next epoch's order. Call once per epoch, before `batch`. */
  shuffle(): void {
    this.order = this.rng.permutation(this.split.count);
  }

  /** The position in the data order (a copy): `restore` it into a new EpochBatches over the same split to see the same batches from here on. */
  snapshot(): BatchesState {
    return { rng: this.rng.state(), order: this.order.length > 0 ? this.order.slice() : null };
  }

  restore(state: BatchesState): void {
    if (state.order !== null && state.order.length !== this.split.count) {
      throw new RangeError(`EpochBatches.restore: an order of ${state.order.length} images does not fit a split of ${this.split.count}`);
    }
    this.rng.setState(state.rng);
    this.order = state.order ? state.order.slice() : new Uint32Array(0);
  }

  /** The index-th batch (0-based) of the current epoch; valid until the next call. */
  batch(index: number): { x: Float32Array; labels: Uint8Array } {
    const { inputs, stride, order, xBuffer, yBuffer } = this;
    const { images, labels } = this.split;
    const start = index * this.batchSize;
    const rows = Math.min(this.batchSize, this.split.count - start);
    for (let r = 0; r < rows; r++) {
      const row = order[start + r];
      xBuffer.set(images.subarray(row * inputs, (row + 1) * inputs), r * stride);
      yBuffer[r] = labels[row];
    }
    if (rows === this.batchSize) return { x: xBuffer, labels: yBuffer };
    return { x: xBuffer.subarray(0, rows * stride), labels: yBuffer.subarray(0, rows) };
  }
}
