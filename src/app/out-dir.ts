import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PlateauDoctorError } from '../errors.js';

/**
 * The output directory of `plateau-doctor run`: checked before anything is loaded or trained,
 * created without `mkdir -p` (Node's recursive mkdir loops forever under /proc, where mkdir
 * fails with ENOENT in a directory that exists), and, for the default `runs/<timestamp>`,
 * made unique atomically (two runs started in the same second get `...-2`).
 */

/** Why a node error happened, in a few words: "EACCES: permission denied". */
function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e?.code ? `${e.code}${e.message ? ': ' + e.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '') : ''}` : String(error);
}

/** The nearest path at or above `p` that exists (the filesystem root always does). */
function firstExistingAncestor(p: string): string {
  let current = p;
  while (!existsSync(current)) {
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return current;
}

/**
 * Refuses an `--out` that cannot become a writable directory: an existing path that is not a
 * directory, a missing path whose nearest existing ancestor is a file, or one in which no
 * directory can be created (tried with a probe directory that is removed at once).
 * Also refuses a non-empty existing directory unless `force` (or `unique`: see createOutDir); with `force`, only run folders
 * that plateau-doctor wrote (with a run.json) may be replaced.
 */
export function checkOutDir(outDir: string, options: { force: boolean; runNames: readonly string[]; flag?: string; unique?: boolean }): void {
  const flag = options.flag ?? '--out';
  const existing = firstExistingAncestor(outDir);
  if (!statSync(existing).isDirectory()) {
    const what = existing === outDir ? 'exists and is not a directory' : `cannot be created: ${existing} is not a directory`;
    throw new PlateauDoctorError(`${flag} ${outDir} ${what}; choose another path`);
  }
  try {
    rmdirSync(mkdtempSync(path.join(existing, '.plateau-doctor-probe-')));
  } catch (error) {
    throw new PlateauDoctorError(`${flag} ${outDir}: cannot create a directory in ${existing} (${reason(error)}); choose another path`);
  }
  // A unique folder that exists already is not touched: createOutDir picks the next free name.
  if (existing !== outDir || options.unique) return;
  if (readdirSync(outDir).length === 0) return;
  if (!options.force) throw new PlateauDoctorError(`${flag} ${outDir} exists and is not empty; choose a new directory or pass --force`);
  for (const name of options.runNames) {
    const runDir = path.join(outDir, name);
    if (existsSync(runDir) && !existsSync(path.join(runDir, 'run.json'))) {
      throw new PlateauDoctorError(`--force would replace ${runDir}, which was not written by plateau-doctor (no run.json); move it away first`);
    }
  }
}

/** mkdir of one level; false when it already exists as a directory. Any other failure is a one-line user error. */
function makeDir(dir: string, flag: string): boolean {
  try {
    mkdirSync(dir);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST' && statSync(dir).isDirectory()) return false;
    throw new PlateauDoctorError(`${flag} ${dir}: cannot create the directory (${reason(error)}); choose another path`);
  }
}

/** Creates the missing parents of `dir`, one level at a time (never a recursive mkdir). */
function makeParents(dir: string, flag: string): void {
  const missing: string[] = [];
  for (let p = path.dirname(dir); !existsSync(p); p = path.dirname(p)) {
    missing.unshift(p);
    if (path.dirname(p) === p) break;
  }
  for (const p of missing) makeDir(p, flag);
}

/**
 * Creates the output directory and returns its path and whether this call created it.
 * `unique`: the directory must be new; when the name is taken (another run started in the same
 * second), `-2`, `-3`, ... are tried, each with an atomic mkdir, so two processes never share one.
 */
export function createOutDir(outDir: string, options: { unique: boolean; flag?: string }): { dir: string; created: boolean } {
  const flag = options.flag ?? '--out';
  makeParents(outDir, flag);
  if (!options.unique) return { dir: outDir, created: makeDir(outDir, flag) };
  for (let k = 1; k <= 1000; k++) {
    const dir = k === 1 ? outDir : `${outDir}-${k}`;
    try {
      mkdirSync(dir);
      return { dir, created: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new PlateauDoctorError(`${flag} ${dir}: cannot create the directory (${reason(error)}); choose another path`);
      }
    }
  }
  throw new PlateauDoctorError(`${outDir}-1..1000 all exist; pass --out DIR`);
}
