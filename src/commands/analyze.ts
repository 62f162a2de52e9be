import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { VERDICTS, type Verdict } from '../detect/types.js';
import { PlateauDoctorError } from '../errors.js';
import { FollowedAnalysis, analyzeDirectory, analyzeFile, analyzeJson, writeAnalyzeHtml, type AnalyzedFile, type AnalyzedSeries } from '../app/analyze-logs.js';
import type { AnalyzedPair } from '../logs/analysis.js';
import type { SkippedFile } from '../logs/discover.js';
import { wandbFileIn } from '../logs/wandb-run.js';
import { LOSS_LOG_FORMATS, detectFormat, type LossLogFormat, type ReadLossLogOptions } from '../logs/read-loss-log.js';
import { isStreamInput, openStreamInput, type StreamInput } from './stdin-input.js';
import type { XUnit } from '../logs/loss-log.js';
import { num, xValue } from '../numbers.js';
import { STDIN_TOKEN, type CliIO } from './io.js';
import { requireOptionValues } from './option-values.js';


export interface AnalyzeArgs {
  files: string[];
  format?: LossLogFormat;
  column?: string[];
  x?: XUnit;
  pattern?: string;
  json: boolean;
  html?: string;
  follow: boolean;
  failOn?: string;
  restarts: 'auto' | 'split' | 'stitch';
  interval: number;
}

/** `plateau-doctor analyze FILE...`: diagnose any loss log. Exit 0 ok, 1 `--fail-on` matched, 2 bad input. */
export function analyzeCommand(io: CliIO, state: { exitCode: number }): CommandModule<object, AnalyzeArgs> {
  return {
    builder: (y: Argv) =>
      requireOptionValues(y
        .positional('files', { type: 'string', array: true, describe: 'Loss log files (or plateau-doctor run directories)' })
        .option('format', { choices: LOSS_LOG_FORMATS, describe: 'Force a format instead of detecting it' })
        .option('column', { type: 'string', array: true, describe: 'Series to analyse (column, key or tag name); repeatable. Default: every loss series' })
        .option('x', { choices: ['step', 'epoch', 'time'] as const, describe: 'X axis. Default: step when the log has one, else epoch, else time' })
        .option('pattern', { type: 'string', describe: 'Regex for text logs with named groups (?<loss>) and optionally (?<step>), (?<epoch>), (?<time>), (?<series>)' })
        .option('json', { type: 'boolean', default: false, describe: 'Print one JSON document to stdout' })
        .option('html', { type: 'string', describe: 'Also write an HTML report to this file' })
        .option('follow', { type: 'boolean', default: false, describe: 'Keep reading files that are being appended to; print each change of verdict until Ctrl-C' })
        .option('fail-on', { type: 'string', describe: `Exit 1 when a series gets one of these verdicts (comma-separated: ${VERDICTS.join(', ')})` })
        .option('restarts', { choices: ['auto', 'split', 'stitch'] as const, default: 'auto' as const, describe: 'When the step/epoch counter restarts: split into runs, stitch into one, or decide from the loss (auto)' })
        .option('interval', { type: 'number', default: 1, describe: 'With --follow: seconds between checks of the files' })) as unknown as Argv<AnalyzeArgs>,
    handler: async (args) => {
      state.exitCode = await runAnalyze(args, io);
    },
  };
}

/** Parses `--fail-on`; throws on an unknown verdict. */
export function parseFailOn(value: string | undefined): Set<Verdict> {
  const out = new Set<Verdict>();
  if (value === undefined) return out;
  for (const part of value.split(',').map((p) => p.trim()).filter((p) => p.length > 0)) {
    if (!(VERDICTS as readonly string[]).includes(part)) {
      throw new PlateauDoctorError(`--fail-on: unknown verdict "${part}"; use a comma-separated list of ${VERDICTS.join(', ')}`);
    }
    out.add(part as Verdict);
  }
  if (out.size === 0) throw new PlateauDoctorError(`--fail-on needs at least one verdict (${VERDICTS.join(', ')})`);
  return out;
}

