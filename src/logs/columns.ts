import { PlateauDoctorError } from '../errors.js';
import type { LossLog, SeriesRole, XUnit } from './loss-log.js';

/**
 * Column roles, detected by name. Names are compared case-insensitively after trimming.
 *
 * columnKind('val_loss')      // => 'loss'
 * columnKind('lr-Adam')       // => 'lr'
 * columnKind('Wall time')     // => 'time'
 * columnKind('trainer/global_step') // => 'step'
 */
export type ColumnKind = XUnit | 'lr' | 'loss' | 'other';

const STEP_NAMES = new Set(['step', 'steps', 'global_step', 'globalstep', 'global step', 'iteration', 'iterations', 'iter', 'it', 'batch', '_step', 'trainer/global_step', 'train/global_step']);
const EPOCH_NAMES = new Set(['epoch', 'epochs', 'epoch/epoch', 'train/epoch', '_epoch']);
const TIME_NAMES = new Set(['wall time', 'wall_time', 'walltime', 'time', 'timestamp', '_timestamp', '_runtime', 'relative time', 'relative time (process)', 'relative time (wall)', 'elapsed', 'seconds', 'time_s', 'elapsed_s']);

export function columnKind(name: string): ColumnKind {
  const n = name.trim().toLowerCase();
  if (STEP_NAMES.has(n)) return 'step';
  if (EPOCH_NAMES.has(n)) return 'epoch';
  if (TIME_NAMES.has(n)) return 'time';
  if (isLrName(n)) return 'lr';
  if (/loss/.test(n)) return 'loss';
  return 'other';
}

/** `lr`, `learning_rate`, `lr-Adam`, `lr/pg0`, `train/learning_rate`, `lr_0`. */
export function isLrName(name: string): boolean {
  const n = name.trim().toLowerCase();
  return (
    /^(lr|learning[ _-]?rate)$/.test(n) ||
    /^lr[-/_ ]/.test(n) ||
    /^learning[ _-]?rate[-/_ ]/.test(n) ||
    /[/_ -](lr|learning[ _-]?rate)$/.test(n)
  );
}

/** Train, validation, test or other, from a series name: `val_loss` -> validation, `test_loss` -> test, `loss` -> train. */
export function roleOf(name: string): SeriesRole {
  const n = name.toLowerCase();
  if (/(^|[^a-z])(val|valid|validation|eval|evaluation|dev)([^a-z]|$)/.test(n) || /^val/.test(n)) return 'validation';
  if (/(^|[^a-z])test([^a-z]|$)/.test(n)) return 'test';
  return 'train';
}

/** A column whose name ends in `_epoch` / `/epoch` holds values logged once per epoch (Lightning). */
export function isPerEpochName(name: string): boolean {
  return /[_/ -]epoch$/i.test(name.trim()) && columnKind(name) === 'loss';
}

/**
 * `--column` selection: the items any of the wanted names matches (case-insensitive), in the
 * order of `wanted`. Names that match nothing in this file are fine (`analyze a.csv b.json
 * --column loss --column eval_loss`) as long as one matches; otherwise a user error listing
 * what the file has.
 */
export function selectByName<T>(file: string, items: readonly T[], namesOf: (item: T) => string[], wanted: readonly string[], what: { one: string; many: string; all: string[] }): T[] {
  const chosen: T[] = [];
  for (const want of wanted) {
    const w = want.trim().toLowerCase();
    for (const item of items) if (namesOf(item).some((n) => n.toLowerCase() === w) && !chosen.includes(item)) chosen.push(item);
  }
  if (chosen.length === 0) {
    throw new PlateauDoctorError(
      `${file}: no ${what.one} named ${wanted.map((w) => `"${w}"`).join(' or ')} (${what.many}: ${what.all.join(', ')}); pass one of those to --column`,
    );
  }
  return chosen;
}

/** The suffix a run of a split series carries: `loss (run 2)`. */
const RUN_SUFFIX = / \(run \d+\)$/i;

/** `--column` names with run suffixes removed (`val_loss (run 2)` -> `val_loss`), for the readers' own selection. */
export function withoutRuns(wanted: string[] | undefined): string[] | undefined {
  return wanted?.map((w) => w.trim().replace(RUN_SUFFIX, ''));
}

/**
 * Keeps, of series split into runs, the runs `--column` names (`val_loss (run 2)`); series
 * named without a run suffix keep all their runs. Throws when a named run does not exist.
 */
export function keepWantedRuns(log: LossLog, wanted: string[] | undefined): LossLog {
  const runs = (wanted ?? []).map((w) => w.trim().toLowerCase()).filter((w) => RUN_SUFFIX.test(w));
  if (runs.length === 0) return log;
  const whole = new Set((wanted ?? []).map((w) => w.trim().toLowerCase()).filter((w) => !RUN_SUFFIX.test(w)));
  const series = log.series.filter((s) => runs.includes(s.name.toLowerCase()) || whole.has(s.name.toLowerCase().replace(RUN_SUFFIX, '')));
  if (series.length === 0) {
    throw new PlateauDoctorError(
      `${log.file}: no series named ${runs.map((w) => `"${w}"`).join(' or ')} (series: ${log.series.map((s) => s.name).join(', ')}); pass one of those to --column`,
    );
  }
  return { ...log, series };
}
