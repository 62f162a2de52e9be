import { PlateauDoctorError } from '../errors.js';
import { roleOf, selectByName } from './columns.js';
import { createReadStream } from 'node:fs';
import { LineSplitter } from './line-reader.js';
import type { LossLog, LossSeries, SeriesRole, XUnit } from './loss-log.js';
import { buildSeries, planRuns, type RawSeries, type RestartMode } from './series-build.js';
import { DIALECT_SAMPLE_LINES, defaultMatcher, detectTextDialect, matchDefault, visibleLines, type LineMatcher, type TextDialect, type TextMatch } from './text-dialects/index.js';
import { parseCell } from './values.js';

export { matchDefault };
export type { TextMatch };

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
  /** Read only the bytes before this offset (`--follow` reads the rest later). */
  end?: number;
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
  role?: SeriesRole;
  firstLine: number;
  steps: number[];
  epochs: number[];
  times: number[];
  lrs: number[];
  hasLr: boolean;
  /** Some LR is a finite number (the series then has `lrs`). */
  finiteLr: boolean;
  ys: number[];
  lines: number[];
  hasStep: boolean;
  hasEpoch: boolean;
  hasTime: boolean;
  stepsPerEpoch?: number;
}

/** Counts lines matching the built-in matcher or a dialect in a sample, for format detection. */
export function textMatchCount(lines: string[]): number {
  const visible = lines.flatMap(visibleLines);
  if (detectTextDialect(visible)) return visible.length;
  let n = 0;
  for (const l of visible) if (matchDefault(l).length > 0) n++;
  return n;
}

/** Reads a free-form text log (Python logging, Keras stdout, a training tool's own format) line by line. */
export async function readTextLog(file: string, options: ReadTextLogOptions = {}): Promise<LossLog> {
  const { parser, splitter } = await parseTextLog(file, options);
  if (options.keepPartialLastLine ?? true) parser.push(splitter.end());
  parser.end();
  return parser.log();
}

/**
 * Streams bytes [0, options.end) of a text log (the whole file by default) through a `LineSplitter`
 * into a `TextLogParser`: the complete lines are parsed; the splitter holds a last line without newline.
 */
export async function parseTextLog(file: string, options: ReadTextLogOptions): Promise<{ parser: TextLogParser; splitter: LineSplitter }> {
  const parser = new TextLogParser(file, options);
  const splitter = new LineSplitter();
  const { end } = options;
  if (end !== 0) {
    const stream = createReadStream(file, { highWaterMark: 1 << 20, ...(end !== undefined ? { end: end - 1 } : {}) });
    for await (const chunk of stream as AsyncIterable<Buffer>) parser.push(splitter.push(chunk));
  }
  return { parser, splitter };
}

/** How much text the dialects look at, besides `DIALECT_SAMPLE_LINES`: a sample ends at the line that reaches this many characters. */
const DIALECT_SAMPLE_CHARS = 1 << 20;

/**
 * A text log read line by line: lines are `push`ed in order (any batching), the dialect is decided
 * on the first `DIALECT_SAMPLE_LINES` non-blank visible lines (at most about 1 MiB of text; lines
 * are held until then), and `log()` assembles the series of everything pushed so far.
 * `--follow` keeps pushing lines after `log()` (see `TextLogFollower`).
 */
export class TextLogParser {
  private readonly accs = new Map<string, TextSeriesAcc>();
  private readonly banners = new RunBanners();
  private readonly phases = new PhaseBanners();
  private matcher: LineMatcher | undefined;
  private dialect: TextDialect | undefined;
  /** Lines held until the dialect is decided. */
  private pending: string[] = [];
  private readonly sample: string[] = [];
  private sampleChars = 0;
  /** True once the sample is complete: more lines cannot change the dialect. */
  private sampleDone = false;
  /** Set when lines pushed after `end()` completed the sample differently: another dialect claims the file. */
  dialectChanged = false;
  private anyLine = false;
  private lineNo = 0;