export async function runAnalyze(args: AnalyzeArgs, io: CliIO): Promise<number> {
  if (!args.files || args.files.length === 0) {
    throw new PlateauDoctorError('name at least one loss log: plateau-doctor analyze FILE... (see plateau-doctor analyze --help)');
  }
  const failOn = parseFailOn(args.failOn);
  if (!Number.isFinite(args.interval) || args.interval <= 0) throw new PlateauDoctorError(`--interval must be a positive number of seconds, got ${args.interval}`);
  if (args.follow && (args.json || args.html)) throw new PlateauDoctorError('--follow prints verdict changes as text; it cannot be combined with --json or --html');
  const readOptions: ReadLossLogOptions = { restarts: args.restarts };
  if (args.format) readOptions.format = args.format;
  if (args.column && args.column.length > 0) readOptions.columns = args.column;
  if (args.x) readOptions.x = args.x;
  if (args.pattern !== undefined) readOptions.pattern = args.pattern;
  const files = args.files.map((f) => (String(f) === STDIN_TOKEN ? '-' : String(f)));
  if (args.html && files.some((f) => path.resolve(io.cwd, f) === path.resolve(io.cwd, args.html!))) {
    throw new PlateauDoctorError(`--html ${args.html} is one of the input files; name another file for the report`);
  }

  if (files.filter((f) => f === '-').length > 1) throw new PlateauDoctorError('standard input (-) can be named once');
  if (args.follow) return follow(files, readOptions, failOn, args.interval, io);

  const results: AnalyzedFile[] = [];
  let skipped: SkippedFile[] | undefined;
  for (const file of files) {
    const abs = resolveIn(io, file);
    if (await isStreamInput(file, abs)) results.push(await analyzeStream(file, abs, readOptions, io));
    else if (await isWalkedDirectory(abs)) {
      const walked = await analyzeDirectory(abs, readOptions);
      if (walked.files.length === 0) {
        const seen = walked.skipped.length;
        results.push({ kind: 'error', file: abs, error: `${abs}: no loss log found in this folder (${seen === 0 ? 'it is empty' : `${seen} file(s) looked at, none is a log`})` });
        continue;
      }
      results.push(...walked.files);
      (skipped ??= []).push(...walked.skipped);
    } else results.push(await analyzeFile(abs, readOptions));
  }
  if (args.json) io.stdout(JSON.stringify(analyzeJson(results, skipped), jsonReplacer, 2) + '\n');
  else io.stdout(formatText(results) + (skipped ? '\n' + formatSkipped(skipped) + formatRunTable(results) : ''));
  if (args.html) {
    writeAnalyzeHtml(resolveIn(io, args.html), args.html, results);
    if (!args.json) io.stdout(`report: ${args.html}\n`);
  }
  const errors = results.filter((r): r is Extract<AnalyzedFile, { kind: 'error' }> => r.kind === 'error');
  for (const e of errors) io.stderr(`plateau-doctor: ${e.error}\n`);
  if (errors.length > 0) return 2;
  const hits = matchesFailOn(results, failOn);
  if (hits.length > 0) {
    io.stderr(`plateau-doctor: --fail-on ${[...failOn].join(',')} matched ${hits.length} series: ${hits.slice(0, 5).join('; ')}${hits.length > 5 ? `; ... ${hits.length - 5} more` : ''}\n`);
    return 1;
  }
  return 0;
}

/** A directory that is not one run of a known layout: walked (`analyze DIR`). */
async function isWalkedDirectory(abs: string): Promise<boolean> {
  try {
    if (!(await stat(abs)).isDirectory()) return false;
  } catch {
    return false;
  }
  try {
    await detectFormat(abs);
    return false;
  } catch {
    return true;
  }
}

/** `-` or a pipe: copied to a temporary file, read, and named as given in the output. */
async function analyzeStream(arg: string, abs: string, options: ReadLossLogOptions, io: CliIO): Promise<AnalyzedFile> {
  const input = openStreamInput(arg, abs, io.stdin);
  try {
    await input.done;
    const result = await analyzeFile(input.file, options);
    return result.kind === 'ok' ? { ...result, file: input.name } : { ...result, file: input.name, error: result.error.split(input.file).join(input.name) };
  } finally {
    input.dispose();
  }
}

/** The path to open: as typed when the command runs in the process's own directory (so messages name it as typed). */
function resolveIn(io: CliIO, file: string): string {
  return path.isAbsolute(file) || path.resolve(io.cwd) === process.cwd() ? file : path.join(io.cwd, file);
}

/** JSON cannot hold NaN/Infinity: write them as strings so nothing is silently null. */
function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value;
}

export function matchesFailOn(results: AnalyzedFile[], failOn: Set<Verdict>): string[] {
  const hits: string[] = [];
  for (const f of results) if (f.kind === 'ok') for (const s of f.series) if (failOn.has(s.verdict)) hits.push(`${f.file}: ${s.name}: ${s.verdict}`);
  return hits;
}

const VERDICT_WORDS: Record<Verdict, string> = {
  insufficient_data: 'not enough data to tell',
  warmup: 'warming up',
  descending: 'still descending',
  plateau: 'on a plateau',
  stuck: 'stuck',
  diverging: 'diverging',
  overfitting: 'overfitting',
};

