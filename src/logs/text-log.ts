import { PlateauDoctorError } from '../errors.js';
import { roleOf, selectByName } from './columns.js';
import { readLineBatches } from './line-reader.js';
import type { LossLog, LossSeries, XUnit } from './loss-log.js';
import { buildSeries, type RawSeries, type RestartMode } from './series-build.js';
import { parseCell } from './values.js';

export interface ReadTextLogOptions {
  /**
   * A JavaScript regular expression with named groups: `loss` (required; or `value`), and
   * optionally `step`, `epoch`, `time` (the x axis), `lr` and `series` (to tell several series
   * apart). Default: the built-in matcher (see `matchDefault`).
   */
  pattern?: string;
  /** Series names to keep; default all. */
  columns?: string[];
  /** X axis; default: step when lines have one, else epoch. */
  x?: XUnit;
  /** Default 'auto'. */
  restarts?: RestartMode;
  /** Default true. */
  keepPartialLastLine?: boolean;
}

/** One loss value found on a line. */
export interface TextMatch {
  /** Series key, e.g. "loss", "val_loss", "VAL loss". */
  series: string;
  loss: number;
  step?: number;
  epoch?: number;
  time?: number;
  /** The learning rate printed on the same line (`lr: 0.01`, `'learning_rate': 5e-05`). */
  lr?: number;
  /**
   * The text between the x number and the loss key with numbers blanked, e.g. ": #s, ".
   * Lines of one kind share it; a test phase printing "Step 1 (0.5s). Accuracy: ..., loss:"
   * gets a separate series from the training lines "Step 1: 3.3s, loss:".
   */
  shape?: string;
}

