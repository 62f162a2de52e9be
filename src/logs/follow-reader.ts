import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { PlateauDoctorError } from '../errors.js';
import { columnKind, isLrName, keepWantedRuns, withoutRuns } from './columns.js';
import { quoteNonFiniteLiterals } from './json-text.js';
import { splitDelimited } from './line-reader.js';
import type { LossLog, LossSeries } from './loss-log.js';
import { HEAD_BYTES, detectFormat, readLossLog, type ReadLossLogOptions } from './read-loss-log.js';
import { detectDelimiter } from './tabular.js';
import { TextLogFollower, parseTextLog } from './text-log.js';
import { TfEventScanner, readScalarEvents, tfEventsLog } from './tfevents.js';
import { parseCell } from './values.js';
import { WandbRunReader } from './wandb-run.js';

/**
 * `--follow` on one file: `poll` reads only the bytes appended since the last poll and appends
 * the new points to the series (O(new bytes)), keeping each parser's state: CSV/TSV and JSON
 * lines resume after the last complete line, text logs after the last byte read (the line
 * splitter holds a half-written line), event files and `.wandb` files at the last complete
 * record. The file is read again from the start when that cannot be done exactly as the full
 * reader would: the first poll, a file that shrank or was rewritten (the bytes before the place
 * reached changed), a short file whose start is now detected as another format, a counter that
 * goes back (restarts are split or stitched by the full reader), an x axis of wall time or row
 * numbers, split runs, a text log whose series or dialect change, and the other formats (a
 * trainer_state.json is rewritten, not appended to).
 */
export type FollowUpdate =
  | { kind: 'unchanged' }
  | { kind: 'missing' }
  | { kind: 'error'; error: string }
  /** The file was read from the start: new series objects. */
  | { kind: 'read'; log: LossLog }
  /** Points were appended to the series of the last `log` (same objects, longer arrays). */
  | { kind: 'appended'; log: LossLog; points: number };

/** Appends the points of records (one object of values per line/row/event) to a log's series. */
class SeriesAppender {
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
interface Continuation {
  offset: number;
  feed(bytes: Buffer): number | undefined;
}

/** CSV/TSV rows or JSON lines after the last complete line. */
class LineContinuation implements Continuation {
  private carry = '';
  constructor(
    public offset: number,
    private readonly appender: SeriesAppender,
    private readonly parse: (line: string) => Record<string, unknown> | undefined,
  ) {}

  feed(bytes: Buffer): number | undefined {
    const text = this.carry + bytes.toString('utf8');
    const end = text.lastIndexOf('\n');
    this.carry = end < 0 ? text : text.slice(end + 1);
    this.offset += bytes.length;
    if (end < 0) return 0;
    const records: Record<string, unknown>[] = [];
    for (const raw of text.slice(0, end).split('\n')) {
      const line = raw.replace(/\r+$/, '');
      if (line.trim() === '') continue;
      const rec = this.parse(line);
      if (rec) records.push(rec);
    }
    return this.appender.append(records);
  }
}

/** How many bytes before a continuation's place are checked to be unchanged at each poll (a file rewritten, not appended to, is read again). */
const TAIL_BYTES = 256;

export class FollowedLog {
  private log: LossLog | undefined;
  private size = -1;
  private mtimeMs = -1;
  private continuation: Continuation | undefined;
  /** The bytes just before the continuation's offset, as last read. */
  private tail: Buffer = Buffer.alloc(0);
  /** The format detected at the last read from the start, while the file was short enough for more bytes to change it. */
  private openFormat: string | undefined;

  constructor(
    readonly file: string,
    private readonly options: ReadLossLogOptions = {},
  ) {}

