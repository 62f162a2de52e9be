/**
 * Where MNIST and Fashion-MNIST live: file names, torchvision's folder layout, public
 * mirrors and the MD5 of each original `.gz` file (the values torchvision checks).
 */
export type DatasetName = 'mnist' | 'fashion-mnist';
/** The four IDX files of a data set, by role. */
export declare const IDX_FILES: {
    readonly trainImages: 'train-images-idx3-ubyte';
    readonly trainLabels: 'train-labels-idx1-ubyte';
    readonly testImages: 't10k-images-idx3-ubyte';
    readonly testLabels: 't10k-labels-idx1-ubyte';
};
export type IdxRole = keyof typeof IDX_FILES;
export declare const IDX_ROLES: readonly IdxRole[];
export interface DatasetSource {
    name: DatasetName;
    /** torchvision's class folder: files live in `DIR/<folder>/raw/`. */
    torchvisionFolder: string;
    /** Mirror base URLs tried in order (each ends with '/'); file URL = base + name + '.gz'. */
    mirrors: readonly string[];
    /** MD5 of each original `.gz` file. */
    md5: Record<IdxRole, string>;
}
export declare const DATASET_SOURCES: Record<DatasetName, DatasetSource>;
/** Environment variable overriding the mirror list (comma-separated base URLs). */
export declare const MIRROR_ENV = "PLATEAU_DOCTOR_MIRROR";
/**
 * `Dataset.checksum` (sha256 over the uncompressed train images, train labels, test images,
 * test labels) of the official files, measured on the files whose MD5s are listed above.
 */
export declare const OFFICIAL_CHECKSUMS: Record<DatasetName, string>;