  constructor(
    readonly file: string,
    readonly options: ReadTextLogOptions = {},
  ) {
    if (options.pattern) {
      this.matcher = compilePattern(options.pattern);
      this.sampleDone = true;
    }
  }

  /** The next lines of the file (without line ends). */
  push(lines: readonly string[]): void {
    let i = 0;
    if (!this.matcher) {
      for (; i < lines.length && !this.sampleDone; i++) {
        this.pending.push(lines[i]);
        this.addToSample(lines[i]);
      }
      if (!this.sampleDone) return;
      this.decide();
    } else if (!this.sampleDone) {
      // Decided by `end()` on a short sample (a file still being written): the lines already
      // matched with that dialect are only right while the longer sample picks the same one.
      for (let k = 0; k < lines.length && !this.sampleDone; k++) this.addToSample(lines[k]);
      if (detectTextDialect(this.sample) !== this.dialect) this.dialectChanged = true;
    }
    for (; i < lines.length; i++) this.matchLine(lines[i]);
  }

  /** No more lines for now: decides the dialect on the sample taken so far. */
  end(): void {
    if (!this.matcher) this.decide();
  }

  private addToSample(line: string): void {
    if (line.trim() === '') return;
    this.sample.push(...visibleLines(line));
    this.sampleChars += line.length;
    if (this.sample.length >= DIALECT_SAMPLE_LINES || this.sampleChars >= DIALECT_SAMPLE_CHARS) this.sampleDone = true;
  }

  private decide(): void {
    this.dialect = detectTextDialect(this.sample);
    this.matcher = this.dialect ? this.dialect.matcher() : defaultMatcher();
    const pending = this.pending;
    this.pending = [];
    for (const line of pending) this.matchLine(line);
  }

  private matchLine(line: string): void {
    const lineNo = ++this.lineNo;
    if (line.trim() === '') return;
    this.anyLine = true;
    let matched = false;
    for (const part of visibleLines(line)) {
      for (const m of this.matcher!(part)) {
        matched = true;
        if (!this.phases.skip()) addMatch(this.accs, m, lineNo);
      }
    }
    if (!matched) {
      this.banners.see(line, lineNo);
      this.phases.see(line, lineNo);
    }
  }

  /** The series of every line pushed so far; throws a PlateauDoctorError when there are none. */
  log(): LossLog {
    const { chosen } = this.layout();
    const raws = chosen.map((c) => c.raw());
    // Runs appended to one file: the series with most points decides where runs start, for all.
    const main = raws.reduce((best, r) => (r.ys.length > best.ys.length ? r : best), raws[0]);
    const plan = planRuns(main, this.options.restarts, (before, at) => this.banners.between(before, at));
    const series = raws.flatMap((raw) => buildSeries(raw, { restarts: this.options.restarts, plan }));
    return { file: this.file, format: 'text', series, notes: this.notes() };
  }

  /** The log's notes: series named apart, loss lines left out after phase banners, how lines were read. */
  notes(): string[] {
    const { pattern } = this.options;
    const how = pattern ? `lines matched with --pattern ${pattern}` : this.dialect ? `read as ${this.dialect.name}` : 'lines matched with the built-in "loss: <number>" matcher';
    return [...nameLineKinds(this.accs).notes, ...this.phases.notes(), how];
  }

  /**
   * The series `log()` makes, before cleaning: each chosen accumulator with its name and x unit.
   * `TextLogFollower` compares it before and after new lines.
   */
  layout(): { chosen: { acc: TextSeriesAcc; name: string; unit: XUnit | 'count'; raw: () => RawSeries }[] } {
    const { file, options } = this;
    if (!this.anyLine) throw new PlateauDoctorError(`${file}: the file is empty (no lines with data)`);
    if (this.accs.size === 0) {
      throw new PlateauDoctorError(
        options.pattern
          ? `${file}: no line matches --pattern ${options.pattern}`
          : `${file}: not a recognised loss log: no "loss: <number>" / "loss=<number>" found in any line; pass --pattern with a (?<loss>...) group, or --format`,
      );
    }
    const { names } = nameLineKinds(this.accs);
    let chosen = [...this.accs.values()];
    if (options.columns && options.columns.length > 0) {
      chosen = selectByName(file, chosen, (a) => [names.get(a)!], options.columns, { one: 'series', many: 'series found', all: chosen.map((a) => names.get(a)!) });
    }
    return {
      chosen: chosen.map((acc) => {
        const name = names.get(acc)!;
        const unit = xUnitOf(file, acc, name, options.x);
        return { acc, name, unit, raw: () => toRawSeries(acc, name, unit) };
      }),
    };
  }
}

