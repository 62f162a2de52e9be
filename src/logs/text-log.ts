import { PlateauDoctorError } from '../errors.js';
import { roleOf, selectByName } from './columns.js';
import { readLineBatches } from './line-reader.js';
import type { LossLog, SeriesRole, XUnit } from './loss-log.js';
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
  const { accs, dialect, anyLine, banners, phases } = await collectMatches(file, options);
  if (!anyLine) throw new PlateauDoctorError(`${file}: the file is empty (no lines with data)`);
  if (accs.size === 0) {
    throw new PlateauDoctorError(
      options.pattern
        ? `${file}: no line matches --pattern ${options.pattern}`
        : `${file}: not a recognised loss log: no "loss: <number>" / "loss=<number>" found in any line; pass --pattern with a (?<loss>...) group, or --format`,
    );
  }
  const fileNotes = nameLineKinds(accs);
  let chosen = [...accs.values()];
  if (options.columns && options.columns.length > 0) {
    chosen = selectByName(file, chosen, (a) => [a.name], options.columns, { one: 'series', many: 'series found', all: chosen.map((a) => a.name) });
  }
  const raws = chosen.map((a) => toRawSeries(file, a, options.x));
  // Runs appended to one file: the series with most points decides where runs start, for all.
  const main = raws.reduce((best, r) => (r.ys.length > best.ys.length ? r : best), raws[0]);
  const plan = planRuns(main, options.restarts, (before, at) => banners.between(before, at));
  const series = raws.flatMap((raw) => buildSeries(raw, { restarts: options.restarts, plan }));
  const how = options.pattern ? `lines matched with --pattern ${options.pattern}` : dialect ? `read as ${dialect.name}` : 'lines matched with the built-in "loss: <number>" matcher';
  return { file, format: 'text', series, notes: [...fileNotes, ...phases.notes(), how] };
}

/** Reads the file once, matching every visible line; the dialect is decided on the first lines. */
async function collectMatches(
  file: string,
  options: ReadTextLogOptions,
): Promise<{ accs: Map<string, TextSeriesAcc>; dialect?: TextDialect; anyLine: boolean; banners: RunBanners; phases: PhaseBanners }> {
  const accs = new Map<string, TextSeriesAcc>();
  const banners = new RunBanners();
  const phases = new PhaseBanners();
  let matcher: LineMatcher | undefined;
  let dialect: TextDialect | undefined;
  let anyLine = false;
  for await (const batch of readLineBatches(file, { keepPartialLastLine: options.keepPartialLastLine })) {
    if (!matcher) {
      if (options.pattern) matcher = compilePattern(options.pattern);
      else {
        dialect = detectTextDialect(firstVisibleLines(batch.lines));
        matcher = dialect ? dialect.matcher() : defaultMatcher();
      }
    }
    for (let k = 0; k < batch.lines.length; k++) {
      const line = batch.lines[k];
      if (line.trim() === '') continue;
      anyLine = true;
      let matched = false;
      for (const part of visibleLines(line)) {
        for (const m of matcher(part)) {
          matched = true;
          if (!phases.skip()) addMatch(accs, m, batch.firstLine + k);
        }
      }
      if (!matched) {
        banners.see(line, batch.firstLine + k);
        phases.see(line, batch.firstLine + k);
      }
    }
  }
  return { accs, dialect, anyLine, banners, phases };
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

function firstVisibleLines(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length && out.length < DIALECT_SAMPLE_LINES; i++) if (lines[i].trim() !== '') out.push(...visibleLines(lines[i]));
  return out;
}

function addMatch(accs: Map<string, TextSeriesAcc>, m: TextMatch, line: number): void {
  const id = `${m.series}\u0000${m.shape ?? ''}`;
  let acc = accs.get(id);
  if (!acc) {
    acc = { name: m.series, shape: m.shape ?? '', role: m.role, firstLine: line, steps: [], epochs: [], times: [], lrs: [], hasLr: false, ys: [], lines: [], hasStep: false, hasEpoch: false, hasTime: false };
    accs.set(id, acc);
  }
  acc.steps.push(m.step ?? Number.NaN);
  acc.epochs.push(m.epoch ?? Number.NaN);
  acc.times.push(m.time ?? Number.NaN);
  acc.lrs.push(m.lr ?? Number.NaN);
  if (m.lr !== undefined) acc.hasLr = true;
  acc.ys.push(m.loss);
  acc.lines.push(line);
  if (m.step !== undefined) acc.hasStep = true;
  if (m.epoch !== undefined) acc.hasEpoch = true;
  if (m.time !== undefined) acc.hasTime = true;
  if (m.stepsPerEpoch !== undefined) acc.stepsPerEpoch ??= m.stepsPerEpoch;
}

/** One series key printed by several kinds of line: the most frequent kind keeps the name; returns the notes saying so. */
function nameLineKinds(accs: Map<string, TextSeriesAcc>): string[] {
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
  return fileNotes;
}

/** The series' x axis (`--x`, else step, epoch, time or the count of lines) and its raw points. */
function toRawSeries(file: string, a: TextSeriesAcc, x: XUnit | undefined): RawSeries {
  let unit: XUnit | 'count';
  if (x) unit = x;
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
    role: a.role ?? roleOf(a.name.replace(/^global step /, '')),
    x: unit === 'count' ? 'step' : unit,
    xs,
    ys: a.ys,
    lines: a.lines,
    lineUnit: 'line',
    notes: unit === 'count' ? ['no step or epoch number on the lines: x counts the matching lines'] : [],
  };
  if (a.name.startsWith('global step ')) raw.role = 'other';
  if (a.hasLr) raw.lrs = a.lrs;
  if (unit === 'step' && a.stepsPerEpoch !== undefined) raw.stepsPerEpoch = a.stepsPerEpoch;
  return raw;
}