/** The default human-readable report, one block per series. */
export function formatText(results: AnalyzedFile[]): string {
  const out: string[] = [];
  for (const f of results) {
    if (f.kind === 'error') continue; // errors go to stderr
    const parts = f.parts ? `, stitched from ${f.parts.length} files: ${f.parts.join(', ')}` : '';
    out.push(`${f.file} (${f.format}, ${f.series.length} series${parts})`);
    for (const n of f.notes) out.push(`  note: ${n}`);
    for (const p of f.pairs) out.push(...formatPair(p), '');
    for (const s of f.series) out.push(...formatSeries(s), '');
    if (f.series.length === 0) out.push('');
  }
  return out.join('\n') + (out.length > 0 && out[out.length - 1] !== '' ? '\n' : '');
}

/** After a directory walk: the files that are not logs, once (by extension when there are many). */
export function formatSkipped(skipped: SkippedFile[]): string {
  if (skipped.length === 0) return '';
  const byExtension = skipped.filter((s) => s.reason === 'not a log (by its extension)');
  const others = skipped.filter((s) => s.reason !== 'not a log (by its extension)');
  const lines = [`not read as logs (${skipped.length}):`];
  for (const s of others.slice(0, 30)) lines.push(`  ${s.path}: ${s.reason}`);
  if (others.length > 30) lines.push(`  ... ${others.length - 30} more`);
  if (byExtension.length > 0) {
    const counts = new Map<string, number>();
    for (const s of byExtension) {
      const ext = path.extname(s.path).toLowerCase() || path.basename(s.path);
      counts.set(ext, (counts.get(ext) ?? 0) + 1);
    }
    lines.push(`  ${byExtension.length} file(s) skipped by extension: ${[...counts].map(([e, n]) => `${e} ${n}`).join(', ')}`);
  }
  return lines.join('\n') + '\n\n';
}

