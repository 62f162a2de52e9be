/**
 * The `report` use case: read saved run directories, diagnose each run (unless told not to)
 * and write the HTML report comparing them.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { PlateauDoctorError } from '../errors.js';
import { readRunDirs } from '../logs/run-dir.js';
import type { RunLog } from '../logs/run-log.js';
import { cannotWriteReport } from '../report/html.js';
import { writeRunReport } from '../report/run-report.js';
import { diagnoseRuns } from './diagnose-runs.js';

export interface ReportRunsOptions {
  /** Run directories, or output directories of `run` holding several runs (relative to `cwd`). */
  dirs: string[];
  /** The HTML file to write (relative to `cwd`). */
  out: string;
  /** Overwrite `out` when it exists. */
  force: boolean;
  title?: string;
  /** EMA weight over the step losses, in [0, 1). */
  smoothing: number;
  /** Schedule the others are compared against ('none' is always accepted). */
  baseline: string;
  /** Run the detector on each run (plateaus, knee). */
  detect: boolean;
  cwd: string;
}

/** Writes the report; checks every input before writing. Returns its path, size and the number of runs. */
export function reportRuns(o: ReportRunsOptions): { path: string; bytes: number; runs: number } {
  if (!(o.smoothing >= 0 && o.smoothing < 1)) throw new PlateauDoctorError(`--smoothing must be in [0, 1), got ${o.smoothing}`);
  const runs: RunLog[] = [];
  const sources: string[] = [];
  for (const dir of o.dirs.map(String)) {
    const logs = readRunDirs(path.resolve(o.cwd, dir));
    for (const log of logs) {
      runs.push(log);
      sources.push(path.normalize(dir).replace(/[\\/]+$/, ''));
    }
  }
  if (runs.length === 0) throw new PlateauDoctorError('no runs found in the given directories');
  const schedules = [...new Set(runs.map((r) => r.meta.schedule))];
  if (!schedules.includes(o.baseline) && o.baseline !== 'none') {
    throw new PlateauDoctorError(`--baseline ${o.baseline}: no run has that schedule; choose one of ${schedules.join(', ')}`);
  }
  const out = path.resolve(o.cwd, o.out);
  if (existsSync(out)) {
    if (statSync(out).isDirectory()) throw new PlateauDoctorError(`--out ${o.out}: is a directory; name the HTML file to write, e.g. --out ${path.join(o.out, 'report.html')}`);
    if (!o.force) throw new PlateauDoctorError(`--out ${o.out}: already exists; pass --force to overwrite it or choose another --out`);
  }
  if (!existsSync(path.dirname(out))) throw new PlateauDoctorError(`--out ${o.out}: the directory ${path.dirname(out)} does not exist`);
  const { diagnoses, notes } = o.detect ? diagnoseRuns(runs) : { diagnoses: [], notes: [] };
  try {
    const { bytes } = writeRunReport(out, runs, { title: o.title, smoothing: o.smoothing, baseline: o.baseline, sources, diagnoses, notes });
    return { path: out, bytes, runs: runs.length };
  } catch (error) {
    throw cannotWriteReport(`--out ${o.out}`, error);
  }
}
