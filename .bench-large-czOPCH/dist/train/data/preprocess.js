import { PlateauDoctorError } from '../../errors.js';
import { Rng } from '../../rng.js';
/**
 * The seed's normalisation `Normalize((0.5,), (0.5,))` after `ToTensor()`, in float32 as
 * PyTorch computes it: `t = x / 255` (float32), then `(t - 0.5) / 0.5` (float32), for each of
 * the 256 byte values. Maps 0 -> -1 and 255 -> 1.
 */
export const NORMALIZE_LUT = (() => {
    const lut = new Float32Array(256);
    for (let x = 0; x < 256; x++) {
        const t = Math.fround(x / 255);
        lut[x] = Math.fround(Math.fround(t - 0.5) / 0.5);
    }
    return lut;
})();
/**
 * Normalises pixel bytes to float32 like the seed: `(x/255 - 0.5) / 0.5` (through a 256-entry
 * lookup table). Writes into `out` when given (it must have the same length).
 *
 * normalizePixels(Uint8Array.of(0, 255)); // => Float32Array [-1, 1]
 */
export function normalizePixels(u8, out) {
    const target = out ?? new Float32Array(u8.length);
    if (target.length !== u8.length) {
        throw new RangeError(`normalizePixels: out has ${target.length} elements, input has ${u8.length}`);
    }
    const lut = NORMALIZE_LUT;
    for (let i = 0; i < u8.length; i++)
        target[i] = lut[u8[i]];
    return target;
}
/** Offset mixed into the seed so the split's stream differs from the trainer's `Rng(seed)`. */
export const VALIDATION_SEED_MIX = 0x5f3759df;
/**
 * Holds out `valSize` training images for validation, chosen by `seed`: the first `valSize`
 * entries of `new Rng(seed ^ VALIDATION_SEED_MIX).permutation(trainSize)`, sorted. Both index
 * arrays are returned in ascending order. `valSize` 0 keeps every training image for
 * training (the seed pipeline). Throws a PlateauDoctorError when `valSize` is negative, not
 * an integer, or leaves no training image.
 *
 * splitValidation({ trainLabels: new Uint8Array(10) }, 0, 0).train; // => 0..9
 */
export function splitValidation(dataset, valSize, seed) {
    const n = dataset.trainLabels.length;
    if (!Number.isInteger(valSize) || valSize < 0) {
        throw new PlateauDoctorError(`--val-size ${valSize} is invalid; use a whole number >= 0 (0 trains on all ${n} training images)`);
    }
    if (valSize >= n) {
        throw new PlateauDoctorError(`--val-size ${valSize} leaves no training image (the training set has ${n}); use a value below ${n}, or 0 for no validation set`);
    }
    if (valSize === 0) {
        const train = new Uint32Array(n);
        for (let i = 0; i < n; i++)
            train[i] = i;
        return { train, val: new Uint32Array(0) };
    }
    const order = new Rng((seed ^ VALIDATION_SEED_MIX) >>> 0).permutation(n);
    const val = order.slice(0, valSize).sort();
    const train = order.slice(valSize).sort();
    return { train, val };
}
/**
 * Copies the rows `indices` of a row-major array (`rowSize` elements per row) into a new
 * array of the same type, in the order given (e.g. the validation images).
 */
export function gatherRows(source, rowSize, indices) {
    const Ctor = source.constructor;
    const out = new Ctor(indices.length * rowSize);
    for (let i = 0; i < indices.length; i++) {
        const from = indices[i] * rowSize;
        out.set(source.subarray(from, from + rowSize), i * rowSize);
    }
    return out;
}
//# sourceMappingURL=preprocess.js.map