import path from 'node:path';
import { PlateauDoctorError, location } from '../errors.js';
import { columnKind, isPerEpochName, roleOf, selectByName } from './columns.js';
import { readLineBatches, splitDelimited } from './line-reader.js';
import type { LossLog, LossSeries, XUnit } from './loss-log.js';
import { buildSeries, estimateStepsPerEpoch, forwardFill, type RawSeries, type RestartMode } from './series-build.js';
import { median, parseCell } from './values.js';

export type TabularFormat = 'csv' | 'keras' | 'lightning' | 'tensorboard-csv' | 'wandb';

export interface ReadTabularOptions {
  /** Force one flavour; default: detected from the header. */
  format?: TabularFormat;
  /** Series (column) names to keep; default: every loss column. */
  columns?: string[];
  /** X axis; default: step when the file has one, else epoch, else time, else the row number. */
  x?: XUnit;
  /** Default 'auto'. */
  restarts?: RestartMode;
  /** Default true; false ignores a last line without newline (a file being written). */
  keepPartialLastLine?: boolean;
}

/** Delimiter of a one-column file (one loss per line): NUL never occurs in a text file we accept. */
const SINGLE_COLUMN = '\u0000';

/** One cell on the line: a number, or a single header word such as `loss`. */
export function isSingleToken(line: string): boolean {
  const t = line.trim();
  return t.length > 0 && t.length <= 100 && !/\s/.test(t);
}

interface Column {
  name: string;
  index: number;
  values: number[];
  /** Rows whose cell was a logged NaN (values[] uses NaN for missing too). */
  nanRows: Set<number> | undefined;
  textCells: number;
  /** The first cell that was text, as it stands in the file (untrimmed). */
  firstText?: { line: number; cell: string };
  present: number;
}

/** Picks the delimiter of a header or first data line: tab, comma, semicolon or runs of spaces. */
export function detectDelimiter(line: string): string | undefined {
  const counts: [string, number][] = [
    ['\t', count(line, '\t')],
    [',', count(line, ',')],
    [';', count(line, ';')],
  ];
  counts.sort((a, b) => b[1] - a[1]);
  if (counts[0][1] > 0) return counts[0][0];
  const tokens = line.trim().split(/\s+/);
  if (tokens.length >= 2 && tokens.every((t) => typeof parseCell(t) === 'number')) return ' ';
  return undefined;
}

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

function split(line: string, delimiter: string): string[] {
  return delimiter === ' ' ? line.trim().split(/\s+/) : splitDelimited(line, delimiter);
}

/** Does this first non-blank line start a table (a header or a numeric row)? */
export function looksTabular(line: string): boolean {
  const d = detectDelimiter(line);
  if (!d) return false;
  const cells = split(line, d).map(cleanName);
  if (cells.length < 2) return false;
  if (cells.every((c) => parseCell(c) !== undefined)) return true;
  // A header: short cells, no sentence punctuation, at least one non-empty name.
  return cells.every((c) => c.length <= 200 && !/[:=]\s/.test(c) && !/^\d{4}-\d\d-\d\d/.test(c)) && cells.some((c) => c.length > 0);
}

function cleanName(cell: string): string {
  let c = cell.trim();
  if (c.length >= 2 && c.startsWith('"') && c.endsWith('"')) c = c.slice(1, -1);
  return c.trim();
}

/** Detects the flavour of a delimited file from its header. */
export function detectTabularFormat(header: string[] | undefined, file: string): TabularFormat {
  if (!header) return 'csv';
  const lower = header.map((h) => h.toLowerCase());
  if (lower.includes('wall time') && lower.includes('value')) return 'tensorboard-csv';
  if (header.some((h) => / - .+__(MIN|MAX)$/.test(h)) || (header.length >= 2 && header.slice(1).every((h) => h.includes(' - ')))) return 'wandb';
  if (lower.includes('epoch') && lower.includes('step') && (path.basename(file).endsWith('metrics.csv') || lower.some((h) => /_(step|epoch)$/.test(h) || h.startsWith('lr-')))) return 'lightning';
  if (lower[0] === 'epoch' && !lower.includes('step') && (lower.includes('loss') || lower.includes('val_loss'))) return 'keras';
  return 'csv';
}

/**
 * Reads a delimited loss log (generic CSV/TSV with or without header, Keras CSVLogger,
 * Lightning CSVLogger, TensorBoard scalar CSV, W&B panel export) line by line.
 */
