import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../atomic-file.js';
import { PlateauDoctorError, location } from '../errors.js';
import { parseJson } from './json-text.js';
import type { AverageGap, AveragedEvaluation, EpochRecord, FinalMetrics, LrChangeEvent, RunFork, RunLog, RunMeta, StepRecord } from './run-log.js';

/**
 * A plateau-doctor run directory:
 *
 *   RUN/steps.csv   step,epoch,loss,lr             one row per optimizer step, appended as training goes
 *   RUN/epochs.csv  epoch,train_loss,val_loss,val_accuracy,test_loss,test_accuracy,lr,seconds,
 *                   then the averaged weights' columns (EPOCHS_AVERAGE_COLUMNS; empty without an average)
 *   RUN/run.json    RunMeta plus `lrChanges`, rewritten atomically after every epoch and at the end
 *
 * An output directory holds one RUN per schedule and seed, and `summary.json`.
 */
export const STEPS_HEADER = 'step,epoch,loss,lr';
/** epochs.csv as written before the averaged weights (still read: those runs have no `average`). */
export const EPOCHS_HEADER_RAW = 'epoch,train_loss,val_loss,val_accuracy,test_loss,test_accuracy,lr,seconds';
/**
 * The averaged weights' columns (EpochRecord.average): their validation and test metrics, the
 * weight-average gap (mean, 95% interval, the averaged weights' loss on the gap's examples,
 * how many, and `validation` or `probe`).
 */
export const EPOCHS_AVERAGE_COLUMNS = 'val_loss_avg,val_accuracy_avg,test_loss_avg,test_accuracy_avg,gap,gap_low,gap_high,gap_loss_avg,gap_examples,gap_source';
export const EPOCHS_HEADER = `${EPOCHS_HEADER_RAW},${EPOCHS_AVERAGE_COLUMNS}`;
const GAP_SOURCES: readonly AverageGap['source'][] = ['validation', 'probe'];

/** Appends a run's log to its directory as events arrive; every write lands on disk at once. */
export class RunDirWriter {
  readonly dir: string;
  private meta: RunMeta;
  private readonly lrChanges: LrChangeEvent[] = [];

  constructor(dir: string, meta: RunMeta) {
    this.dir = dir;
    this.meta = meta;
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'steps.csv'), STEPS_HEADER + '\n', { flag: 'wx' });
    writeFileSync(path.join(dir, 'epochs.csv'), EPOCHS_HEADER + '\n', { flag: 'wx' });
    this.writeMeta();
  }

  appendSteps(steps: readonly StepRecord[]): void {
    if (steps.length === 0) return;
    let text = '';
    for (const s of steps) text += `${s.step},${s.epoch},${num(s.loss)},${num(s.lr)}\n`;
    appendFileSync(path.join(this.dir, 'steps.csv'), text);
  }

  appendEpoch(r: EpochRecord): void {
    const a = r.average;
    const g = a?.gap;
    const averaged = [a?.valLoss, a?.valAccuracy, a?.testLoss, a?.testAccuracy, g?.mean, g?.low, g?.high, g?.averagedLoss, g?.examples].map((v) => num(v ?? null));
    const row = [...[r.epoch, r.trainLoss, r.valLoss, r.valAccuracy, r.testLoss, r.testAccuracy, r.lr, r.seconds].map(num), ...averaged, g?.source ?? ''].join(',');
    appendFileSync(path.join(this.dir, 'epochs.csv'), row + '\n');
    this.writeMeta();
  }

  addLrChange(event: LrChangeEvent): void {
    this.lrChanges.push(event);
    this.writeMeta();
  }

  /** Replaces the metadata (e.g. the final one) and rewrites run.json. */
  updateMeta(meta: RunMeta): void {
    this.meta = meta;
    this.writeMeta();
  }

  get currentMeta(): RunMeta {
    return this.meta;
  }

  get changes(): readonly LrChangeEvent[] {
    return this.lrChanges;
  }

  private writeMeta(): void {
    writeFileAtomic(path.join(this.dir, 'run.json'), JSON.stringify({ ...this.meta, lrChanges: this.lrChanges }, null, 2) + '\n');
  }
}

function num(v: number | null): string {
  if (v === null) return '';
  return String(v);
}

/** Final metrics of one set of weights in `summary.json`. */
export interface SummaryMetrics {
  test_accuracy: number | null;
  test_loss: number | null;
  val_accuracy: number | null;
  val_loss: number | null;
}

