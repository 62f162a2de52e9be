import { readdirSync } from 'node:fs';
import path from 'node:path';
import { PlateauDoctorError } from '../errors.js';
import { EXTRA_FORMATS } from './extra-formats.js';
import { detectFormat, readLossLog } from './read-loss-log.js';
import { stitchGroup } from './stitch.js';
/** Never walk more than this many entries or this deep: a directory walk must not hang. */
const MAX_ENTRIES = 20000;
const MAX_DEPTH = 12;
const IGNORED_DIRS = new Set(['node_modules', '__pycache__', '.git', '.trash', '.ipynb_checkpoints', 'site-packages']);
/** Files a walk does not try (code, images, weights, archives): listed by extension. */
const NOT_LOGS = /\.(py|pyc|ipynb|md|rst|yaml|yml|toml|cfg|ini|sh|bat|png|jpe?g|gif|bmp|svg|webp|mp4|pt|pth|ckpt|bin|safetensors|h5|hdf5|keras|pb|pkl|pickle|npy|npz|onnx|zip|gz|tgz|bz2|xz|tar|7z|html?|css|js|ts|lock|pdf|xml|parquet|arrow|wav|mp3|flac)$/i;
export async function discoverLogs(root) {
    const walk = { found: [], skipped: [], entries: 0 };
    await visit(root, 0, walk);
    return { found: walk.found, skipped: walk.skipped };
}
function isOneRunFolder(dir) {
    return EXTRA_FORMATS.some((f) => f.sniffDir?.(dir));
}
async function visit(dir, depth, walk) {
    if (isOneRunFolder(dir)) {
        walk.found.push({ path: dir });
        return;
    }
    try {
        if ((await detectFormat(dir)) === 'run-dir') {
            walk.found.push({ path: dir });
            return;
        }
    }
    catch {
        // not a plateau-doctor run directory: walk it
    }
    let entries;
    try {
        entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
    }
    catch (error) {
        walk.skipped.push({ path: dir, reason: `cannot be read (${error.code ?? String(error)})` });
        return;
    }
    for (const e of entries) {
        if (++walk.entries > MAX_ENTRIES) {
            walk.skipped.push({ path: dir, reason: `not all read: the walk stops after ${MAX_ENTRIES} entries` });
            return;
        }
        const p = path.join(dir, e.name);
        if (e.isSymbolicLink())
            continue; // wandb/latest-run and the like point at a run listed anyway
        if (e.isDirectory()) {
            if (IGNORED_DIRS.has(e.name) || (e.name.startsWith('.') && e.name !== '.'))
                continue;
            if (depth + 1 > MAX_DEPTH)
                walk.skipped.push({ path: p, reason: `deeper than ${MAX_DEPTH} levels: not entered` });
            else
                await visit(p, depth + 1, walk);
        }
        else if (e.isFile()) {
            if (e.name === 'meta.yaml' && path.basename(path.dirname(dir)) === 'mlruns')
                continue; // an MLflow experiment's metadata
            if (NOT_LOGS.test(e.name) && !/tfevents/i.test(e.name))
                walk.skipped.push({ path: p, reason: 'not a log (by its extension)' });
            else
                walk.found.push({ path: p });
        }
    }
}
/**
 * Parts that may be one run written in several files: the event files of one folder (TensorBoard
 * shows them as one run), and the `version_N` folders of one `lightning_logs` (a resumed run).
 */
function groupKey(file, format) {
    const dir = path.dirname(file);
    const versioned = /^version_\d+$/.test(path.basename(dir));
    if (format === 'tfevents')
        return versioned ? `${path.dirname(dir)}\u0000lightning tfevents` : `${dir}\u0000tfevents`;
    if (versioned)
        return `${path.dirname(dir)}\u0000lightning ${path.basename(file)}`;
    return undefined;
}
/**
 * Reads every log found under `root`. Files that fail to read are listed in `skipped` with
 * their one-line reason (a walk meets many files that are not logs); a recognised run folder
 * that fails is an error. Parts of one run (see `groupKey`) are stitched when their series
 * match and their steps continue.
 */
export async function readDirectory(root, options = {}) {
    const { found, skipped } = await discoverLogs(root);
    const out = { logs: [], skipped };
    const groups = new Map();
    const order = [];
    for (const f of found) {
        let log;
        try {
            log = await readLossLog(f.path, options);
        }
        catch (error) {
            if (!(error instanceof PlateauDoctorError))
                throw error;
            const message = error.message.startsWith(f.path) ? error.message.slice(f.path.length).replace(/^:\s*/, '') : error.message;
            if (isOneRunFolder(f.path))
                out.logs.push({ kind: 'error', file: f.path, error: error.message });
            else
                skipped.push({ path: f.path, reason: message });
            continue;
        }
        const key = groupKey(f.path, log.format);
        if (key === undefined) {
            order.push(log);
            continue;
        }
        if (!groups.has(key)) {
            groups.set(key, []);
            order.push(key);
        }
        groups.get(key).push(log);
    }
    for (const item of order) {
        const logs = typeof item === 'string' ? stitchGroup(groups.get(item)) : [item];
        for (const log of logs)
            out.logs.push({ kind: 'ok', log });
    }
    skipped.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
    return out;
}
//# sourceMappingURL=discover.js.map