export async function readTabular(file: string, options: ReadTabularOptions = {}): Promise<LossLog> {
  let delimiter: string | undefined;
  let header: string[] | undefined;
  let headerLine = 0;
  let format: TabularFormat = options.format ?? 'csv';
  let columns: Column[] = [];
  let wanted: Column[] = [];
  const lines: number[] = [];

  const start = (firstLine: string, lineNo: number) => {
    delimiter = detectDelimiter(firstLine) ?? (isSingleToken(firstLine) ? SINGLE_COLUMN : undefined);
    if (!delimiter) {
      throw new PlateauDoctorError(
        `${location(file, lineNo)}: not a delimited table (no tab, comma or semicolon in the first line); try --format text or --pattern`,
      );
    }
    const cells = split(firstLine, delimiter).map(cleanName);
    const numeric = cells.every((c) => parseCell(c) !== undefined);
    if (!numeric) {
      header = cells;
      headerLine = lineNo;
    }
    if (!options.format) format = detectTabularFormat(header, file);
    const names = header ?? cells.map((_, i) => `column ${i + 1}`);
    columns = names.map((name, index) => ({ name, index, values: [], nanRows: undefined, textCells: 0, present: 0 }));
    wanted = pickColumnsToParse(columns, format);
  };

  const addRow = (line: string, lineNo: number) => {
    const cells = split(line, delimiter!);
    const row = lines.length;
    lines.push(lineNo);
    for (const col of wanted) {
      const raw = col.index < cells.length ? cells[col.index] : '';
      pushCell(col, parseCell(raw), row, lineNo, raw);
    }
  };

  for await (const batch of readLineBatches(file, { keepPartialLastLine: options.keepPartialLastLine })) {
    for (let k = 0; k < batch.lines.length; k++) {
      const line = batch.lines[k];
      if (line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === '')) continue;
      const lineNo = batch.firstLine + k;
      if (!delimiter) start(line, lineNo);
      if (header && lineNo === headerLine) continue;
      addRow(line, lineNo);
    }
  }

  if (!delimiter) throw new PlateauDoctorError(`${file}: the file is empty (no lines with data)`);
  if (lines.length === 0) throw new PlateauDoctorError(`${location(file, headerLine)}: the file has a header but no data rows`);
  return assemble(file, format, header, columns, wanted, lines, options);
}

/** Which columns to parse: x, lr and loss-like ones (all of them in a headerless file or when nothing looks like a loss). */
function pickColumnsToParse(columns: Column[], format: TabularFormat): Column[] {
  if (format === 'wandb') {
    return columns.filter((c, i) => i === 0 || (!/__(MIN|MAX)$/.test(c.name) && !/ - _/.test(c.name)));
  }
  return columns;
}

/**
 * Appends one parsed cell (`parseCell`: a number, null when missing, undefined when text) to
 * its column as row `row`; the first text cell is kept (`text`, trimmed where shown) for messages.
 */
function pushCell(col: Column, v: number | null | undefined, row: number, line: number, text: string): void {
  if (v === null) {
    col.values.push(Number.NaN);
  } else if (v === undefined) {
    col.values.push(Number.NaN);
    col.textCells++;
    if (!col.firstText) col.firstText = { line, cell: text };
  } else {
    col.values.push(v);
    col.present++;
    if (Number.isNaN(v)) (col.nanRows ??= new Set()).add(row);
  }
}

function isUsable(col: Column): boolean {
  return col.present > 0 && col.present >= col.textCells;
}

