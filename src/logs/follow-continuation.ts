import { open } from 'node:fs/promises';
import { columnKind, isLrName } from './columns.js';
import { quoteNonFiniteLiterals } from './json-text.js';
import { LineSplitter, splitDelimited } from './line-reader.js';
import type { LossLog, LossSeries } from './loss-log.js';
import { detectDelimiter } from './tabular.js';
import { parseCell } from './values.js';

/** The pieces `--follow` continues a file with (`follow-reader.ts` for files, `follow-folder.ts` for run folders). */

/** Appends the points of records (one object of values per line/row/event) to a log's series. */
export class SeriesAppender {
  private readonly bindings: { s: LossSeries; xKey: string | undefined; lrKey: string | undefined; lastLr: number }[];
  readonly log: LossLog;

  constructor(log: LossLog, keys: readonly string[] | undefined) {
    this.log = log;
    // Readers may share one x (or LR) array between series: each series gets its own to grow.
    const seen = new Set<number[]>();
    for (const s of log.series) {
      for (const key of ['xs', 'ys', 'lrs'] as const) {
        const arr = s[key];
        if (!arr) continue;
        if (seen.has(arr)) s[key] = arr.slice();
        seen.add(s[key]!);
      }
    }
    this.bindings = log.series.map((s) => {
      const xKey = keys?.find((k) => columnKind(k) === s.x);
      const lrKey = s.lrs ? keys?.find((k) => columnKind(k) === 'lr' || isLrName(k)) : undefined;
      return { s, xKey, lrKey, lastLr: s.lrs ? s.lrs[s.lrs.length - 1] : Number.NaN };
    });
  }

  /** True when every series can be continued from records keyed like `keys`. */
  static fits(log: LossLog, keys: readonly string[] | undefined): boolean {
    return log.series.every(
      (s) =>
        (s.x === 'step' || s.x === 'epoch') &&
        (keys === undefined || (keys.includes(s.name) && keys.some((k) => columnKind(k) === s.x))) &&
        (!s.lrs || keys === undefined || keys.some((k) => columnKind(k) === 'lr' || isLrName(k))),
    );
  }

  /**
   * Appends; returns the number of points added, or undefined when a counter went back (read
   * again). Without known keys, a series' x (and LR) key is the first key of its kind in a record.
   */
  append(records: Iterable<Record<string, unknown>>): number | undefined {
    let added = 0;
    for (const values of records) {
      for (const b of this.bindings) {
        b.xKey ??= Object.keys(values).find((k) => columnKind(k) === b.s.x);
        if (b.s.lrs) b.lrKey ??= Object.keys(values).find((k) => columnKind(k) === 'lr' || isLrName(k));
        const lr = b.lrKey !== undefined ? toNumber(values[b.lrKey]) : undefined;
        if (lr !== undefined && !Number.isNaN(lr)) b.lastLr = lr;
        const y = toNumber(values[b.s.name]);
        const x = b.xKey !== undefined ? toNumber(values[b.xKey]) : undefined;
        if (y === undefined || x === undefined || Number.isNaN(x)) continue;
        const { xs, ys } = b.s;
        if (xs.length > 0 && x <= xs[xs.length - 1]) return undefined;
        xs.push(x);
        ys.push(y);
        b.s.lrs?.push(b.lastLr);
        added++;
      }
    }
    return added;
  }
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const n = parseCell(v);
  return typeof n === 'number' ? n : undefined;
}

/** A format-specific continuation: bytes appended after `offset` to points. */
export interface Continuation {
  offset: number;
  feed(bytes: Buffer): number | undefined;
}

/** CSV/TSV rows or JSON lines after the last complete line. */
export class LineContinuation implements Continuation {
  private readonly splitter = new LineSplitter({ continued: true });
  constructor(
    public offset: number,
    /** Appends the records' points (their number), or undefined: read again. */
    private readonly append: (records: Record<string, unknown>[]) => number | undefined,
    /** A line's values, or undefined to skip it; `null` when the full reader would not take the line (read again). */
    private readonly parse: (line: string) => Record<string, unknown> | undefined | null,
  ) {}

