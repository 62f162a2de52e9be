import { readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { PlateauDoctorError } from '../errors.js';
import { EXTRA_FORMATS } from './extra-formats.js';
import type { LossLog } from './loss-log.js';
import { detectFormat, readLossLog, type ReadLossLogOptions } from './read-loss-log.js';
import { stitchGroup } from './stitch.js';

/**
 * `analyze DIR`: finds every log under a directory (TensorBoard logdirs, `lightning_logs/`,
 * `mlruns/`, `wandb/`, `runs/detect/*`, DVCLive, plateau-doctor runs, any CSV/JSON/text log) and
 * reads each run once. A folder that is one run in a known layout (an MLflow or W&B run, a
 * DVCLive folder, a plateau-doctor run) is read as a whole and not entered; other folders are
 * walked. Files that are not logs are listed, not errors.
 */

export interface FoundLog {
  /** The file, or the folder of a one-run layout. */
  path: string;
  /** Files of one run that were stitched, oldest first (only when there are several). */
  parts?: string[];
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface DirectoryLogs {
  /** Each run read: a LossLog, or the one-line error of a recognised run that could not be read. */
  logs: ({ kind: 'ok'; log: LossLog } | { kind: 'error'; file: string; error: string })[];
  skipped: SkippedFile[];
}

/** Never walk more than this many entries or this deep: a directory walk must not hang. */
const MAX_ENTRIES = 20000;
const MAX_DEPTH = 12;
const IGNORED_DIRS = new Set(['node_modules', '__pycache__', '.git', '.trash', '.ipynb_checkpoints', 'site-packages']);
/** Files a walk does not try (code, images, weights, archives): listed by extension. */
const NOT_LOGS = /\.(py|pyc|ipynb|md|rst|yaml|yml|toml|cfg|ini|sh|bat|png|jpe?g|gif|bmp|svg|webp|mp4|pt|pth|ckpt|bin|safetensors|h5|hdf5|keras|pb|pkl|pickle|npy|npz|onnx|zip|gz|tgz|bz2|xz|tar|7z|html?|css|js|ts|lock|pdf|xml|parquet|arrow|wav|mp3|flac)$/i;

/**
 * A source or document file (`.py`, `.md`, ...) is still read when its content is a structured
 * log (a trainer_state.json saved under another name, a table): not when it would be read as
 * free text, where code and prose could pass for `loss: 0.5` lines.
 */
async function structuredLogInside(file: string, name: string): Promise<boolean> {
  if (!/\.(py|md|rst|txt)$/i.test(name)) return false;
  try {
    return (await detectFormat(file)) !== 'text';
  } catch {
    return false;
  }
}

interface Walk {
  found: FoundLog[];
  skipped: SkippedFile[];
  entries: number;
}

export async function discoverLogs(root: string): Promise<{ found: FoundLog[]; skipped: SkippedFile[] }> {
  const walk: Walk = { found: [], skipped: [], entries: 0 };
  await visit(root, 0, walk);
  return { found: walk.found, skipped: walk.skipped };
}

function isOneRunFolder(dir: string): boolean {
  return EXTRA_FORMATS.some((f) => f.sniffDir?.(dir));
}

async function visit(dir: string, depth: number, walk: Walk): Promise<void> {
  if (isOneRunFolder(dir)) {
    walk.found.push({ path: dir });
    return;
  }
  try {
    if ((await detectFormat(dir)) === 'run-dir') {
      walk.found.push({ path: dir });
      return;
    }
  } catch {
    // not a plateau-doctor run directory: walk it
  }
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  } catch (error) {
    walk.skipped.push({ path: dir, reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
    return;
  }
  for (const e of entries) {
    if (++walk.entries > MAX_ENTRIES) {
      walk.skipped.push({ path: dir, reason: `not all read: the walk stops after ${MAX_ENTRIES} entries` });
      return;
    }
    const p = path.join(dir, e.name);
    if (e.isSymbolicLink()) continue; // wandb/latest-run and the like point at a run listed anyway
    if (e.isDirectory()) {
      if (IGNORED_DIRS.has(e.name) || (e.name.startsWith('.') && e.name !== '.')) continue;
      if (depth + 1 > MAX_DEPTH) walk.skipped.push({ path: p, reason: `deeper than ${MAX_DEPTH} levels: not entered` });
      else await visit(p, depth + 1, walk);
    } else if (e.isFile()) {
      if (e.name === 'meta.yaml' && path.basename(path.dirname(dir)) === 'mlruns') continue; // an MLflow experiment's metadata
      if (NOT_LOGS.test(e.name) && !/tfevents/i.test(e.name) && !(await structuredLogInside(p, e.name))) walk.skipped.push({ path: p, reason: 'not a log (by its extension)' });
      else walk.found.push({ path: p });
    }
  }
}

/**
 * Parts that may be one run written in several files: the event files of one folder (TensorBoard
 * shows them as one run), and the `version_N` folders of one `lightning_logs` (a resumed run).
 */
function groupKey(file: string, format: string): string | undefined {
  const dir = path.dirname(file);
  const versioned = /^version_\d+$/.test(path.basename(dir));
  if (format === 'tfevents') return versioned ? `${path.dirname(dir)}\u0000lightning tfevents` : `${dir}\u0000tfevents`;
  if (versioned) return `${path.dirname(dir)}\u0000lightning ${path.basename(file)}`;
  return undefined;
}

/**
 * Reads every log found under `root`. Files that fail to read are listed in `skipped` with
 * their one-line reason (a walk meets many files that are not logs); a recognised run folder
 * that fails is an error. Parts of one run (see `groupKey`) are stitched when their series
 * match and their steps continue.
 */
export async function readDirectory(root: string, options: ReadLossLogOptions = {}): Promise<DirectoryLogs> {
  const { found, skipped } = await discoverLogs(root);
  const out: DirectoryLogs = { logs: [], skipped };
  const groups = new Map<string, LossLog[]>();
  const order: (LossLog | string)[] = [];
  for (const f of found) {
    let log: LossLog;
    try {
      log = await readLossLog(f.path, options);
    } catch (error) {
      if (!(error instanceof PlateauDoctorError)) throw error;
      const message = error.message.startsWith(f.path) ? error.message.slice(f.path.length).replace(/^:\s*/, '') : error.message;
      if (isOneRunFolder(f.path)) out.logs.push({ kind: 'error', file: f.path, error: error.message });
      else skipped.push({ path: f.path, reason: message });
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
    groups.get(key)!.push(log);
  }
  for (const item of order) {
    const logs = typeof item === 'string' ? stitchGroup(groups.get(item)!) : [item];
    for (const log of logs) out.logs.push({ kind: 'ok', log });
  }
  skipped.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
  return out;
}