function assemble(
  file: string,
  format: TabularFormat,
  header: string[] | undefined,
  columns: Column[],
  parsed: Column[],
  lines: number[],
  options: ReadTabularOptions,
  lineUnit = 'line',
): LossLog {
  const notes: string[] = [];
  const rows = lines.length;
  const usable = parsed.filter(isUsable);
  // Where the first text cell of a (preferably loss-named) column is, for messages.
  const firstBadCell = (among: Column[]): string => {
    const bad = among.find((c) => c.firstText && columnKind(c.name) === 'loss') ?? among.find((c) => c.firstText);
    return bad?.firstText
      ? `${lineUnit === 'line' ? location(file, bad.firstText.line, bad.index + 1) : `${file}: ${lineUnit} ${bad.firstText.line}, "${bad.name}"`}: "${bad.firstText.cell.trim().slice(0, 40)}" is not a number; `
      : `${file}: `;
  };
  if (usable.length === 0) {
    throw new PlateauDoctorError(`${firstBadCell(parsed)}no numeric column found (columns: ${columns.map((c) => c.name).join(', ')})`);
  }

  // Column roles.
  let xCols: Partial<Record<XUnit, Column>> = {};
  let lrCol: Column | undefined;
  let yCols: Column[] = [];
  if (format === 'wandb') {
    const first = parsed[0];
    xCols[/epoch/i.test(first.name) ? 'epoch' : /time/i.test(first.name) ? 'time' : 'step'] = first;
    const metrics = usable.filter((c) => c !== first);
    const losses = metrics.filter((c) => /loss/i.test(c.name.split(' - ').slice(1).join(' - ')));
    yCols = losses.length > 0 ? losses : metrics;
  } else if (format === 'tensorboard-csv') {
    for (const c of usable) {
      const k = c.name.toLowerCase();
      if (k === 'step') xCols.step = c;
      else if (k === 'wall time') xCols.time = c;
      else if (k === 'value') yCols.push(c);
    }
  } else if (!header) {
    const first = usable[0];
    if (usable.length >= 2 && first.index === 0 && looksLikeCounter(first.values)) {
      xCols.step = first;
      notes.push(`no header: column 1 counts up, so it is the x axis (read as steps; pass --x epoch if it counts epochs)`);
      yCols = usable.slice(1);
    } else {
      yCols = usable;
      notes.push(`no header: every column is a series; x is the row number`);
    }
  } else {
    for (const c of usable) {
      const kind = columnKind(c.name);
      if (kind === 'step' || kind === 'epoch' || kind === 'time') xCols[kind] ??= c;
      else if (kind === 'lr') lrCol ??= c;
      else if (kind === 'loss') yCols.push(c);
    }
    if (yCols.length === 0) {
      yCols = usable.filter((c) => columnKind(c.name) === 'other');
      if (yCols.length > 0) notes.push(`no column is named like a loss: analysing every numeric column (${yCols.map((c) => c.name).join(', ')}); choose with --column`);
    }
  }

  // --column selection (any numeric column may be named).
  if (options.columns && options.columns.length > 0) {
    yCols = selectByName(
      file,
      usable,
      (c) => (format === 'wandb' ? [c.name, c.name.split(' - ')[0], c.name.split(' - ').slice(1).join(' - ')] : [c.name]),
      options.columns,
      { one: 'numeric column', many: 'columns', all: columns.map((c) => c.name) },
    );
  }
  if (yCols.length === 0) {
    // A loss-named column that is mostly text: point at its first bad cell.
    const unusableLoss = parsed.filter((c) => !isUsable(c) && columnKind(c.name) === 'loss');
    const where = unusableLoss.length > 0 ? firstBadCell(unusableLoss) : `${file}: `;
    throw new PlateauDoctorError(`${where}no loss column found (columns: ${columns.map((c) => c.name).join(', ')}); name one with --column`);
  }

  if (options.x && !xCols[options.x]) {
    if (!header && options.x !== 'time' && Object.keys(xCols).length > 0) {
      // Headerless: the counter column is whatever the user says it is.
      const only = Object.values(xCols)[0]!;
      xCols = { [options.x]: only };
    } else {
      const have = Object.keys(xCols);
      throw new PlateauDoctorError(
        `${file}: --x ${options.x} asked for, but the file has no ${options.x} column (x columns found: ${have.length > 0 ? have.join(', ') : 'none'})`,
      );
    }
  }

  // LR per row, forward-filled (Lightning logs it in its own sparse rows).
  const lrRow = lrCol ? forwardFill(lrCol.values) : undefined;

  const stepsPerEpoch = xCols.step && xCols.epoch ? estimateStepsPerEpoch(xCols.step.values, xCols.epoch.values) : undefined;
  const timeBase = xCols.time ? xCols.time.values.find((v) => Number.isFinite(v)) ?? 0 : 0;
  const tag = tensorboardTag(file);

  const series: LossSeries[] = [];
  for (const col of yCols) {
    let unit: XUnit | 'row';
    if (options.x) unit = options.x;
    else if (isPerEpochName(col.name) && xCols.epoch) unit = 'epoch';
    else if (xCols.step) unit = 'step';
    else if (xCols.epoch) unit = 'epoch';
    else if (xCols.time) unit = 'time';
    else unit = 'row';
    const xCol = unit === 'row' ? undefined : xCols[unit];
    const raw: RawSeries = {
      name: seriesName(col, format, tag, yCols.length),
      role: header ? roleOf(format === 'tensorboard-csv' ? tag ?? col.name : col.name) : 'other',
      x: unit === 'row' ? 'step' : unit,
      xs: [],
      ys: [],
      lines: [],
      lineUnit,
      notes: [],
    };
    if (lrRow) raw.lrs = [];
    if (unit === 'row') raw.notes!.push('no step, epoch or time column: x is the data row number');
    if (unit === 'time') raw.notes!.push('x is wall time in seconds since the first point');
    const dense = col.present === rows && xCol !== undefined && unit !== 'time' && xCol.present === rows && !col.nanRows;
    if (dense) {
      // Every row has both values: use the column arrays as they are (no copy of a long log).
      raw.xs = xCol.values;
      raw.ys = col.values;
      raw.lines = lines;
      if (lrRow) raw.lrs = lrRow;
    }
    for (let r = 0; r < rows && !dense; r++) {
      const y = col.values[r];
      if (Number.isNaN(y) && !col.nanRows?.has(r)) continue;
      let x = xCol ? xCol.values[r] : r + 1;
      if (unit === 'time') x -= timeBase;
      raw.xs.push(x);
      raw.ys.push(y);
      raw.lines!.push(lines[r]);
      if (lrRow) raw.lrs!.push(lrRow[r]);
    }
    if (col.textCells > 0 && col.firstText) {
      raw.notes!.push(`${col.textCells} cell(s) were not numbers and were skipped (first at ${lineUnit} ${col.firstText.line}: "${col.firstText.cell.trim().slice(0, 30)}")`);
    }
    if (unit === 'step' && stepsPerEpoch !== undefined && stepsPerEpoch >= medianGap(raw.xs)) raw.stepsPerEpoch = stepsPerEpoch;
    if (raw.xs.length === 0) continue;
    series.push(...buildSeries(raw, { restarts: options.restarts }));
  }
  if (series.length === 0) throw new PlateauDoctorError(`${file}: the loss columns (${yCols.map((c) => c.name).join(', ')}) hold no values`);
  const log: LossLog = { file, format, series };
  if (notes.length > 0) log.notes = notes;
  return log;
}