/**
 * A `phase: test` (or eval, predict, export) banner: the loss lines after it, until another
 * phase banner (`phase: train`), evaluate a fixed checkpoint (per-sample losses), they are not a training
 * series; they are left out and a note says so (attention-ocr's aocr log).
 */
const PHASE_BANNER = /\bphase\s*[:=]\s*['"]?(?<phase>[a-z]+)\b/i;
/** Phases that train nothing; any other phase word (train, warmup, finetune) ends one. */
const NOT_TRAINING = /^(?:test(?:ing)?|eval(?:uat(?:e|ion))?|predict(?:ion)?|inference|export)$/i;

class PhaseBanners {
  private current: { phase: string; line: number } | null = null;
  private readonly skipped = new Map<string, { banners: number[]; lines: number }>();

  see(text: string, line: number): void {
    if (text.length > 2000) return;
    const m = PHASE_BANNER.exec(text);
    if (m) this.current = NOT_TRAINING.test(m.groups!.phase) ? { phase: m.groups!.phase.toLowerCase(), line } : null;
  }

  /** True (and counted) when a loss line is inside a non-training phase. */
  skip(): boolean {
    if (!this.current) return false;
    const s = this.skipped.get(this.current.phase) ?? { banners: [], lines: 0 };
    if (s.banners[s.banners.length - 1] !== this.current.line) s.banners.push(this.current.line);
    s.lines++;
    this.skipped.set(this.current.phase, s);
    return true;
  }

  notes(): string[] {
    return [...this.skipped].map(
      ([phase, s]) =>
        `${s.lines} loss value${s.lines === 1 ? '' : 's'} after ${s.banners.length} "phase: ${phase}" banner${s.banners.length === 1 ? '' : 's'} (first at line ${s.banners[0]}) left out: an evaluation of a fixed checkpoint is not a training series`,
    );
  }
}

/** A line announcing that training starts (`args: Namespace(...)`, `Building and compiling model`, `Train on 8000 samples`). */
const START_BANNER = /\bNamespace\(|\bargs: |\bstart(?:ing)? training\b|\btraining start|\bmodel compiled\b|\bbuilding (?:and compiling )?model\b|\btrain on \d+ samples\b/i;
/** A line saying a run resumes (`Resuming from checkpoint`, `resume=True`). */
const RESUME_BANNER = /\bresum(?:e|es|ed|ing)\b(?!\s*[=:]\s*(?:false|none|''|""))/i;

/** Lines that announce a new run or a resumed one: evidence for splitting or stitching at a restart between them. */
class RunBanners {
  private readonly lines: { line: number; resume: boolean }[] = [];

  see(text: string, line: number): void {
    if (text.length > 2000) return;
    const resume = RESUME_BANNER.test(text);
    if (resume || START_BANNER.test(text)) this.lines.push({ line, resume });
  }

  /** `stitch` when a resume is announced between the two lines, `split` when a start is, else undefined. */
  between(before: number, at: number): 'split' | 'stitch' | undefined {
    const inside = this.lines.filter((b) => b.line > before && b.line < at);
    if (inside.length === 0) return undefined;
    return inside.some((b) => b.resume) ? 'stitch' : 'split';
  }
}

function addMatch(accs: Map<string, TextSeriesAcc>, m: TextMatch, line: number): void {
  const id = `${m.series}\u0000${m.shape ?? ''}`;
  let acc = accs.get(id);
  if (!acc) {
    acc = { name: m.series, shape: m.shape ?? '', role: m.role, firstLine: line, steps: [], epochs: [], times: [], lrs: [], hasLr: false, finiteLr: false, ys: [], lines: [], hasStep: false, hasEpoch: false, hasTime: false };
    accs.set(id, acc);
  }
  acc.steps.push(m.step ?? Number.NaN);
  acc.epochs.push(m.epoch ?? Number.NaN);
  acc.times.push(m.time ?? Number.NaN);
  acc.lrs.push(m.lr ?? Number.NaN);
  if (m.lr !== undefined) acc.hasLr = true;
  if (m.lr !== undefined && Number.isFinite(m.lr)) acc.finiteLr = true;
  acc.ys.push(m.loss);
  acc.lines.push(line);
  if (m.step !== undefined) acc.hasStep = true;
  if (m.epoch !== undefined) acc.hasEpoch = true;
  if (m.time !== undefined) acc.hasTime = true;
  if (m.stepsPerEpoch !== undefined) acc.stepsPerEpoch ??= m.stepsPerEpoch;
}

/**
 * One series key printed by several kinds of line: the most frequent kind keeps the name, the
 * others are named by their words. Returns each accumulator's series name and the notes saying so.
 */
function nameLineKinds(accs: Map<string, TextSeriesAcc>): { names: Map<TextSeriesAcc, string>; notes: string[] } {
  const byName = new Map<string, TextSeriesAcc[]>();
  const names = new Map<TextSeriesAcc, string>();
  for (const a of accs.values()) {
    byName.set(a.name, [...(byName.get(a.name) ?? []), a]);
    names.set(a, a.name);
  }
  const notes: string[] = [];
  for (const group of byName.values()) {
    if (group.length < 2) continue;
    group.sort((p, q) => q.ys.length - p.ys.length);
    group.slice(1).forEach((a, i) => {
      const words = (a.shape.match(/[A-Za-z]{2,}/g) ?? []).map((w) => w.toLowerCase());
      const base = a.name;
      const primary = group[0];
      const name = primary.hasStep && !a.hasStep && a.hasEpoch ? `${base} (per epoch)` : words.length > 0 ? `${base} [${words.slice(0, 3).join(' ')}]` : `${base} #${i + 2}`;
      names.set(a, name);
      notes.push(`"${base}" appears on lines of different kinds: those like line ${a.firstLine} are the separate series "${name}"`);
    });
  }
  return { names, notes };
}

/** The series' x axis: `--x`, else step, epoch, time or the count of lines. */
function xUnitOf(file: string, a: TextSeriesAcc, name: string, x: XUnit | undefined): XUnit | 'count' {
  let unit: XUnit | 'count';
  if (x) unit = x;
  else if (a.hasStep) unit = 'step';
  else if (a.hasEpoch) unit = 'epoch';
  else if (a.hasTime) unit = 'time';
  else unit = 'count';
  if (unit !== 'count' && !(unit === 'step' ? a.hasStep : unit === 'epoch' ? a.hasEpoch : a.hasTime)) {
    throw new PlateauDoctorError(`${file}: --x ${unit} asked for, but the "${name}" lines have no ${unit} number`);
  }
  return unit;
}

/** The x values of an accumulator on a unit other than 'count'. */
function xsOf(a: TextSeriesAcc, unit: XUnit): number[] {
  return unit === 'step' ? a.steps : unit === 'epoch' ? a.epochs : a.times;
}

/** The raw points of one series on its x unit. */
function toRawSeries(a: TextSeriesAcc, name: string, unit: XUnit | 'count'): RawSeries {
  const raw: RawSeries = {
    name,
    role: a.role ?? roleOf(name.replace(/^global step /, '')),
    x: unit === 'count' ? 'step' : unit,
    xs: unit === 'count' ? a.ys.map((_, i) => i + 1) : xsOf(a, unit),
    ys: a.ys,
    lines: a.lines,
    lineUnit: 'line',
    notes: unit === 'count' ? ['no step or epoch number on the lines: x counts the matching lines'] : [],
  };
  if (name.startsWith('global step ')) raw.role = 'other';
  if (a.hasLr) raw.lrs = a.lrs;
  if (unit === 'step' && a.stepsPerEpoch !== undefined) raw.stepsPerEpoch = a.stepsPerEpoch;
  return raw;
}

/** What `TextLogFollower` compares before and after new lines: the series, their names, x units, LR and steps per epoch. */
function layoutKey(chosen: ReturnType<TextLogParser['layout']>['chosen']): string {
  return JSON.stringify(chosen.map((c) => [c.acc.name, c.acc.shape, c.name, c.unit, c.acc.finiteLr, c.unit === 'step' ? c.acc.stepsPerEpoch : undefined]));
}

function strictlyIncreasingFrom(xs: readonly number[], from: number, last: number): boolean {
  for (let i = from; i < xs.length; i++) {
    if (!(xs[i] > last) || !Number.isFinite(xs[i])) return false;
    last = xs[i];
  }
  return true;
}

/**
 * `--follow` on a text log: the series of `parser.log()` grow with the points of the lines pushed
 * since, while that is what `log()` of the longer file gives: the same dialect, the same series
 * with the same names, x units (step or epoch: wall time and line counts are read again), LR
 * and steps per epoch, and every new x finite and past the series' last (no restart, repeat or
 * missing x, which the full reader splits, stitches or drops). Otherwise `feed` returns
 * undefined and the file is read again from the start.
 */
export class TextLogFollower {
  private constructor(
    private readonly parser: TextLogParser,
    private readonly log: LossLog,
    private readonly bindings: { series: LossSeries; acc: TextSeriesAcc; xs: number[]; from: number }[],
    private readonly key: string,
  ) {}

  /** A follower of `log` (what `parser.log()` returned), or undefined when it cannot be continued. */
  static start(parser: TextLogParser, log: LossLog): TextLogFollower | undefined {
    const { chosen } = parser.layout();
    if (chosen.length !== log.series.length) return undefined;
    const bindings: TextLogFollower['bindings'] = [];
    for (let i = 0; i < chosen.length; i++) {
      const { acc, name, unit } = chosen[i];
      const series = log.series[i];
      if ((unit !== 'step' && unit !== 'epoch') || series.name !== name) return undefined;
      const xs = xsOf(acc, unit);
      if (!strictlyIncreasingFrom(xs, 0, -Infinity)) return undefined;
      // The reader hands the accumulators' arrays to the series: they grow apart from here on.
      if (series.xs === xs) series.xs = xs.slice();
      if (series.ys === acc.ys) series.ys = acc.ys.slice();
      bindings.push({ series, acc, xs, from: acc.ys.length });
    }
    return new TextLogFollower(parser, log, bindings, layoutKey(chosen));
  }

  /** Pushes the next complete lines; returns the number of points appended, or undefined (read again). */
  feed(lines: readonly string[]): number | undefined {
    this.parser.push(lines);
    if (this.parser.dialectChanged || layoutKey(this.parser.layout().chosen) !== this.key) return undefined;
    if (!this.bindings.every((b) => strictlyIncreasingFrom(b.xs, b.from, b.series.xs[b.series.xs.length - 1]))) return undefined;
    let added = 0;
    for (const b of this.bindings) {
      const { series, acc, xs } = b;
      for (let i = b.from; i < acc.ys.length; i++) {
        series.xs.push(xs[i]);
        series.ys.push(acc.ys[i]);
        // As `fillGaps` does: a line without an LR keeps the last one.
        if (series.lrs) series.lrs.push(Number.isFinite(acc.lrs[i]) ? acc.lrs[i] : series.lrs[series.lrs.length - 1]);
      }
      added += acc.ys.length - b.from;
      b.from = acc.ys.length;
    }
    this.log.notes = this.parser.notes();
    return added;
  }
}