/** After a directory walk: one row per run and series (verdict, best value, where it plateaued). */
export function formatRunTable(results: AnalyzedFile[]): string {
  const rows: string[][] = [['run', 'series', 'verdict', 'best', 'plateau from']];
  for (const f of results) {
    if (f.kind === 'error') {
      rows.push([f.file, '-', 'unreadable', '-', '-']);
      continue;
    }
    const run = f.run !== undefined && f.run !== path.basename(f.file) ? `${f.file} (${f.run})` : f.file;
    for (const s of f.series) {
      const best = bestPoint(s);
      const plateau = s.plateaus[0];
      rows.push([run, s.name, s.verdict, best ? `${num(best.y)} at ${s.x} ${xValue(best.x)}` : '-', plateau ? `${s.x} ${xValue(plateau.start)}` : '-']);
    }
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ');
  return [`runs (${results.length}):`, line(rows[0]), ...rows.slice(1).map(line)].join('\n') + '\n';
}

/** The lowest finite loss of a series and where it was logged. */
function bestPoint(s: AnalyzedSeries): { x: number; y: number } | undefined {
  const { xs, ys } = s.series;
  let best: { x: number; y: number } | undefined;
  for (let i = 0; i < ys.length; i++) if (Number.isFinite(ys[i]) && (best === undefined || ys[i] < best.y)) best = { x: xs[i], y: ys[i] };
  return best;
}

/** One block per training/validation pair, printed before the series. */
function formatPair(p: AnalyzedPair): string[] {
  const xs = p.aligned.xs;
  const range = xs.length > 0 ? `${p.aligned.x} ${xValue(xs[0])}..${xValue(xs[xs.length - 1])}` : 'no points';
  const test = p.test !== null ? `, test: ${p.test}` : '';
  return [
    `  pair: ${p.train} (train) / ${p.validation} (${p.heldOut === 'test' ? 'test: the held-out series, no validation series logged' : 'validation'})${test} [${p.diagnosis.points} evaluations, ${range}]`,
    `    diagnosis: ${p.kind}`,
    `    ${p.summary}`,
    `    what to do: ${p.suggestion}`,
  ];
}

function formatSeries(s: AnalyzedSeries): string[] {
  const d = s.diagnosis;
  const xs = s.series.xs;
  const range = xs.length > 0 ? `${s.x} ${xValue(xs[0])}..${xValue(xs[xs.length - 1])}` : 'no points';
  const lines = [`  ${s.name} [${s.role}, ${xValue(s.points)} points, ${range}]`];
  const words = VERDICT_WORDS[s.verdict];
  lines.push(`    verdict: ${s.verdict}${words && words !== s.verdict ? ` (${words})` : ''}`);
  if (d.summary) lines.push(`    ${d.summary}`);
  const facts: string[] = [];
  if (s.knee !== null) facts.push(`fast drop ends at ${s.x} ${xValue(s.knee)}`);
  for (const p of s.plateaus.slice(0, 3)) facts.push(`plateau ${s.x} ${xValue(p.start)}..${xValue(p.end)} at ${num(p.level)}`);
  if (s.plateaus.length > 3) facts.push(`${s.plateaus.length - 3} more plateau(s)`);
  if (facts.length > 0) lines.push(`    ${facts.join('; ')}`);
  const e = d.evidence;
  if (e) {
    lines.push(`    level ${num(e.level)}, judged on ${s.x} ${xValue(e.window.start)}..${xValue(e.window.end)} (${xValue(e.window.points)} points)`);
  }
  const lrs = s.series.lrs;
  if (d.lrResponses.length > 0) {
    lines.push(`    LR changes: ${d.lrResponses.length}`);
    for (const r of d.lrResponses.slice(0, 5)) {
      lines.push(`      ${r.summary || `${s.x} ${xValue(r.at)}: ${num(r.oldLr)} -> ${num(r.newLr)}`} [${r.kind === 'slowed' ? 'progress slowed' : r.responded ? 'the loss responded' : 'no response'}]`);
    }
    if (d.lrResponses.length > 5) lines.push(`      ... ${d.lrResponses.length - 5} more`);
  } else if (lrs && lrs.length > 0) {
    const sch = d.lrSchedule;
    const shape = sch && sch.kind === 'continuous' ? `, a continuous schedule${sch.warmup ? ' after a warmup' : ''} (peak ${num(sch.peak)} at ${s.x} ${xValue(sch.peakAt)})` : ', no step change seen';
    lines.push(`    LR: ${num(lrs[0])} -> ${num(lrs[lrs.length - 1])}${shape}`);
  }
  if (s.suggestion) lines.push(`    what to do: ${s.suggestion}`);
  for (const n of s.series.notes ?? []) lines.push(`    note: ${n}`);
  return lines;
}

/**
 * `--follow`: polls each file every `--interval` seconds and prints verdict changes until
 * io.signal aborts (or standard input ends, for `-`). Each poll reads only what was appended
 * and updates the diagnoses with the new points (FollowedAnalysis); formats that are rewritten
 * rather than appended to are read again when they change.
 */
async function follow(files: string[], options: ReadLossLogOptions, failOn: Set<Verdict>, intervalSeconds: number, io: CliIO): Promise<number> {
  const verdicts = new Map<string, Verdict>();
  const lastError = new Map<string, string>();
  let matched = false;
  const streams: StreamInput[] = [];
  const followed: { file: string; analysis: FollowedAnalysis; rename: (text: string) => string }[] = [];
  for (const file of files) {
    const abs = resolveIn(io, file);
    if (await isStreamInput(file, abs)) {
      const input = openStreamInput(file, abs, io.stdin);
      streams.push(input);
      followed.push({ file: input.name, analysis: new FollowedAnalysis(input.file, options), rename: (t) => (t.startsWith(input.file) ? t.slice(input.file.length + 2) : t.split(input.file).join(input.name)) });
    } else if (await isWalkedDirectory(abs)) {
      throw new PlateauDoctorError(`${file}: --follow follows files (or one run's folder), not a folder of runs; name the logs to follow`);
    } else followed.push({ file, analysis: new FollowedAnalysis(wandbFileIn(abs) ?? abs, options), rename: (t) => (t.startsWith(abs) ? t.slice(abs.length + 2) : t) });
  }
  let inputsEnded = false;
  void Promise.all(streams.map((s) => s.done)).then(() => (inputsEnded = streams.length > 0));
  io.stderr(`following ${followed.map((f) => f.file).join(', ')} (Ctrl-C to stop)\n`);
  try {
    while (!io.signal.aborted) {
      const ended = inputsEnded; // checked before the poll, so the last bytes are read once more
      const started = performance.now();
      for (const { file, analysis, rename } of followed) {
        const result = await analysis.poll();
        if (result.kind === 'unchanged') continue;
        if (result.kind === 'missing' || result.kind === 'error') {
          const message = result.kind === 'missing' ? 'waiting for the file to appear' : `${rename(result.error)} (waiting for more data)`;
          if (lastError.get(file) !== message) io.stderr(`${file}: ${message}\n`);
          lastError.set(file, message);
          continue;
        }
        lastError.delete(file);
        for (const s of result.series) {
          const key = `${file}\u0000${s.name}`;
          if (verdicts.get(key) === s.verdict) continue;
          verdicts.set(key, s.verdict);
          const xs = s.series.xs;
          const where = xs.length > 0 ? ` at ${s.x} ${xValue(xs[xs.length - 1])}` : '';
          io.stdout(`${new Date().toISOString().slice(11, 19)} ${file}: ${s.name}: ${s.verdict}${where}: ${s.summary}${s.suggestion ? ` -> ${s.suggestion}` : ''}\n`);
          if (failOn.has(s.verdict)) matched = true;
        }
      }
      if (ended) break;
      // Never spend more than a third of the time reading.
      const spent = performance.now() - started;
      await sleep(Math.max(intervalSeconds * 1000, 2 * spent), io.signal);
    }
  } finally {
    for (const s of streams) s.dispose();
  }
  return matched ? 1 : 0;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
