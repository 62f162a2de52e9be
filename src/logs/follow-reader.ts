import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { PlateauDoctorError } from '../errors.js';
import { keepWantedRuns, withoutRuns } from './columns.js';
import { SeriesAppender, afterLastNewline, feedAppended, tableContinuation, tailBefore, type Continuation } from './follow-continuation.js';
import { FolderContinuation, followFolder, metricFileContinuation } from './follow-folder.js';
import type { LossLog } from './loss-log.js';
import { HEAD_BYTES, detectFormat, readLossLog, type ReadLossLogOptions } from './read-loss-log.js';
import { TextLogFollower, parseTextLog } from './text-log.js';
import { TfEventScanner, readScalarEvents, tfEventsLog } from './tfevents.js';
import { WandbRunReader } from './wandb-run.js';

/**
 * `--follow` on one file: `poll` reads only the bytes appended since the last poll and appends
 * the new points to the series (O(new bytes)), keeping each parser's state: CSV/TSV and JSON
 * lines resume after the last complete line, text logs after the last byte read (the line
 * splitter holds a half-written line), event files and `.wandb` files at the last complete
 * record, MLflow and DVCLive folders file by file (`follow-folder.ts`). The file is read again
 * from the start when that cannot be done exactly as the full reader would: the first poll, a
 * file that shrank or was rewritten (the bytes before the place reached changed), a short file
 * whose start is now detected as another format, a counter that goes back (restarts are split
 * or stitched by the full reader), an x axis of wall time or row numbers, split runs, a text
 * log whose series or dialect change, and the other formats (a trainer_state.json is
 * rewritten, not appended to).
 */
export type FollowUpdate =
  | { kind: 'unchanged' }
  | { kind: 'missing' }
  | { kind: 'error'; error: string }
  /** The file was read from the start: new series objects. */
  | { kind: 'read'; log: LossLog }
  /** Points were appended to the series of the last `log` (same objects, longer arrays). */
  | { kind: 'appended'; log: LossLog; points: number };

export class FollowedLog {
  private log: LossLog | undefined;
  private size = -1;
  private mtimeMs = -1;
  private continuation: Continuation | undefined;
  private folder: FolderContinuation | undefined;
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
    if (!st.isDirectory() && st.size === this.size && st.mtimeMs === this.mtimeMs) return { kind: 'unchanged' };
    const grew = this.log !== undefined && this.continuation !== undefined && st.size > this.size && st.isFile();
    this.size = st.size;
    this.mtimeMs = st.mtimeMs;
    try {
      // A run folder (MLflow, DVCLive) changes inside: its files are looked at one by one.
      const inFolder = st.isDirectory() && this.log !== undefined && this.folder !== undefined ? await this.folder.poll() : undefined;
      if (inFolder === 'unchanged') return { kind: 'unchanged' };
      if (inFolder !== undefined) return { kind: 'appended', log: this.log!, points: inFolder };
      if (grew && !(await this.formatChanged(st.size))) {
        // Undefined when the bytes before the offset changed: the file was rewritten, not appended to.
        const fed = await feedAppended(this.file, this.continuation!, this.tail, st.size);
        if (fed) this.tail = fed.tail;
        if (fed?.added !== undefined) return { kind: 'appended', log: this.log!, points: fed.added };
      }
      return { kind: 'read', log: await this.readFromStart(st.size, st.isFile()) };
    } catch (error) {
      this.log = undefined;
      this.continuation = undefined;
      this.folder = undefined;
      if (error instanceof PlateauDoctorError) return { kind: 'error', error: error.message };
      const code = (error as NodeJS.ErrnoException | undefined)?.code;
      if (typeof code === 'string') return { kind: 'error', error: `${this.file}: cannot read (${code})` };
      throw error;
    }
  }

  /** True when the file was short at the last read and its longer start is now detected as another format. */
  private async formatChanged(size: number): Promise<boolean> {
    if (this.openFormat === undefined) return false;
    if ((await detectFormat(this.file, { ...this.options, dropPartialLastLine: true })) !== this.openFormat) return true;
    if (size > HEAD_BYTES) this.openFormat = undefined; // its start is all detectFormat reads
    return false;
  }

  /** Reads bytes [0, size) with the full reader and sets up the continuation after them. */
  private async readFromStart(size: number, isFile: boolean): Promise<LossLog> {
    this.continuation = undefined;
    this.folder = undefined;
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
    } else if ((format === 'mlflow' || format === 'dvclive') && !isFile) {
      ({ log, folder: this.folder } = await followFolder(this.file, format, options));
    } else if (format === 'text' && isFile) {
      ({ log, continuation: this.continuation } = await textStart(this.file, options, size));
    } else {
      log = await readLossLog(this.file, { ...options, format });
      if (format === 'jsonl' || ['csv', 'keras', 'lightning', 'tensorboard-csv'].includes(format)) {
        this.continuation = await tableContinuation(this.file, log, format === 'jsonl', await afterLastNewline(this.file, size));
      } else if (format === 'mlflow' && isFile) this.continuation = metricFileContinuation(log, await afterLastNewline(this.file, size));
    }
    if (log.sampled) this.continuation = undefined; // raw appended rows would not match a sampled log
    this.openFormat = options.format === undefined && size <= HEAD_BYTES ? format : undefined;
    this.tail = this.continuation ? await tailBefore(this.file, this.continuation.offset) : Buffer.alloc(0);
    this.log = log;
    return log;
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
