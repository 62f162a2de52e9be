import { open, readFile, readdir, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PlateauDoctorError, location } from '../errors.js';
import { isTrainerState, readTrainerState, trainerStateToLossLog } from './hf-trainer-state.js';
import { jsonErrorOffset, parseJson, quoteNonFiniteLiterals } from './json-text.js';
import type { LossLog, LossSeries, XUnit } from './loss-log.js';
import { readRunDirs } from './run-dir.js';
import { isSacredMetrics, sacredToLossLog } from './sacred-metrics.js';
import { buildSeries, type RestartMode } from './series-build.js';
import { keepWantedRuns, selectByName, withoutRuns } from './columns.js';
import { detectDelimiter, isSingleToken, looksTabular, readTabular, tableFromRecords, type JsonRecord, type ReadTabularOptions, type TabularFormat } from './tabular.js';
import { readTextLog, textMatchCount } from './text-log.js';
import { readLineBatches, splitDelimited } from './line-reader.js';
import { parseCell } from './values.js';
import { looksLikeTfRecord, readTfEvents } from './tfevents.js';
import { EXTRA_FORMATS, extraFormat } from './extra-formats.js';

/** Every format `readLossLog` understands (the values of `--format`). */
export const LOSS_LOG_FORMATS = [
  'csv',
  'keras',
  'lightning',
  'tensorboard-csv',
  'wandb',
  'hf-trainer-state',
  'json',
  'jsonl',
  'tfevents',
  'text',
  'run-dir',
  'wandb-run',
  'mlflow',
  'dvclive',
] as const;
export type LossLogFormat = (typeof LOSS_LOG_FORMATS)[number];

export interface ReadLossLogOptions {
  /** Force a format; default: detected from the content (and the name, for event files). */
  format?: LossLogFormat;
  /** Series/column/tag names to keep; default: every loss series in the file. */
  columns?: string[];
  /** X axis; default: step when the log has steps, else epoch, else time. */
  x?: XUnit;
  /** Regex with named groups for text logs (implies `text` unless `format` says otherwise). */
  pattern?: string;
  /** What to do when the x counter restarts. Default 'auto' (stitch a resumed run, split a fresh one). */
  restarts?: RestartMode;
  /** Ignore a last line without a newline (a file being appended to). Default false. */
  dropPartialLastLine?: boolean;
  /** Read CSV/TSV, JSON lines, text logs and event files only up to this byte offset (`--follow` reads the rest later). */
  endOffset?: number;
}

/** How much of a file's start `detectFormat` looks at: a file longer than this keeps its detected format as it grows. */
export const HEAD_BYTES = 64 * 1024;

/**
 * Reads any supported loss log into a LossLog. Throws PlateauDoctorError (one line, naming
 * the file and line) for a missing file, a directory that is not a run directory, an empty,
 * binary or unrecognised file.
 */
export async function readLossLog(file: string, options: ReadLossLogOptions = {}): Promise<LossLog> {
  try {
    // `--column "val_loss (run 2)"`: the reader selects `val_loss`, then run 2 is kept.
    const log = await readLossLogUnchecked(file, { ...options, columns: withoutRuns(options.columns) });
    return keepWantedRuns(log, options.columns);
  } catch (error) {
    // File-system failures past the first checks (permissions, a file removed while read) are user errors too.
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (!(error instanceof PlateauDoctorError) && typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      throw new PlateauDoctorError(`${file}: cannot read (${code === 'EACCES' ? 'permission denied' : code === 'ENOENT' ? 'no such file' : code})`, { cause: error });
    }
    throw error;
  }
}

async function readLossLogUnchecked(file: string, options: ReadLossLogOptions): Promise<LossLog> {
  const forced = options.format !== undefined;
  const format = options.format ?? (await detectFormat(file, options));
  // A detected format has been checked to be a file (or a run directory); a forced one is checked here.
  if (forced && format !== 'run-dir' && !extraFormat(format)?.sniffDir) await assertReadableFile(file);
  const restarts = options.restarts;
  const keepPartialLastLine = !options.dropPartialLastLine;
  switch (format) {
    case 'csv':
    case 'keras':
    case 'lightning':
    case 'tensorboard-csv':
    case 'wandb':
      return readTabular(file, { format: forced ? (format as TabularFormat) : undefined, columns: options.columns, x: options.x, restarts, keepPartialLastLine, endOffset: options.endOffset });
    case 'text':
      return readTextLog(file, { pattern: options.pattern, columns: options.columns, x: options.x, restarts, keepPartialLastLine, end: options.endOffset });
    case 'hf-trainer-state':
      return readTrainerState(file, { columns: options.columns, x: options.x, restarts });
    case 'json':
      return jsonDocToLossLog(file, parseJson(file, await readFile(file, 'utf8')), { columns: options.columns, x: options.x, restarts });
    case 'jsonl':
      return readJsonLines(file, { columns: options.columns, x: options.x, restarts, keepPartialLastLine, endOffset: options.endOffset });
    case 'tfevents':
      return readTfEvents(file, { columns: options.columns, x: options.x, restarts, endOffset: options.endOffset });
    case 'run-dir':
      return readRunDirLog(file, options);
    default:
      return extraFormat(format)!.read(file, { columns: options.columns, x: options.x, restarts, keepPartialLastLine });
  }
}