/** One entry of `summary.json`. */
export interface RunSummaryEntry {
  name: string;
  dir: string;
  schedule: string;
  seed: number;
  status: string;
  /** The run's final metrics: the raw weights' unless `weights` says 'averaged' (`--final-weights averaged`). */
  final: SummaryMetrics & { train_loss: number | null; weights: 'raw' | 'averaged' };
  /** The averaged weights' final metrics, beside; null when the run kept no average. */
  averaged: SummaryMetrics | null;
  /** How the run shared its training with others (see RunSharing); null when it trained alone. */
  sharing: { shared_steps: number; forks: RunFork[] } | null;
  lr_changes: number;
  lr_change_epochs: number[];
  samples_per_second: number;
  seconds: number;
  backend: string;
}

export function summaryEntry(log: { meta: RunMeta; lrChanges: readonly LrChangeEvent[] }, dir: string): RunSummaryEntry {
  const m = log.meta;
  return {
    name: m.name,
    dir,
    schedule: m.schedule,
    seed: m.seed,
    status: m.status,
    final: { ...summaryMetrics(m.final), train_loss: m.final.trainLoss, weights: m.final.weights ?? 'raw' },
    averaged: m.final.averaged ? summaryMetrics(m.final.averaged) : null,
    sharing: m.sharing ? { shared_steps: m.sharing.sharedSteps, forks: m.sharing.forks } : null,
    lr_changes: log.lrChanges.length,
    lr_change_epochs: log.lrChanges.map((c) => c.epoch),
    samples_per_second: m.samplesPerSecond,
    seconds: m.timings.totalSeconds,
    backend: m.backend,
  };
}

function summaryMetrics(f: FinalMetrics | RunMeta['final']): SummaryMetrics {
  return { test_accuracy: f.testAccuracy, test_loss: f.testLoss, val_accuracy: f.valAccuracy, val_loss: f.valLoss };
}

/** Writes `summary.json` (atomically) for an output directory. */
export function writeSummary(outDir: string, entries: RunSummaryEntry[], extra: Record<string, unknown> = {}): void {
  writeFileAtomic(path.join(outDir, 'summary.json'), JSON.stringify({ ...extra, runs: entries }, null, 2) + '\n');
}

/** Reads one run directory (RUN/run.json, steps.csv, epochs.csv) back into a RunLog. */
export function readRunDir(dir: string): RunLog {
  const runJson = path.join(dir, 'run.json');
  if (!existsSync(runJson)) {
    throw new PlateauDoctorError(`${dir}: not a plateau-doctor run directory (no run.json); pass a directory written by \`plateau-doctor run\``);
  }
  const parsed = parseJson(runJson, readFileSync(runJson, 'utf8')) as RunMeta & { lrChanges?: LrChangeEvent[] };
  if (typeof parsed !== 'object' || parsed === null || typeof parsed.name !== 'string' || typeof parsed.schedule !== 'string') {
    throw new PlateauDoctorError(`${runJson}: missing "name" or "schedule"; is this a plateau-doctor run.json?`);
  }
  const { lrChanges = [], ...meta } = parsed;
  const steps = readCsv(path.join(dir, 'steps.csv'), [STEPS_HEADER], (c) => ({ step: c[0] as number, epoch: c[1] as number, loss: c[2] as number, lr: c[3] as number }));
  const epochsFile = path.join(dir, 'epochs.csv');
  const sourceColumn = EPOCHS_HEADER.split(',').indexOf('gap_source');
  const epochs = readCsv(
    epochsFile,
    [EPOCHS_HEADER_RAW, EPOCHS_HEADER],
    (c, at) => {
      const average = averageOf(c.slice(8), at);
      return {
        epoch: c[0]!,
        trainLoss: c[1]!,
        valLoss: c[2],
        valAccuracy: c[3],
        testLoss: c[4]!,
        testAccuracy: c[5]!,
        lr: c[6]!,
        seconds: c[7]!,
        ...(average ? { average } : {}),
      };
    },
    { [sourceColumn]: GAP_SOURCES },
  );
  return { meta: meta as RunMeta, steps, epochs: epochs as EpochRecord[], lrChanges };
}

