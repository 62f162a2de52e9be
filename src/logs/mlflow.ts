import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isDir } from './fs-checks.js';
import { PlateauDoctorError, location } from '../errors.js';
import { columnKind, isLrName, roleOf, selectByName } from './columns.js';
import { readLineBatches } from './line-reader.js';
import type { LossLog, LossSeries, XUnit } from './loss-log.js';
import { buildSeries, type RestartMode } from './series-build.js';
import type { ReadTabularOptions } from './tabular.js';
import { parseCell } from './values.js';

/**
 * MLflow's file store (`mlruns/<experiment id>/<run id>/`): `meta.yaml`, `metrics/<key>` (one
 * line per logged value: `<timestamp ms> <value> <step>`, no header; MLflow before 1.0 wrote no
 * step), `params/<key>`, `tags/<key>` (the run's name in `tags/mlflow.runName`). Metric keys
 * with `/` are subdirectories of `metrics/`.
 */

const METRIC_LINE = /^(\d{10,14}) (\S+)(?: (-?\d+))?$/;

/** True when every complete non-blank line of the head is a `timestamp value [step]` line. */
export function looksLikeMlflowMetric(head: Buffer, complete: boolean): boolean {
  const lines = head.toString('utf8').split('\n');
  if (!complete) lines.pop();
  const rows = lines.map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '').slice(0, 50);
  return rows.length > 0 && rows.every((l) => {
    const m = METRIC_LINE.exec(l);
    return m !== null && typeof parseCell(m[2]) === 'number';
  });
}

/** True for an MLflow run folder: `meta.yaml` next to a `metrics/` directory. */
export function isMlflowRunDir(dir: string): boolean {
  return existsSync(path.join(dir, 'meta.yaml')) && isDir(path.join(dir, 'metrics'));
}

interface MetricPoints {
  key: string;
  times: number[];
  values: number[];
  steps: number[];
  lines: number[];
}

/** One `<timestamp ms> <value> [<step>]` line (no step: MLflow's default 0), or undefined when it is not one. */
export function parseMetricLine(text: string): { time: number; value: number; step: number } | undefined {
  const match = METRIC_LINE.exec(text);
  const value = match ? parseCell(match[2]) : undefined;
  if (!match || typeof value !== 'number') return undefined;
  return { time: Number(match[1]), value, step: match[3] === undefined ? 0 : Number(match[3]) };
}

async function readMetricFile(file: string, key: string, keepPartialLastLine: boolean | undefined): Promise<MetricPoints> {
  const m: MetricPoints = { key, times: [], values: [], steps: [], lines: [] };
  for await (const batch of readLineBatches(file, { keepPartialLastLine })) {
    for (let k = 0; k < batch.lines.length; k++) {
      const text = batch.lines[k];
      if (text.trim() === '') continue;
      const line = batch.firstLine + k;
      const point = parseMetricLine(text);
      if (!point) {
        throw new PlateauDoctorError(`${location(file, line)}: not an MLflow metric line ("timestamp value step" expected, got "${text.slice(0, 60)}")`);
      }
      m.times.push(point.time);
      m.values.push(point.value);
      m.steps.push(point.step);
      m.lines.push(line);
    }
  }
  return m;
}

/** Every metric file under `metrics/`, keyed by its path below it (`train/loss`). */
function metricFiles(metricsDir: string): { file: string; key: string }[] {
  const out: { file: string; key: string }[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p, `${prefix}${e.name}/`);
      else if (e.isFile()) out.push({ file: p, key: `${prefix}${e.name}` });
    }
  };
  walk(metricsDir, '');
  return out;
}

function toSeries(file: string, m: MetricPoints, x: XUnit | undefined, lr: MetricPoints | undefined, restarts: RestartMode | undefined): LossSeries[] {
  if (m.values.length === 0) return [];
  // MLflow logs step 0 when the caller gives none: then the timestamps are the only x.
  const stepless = m.steps.length > 1 && m.steps.every((s) => s === m.steps[0]);
  const unit: XUnit = x === 'time' || (x === undefined && stepless) ? 'time' : 'step';
  if (x === 'epoch') throw new PlateauDoctorError(`${file}: --x epoch asked for, but MLflow metrics have steps and timestamps only (use --x step or --x time)`);
  const notes: string[] = [];
  if (unit === 'time') notes.push(`x is wall time in seconds since the first point${stepless && x === undefined ? ` (every value was logged at step ${m.steps[0]})` : ''}`);
  const xs = unit === 'time' ? m.times.map((t) => (t - m.times[0]) / 1000) : m.steps;
  const lrAt = lr ? new Map(lr.steps.map((s, i) => [s, lr.values[i]])) : undefined;
  return buildSeries(
    {
      name: m.key,
      role: roleOf(m.key),
      x: unit,
      xs,
      ys: m.values,
      lrs: lrAt ? m.steps.map((s) => lrAt.get(s) ?? Number.NaN) : undefined,
      lines: m.lines,
      notes,
    },
    { restarts },
  );
}