async function statOrThrow(file: string) {
  try {
    return await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new PlateauDoctorError(`${file}: no such file`);
    if (code === 'EACCES') throw new PlateauDoctorError(`${file}: permission denied`);
    throw new PlateauDoctorError(`${file}: cannot read (${code ?? String(error)})`);
  }
}

async function assertReadableFile(file: string): Promise<void> {
  const st = await statOrThrow(file);
  if (st.isDirectory()) throw new PlateauDoctorError(`${file}: is a directory; this format needs a file`);
}

/** Detects the format of a file or directory from its content. */
export async function detectFormat(file: string, options: Pick<ReadLossLogOptions, 'pattern' | 'dropPartialLastLine'> = {}): Promise<LossLogFormat> {
  const st = await statOrThrow(file);
  if (st.isDirectory()) {
    if (existsSync(path.join(file, 'run.json')) || existsSync(path.join(file, 'summary.json'))) return 'run-dir';
    const entries = await readdir(file, { withFileTypes: true });
    if (entries.some((e) => e.isDirectory() && existsSync(path.join(file, e.name, 'run.json')))) return 'run-dir';
    const dirFormat = EXTRA_FORMATS.find((f) => f.sniffDir?.(file));
    if (dirFormat) return dirFormat.name as LossLogFormat;
    throw new PlateauDoctorError(`${file}: is a directory, not a loss log (nor a plateau-doctor run directory with run.json); pass a file`);
  }
  if (st.size === 0) throw new PlateauDoctorError(`${file}: the file is empty`);
  const handle = await open(file, 'r');
  let head: Buffer;
  try {
    const buf = Buffer.alloc(Math.min(HEAD_BYTES, st.size));
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (/tfevents/i.test(path.basename(file)) || looksLikeTfRecord(head)) return 'tfevents';
  // A text file being written (`--follow`): its last line may be cut short, the lines before it decide.
  if (options.dropPartialLastLine && head.length === st.size && head.indexOf(0) < 0 && head[head.length - 1] !== 10 && head.indexOf(10) >= 0) {
    head = head.subarray(0, head.lastIndexOf(10) + 1);
  }
  const fileFormat = EXTRA_FORMATS.find((f) => f.sniffFile?.(head, file));
  if (fileFormat) return fileFormat.name as LossLogFormat;
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new PlateauDoctorError(`${file}: UTF-16 text (a byte-order mark ${head[0] === 0xff ? 'FF FE' : 'FE FF'}); save it as UTF-8 and try again`);
  }
  if (head[0] === 0x1f && head[1] === 0x8b) throw new PlateauDoctorError(`${file}: gzip-compressed; decompress it first (gunzip -k ${path.basename(file)})`);
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    throw new PlateauDoctorError(`${file}: a ZIP archive (or an .xlsx workbook), not a loss log; export the sheet as CSV or unpack it`);
  }
  const nul = head.indexOf(0);
  if (nul >= 0) throw new PlateauDoctorError(`${file}: a binary file (NUL byte at offset ${nul}), not a loss log; pass a CSV, JSON, text log or TensorBoard event file`);
  const text = head.toString('utf8');
  const bad = countReplacement(text, head.length === st.size);
  if (bad > Math.max(2, text.length / 100)) {
    throw new PlateauDoctorError(`${file}: not text (${bad} invalid UTF-8 sequences in the first ${head.length} bytes), not a loss log`);
  }
  if (options.pattern) return 'text';
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstChar = body.trimStart()[0];
  if (firstChar === '{' || firstChar === '[') {
    const objects = body.split('\n').map((l) => l.trim()).filter((l) => l !== '').slice(0, 2);
    const oneLine = (l: string) => l.startsWith('{') && l.endsWith('}');
    if (objects.length === 2 && objects.every((l) => oneLine(l) && parsesAsObject(l))) return 'jsonl';
    // Python dict reprs ({'loss': 0.5, ...}, as the HF Trainer prints them) are text lines, not JSON.
    // A broken JSON line with double-quoted keys stays JSON, so its syntax error is reported.
    const pythonRepr = (l: string) => /'[^'\n]*'\s*:/.test(l);
    if (objects.length > 0 && oneLine(objects[0]) && !parsesAsObject(objects[0]) && pythonRepr(objects[0]) && textMatchCount(nonBlankLines(body)) > 0) return 'text';
    // `[INFO] Step 10: loss: 2.1`, `[2026-01-01 10:00:01] Epoch 1 loss=...`: a text log whose lines start with a bracket.
    if (objects.length > 0 && bracketedText(objects[0]) && textMatchCount(nonBlankLines(body)) > 0) return 'text';
    return 'json';
  }
  const lines = body.split('\n');
  if (head.length < st.size) lines.pop();
  const nonBlank = lines.map((l) => l.replace(/\r+$/, '')).filter((l) => l.trim() !== '');
  const firstLine = nonBlank[0];
  if (firstLine === undefined) throw new PlateauDoctorError(`${file}: the file is empty (only blank lines)`);
  if (looksTabular(firstLine)) {
    // A header-like first line must be followed by a row of numbers (or nothing: "header only"),
    // else it is a text log whose first line happens to contain commas ("epoch=1,loss=0.5").
    const second = nonBlank[1];
    const numericRow = second === undefined || (looksTabular(second) && mostlyNumeric(second));
    if (numericRow || textMatchCount(nonBlank.slice(0, 200)) === 0) return 'csv';
  }
  // One value per line (np.savetxt of a loss list), with or without a one-word header.
  if (isSingleToken(firstLine) && nonBlank.length >= 2 && nonBlank.slice(1, 50).every((l) => typeof parseCell(l.trim()) === 'number' || parseCell(l.trim()) === null)) {
    return 'csv';
  }
  return 'text';
}

