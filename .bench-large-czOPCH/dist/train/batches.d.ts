import type { DatasetInfo } from '../logs/run-log.js';
import type { Dataset } from './data/datasets.js';
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
    limit?: {
        train?: number;
        test?: number;
    };
}
/** Normalises and splits a loaded data set (see `splitValidation` for how the seed picks the validation images). */
export declare function prepareTrainingData(dataset: Dataset, options: PrepareOptions): TrainingData;
/** Mixed into the run seed for the data-order stream, so it differs from the weights' stream. */
export declare const SHUFFLE_SEED_MIX = 625341585;
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
export declare class EpochBatches {
    readonly batchSize: number;
    readonly stepsPerEpoch: number;
    private readonly split;
    private readonly inputs;
    private readonly stride;
    private readonly rng;
    private readonly xBuffer;
    private readonly yBuffer;
    private order;
    constructor(split: DataSplit, inputs: number, batchSize: number, seed: number, rowStride?: number);
    /** Draws the next epoch's order. Call once per epoch, before `batch`. */
    shuffle(): void;
    /** The index-th batch (0-based) of the current epoch; valid until the next call. */
    batch(index: number): {
        x: Float32Array;
        labels: Uint8Array;
    };
}
