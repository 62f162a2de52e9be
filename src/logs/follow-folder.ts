import { stat } from 'node:fs/promises';
import path from 'node:path';
import { keepWantedRuns } from './columns.js';
import { readLineBatches } from './line-reader.js';
import { dvcliveFiles } from './dvclive.js';
import { LineContinuation, afterLastNewline, feedAppended, tableContinuation, tailBefore, type Continuation } from './follow-continuation.js';
import type { LossLog, LossSeries } from './loss-log.js';
import { mlflowRunFiles, parseMetricLine } from './mlflow.js';
import { readLossLog, type ReadLossLogOptions } from './read-loss-log.js';

/**
 * `--follow` on a run folder of append-only metric files, one series each (an MLflow run, a
 * DVCLive folder): each file a series is read from is continued on its own from its last
 * complete line (MLflow's LR metric first, so points appended in the same poll get their LR).
 */

/** A file of a run folder that a poll looks at: its size and mtime when last seen, and how its growth is fed. */
interface WatchedFile {
  file: string;
  size: number;
  mtimeMs: number;
  /** Feeds the appended bytes; absent: any change means read again (meta.yaml, the run's name). */
  continuation?: Continuation;
  tail: Buffer;
}

/**
 * The continuation of a run folder. A poll reads the folder again from the start when its
 * metric files are not the same set, a watched file without a continuation changes, a file
 * shrinks or is rewritten, or a continuation says so (a step that goes back or repeats, a line
 * the reader would refuse, an LR for a step already read).
 */
export class FolderContinuation {
  constructor(
    /** Every metric file of the folder now: one added or removed changes the log. */
    private readonly listFiles: () => string[],
    private readonly listed: string[],
    private readonly watched: WatchedFile[],
  ) {}

  /** The number of points appended, 'unchanged', or undefined: read again. */
  async poll(): Promise<number | 'unchanged' | undefined> {
    const now = this.listFiles();
    if (now.length !== this.listed.length || now.some((f, i) => f !== this.listed[i])) return undefined;
    let added = 0;
    let changed = false;
    for (const w of this.watched) {
      const st = await statOrUndefined(w.file);
      const size = st?.size ?? -1;
      const mtimeMs = st?.mtimeMs ?? -1;
      if (size === w.size && mtimeMs === w.mtimeMs) continue;
      changed = true;
      if (!w.continuation || size < w.size) return undefined;
      const fed = await feedAppended(w.file, w.continuation, w.tail, size);
      if (fed?.added === undefined) return undefined;
      added += fed.added;
      Object.assign(w, { tail: fed.tail, size, mtimeMs });
    }
    return changed ? added : 'unchanged';
  }
}

async function statOrUndefined(file: string) {
  try {
    return await stat(file);
  } catch {
    return undefined;
  }
}

/** True when a series was read as one plain run on steps or epochs (nothing split, stitched, dropped or kept last), so new points only extend it. */
function plainSeries(s: LossSeries | undefined): s is LossSeries {
  if (!s || (s.x !== 'step' && s.x !== 'epoch') || s.notes !== undefined) return false;
  for (let i = 1; i < s.xs.length; i++) if (!(s.xs[i] > s.xs[i - 1])) return false;
  return s.xs.length > 0 && Number.isFinite(s.xs[0]);
}

/**
 * Reads a run folder (`readLossLog`) and sets up its continuation. The files are seen (size,
 * mtime) before the read: a line written during the read is fed again and, repeating a step,
 * makes the next poll read the folder again rather than miss it.
 */
export async function followFolder(dir: string, format: 'mlflow' | 'dvclive', options: ReadLossLogOptions): Promise<{ log: LossLog; folder?: FolderContinuation }> {
  const plan = format === 'mlflow' ? mlflowPlan(dir, options) : dvclivePlan(dir, options);
  const files = [...plan.files.map((f) => f.file), ...plan.infoFiles];
  const seen = new Map(await Promise.all(files.map(async (file) => [file, await statOrUndefined(file)] as const)));
  const log = await readLossLog(dir, { ...options, format });
  const series = new Map(plan.chosen.map((key) => [key, log.series.filter((s) => s.name === key)] as const));
  const plain = [...series.values()].every((list) => list.length === 1 && plainSeries(list[0]));
  if (!plain || log.series.length !== plan.chosen.length || log.sampled || keepWantedRuns(log, options.columns) !== log) return { log };
  const watched: WatchedFile[] = [];
  for (const f of plan.files) {
    const feed = plan.feed(f, series.get(f.key)?.[0], log);
    const st = seen.get(f.file);
    if (!feed) continue;
    const offset = st && (await afterLastNewline(f.file, st.size));
    const continuation = offset !== undefined ? await feed(offset) : undefined;
    if (!st || offset === undefined || !continuation) return { log };
    watched.push({ file: f.file, size: st.size, mtimeMs: st.mtimeMs, continuation, tail: await tailBefore(f.file, offset) });
  }
  for (const file of plan.infoFiles) watched.push({ file, size: seen.get(file)?.size ?? -1, mtimeMs: seen.get(file)?.mtimeMs ?? -1, tail: Buffer.alloc(0) });
  const list = () => plan.list().map((f) => f.file);
  return { log, folder: new FolderContinuation(list, list(), watched) };
}

