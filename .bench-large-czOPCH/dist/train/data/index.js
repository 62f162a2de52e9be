// The data layer: IDX reader, MNIST/Fashion-MNIST locator/downloader, bundled fallback, preprocessing.
export { readIdxImages, readIdxLabels, parseIdxImages, parseIdxLabels, readMaybeGzip, isGzip, encodeIdxImages, encodeIdxLabels, IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC } from './idx.js';
export { DATASET_SOURCES, IDX_FILES, IDX_ROLES, MIRROR_ENV, OFFICIAL_CHECKSUMS } from './sources.js';
export { downloadVerified, DownloadUnavailableError } from './download.js';
export { loadBundledMnist, BUNDLED_SPLIT_SEED, BUNDLED_TRAIN_SIZE } from './bundled.js';
export { loadDataset, locateDataset, candidateDirs, torchvisionRawDir, mirrorsFor, datasetChecksum } from './datasets.js';
export { normalizePixels, splitValidation, gatherRows, NORMALIZE_LUT, VALIDATION_SEED_MIX } from './preprocess.js';
//# sourceMappingURL=index.js.map