  feed(bytes: Buffer): number | undefined {
    this.offset += bytes.length;
    const records: Record<string, unknown>[] = [];
    for (const line of this.splitter.push(bytes)) {
      if (line.trim() === '') continue;
      const rec = this.parse(line);
      if (rec === null) return undefined;
      if (rec) records.push(rec);
    }
    return this.append(records);
  }
}

/**
 * CSV/TSV rows (after the header `firstLine` of the file) or JSON lines appended to `log`, from
 * `offset` (a line start); undefined when the log's series cannot be continued from such rows.
 * `rename` maps a column to the series it feeds when the reader renamed it (DVCLive).
 */
export async function tableContinuation(file: string, log: LossLog, jsonLines: boolean, offset: number, rename?: Record<string, string>): Promise<Continuation | undefined> {
  if (jsonLines) {
    if (!SeriesAppender.fits(log, undefined) || log.series.some((s) => s.name.includes(' (run '))) return undefined;
    const parse = (line: string) => {
      try {
        const v: unknown = JSON.parse(quoteNonFiniteLiterals(line));
        return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
      } catch {
        return undefined;
      }
    };
    return new LineContinuation(offset, appendTo(new SeriesAppender(log, undefined)), parse);
  }
  const header = await firstLine(file);
  const delimiter = header !== undefined ? detectDelimiter(header) : undefined;
  if (header === undefined || delimiter === undefined) return undefined;
  const keys = splitDelimited(header, delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1')).map((k) => rename?.[k] ?? k);
  if (!SeriesAppender.fits(log, keys)) return undefined;
  const parse = (line: string) => {
    const cells = splitDelimited(line, delimiter);
    const rec: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) rec[keys[i]] = (cells[i] ?? '').trim();
    return rec;
  };
  return new LineContinuation(offset, appendTo(new SeriesAppender(log, keys)), parse);
}

function appendTo(appender: SeriesAppender): (records: Record<string, unknown>[]) => number | undefined {
  return (records) => appender.append(records);
}

/** How many bytes before a continuation's place are checked to be unchanged at each poll (a file rewritten, not appended to, is read again). */
const TAIL_BYTES = 256;

/** The bytes just before `offset` that `feedAppended` checks. */
export async function tailBefore(file: string, offset: number): Promise<Buffer> {
  return readRange(file, Math.max(0, offset - TAIL_BYTES), offset);
}

/**
 * Feeds the bytes of `file` from the continuation's offset to `size`, after checking that the
 * `tail` before the offset is unchanged. Returns what the continuation gave (points, or
 * undefined: read again) and the new tail; undefined when the file was rewritten.
 */
export async function feedAppended(file: string, c: Continuation, tail: Buffer, size: number): Promise<{ added: number | undefined; tail: Buffer } | undefined> {
  const bytes = await readRange(file, c.offset - tail.length, size);
  if (!bytes.subarray(0, tail.length).equals(tail)) return undefined;
  const added = c.feed(bytes.subarray(tail.length));
  return { added, tail: bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)) };
}

export async function readRange(file: string, from: number, to: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(Math.max(0, to - from));
    const { bytesRead } = await handle.read(buf, 0, buf.length, from);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The offset just after the last newline before `size` (where a half-written line starts). */
export async function afterLastNewline(file: string, size: number): Promise<number> {
  const handle = await open(file, 'r');
  try {
    const chunk = 64 * 1024;
    for (let end = size; end > 0; end -= chunk) {
      const from = Math.max(0, end - chunk);
      const buf = Buffer.alloc(end - from);
      await handle.read(buf, 0, buf.length, from);
      const i = buf.lastIndexOf(10);
      if (i >= 0) return from + i + 1;
    }
    return 0;
  } finally {
    await handle.close();
  }
}

/** The first non-blank line (the header of a table), without a BOM or CR. */
async function firstLine(file: string): Promise<string | undefined> {
  const buf = await readRange(file, 0, 64 * 1024);
  const text = buf.toString('utf8').replace(/^\uFEFF/, '');
  return text.split('\n').map((l) => l.replace(/\r+$/, '')).find((l) => l.trim() !== '');
}