interface FolderPlan {
  /** The metric files now. */
  list(): { file: string; key: string }[];
  /** The metric files when the folder was read, in the order they are fed. */
  files: { file: string; key: string }[];
  /** The keys that are series. */
  chosen: string[];
  /** Files whose change means read again. */
  infoFiles: string[];
  /** How a file's appended lines are fed (to its series, or to the LR), or undefined when its growth does not matter. */
  feed(f: { file: string; key: string }, series: LossSeries | undefined, log: LossLog): ((offset: number) => Promise<Continuation | undefined>) | undefined;
}

/** DVCLive: each chosen TSV continued as a table whose metric column feeds the series named by its key. */
function dvclivePlan(dir: string, options: ReadLossLogOptions): FolderPlan {
  const { files, chosen } = dvcliveFiles(dir, options.columns);
  return {
    list: () => dvcliveFiles(dir, options.columns).files,
    files,
    chosen,
    infoFiles: [],
    feed: (f, series, log) => series && ((offset) => tableContinuation(f.file, { ...log, series: [series] }, false, offset, { [path.basename(f.key)]: f.key })),
  };
}

type MetricRecord = { step: number; value: number };

function metricRecord(line: string): MetricRecord | null {
  const p = parseMetricLine(line);
  return p ? { step: p.step, value: p.value } : null;
}

/**
 * MLflow: each chosen metric file continued line by line, the LR metric first: its lines go into
 * the LR by step, as the reader joins it (a step already read means read again: its points' LR
 * would change).
 */
function mlflowPlan(dir: string, options: ReadLossLogOptions): FolderPlan {
  const { files, chosen, lrFile, infoFiles } = mlflowRunFiles(dir, options.columns);
  const lrAt = lrFile ? new Map<number, number>() : undefined;
  const followed: LossSeries[] = [];
  const lrFeed = (offset: number) => async (): Promise<Continuation | undefined> => {
    for await (const batch of readLineBatches(lrFile!.file, { end: offset, keepPartialLastLine: false })) {
      for (const line of batch.lines) {
        const r = line.trim() === '' ? undefined : metricRecord(line);
        if (r === null) return undefined;
        if (r) lrAt!.set(r.step, r.value);
      }
    }
    return new LineContinuation(
      offset,
      (records) => {
        const last = Math.max(...followed.map((s) => s.xs[s.xs.length - 1]));
        for (const r of records as MetricRecord[]) {
          if (r.step <= last) return undefined;
          lrAt!.set(r.step, r.value);
        }
        return 0;
      },
      metricRecord,
    );
  };
  return {
    list: () => mlflowRunFiles(dir, options.columns).files,
    files: lrFile ? [lrFile, ...files.filter((f) => f !== lrFile)] : files,
    chosen,
    infoFiles,
    feed(f, series) {
      // An LR metric analysed as a series too is not continued.
      if (f === lrFile) return series ? async () => undefined : (offset) => lrFeed(offset)();
      if (!series) return undefined;
      followed.push(series);
      return async (offset) => new LineContinuation(offset, (records) => appendMetric(series, records as MetricRecord[], lrAt), metricRecord);
    },
  };
}

/** A single MLflow metric file (one series, no LR) continued after the line end at `offset`, or undefined when its series cannot be. */
export function metricFileContinuation(log: LossLog, offset: number): Continuation | undefined {
  const [series] = log.series;
  if (log.series.length !== 1 || !plainSeries(series)) return undefined;
  return new LineContinuation(offset, (records) => appendMetric(series, records as MetricRecord[], undefined), metricRecord);
}

/** Appends MLflow metric points to a series read on steps, with the LR of each step filled as `fillGaps` does; undefined: read again. */
function appendMetric(s: LossSeries, records: MetricRecord[], lrAt: Map<number, number> | undefined): number | undefined {
  for (const r of records) {
    const lr = lrAt?.get(r.step);
    const known = lr !== undefined && Number.isFinite(lr);
    // A step that does not go on, or the first LR of a series without one (it would be filled back).
    if (!(r.step > s.xs[s.xs.length - 1]) || (!s.lrs && known)) return undefined;
    s.xs.push(r.step);
    s.ys.push(r.value);
    if (s.lrs) s.lrs.push(known ? lr : s.lrs[s.lrs.length - 1]);
  }
  return records.length;
}
