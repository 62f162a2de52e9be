/** IDX magic number of an image file (unsigned byte data, 3 dimensions). */
export declare const IDX_IMAGES_MAGIC = 2051;
/** IDX magic number of a label file (unsigned byte data, 1 dimension). */
export declare const IDX_LABELS_MAGIC = 2049;
/** Images of an IDX3 file: `pixels` holds `count * rows * cols` bytes, row-major. */
export interface IdxImages {
    kind: 'images';
    file: string;
    count: number;
    rows: number;
    cols: number;
    pixels: Uint8Array;
}
/** Labels of an IDX1 file: one byte per item. */
export interface IdxLabels {
    kind: 'labels';
    file: string;
    count: number;
    labels: Uint8Array;
}
/** True when `bytes` start with the gzip magic 1f 8b. */
export declare function isGzip(bytes: Uint8Array): boolean;
/**
 * Reads a file's bytes and gunzips them when they start with the gzip magic (1f 8b).
 * Throws a PlateauDoctorError naming the file for a missing, truncated or corrupt file.
 */
export declare function readMaybeGzip(file: string): Promise<Uint8Array>;
/**
 * Parses uncompressed IDX3 image bytes (magic 2051, then count, rows, cols as big-endian
 * uint32, then the pixels). The pixels are a view on `bytes`, not a copy.
 */
export declare function parseIdxImages(bytes: Uint8Array, file: string): IdxImages;
/** Parses uncompressed IDX1 label bytes (magic 2049, count, then one byte per label). */
export declare function parseIdxLabels(bytes: Uint8Array, file: string): IdxLabels;
/** Reads an IDX3 image file, gzipped (detected by its magic bytes) or raw. */
export declare function readIdxImages(file: string): Promise<IdxImages>;
/** Reads an IDX1 label file, gzipped (detected by its magic bytes) or raw. */
export declare function readIdxLabels(file: string): Promise<IdxLabels>;
/** Encodes images as uncompressed IDX3 bytes (used by tests and fixtures). */
export declare function encodeIdxImages(pixels: Uint8Array, count: number, rows: number, cols: number): Uint8Array;
/** Encodes labels as uncompressed IDX1 bytes (used by tests and fixtures). */
export declare function encodeIdxLabels(labels: Uint8Array): Uint8Array;