function shapeOf(between: string): string {
  return between.replace(/[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/g, '#').replace(/\s+/g, ' ').slice(0, 80);
}

const NUM = String.raw`[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|nan|inf(?:inity)?)`;
const LOSS_RE = new RegExp(String.raw`(?<![\w/])(?<key>(?:[A-Za-z][A-Za-z0-9]*[ _/.-])?loss)(?![\w(])["']?\s*(?:[:=]|\s)\s*(?<v>${NUM})(?![\w.])`, 'gi');
const STEP_RE = /(?<![\w/])(?<q>global[ _])?(?<kind>step|iter(?:ation)?|it|batch)\b["']?\s*[:=#]?\s*\[?\s*(?<n>\d+)(?!\.?\d)/i;
const EPOCH_RE = /(?<![\w/])epoch\b["']?\s*[:=#]?\s*\[?\s*(?<n>\d+)(?!\.?\d)/i;
const LR_RE = new RegExp(String.raw`(?<![\w/])(?:lr|learning[ _]rate)\b["']?\s*[:=]?\s*(?<v>${NUM})(?![\w.])`, 'i');
const ROLE_RE = /\b(train|training|val|valid|validation|eval|evaluation|test|dev)\b/i;

/**
 * The built-in matcher: every `<name>loss: <number>` / `loss=<number>` on a line is a value;
 * the x is the line's `step N` / `iter N` (or `epoch N`, also carried over from an earlier
 * `Epoch 3/10` line, as Keras prints it). A `train`/`val`/`test` word on the line names the
 * series when the loss key does not. A "Global step" is a separate counter (TensorFlow test phases).
 *
 * matchDefault('Step 120: loss: 0.53')  // => [{ series: 'loss', loss: 0.53, step: 120 }]
 * matchDefault('epoch 3 loss=0.41')     // => [{ series: 'loss', loss: 0.41, epoch: 3 }]
 */
export function matchDefault(line: string): TextMatch[] {
  if (line.indexOf('oss') < 0 && line.indexOf('OSS') < 0) return [];
  const out: TextMatch[] = [];
  const step = STEP_RE.exec(line);
  const epoch = EPOCH_RE.exec(line);
  const roleWord = ROLE_RE.exec(line)?.[1];
  const lrMatch = LR_RE.exec(line);
  const lr = lrMatch ? parseCell(lrMatch.groups!.v) : undefined;
  LOSS_RE.lastIndex = 0;
  for (let m = LOSS_RE.exec(line); m; m = LOSS_RE.exec(line)) {
    const v = parseCell(m.groups!.v);
    if (typeof v !== 'number') continue;
    let key = m.groups!.key.replace(/\s+/g, ' ');
    if (key.toLowerCase() === 'loss' && roleWord) key = `${roleWord.toLowerCase()} loss`;
    if (step?.groups?.q) key = `global step ${key}`;
    // Lines without their own x (Keras progress lines under "Epoch 3/10") all share one shape.
    const xEnd = step ? step.index + step[0].length : epoch ? epoch.index + epoch[0].length : -1;
    const between = xEnd >= 0 && m.index > xEnd ? line.slice(xEnd, m.index) : '';
    const match: TextMatch = { series: key, loss: v, shape: shapeOf(between) };
    if (step) match.step = Number(step.groups!.n);
    if (epoch) match.epoch = Number(epoch.groups!.n);
    if (typeof lr === 'number') match.lr = lr;
    out.push(match);
  }
  return out;
}

/** Compiles a `--pattern`; throws a PlateauDoctorError when it is invalid or has no `loss` group. */
export function compilePattern(pattern: string): (line: string) => TextMatch[] {
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'i');
  } catch (error) {
    throw new PlateauDoctorError(`--pattern is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`);
  }
  const groups = new Set([...pattern.matchAll(/\(\?<([A-Za-z_]\w*)>/g)].map((g) => g[1]));
  const lossGroup = groups.has('loss') ? 'loss' : groups.has('value') ? 'value' : undefined;
  if (!lossGroup) {
    throw new PlateauDoctorError(`--pattern needs a named group (?<loss>...) for the loss value, e.g. "step (?<step>\\d+).*loss[:=] *(?<loss>[-+.0-9eE]+)"`);
  }
  return (line: string) => {
    const m = re.exec(line);
    if (!m || !m.groups) return [];
    const v = parseCell(m.groups[lossGroup] ?? '');
    if (typeof v !== 'number') return [];
    const match: TextMatch = { series: m.groups.series?.trim() || 'loss', loss: v };
    for (const k of ['step', 'epoch', 'time', 'lr'] as const) {
      const raw = m.groups[k] ?? (k === 'step' ? m.groups.x : undefined);
      if (raw !== undefined) {
        const n = parseCell(raw);
        if (typeof n === 'number' && Number.isFinite(n)) match[k] = n;
      }
    }
    return [match];
  };
}

interface TextSeriesAcc {
  name: string;
  shape: string;
  firstLine: number;
  steps: number[];
  epochs: number[];
  times: number[];
  lrs: number[];
  hasLr: boolean;
  ys: number[];
  lines: number[];
  hasStep: boolean;
  hasEpoch: boolean;
  hasTime: boolean;
}

/** Counts lines matching the default matcher in a sample, for format detection. */
export function textMatchCount(lines: string[]): number {
  let n = 0;
  for (const l of lines) if (matchDefault(l).length > 0) n++;
  return n;
}

/** Reads a free-form text log (Python logging, Keras stdout, custom prints) line by line. */
export async function readTextLog(file: string, options: ReadTextLogOptions = {}): Promise<LossLog> {
  const matcher = options.pattern ? compilePattern(options.pattern) : matchDefault;
  const accs = new Map<string, TextSeriesAcc>();
  let lastEpoch: number | undefined;
  let anyLine = false;
  for await (const batch of readLineBatches(file, { keepPartialLastLine: options.keepPartialLastLine })) {
    for (let k = 0; k < batch.lines.length; k++) {
      const line = batch.lines[k];
      if (line.trim() === '') continue;
      anyLine = true;
      const matches = matcher(line);
      if (matches.length === 0) {
        // Keras prints "Epoch 3/10" on its own line before the metrics line.
        if (!options.pattern) {
          const e = /^\s*epoch\s+(\d+)\s*\/\s*\d+\s*$/i.exec(line);
          if (e) lastEpoch = Number(e[1]);
        }
        continue;
      }
      for (const m of matches) {
        const id = `${m.series}\u0000${m.shape ?? ''}`;
        let acc = accs.get(id);
        if (!acc) {
          acc = { name: m.series, shape: m.shape ?? '', firstLine: batch.firstLine + k, steps: [], epochs: [], times: [], lrs: [], hasLr: false, ys: [], lines: [], hasStep: false, hasEpoch: false, hasTime: false };
          accs.set(id, acc);
        }
        const epoch = m.epoch ?? (m.step === undefined ? lastEpoch : undefined);
        acc.steps.push(m.step ?? Number.NaN);
        acc.epochs.push(epoch ?? Number.NaN);
        acc.times.push(m.time ?? Number.NaN);
        acc.lrs.push(m.lr ?? Number.NaN);
        if (m.lr !== undefined) acc.hasLr = true;
        acc.ys.push(m.loss);
        acc.lines.push(batch.firstLine + k);
        if (m.step !== undefined) acc.hasStep = true;
        if (epoch !== undefined) acc.hasEpoch = true;
        if (m.time !== undefined) acc.hasTime = true;
      }
    }
  }
  if (!anyLine) throw new PlateauDoctorError(`${file}: the file is empty (no lines with data)`);
  if (accs.size === 0) {
    throw new PlateauDoctorError(
      options.pattern
        ? `${file}: no line matches --pattern ${options.pattern}`
        : `${file}: not a recognised loss log: no "loss: <number>" / "loss=<number>" found in any line; pass --pattern with a (?<loss>...) group, or --format`,
    );
  }
  // One series key printed by several kinds of line: the most frequent kind keeps the name.
  const byName = new Map<string, TextSeriesAcc[]>();
  for (const a of accs.values()) byName.set(a.name, [...(byName.get(a.name) ?? []), a]);
  const fileNotes: string[] = [];
  for (const group of byName.values()) {
    if (group.length < 2) continue;
    group.sort((p, q) => q.ys.length - p.ys.length);
    group.slice(1).forEach((a, i) => {
      const words = (a.shape.match(/[A-Za-z]{2,}/g) ?? []).map((w) => w.toLowerCase());
      const base = a.name;
      const primary = group[0];
      if (primary.hasStep && !a.hasStep && a.hasEpoch) a.name = `${base} (per epoch)`;
      else a.name = words.length > 0 ? `${base} [${words.slice(0, 3).join(' ')}]` : `${base} #${i + 2}`;
      fileNotes.push(`"${base}" appears on lines of different kinds: those like line ${a.firstLine} are the separate series "${a.name}"`);
    });
  }
  let chosen = [...accs.values()];
  if (options.columns && options.columns.length > 0) {
    chosen = selectByName(file, chosen, (a) => [a.name], options.columns, { one: 'series', many: 'series found', all: chosen.map((a) => a.name) });
  }
  const series: LossSeries[] = [];
  for (const a of chosen) {
    let unit: XUnit | 'count';
    if (options.x) unit = options.x;
    else if (a.hasStep) unit = 'step';
    else if (a.hasEpoch) unit = 'epoch';
    else if (a.hasTime) unit = 'time';
    else unit = 'count';
    if (unit !== 'count' && !(unit === 'step' ? a.hasStep : unit === 'epoch' ? a.hasEpoch : a.hasTime)) {
      throw new PlateauDoctorError(`${file}: --x ${unit} asked for, but the "${a.name}" lines have no ${unit} number`);
    }
    const xs = unit === 'count' ? a.ys.map((_, i) => i + 1) : unit === 'step' ? a.steps : unit === 'epoch' ? a.epochs : a.times;
    const raw: RawSeries = {
      name: a.name,
      role: roleOf(a.name.replace(/^global step /, '')),
      x: unit === 'count' ? 'step' : unit,
      xs,
      ys: a.ys,
      lines: a.lines,
      lineUnit: 'line',
      notes: unit === 'count' ? ['no step or epoch number on the lines: x counts the matching lines'] : [],
    };
    if (a.name.startsWith('global step ')) raw.role = 'other';
    if (a.hasLr) raw.lrs = a.lrs;
    series.push(...buildSeries(raw, { restarts: options.restarts }));
  }
  const log: LossLog = { file, format: 'text', series };
  log.notes = [...fileNotes, options.pattern ? `lines matched with --pattern ${options.pattern}` : 'lines matched with the built-in "loss: <number>" matcher'];
  return log;
}

