import { readFile } from 'node:fs/promises';
import { PlateauDoctorError } from '../errors.js';
import { parseJson } from './json-text.js';
import { roleOf, selectByName } from './columns.js';
import type { LossLog, LossSeries } from './loss-log.js';
import { buildSeries, type RawSeries, type RestartMode } from './series-build.js';
import { num } from '../numbers.js';
import { median } from './values.js';

export interface ReadTrainerStateOptions {
  /** Keys to keep (e.g. "eval_loss"); default: every key with "loss" in its name. */
  columns?: string[];
  /** Default 'auto'. */
  restarts?: RestartMode;
  /** Only 'step' (and 'epoch') exist in a trainer state. Default 'step'. */
  x?: 'step' | 'epoch' | 'time';
}

type Entry = Record<string, unknown>;

/** The final `log_history` entry Trainer writes after training: totals, not a point. */
function isSummary(e: Entry): boolean {
  return 'train_runtime' in e || ('train_loss' in e && !('loss' in e));
}

/**
 * Reads a Hugging Face `trainer_state.json`: one series per loss key in `log_history`
 * (`loss`, `eval_loss`, `eval_<set>_loss`, ...), x = `step`, LR from `learning_rate`.
 * The final summary entry (`train_loss`, `train_runtime`) is not a point.
 */
export async function readTrainerState(file: string, options: ReadTrainerStateOptions = {}): Promise<LossLog> {
  const text = await readFile(file, 'utf8');
  const doc = parseJson(file, text);
  return trainerStateToLossLog(file, doc, options);
}

export function isTrainerState(doc: unknown): doc is { log_history: Entry[] } {
  return typeof doc === 'object' && doc !== null && Array.isArray((doc as { log_history?: unknown }).log_history);
}

export function trainerStateToLossLog(file: string, doc: unknown, options: ReadTrainerStateOptions = {}): LossLog {
  if (!isTrainerState(doc)) {
    throw new PlateauDoctorError(
      `${file}: a JSON file, but not a Hugging Face trainer_state.json (no "log_history" list); pass a trainer_state.json, a CSV or a text log`,
    );
  }
  const history = doc.log_history.filter((e): e is Entry => typeof e === 'object' && e !== null);
  const points = history.filter((e) => !isSummary(e));
  const summary = history.find(isSummary);
  const keys: string[] = [];
  for (const e of points) {
    for (const [k, v] of Object.entries(e)) {
      if (/loss/i.test(k) && (typeof v === 'number' || v === null || typeof v === 'string') && !keys.includes(k)) keys.push(k);
    }
  }
  if (keys.length === 0) {
    const d = doc as Record<string, unknown>;
    const detail: string[] = [];
    if (summary && typeof summary.train_loss === 'number') detail.push(`only the final summary, train_loss = ${num(summary.train_loss)}`);
    if (typeof d.logging_steps === 'number' && typeof d.max_steps === 'number' && d.logging_steps > d.max_steps) {
      detail.push(`logging_steps (${d.logging_steps}) is larger than max_steps (${d.max_steps}), so nothing was logged`);
    }
    throw new PlateauDoctorError(
      `${file}: no per-step loss to analyse: log_history holds ${points.length === 0 ? 'no training log entries' : 'no loss values'}` +
        (detail.length > 0 ? ` (${detail.join('; ')})` : '') +
        '; train with a smaller logging_steps to get a curve',
    );
  }
  let wanted = keys;
  if (options.columns && options.columns.length > 0) {
    wanted = selectByName(file, keys, (k) => [k], options.columns, { one: 'log_history loss key', many: 'loss keys', all: keys });
  }
  if (options.x === 'time') throw new PlateauDoctorError(`${file}: --x time asked for, but a trainer_state.json has no wall times (use --x step or --x epoch)`);
  const useEpoch = options.x === 'epoch';

  // LR by step, from the training entries.
  const lrAt = new Map<number, number>();
  const ratios: number[] = [];
  for (const e of points) {
    const step = numberOf(e.step);
    if (step !== undefined && typeof e.learning_rate === 'number') lrAt.set(step, e.learning_rate);
    const epoch = numberOf(e.epoch);
    if (step !== undefined && epoch !== undefined && epoch > 0 && step > 0) ratios.push(step / epoch);
  }
  const stepsPerEpoch = ratios.length > 0 ? median(ratios) : undefined;
  const series: LossSeries[] = [];
  for (const key of wanted) {
    const raw: RawSeries = { name: key, role: roleOf(key === 'loss' ? 'train_loss' : key), x: useEpoch ? 'epoch' : 'step', xs: [], ys: [], lines: [], lineUnit: 'log_history entry', notes: [] };
    const lrs: number[] = [];
    let lastLr = Number.NaN;
    history.forEach((e, i) => {
      const step = numberOf(e.step);
      if (step !== undefined && lrAt.has(step)) lastLr = lrAt.get(step)!;
      if (isSummary(e) || !(key in e)) return;
      const y = numberOf(e[key]);
      if (y === undefined) return;
      raw.xs.push(useEpoch ? numberOf(e.epoch) ?? Number.NaN : step ?? Number.NaN);
      raw.ys.push(y);
      raw.lines!.push(i + 1);
      lrs.push(lastLr);
    });
    if (lrs.some((v) => Number.isFinite(v))) raw.lrs = lrs;
    if (!useEpoch && stepsPerEpoch !== undefined) raw.stepsPerEpoch = stepsPerEpoch;
    if (raw.xs.length > 0) series.push(...buildSeries(raw, { restarts: options.restarts }));
  }
  const log: LossLog = { file, format: 'hf-trainer-state', series };
  if (summary) log.notes = ['the final log_history entry is the training summary, not a point: skipped'];
  return log;
}

function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const l = v.trim().toLowerCase();
    if (l === 'nan') return Number.NaN;
    if (l === 'inf' || l === 'infinity') return Number.POSITIVE_INFINITY;
    if (l === '-inf' || l === '-infinity') return Number.NEGATIVE_INFINITY;
    const n = Number(v);
    return v.trim() !== '' && !Number.isNaN(n) ? n : undefined;
  }
  return undefined;
}