/** A first line starting with `[` that is not JSON from its first element on (`[INFO]`, `[12/01 10:00:01 ...]`). */
function bracketedText(line: string): boolean {
  const text = line.trimEnd();
  const error = text.startsWith('[') ? jsonErrorOffset(text) : -1;
  // A syntax error at the end of the line is JSON continued on the next lines.
  return error > 0 && error < text.length && !/[{",[]/.test(text.slice(1, error));
}

function nonBlankLines(text: string): string[] {
  return text.split('\n').map((l) => l.replace(/\r+$/, '')).filter((l) => l.trim() !== '').slice(0, 200);
}

function parsesAsObject(line: string): boolean {
  try {
    const v: unknown = JSON.parse(quoteNonFiniteLiterals(line));
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/**
 * A JSON document: a trainer_state.json, an array of records (`[{"step":1,"loss":0.5},...]`), or
 * Keras's `history.history` (`{"loss":[...],"val_loss":[...]}`, x = epoch from 0).
 */
export function jsonDocToLossLog(file: string, doc: unknown, options: ReadTabularOptions): LossLog {
  if (isTrainerState(doc)) return trainerStateToLossLog(file, doc, options);
  if (isSacredMetrics(doc)) return sacredToLossLog(file, doc, options);
  if (Array.isArray(doc) && doc.length > 0 && doc.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))) {
    return tableFromRecords(file, 'json', doc.map((values, i) => ({ values: values as Record<string, unknown>, line: i + 1 })), options, 'entry');
  }
  if (typeof doc === 'object' && doc !== null && !Array.isArray(doc)) {
    const lists = Object.entries(doc).filter(([, v]) => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' || x === null || typeof x === 'string'));
    if (lists.length > 0 && lists.some(([k]) => /loss/i.test(k))) {
      const length = Math.max(...lists.map(([, v]) => (v as unknown[]).length));
      const hasX = lists.some(([k]) => ['epoch', 'step'].includes(k.toLowerCase()));
      const records = Array.from({ length }, (_, i) => {
        const values: Record<string, unknown> = hasX ? {} : { epoch: i };
        for (const [k, v] of lists) values[k] = (v as unknown[])[i] ?? null;
        return { values, line: i + 1 };
      });
      const log = tableFromRecords(file, 'json', records, options, 'entry');
      if (!hasX) log.notes = [...(log.notes ?? []), 'lists of values (Keras history): x is the list index, read as epochs from 0'];
      return log;
    }
  }
  throw new PlateauDoctorError(
    `${file}: a JSON file, but not a Hugging Face trainer_state.json (no "log_history" list), a list of records or a dict of loss lists; pass a trainer_state.json, a CSV or a text log`,
  );
}

/** JSON lines (one object per line, e.g. Detectron2's metrics.json), read line by line. */
async function readJsonLines(file: string, options: ReadTabularOptions): Promise<LossLog> {
  const records: JsonRecord[] = [];
  for await (const batch of readLineBatches(file, { keepPartialLastLine: options.keepPartialLastLine, end: options.endOffset })) {
    for (let k = 0; k < batch.lines.length; k++) {
      const text = batch.lines[k].trim();
      if (text === '') continue;
      const line = batch.firstLine + k;
      let value: unknown;
      try {
        value = JSON.parse(quoteNonFiniteLiterals(text));
      } catch (error) {
        throw new PlateauDoctorError(`${location(file, line)}: not a JSON object (${error instanceof Error ? error.message.replace(/ in JSON at position.*/, '') : String(error)})`);
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PlateauDoctorError(`${location(file, line)}: expected one JSON object per line`);
      records.push({ values: value as Record<string, unknown>, line });
    }
  }
  return tableFromRecords(file, 'jsonl', records, options);
}

function mostlyNumeric(line: string): boolean {
  const d = detectDelimiter(line);
  if (!d) return false;
  const cells = d === ' ' ? line.trim().split(/\s+/) : splitDelimited(line, d);
  return cells.filter((c) => parseCell(c) !== undefined).length * 2 >= cells.length;
}

function countReplacement(text: string, complete: boolean): number {
  let n = 0;
  const end = complete ? text.length : Math.max(0, text.length - 4);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 0xfffd) n++;
  return n;
}

/** plateau-doctor's own run directories: per-step train loss (with LR) and per-epoch validation loss per run. */
async function readRunDirLog(dir: string, options: ReadLossLogOptions): Promise<LossLog> {
  await statOrThrow(dir);
  const runs = readRunDirs(dir);
  const series: LossSeries[] = [];
  const multi = runs.length > 1;
  for (const run of runs) {
    const prefix = multi ? `${run.meta.name} ` : '';
    const lastStep = run.steps.length > 0 ? run.steps[run.steps.length - 1] : undefined;
    const stepsPerEpoch = lastStep && lastStep.epoch > 0 ? lastStep.step / lastStep.epoch : undefined;
    const all: LossSeries[] = [];
    if (options.x !== 'epoch' && run.steps.length > 0) {
      all.push(
        ...buildSeries({
          name: `${prefix}train loss`,
          role: 'train',
          x: 'step',
          xs: run.steps.map((s) => s.step),
          ys: run.steps.map((s) => s.loss),
          lrs: run.steps.map((s) => s.lr),
          stepsPerEpoch,
        }),
      );
    }
    if (options.x === 'epoch' && run.epochs.length > 0) {
      all.push(
        ...buildSeries({
          name: `${prefix}train loss (epoch)`,
          role: 'train',
          x: 'epoch',
          xs: run.epochs.map((e) => e.epoch),
          ys: run.epochs.map((e) => e.trainLoss),
          lrs: run.epochs.map((e) => e.lr),
        }),
      );
    }
    const val = run.epochs.filter((e) => e.valLoss !== null && e.valLoss !== undefined);
    if (val.length > 0) {
      all.push(
        ...buildSeries({
          name: `${prefix}val loss`,
          role: 'validation',
          x: 'epoch',
          xs: val.map((e) => e.epoch),
          ys: val.map((e) => e.valLoss as number),
          lrs: val.map((e) => e.lr),
        }),
      );
    }
    series.push(...all);
  }
  let chosen = series;
  if (options.columns && options.columns.length > 0) {
    // "val loss" picks that series of every run; "step val loss" one run's.
    const prefixes = new Set(runs.map((r) => `${r.meta.name} `));
    const bare = (name: string) => [...prefixes].reduce((n, p) => (multi && n.startsWith(p) ? n.slice(p.length) : n), name);
    chosen = selectByName(dir, series, (s) => [s.name, bare(s.name)], options.columns, { one: 'series', many: 'series', all: series.map((s) => s.name) });
  }
  if (chosen.length === 0) throw new PlateauDoctorError(`${dir}: the run directory has no logged steps yet`);
  return { file: dir, format: 'run-dir', series: chosen };
}