  async poll(): Promise<FollowUpdate> {
    let st;
    try {
      st = await stat(this.file);
    } catch {
      return { kind: 'missing' };
    }
    // A run folder (MLflow, DVCLive) changes inside: read it again at every poll.
    if (!st.isDirectory() && st.size === this.size && st.mtimeMs === this.mtimeMs) return { kind: 'unchanged' };
    const grew = this.log !== undefined && this.continuation !== undefined && st.size > this.size && st.isFile();
    this.size = st.size;
    this.mtimeMs = st.mtimeMs;
    try {
      if (grew && !(await this.formatChanged(st.size))) {
        const c = this.continuation!;
        const bytes = await readRange(this.file, c.offset - this.tail.length, st.size);
        // The bytes before the offset are as they were: the file was appended to, not rewritten.
        if (bytes.subarray(0, this.tail.length).equals(this.tail)) {
          const added = c.feed(bytes.subarray(this.tail.length));
          this.tail = bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES));
          if (added !== undefined) return { kind: 'appended', log: this.log!, points: added };
        }
      }
      return { kind: 'read', log: await this.readFromStart(st.size, st.isFile()) };
    } catch (error) {
      this.log = undefined;
      this.continuation = undefined;
      if (error instanceof PlateauDoctorError) return { kind: 'error', error: error.message };
      const code = (error as NodeJS.ErrnoException | undefined)?.code;
      if (typeof code === 'string') return { kind: 'error', error: `${this.file}: cannot read (${code})` };
      throw error;
    }
  }

  /** True when the file was short at the last read and its longer start is now detected as another format. */
  private async formatChanged(size: number): Promise<boolean> {
    if (this.openFormat === undefined) return false;
    if ((await detectFormat(this.file, this.options)) !== this.openFormat) return true;
    if (size > HEAD_BYTES) this.openFormat = undefined; // its start is all detectFormat reads
    return false;
  }

  /** Reads bytes [0, size) with the full reader and sets up the continuation after them. */
  private async readFromStart(size: number, isFile: boolean): Promise<LossLog> {
    this.continuation = undefined;
    const options: ReadLossLogOptions = { ...this.options, dropPartialLastLine: true, endOffset: size };
    const format = options.format ?? (await detectFormat(this.file, options));
    let log: LossLog;
    if (format === 'tfevents') {
      const read = await readScalarEvents(this.file, size);
      log = tfEventsLog(this.file, read, options);
      if (SeriesAppender.fits(log, undefined)) this.continuation = tfContinuation(read.scanner, size, new SeriesAppender(log, undefined));
    } else if (format === 'wandb-run') {
      const reader = new WandbRunReader(this.file);
      for await (const chunk of createReadStream(this.file, { highWaterMark: 1 << 20, end: size - 1 }) as AsyncIterable<Buffer>) reader.push(chunk);
      log = reader.log({ columns: options.columns, x: options.x, restarts: options.restarts }, false);
      const keys = [...new Set(reader.rowsFrom(0).flatMap((r) => Object.keys(r.values)))];
      if (SeriesAppender.fits(log, keys)) this.continuation = wandbContinuation(reader, size, new SeriesAppender(log, keys));
    } else if (format === 'text' && isFile) {
      ({ log, continuation: this.continuation } = await textStart(this.file, options, size));
    } else {
      log = await readLossLog(this.file, { ...options, format });
      if (format === 'jsonl' || ['csv', 'keras', 'lightning', 'tensorboard-csv'].includes(format)) this.continuation = await this.lineContinuation(log, format, size);
    }
    if (log.sampled) this.continuation = undefined; // raw appended rows would not match a sampled log
    this.openFormat = options.format === undefined && size <= HEAD_BYTES ? format : undefined;
    const offset = this.continuation?.offset ?? 0;
    this.tail = this.continuation ? await readRange(this.file, Math.max(0, offset - TAIL_BYTES), offset) : Buffer.alloc(0);
    this.log = log;
    return log;
  }

  private async lineContinuation(log: LossLog, format: string, size: number): Promise<Continuation | undefined> {
    const offset = await afterLastNewline(this.file, size);
    if (format === 'jsonl') {
      if (!SeriesAppender.fits(log, undefined) || log.series.some((s) => s.name.includes(' (run '))) return undefined;
      const parse = (line: string) => {
        try {
          const v: unknown = JSON.parse(quoteNonFiniteLiterals(line));
          return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
        } catch {
          return undefined;
        }
      };
      return new LineContinuation(offset, new SeriesAppender(log, undefined), parse);
    }
    const header = await firstLine(this.file);
    const delimiter = header !== undefined ? detectDelimiter(header) : undefined;
    if (header === undefined || delimiter === undefined) return undefined;
    const keys = splitDelimited(header, delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    if (!SeriesAppender.fits(log, keys)) return undefined;
    const parse = (line: string) => {
      const cells = splitDelimited(line, delimiter);
      const rec: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) rec[keys[i]] = (cells[i] ?? '').trim();
      return rec;
    };
    return new LineContinuation(offset, new SeriesAppender(log, keys), parse);
  }
}

/**
 * A text log read up to `size` as `readLossLog` reads it (`--column` runs kept afterwards), and
 * its continuation: the line splitter and the parser go on with the appended bytes.
 */
async function textStart(file: string, options: ReadLossLogOptions, size: number): Promise<{ log: LossLog; continuation?: Continuation }> {
  const { parser, splitter } = await parseTextLog(file, { pattern: options.pattern, columns: withoutRuns(options.columns), x: options.x, restarts: options.restarts, keepPartialLastLine: false, end: size });
  parser.end();
  const read = parser.log();
  const log = keepWantedRuns(read, options.columns);
  const follower = log === read && splitter.eolSettled ? TextLogFollower.start(parser, log) : undefined;
  if (!follower) return { log };
  return {
    log,
    continuation: {
      offset: size,
      feed(bytes) {
        this.offset += bytes.length;
        return follower.feed(splitter.push(bytes));
      },
    },
  };
}

function tfContinuation(scanner: TfEventScanner, size: number, appender: SeriesAppender): Continuation {
  return {
    offset: size,
    feed(bytes) {
      this.offset += bytes.length;
      return appender.append(scanner.push(bytes).map((e) => ({ step: e.step, [e.tag]: e.value })));
    },
  };
}

function wandbContinuation(reader: WandbRunReader, size: number, appender: SeriesAppender): Continuation {
  return {
    offset: size,
    feed(bytes) {
      const before = reader.rowCount;
      this.offset += bytes.length;
      reader.push(bytes);
      return appender.append(reader.rowsFrom(before).map((r) => r.values));
    },
  };
}

async function readRange(file: string, from: number, to: number): Promise<Buffer> {
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
async function afterLastNewline(file: string, size: number): Promise<number> {
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