/** One metric file (`mlruns/<exp>/<run>/metrics/<key>`): the key is its path below `metrics/`, else its file name. */
export async function readMlflowMetric(file: string, options: ReadTabularOptions = {}): Promise<LossLog> {
  const parts = path.resolve(file).split(path.sep);
  const at = parts.lastIndexOf('metrics');
  const key = at >= 0 && at < parts.length - 1 ? parts.slice(at + 1).join('/') : path.basename(file);
  const m = await readMetricFile(file, key, options.keepPartialLastLine);
  const series = toSeries(file, m, options.x, undefined, options.restarts);
  if (series.length === 0) throw new PlateauDoctorError(`${file}: the MLflow metric file holds no values`);
  return { file, format: 'mlflow', series, notes: ['MLflow metric file ("timestamp value step" per line)'] };
}

/** One line of a small YAML file (`key: value`), unquoted; undefined when absent. */
function yamlField(file: string, key: string): string | undefined {
  if (!existsSync(file)) return undefined;
  const m = new RegExp(`^${key}:[ \\t]*(.*)$`, 'm').exec(readFileSync(file, 'utf8'));
  const v = m?.[1].trim().replace(/^(['"])(.*)\1$/, '$2');
  return v === undefined || v === '' || v === 'null' ? undefined : v;
}

/** The run's display name: `tags/mlflow.runName`, else `run_name` in meta.yaml, else its id. */
export function mlflowRunName(dir: string): string {
  const tag = path.join(dir, 'tags', 'mlflow.runName');
  if (existsSync(tag)) {
    const name = readFileSync(tag, 'utf8').trim();
    if (name) return name;
  }
  return yamlField(path.join(dir, 'meta.yaml'), 'run_name') ?? path.basename(dir);
}

const RUN_STATUS: Record<string, string> = { '1': 'RUNNING', '2': 'SCHEDULED', '4': 'FAILED', '5': 'KILLED' };

/**
 * The files of an MLflow run folder that its log is read from: every metric file (keyed by its
 * path below `metrics/`), the keys analysed (loss metrics, else every other metric, or
 * `--column`), the LR metric, and the small files the notes come from (`--follow` reads the log
 * again when one of those changes).
 */
export function mlflowRunFiles(dir: string, columns: string[] | undefined): { files: { file: string; key: string }[]; chosen: string[]; lrFile?: { file: string; key: string }; infoFiles: string[]; notes: string[] } {
  if (!isMlflowRunDir(dir)) throw new PlateauDoctorError(`${dir}: not an MLflow run folder (no meta.yaml and metrics/ directory)`);
  const files = metricFiles(path.join(dir, 'metrics'));
  if (files.length === 0) throw new PlateauDoctorError(`${dir}: the MLflow run has no metrics yet`);
  const keys = files.map((f) => f.key);
  let chosen = keys.filter((k) => columnKind(k) === 'loss');
  const notes: string[] = [];
  if (columns && columns.length > 0) chosen = selectByName(dir, keys, (k) => [k], columns, { one: 'metric', many: 'metrics', all: keys });
  else if (chosen.length === 0) {
    chosen = keys.filter((k) => columnKind(k) === 'other');
    notes.push(`no metric is named like a loss: analysing every metric (${chosen.join(', ')}); choose with --column`);
  }
  const infoFiles = [path.join(dir, 'meta.yaml'), path.join(dir, 'tags', 'mlflow.runName'), path.join(dir, '..', 'meta.yaml')];
  return { files, chosen, lrFile: files.find((f) => isLrName(f.key)), infoFiles, notes };
}

/** An MLflow run folder: one series per loss metric (LR from a metric named like one). */
export async function readMlflowRun(dir: string, options: ReadTabularOptions = {}): Promise<LossLog> {
  const { files, chosen, lrFile, notes } = mlflowRunFiles(dir, options.columns);
  const lr = lrFile ? await readMetricFile(lrFile.file, lrFile.key, options.keepPartialLastLine) : undefined;
  const series: LossSeries[] = [];
  for (const f of files) if (chosen.includes(f.key)) series.push(...toSeries(f.file, await readMetricFile(f.file, f.key, options.keepPartialLastLine), options.x, lr, options.restarts));
  const expName = yamlField(path.join(dir, '..', 'meta.yaml'), 'name');
  const status = RUN_STATUS[yamlField(path.join(dir, 'meta.yaml'), 'status') ?? ''];
  const name = mlflowRunName(dir);
  const id = path.basename(dir);
  notes.unshift(`MLflow run ${name === id ? id : `"${name}" (${id})`}${expName ? ` in experiment "${expName}"` : ''}${status ? `, status ${status}` : ''}`);
  if (series.length === 0) throw new PlateauDoctorError(`${dir}: the MLflow run's metrics (${files.map((f) => f.key).join(', ')}) hold no values`);
  return { file: dir, format: 'mlflow', series, notes, run: name };
}

/** `mlflow` files and run folders. */
export const mlflowFormat = {
  name: 'mlflow',
  sniffFile: (head: Buffer, file: string) => looksLikeMlflowMetric(head, statSync(file).size <= head.length),
  sniffDir: (dir: string) => isMlflowRunDir(dir),
  read: (file: string, options: ReadTabularOptions) => (isDir(file) ? readMlflowRun(file, options) : readMlflowMetric(file, options)),
};
