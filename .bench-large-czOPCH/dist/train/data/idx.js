import { readFile } from 'node:fs/promises';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { PlateauDoctorError } from '../../errors.js';
const gunzipAsync = promisify(gunzip);
/** IDX magic number of an image file (unsigned byte data, 3 dimensions). */
export const IDX_IMAGES_MAGIC = 2051;
/** IDX magic number of a label file (unsigned byte data, 1 dimension). */
export const IDX_LABELS_MAGIC = 2049;
/** True when `bytes` start with the gzip magic 1f 8b. */
export function isGzip(bytes) {
    return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}
const HOW_TO_FIX = 're-download it (delete the file and let plateau-doctor download it, or copy it again from your torchvision data folder)';
/**
 * Reads a file's bytes and gunzips them when they start with the gzip magic (1f 8b).
 * Throws a PlateauDoctorError naming the file for a missing, truncated or corrupt file.
 */
export async function readMaybeGzip(file) {
    let raw;
    try {
        raw = await readFile(file);
    }
    catch (error) {
        const code = error.code;
        throw new PlateauDoctorError(code === 'ENOENT'
            ? `${file}: file not found; put the MNIST/Fashion-MNIST IDX files there or pass --data-dir`
            : `${file}: cannot read the file (${error.message})`, { cause: error });
    }
    if (!isGzip(raw))
        return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
    try {
        const out = await gunzipAsync(raw);
        return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    }
    catch (error) {
        const code = error.code;
        const what = code === 'Z_BUF_ERROR'
            ? 'the gzip data is truncated (unexpected end of file; an interrupted download?)'
            : `the gzip data is corrupt (${error.message})`;
        throw new PlateauDoctorError(`${file}: ${what}; ${HOW_TO_FIX}`, { cause: error });
    }
}
function readUint32BE(bytes, offset) {
    return ((bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3]) >>> 0;
}
function describeMagic(magic) {
    if (magic === IDX_IMAGES_MAGIC)
        return `${magic} (an image file)`;
    if (magic === IDX_LABELS_MAGIC)
        return `${magic} (a label file)`;
    return `${magic} (0x${magic.toString(16).padStart(8, '0')}; not an IDX file)`;
}
/**
 * Parses uncompressed IDX3 image bytes (magic 2051, then count, rows, cols as big-endian
 * uint32, then the pixels). The pixels are a view on `bytes`, not a copy.
 */
export function parseIdxImages(bytes, file) {
    const magic = bytes.length >= 4 ? readUint32BE(bytes, 0) : undefined;
    if (magic !== undefined && magic !== IDX_IMAGES_MAGIC) {
        throw new PlateauDoctorError(`${file}: wrong magic number ${describeMagic(magic)}, expected ${IDX_IMAGES_MAGIC} for IDX images; check that this is an images file (train-images-idx3-ubyte or t10k-images-idx3-ubyte)`);
    }
    if (bytes.length < 16) {
        throw new PlateauDoctorError(`${file}: too short for an IDX image header (${bytes.length} bytes, need 16); ${HOW_TO_FIX}`);
    }
    const count = readUint32BE(bytes, 4);
    const rows = readUint32BE(bytes, 8);
    const cols = readUint32BE(bytes, 12);
    const expected = 16 + count * rows * cols;
    if (bytes.length !== expected) {
        const what = bytes.length < expected ? 'short' : 'too long';
        throw new PlateauDoctorError(`${file}: data is ${what}: the header says ${count} images of ${rows}x${cols} (${expected} bytes) but the file holds ${bytes.length} bytes; ${HOW_TO_FIX}`);
    }
    return { kind: 'images', file, count, rows, cols, pixels: bytes.subarray(16) };
}
/** Parses uncompressed IDX1 label bytes (magic 2049, count, then one byte per label). */
export function parseIdxLabels(bytes, file) {
    const magic = bytes.length >= 4 ? readUint32BE(bytes, 0) : undefined;
    if (magic !== undefined && magic !== IDX_LABELS_MAGIC) {
        throw new PlateauDoctorError(`${file}: wrong magic number ${describeMagic(magic)}, expected ${IDX_LABELS_MAGIC} for IDX labels; check that this is a labels file (train-labels-idx1-ubyte or t10k-labels-idx1-ubyte)`);
    }
    if (bytes.length < 8) {
        throw new PlateauDoctorError(`${file}: too short for an IDX label header (${bytes.length} bytes, need 8); ${HOW_TO_FIX}`);
    }
    const count = readUint32BE(bytes, 4);
    const expected = 8 + count;
    if (bytes.length !== expected) {
        const what = bytes.length < expected ? 'short' : 'too long';
        throw new PlateauDoctorError(`${file}: data is ${what}: the header says ${count} labels (${expected} bytes) but the file holds ${bytes.length} bytes; ${HOW_TO_FIX}`);
    }
    return { kind: 'labels', file, count, labels: bytes.subarray(8) };
}
/** Reads an IDX3 image file, gzipped (detected by its magic bytes) or raw. */
export async function readIdxImages(file) {
    return parseIdxImages(await readMaybeGzip(file), file);
}
/** Reads an IDX1 label file, gzipped (detected by its magic bytes) or raw. */
export async function readIdxLabels(file) {
    return parseIdxLabels(await readMaybeGzip(file), file);
}
/** Encodes images as uncompressed IDX3 bytes (used by tests and fixtures). */
export function encodeIdxImages(pixels, count, rows, cols) {
    const out = new Uint8Array(16 + pixels.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, IDX_IMAGES_MAGIC);
    view.setUint32(4, count);
    view.setUint32(8, rows);
    view.setUint32(12, cols);
    out.set(pixels, 16);
    return out;
}
/** Encodes labels as uncompressed IDX1 bytes (used by tests and fixtures). */
export function encodeIdxLabels(labels) {
    const out = new Uint8Array(8 + labels.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, IDX_LABELS_MAGIC);
    view.setUint32(4, labels.length);
    out.set(labels, 8);
    return out;
}
//# sourceMappingURL=idx.js.map