/** The averaged weights' cells of an epochs.csv row (EPOCHS_AVERAGE_COLUMNS) as EpochRecord.average; undefined when empty (no average kept, or an old file). */
function averageOf(c: (number | string | null)[], at: string): AveragedEvaluation | undefined {
  const [valLoss, valAccuracy, testLoss, testAccuracy, mean, low, high, averagedLoss, examples, source] = c;
  if (testLoss === null || testLoss === undefined) return undefined;
  const gap: AverageGap | null =
    mean === null || mean === undefined
      ? null
      : { mean: mean as number, low: low as number, high: high as number, averagedLoss: averagedLoss as number, examples: examples as number, source: source as AverageGap['source'] };
  if (gap && (source === null || [low, high, averagedLoss, examples].some((v) => v === null))) {
    throw new PlateauDoctorError(`${at}: the gap's columns (gap..gap_source) are only partly filled`);
  }
  return { valLoss: valLoss as number | null, valAccuracy: valAccuracy as number | null, testLoss: testLoss as number, testAccuracy: testAccuracy as number, gap };
}

/**
 * Reads a run directory, or an output directory holding several (every subdirectory with
 * a run.json, in summary.json order when there is one, else by name).
 */
export function readRunDirs(dir: string): RunLog[] {
  if (!existsSync(dir)) throw new PlateauDoctorError(`${dir}: no such directory`);
  if (!statSync(dir).isDirectory()) throw new PlateauDoctorError(`${dir}: not a directory; pass a run directory or an output directory of \`plateau-doctor run\``);
  if (existsSync(path.join(dir, 'run.json'))) return [readRunDir(dir)];
  let names: string[] = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'run.json')))
    .map((d) => d.name)
    .sort();
  const summaryFile = path.join(dir, 'summary.json');
  if (existsSync(summaryFile)) {
    try {
      const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as { runs?: { dir?: string }[] };
      const order = (summary.runs ?? []).map((r) => r.dir).filter((d): d is string => typeof d === 'string');
      names = [...order.filter((d) => names.includes(d)), ...names.filter((n) => !order.includes(n))];
    } catch {
      // summary.json is a convenience; the run directories are the truth.
    }
  }
  if (names.length === 0) {
    throw new PlateauDoctorError(`${dir}: holds no run directories (no */run.json); pass a directory written by \`plateau-doctor run\``);
  }
  return names.map((n) => readRunDir(path.join(dir, n)));
}

/**
 * Rows of a CSV file whose header is one of `headers` (the last is the current one; older
 * layouts are prefixes of it). Cells are numbers or empty (null); a column listed in
 * `textColumns` holds one of the given words instead. `build` gets the cells and the row's
 * location for its own errors.
 */
function readCsv<T>(
  file: string,
  headers: readonly string[],
  build: (cells: (number | string | null)[], at: string) => T,
  textColumns: Record<number, readonly string[]> = {},
): T[] {
  if (!existsSync(file)) throw new PlateauDoctorError(`${file}: missing; the run directory is incomplete`);
  const lines = readFileSync(file, 'utf8').split('\n');
  const header = headers.find((h) => h === (lines[0] ?? '').trim());
  if (header === undefined) {
    throw new PlateauDoctorError(`${location(file, 1)}: expected the header "${headers.at(-1)}"`);
  }
  const columns = header.split(',').length;
  const out: T[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const raw = line.split(',');
    if (raw.length !== columns) {
      // A final line cut short by an interrupted write is dropped; elsewhere it is an error.
      if (i === lines.length - 1) break;
      throw new PlateauDoctorError(`${location(file, i + 1)}: expected ${columns} cells, found ${raw.length}`);
    }
    const cells = raw.map((cell, j) => {
      if (cell === '') return null;
      const words = textColumns[j];
      if (words) {
        if (words.includes(cell)) return cell;
        throw new PlateauDoctorError(`${location(file, i + 1, columnOf(raw, j))}: "${cell}" is not one of ${words.join(', ')}`);
      }
      const v = Number(cell);
      if (Number.isNaN(v) && cell !== 'NaN') {
        throw new PlateauDoctorError(`${location(file, i + 1, columnOf(raw, j))}: "${cell}" is not a number`);
      }
      return v;
    });
    out.push(build(cells, location(file, i + 1)));
  }
  return out;
}

function columnOf(cells: string[], index: number): number {
  let col = 1;
  for (let j = 0; j < index; j++) col += cells[j]!.length + 1;
  return col;
}
