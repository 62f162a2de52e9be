/**
 * The seed's normalisation `Normalize((0.5,), (0.5,))` after `ToTensor()`, in float32 as
 * PyTorch computes it: `t = x / 255` (float32), then `(t - 0.5) / 0.5` (float32), for each of
 * the 256 byte values. Maps 0 -> -1 and 255 -> 1.
 */
export declare const NORMALIZE_LUT: Float32Array;
/**
 * Normalises pixel bytes to float32 like the seed: `(x/255 - 0.5) / 0.5` (through a 256-entry
 * lookup table). Writes into `out` when given (it must have the same length).
 *
 * normalizePixels(Uint8Array.of(0, 255)); // => Float32Array [-1, 1]
 */
export declare function normalizePixels(u8: Uint8Array, out?: Float32Array): Float32Array;
/** Indices of the training images used for training and for validation. */
export interface ValidationSplit {
    /** Ascending indices into the training set used for training. */
    train: Uint32Array;
    /** Ascending indices into the training set held out for validation (empty when valSize is 0). */
    val: Uint32Array;
}
/** Offset mixed into the seed so the split's stream differs from the trainer's `Rng(seed)`. */
export declare const VALIDATION_SEED_MIX = 1597463007;
/**
 * Holds out `valSize` training images for validation, chosen by `seed`: the first `valSize`
 * entries of `new Rng(seed ^ VALIDATION_SEED_MIX).permutation(trainSize)`, sorted. Both index
 * arrays are returned in ascending order. `valSize` 0 keeps every training image for
 * training (the seed pipeline). Throws a PlateauDoctorError when `valSize` is negative, not
 * an integer, or leaves no training image.
 *
 * splitValidation({ trainLabels: new Uint8Array(10) }, 0, 0).train; // => 0..9
 */
export declare function splitValidation(dataset: {
    trainLabels: Uint8Array;
}, valSize: number, seed: number): ValidationSplit;
/**
 * Copies the rows `indices` of a row-major array (`rowSize` elements per row) into a new
 * array of the same type, in the order given (e.g. the validation images).
 */
export declare function gatherRows<T extends Uint8Array | Float32Array>(source: T, rowSize: number, indices: ArrayLike<number>): T;