function seriesName(col: Column, format: TabularFormat, tag: string | undefined, count: number): string {
  if (format === 'tensorboard-csv') return tag ?? col.name;
  if (format === 'wandb') {
    const [run, ...metric] = col.name.split(' - ');
    return count > 1 && metric.length > 0 ? `${run} - ${metric.join(' - ')}` : col.name;
  }
  return col.name;
}

/** `run-.-tag-loss.csv` -> "loss"; `train_loss.csv` -> "train_loss". */
function tensorboardTag(file: string): string | undefined {
  const base = path.basename(file).replace(/\.(csv|tsv)$/i, '');
  const m = /tag-(.+)$/.exec(base);
  return m ? m[1] : base;
}

/** A column of integers that mostly go up (restarts allowed): a step or epoch counter. */
function looksLikeCounter(values: number[]): boolean {
  let ups = 0;
  let downs = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isInteger(v)) return false;
    if (i > 0) {
      if (v > values[i - 1]) ups++;
      else if (v < values[i - 1]) downs++;
    }
  }
  return values.length >= 2 && ups >= 1 && downs <= Math.max(2, values.length / 20);
}

function medianGap(xs: number[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < xs.length; i++) if (xs[i] > xs[i - 1]) gaps.push(xs[i] - xs[i - 1]);
  return gaps.length > 0 ? median(gaps) : 0;
}

/** One record of a JSON-lines file or JSON array: key -> value, and where it was. */
export interface JsonRecord {
  values: Record<string, unknown>;
  line: number;
}

/**
 * Builds a LossLog from records (JSON lines such as Detectron2's metrics.json, a JSON array of
 * `{step, loss, ...}` objects, or Keras `history.history` turned into rows). Keys play the roles
 * columns play in a CSV (`iteration` is the x, `total_loss` a loss, `lr` the LR); nested values
 * are ignored.
 */
export function tableFromRecords(file: string, format: string, records: Iterable<JsonRecord>, options: ReadTabularOptions = {}, lineUnit = 'line'): LossLog {
  const columns: Column[] = [];
  const byKey = new Map<string, Column>();
  const lines: number[] = [];
  for (const rec of records) {
    const row = lines.length;
    lines.push(rec.line);
    for (const [key, value] of Object.entries(rec.values)) {
      let v: number | null | undefined;
      if (typeof value === 'number') v = value;
      else if (value === null) v = null;
      else if (typeof value === 'string') v = parseCell(value);
      else continue;
      let col = byKey.get(key);
      if (!col) {
        col = { name: key, index: columns.length, values: new Array<number>(row).fill(Number.NaN), nanRows: undefined, textCells: 0, present: 0 };
        byKey.set(key, col);
        columns.push(col);
      }
      while (col.values.length < row) col.values.push(Number.NaN);
      pushCell(col, v, row, rec.line, typeof value === 'string' ? value : '');
    }
  }
  const rows = lines.length;
  for (const col of columns) while (col.values.length < rows) col.values.push(Number.NaN);
  if (rows === 0) throw new PlateauDoctorError(`${file}: no records`);
  if (columns.length === 0) throw new PlateauDoctorError(`${file}: the records hold no numbers`);
  const log = assemble(file, 'csv', columns.map((c) => c.name), columns, columns, lines, options, lineUnit);
  return { ...log, format };
}
