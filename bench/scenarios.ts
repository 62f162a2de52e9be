/**
 * The multi-seed scenario grid of issue 12 (bench/scenario-grid.ts): every scenario x seed is
 * one comparison of none, step, plateau and doctor, trained through the app layer with the
 * runs' common trunk shared. Resumable: a cell already finished in --out is skipped.
 *
 *   npm run scenarios -- --half tune|confirm|all [--only id,id] [--seeds 3] [--out DIR] [--jobs 2]
 *                        [--shared ../shared] [--results bench/results] [--write-docs] [--list]
 *
 * Prints the split, progress with a time estimate, the per-scenario table and the summary lines
 * (regret against the acceptance, the seed pipeline's check); writes RESULTS/scenarios-<half>.json
 * and .md; --write-docs replaces the half's section of docs/scenarios.md. The seed pipeline's
 * cells are run with every half (its check is always reported; its regret counts in its own half).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isUserError, PlateauDoctorError } from '../src/errors.js';
import { num } from '../src/numbers.js';
import { cellDir, pendingCells, readCell, runCell } from './grid-cells.js';
import { summarizeHalf, type CellResult, type HalfSummary } from './grid-results.js';
import { formatCuts, formatGridTable, formatHalfSummary, replaceDocsSection } from './grid-report.js';
import { DEFAULT_GRID_SEEDS, SCENARIOS, gridStepSize, splitHalves, type Half, type Scenario } from './scenario-grid.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.join(here, '..');
const DOCS = path.join(repo, 'docs', 'scenarios.md');

interface GridArgs {
  half: Half | 'all';
  only: string[] | null;
  seeds: number;
  out: string;
  jobs: number;
  shared: string;
  results: string;
  writeDocs: boolean;
  list: boolean;
}

const USAGE = `npm run scenarios -- [--half tune|confirm|all (default tune)] [--only id,id] [--seeds N (default ${DEFAULT_GRID_SEEDS})]
  [--out DIR (default runs/scenario-grid; finished cells are reused)] [--jobs N (default 2)] [--shared DIR (default ../shared)]
  [--results DIR (default bench/results)] [--write-docs] [--list (the grid and split only)]`;

function parseArgs(argv: readonly string[]): GridArgs {
  const known = new Set(['--half', '--only', '--seeds', '--out', '--jobs', '--shared', '--results', '--write-docs', '--list', '--help']);
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!known.has(a)) throw new PlateauDoctorError(`unknown option ${a}; options: ${[...known].join(' ')}`);
    if (a === '--write-docs' || a === '--list' || a === '--help') flags.set(a, 'true');
    else if (argv[i + 1] === undefined || argv[i + 1]!.startsWith('--')) throw new PlateauDoctorError(`${a} needs a value`);
    else flags.set(a, argv[++i]!);
  }
  const half = flags.get('--half') ?? 'tune';
  if (half !== 'tune' && half !== 'confirm' && half !== 'all') throw new PlateauDoctorError(`--half must be tune, confirm or all, got ${half}`);
  const int = (flag: string, fallback: number) => {
    const v = Number(flags.get(flag) ?? fallback);
    if (!Number.isInteger(v) || v < 1) throw new PlateauDoctorError(`${flag} must be a positive integer, got ${flags.get(flag)}`);
    return v;
  };
  if (half === 'all' && flags.has('--write-docs')) throw new PlateauDoctorError('--write-docs writes one half\'s section of docs/scenarios.md: pass --half tune or --half confirm');
  return {
    half,
    only: flags.get('--only')?.split(',').map((s) => s.trim()) ?? null,
    seeds: int('--seeds', DEFAULT_GRID_SEEDS),
    out: path.resolve(flags.get('--out') ?? path.join('runs', 'scenario-grid')),
    jobs: int('--jobs', Math.min(2, os.availableParallelism())),
    shared: path.resolve(flags.get('--shared') ?? path.join(repo, '..', 'shared')),
    results: path.resolve(flags.get('--results') ?? path.join(here, 'results')),
    writeDocs: flags.has('--write-docs'),
    list: flags.has('--list') || flags.has('--help'),
  };
}

function describeScenario(s: Scenario): string {
  const data = s.dataset === 'mnist' ? 'MNIST' : 'Fashion-MNIST';
  return `${data}, lr ${s.lr}, batch ${s.batchSize}, ${s.epochs} epochs, ${s.valSize > 0 ? `--val-size ${s.valSize}` : '--val-size 0'}, step_size ${gridStepSize(s.epochs)}${s.seedPipeline ? ' (seed pipeline)' : ''}`;
}

/** The scenarios to train: the half's (or --only's, which must lie in the half), plus the seed pipeline's check. */
function chooseScenarios(a: GridArgs, halves: ReadonlyMap<string, Half>): Scenario[] {
  const inHalf = (s: Scenario) => a.half === 'all' || halves.get(s.id) === a.half;
  if (a.only) {
    for (const id of a.only) {
      const s = SCENARIOS.find((x) => x.id === id);
      if (!s) throw new PlateauDoctorError(`--only: no scenario "${id}"; see --list`);
      if (!inHalf(s)) throw new PlateauDoctorError(`--only: ${id} is in the ${halves.get(id)} half; pass --half ${halves.get(id)} or all`);
    }
    return SCENARIOS.filter((s) => a.only!.includes(s.id));
  }
  return SCENARIOS.filter((s) => inHalf(s) || s.seedPipeline);
}

const minutes = (seconds: number) => (seconds < 90 ? `${seconds.toFixed(0)} s` : `${(seconds / 60).toFixed(1)} min`);
/** Rough work of a cell, for the time estimate: epochs x training images. */
const work = (s: Scenario) => s.epochs * (60000 - s.valSize);
/** Seconds per unit of work before any cell finished: the seed pipeline's cell took 24 s on the quiet 2-core machine (docs/scenarios.md). */
const PRIOR_SECONDS_PER_WORK = 24 / (10 * 55000);

async function trainPending(a: GridArgs, todo: Scenario[], signal: AbortSignal): Promise<boolean> {
  const pending = pendingCells(a.out, todo, a.seeds);
  const total = todo.length * a.seeds;
  const prior = pending.reduce((sum, c) => sum + work(c.scenario), 0) * PRIOR_SECONDS_PER_WORK;
  console.log(`${total} cell(s) (scenario x seed); ${total - pending.length} finished earlier in ${a.out}, ${pending.length} to train (roughly ${minutes(prior)} on a quiet machine; refined after each cell)`);
  const started = performance.now();
  const commit = gitCommit();
  let doneWork = 0;
  const leftWork = () => pending.reduce((sum, c) => sum + work(c.scenario), 0) - doneWork;
  for (const [i, { scenario: s, seed }] of pending.entries()) {
    console.log(`[${i + 1}/${pending.length}] ${s.id} seed ${seed}: training -> ${cellDir(a.out, s.id, seed)}`);
    const result = await runCell({ out: a.out, scenario: s, seed, shared: a.shared, jobs: a.jobs, signal, commit }, {
      log: () => {},
      trainingDone: () => {},
      event: (e) => {
        if (e.kind === 'lr-change' && e.run === 'doctor') console.log(`    doctor: epoch ${e.event.epoch}: lr ${num(e.event.newLr)} (${e.event.verdict ?? (typeof e.event.evidence?.rule === 'string' ? e.event.evidence.rule : '?')})`);
        if (e.kind === 'end' && e.meta.status !== 'completed') console.log(`    ${e.run}: ${e.meta.status}${e.meta.message ? `: ${e.meta.message}` : ''}`);
      },
    });
    if (!result) return false;
    doneWork += work(s);
    const elapsed = (performance.now() - started) / 1000;
    const left = (elapsed / doneWork) * leftWork();
    const acc = (k: string) => result.runs[k]?.testAccuracy.toFixed(2) ?? '-';
    console.log(
      `    done in ${minutes(result.wallSeconds ?? 0)}: none ${acc('none')}, step ${acc('step')}, plateau ${acc('plateau')}, doctor ${acc('doctor')}; ` +
        `doctor's cuts ${formatCuts([{ seed, cuts: result.runs.doctor?.cuts ?? [], earlyStop: result.runs.doctor?.earlyStop }])}; elapsed ${minutes(elapsed)}, about ${minutes(left)} left; ` +
        `memory ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
    );
  }
  return true;
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], { cwd: repo, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

function report(a: GridArgs, halves: ReadonlyMap<string, Half>, wallSeconds: number): void {
  // Only the half's cells (and the seed pipeline's): a tune report never carries confirmation numbers.
  const mine = SCENARIOS.filter((s) => a.half === 'all' || halves.get(s.id) === a.half || s.seedPipeline);
  const cells: CellResult[] = mine.flatMap((s) => Array.from({ length: a.seeds }, (_, seed) => readCell(a.out, s, seed) ?? []).flat());
  const summary: HalfSummary = summarizeHalf(a.half, SCENARIOS, halves, cells);
  const table = formatGridTable(summary);
  const lines = formatHalfSummary(summary);
  console.log(`\n${table}\n\n${lines.join('\n')}`);
  const shown = new Set([...summary.scenarios.map((x) => x.id), summary.seedPipeline?.id]);
  const cellSeconds = cells.filter((c) => shown.has(c.scenario)).reduce((sum, c) => sum + (c.wallSeconds ?? 0), 0);
  const measuredAt = new Date().toISOString();
  const machine = `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}, Node ${process.version}`;
  const commit = gitCommit();
  const trainedBy = [...new Set(cells.filter((c) => shown.has(c.scenario)).map((c) => c.commit ?? 'unknown'))].join(', ');
  mkdirSync(a.results, { recursive: true });
  const base = path.join(a.results, `scenarios-${a.half}`);
  const json = { measuredAt, machine, commit, trainedBy, half: a.half, seeds: a.seeds, out: a.out, cellSeconds, invocationSeconds: wallSeconds, grid: SCENARIOS.map((s) => ({ ...s, half: halves.get(s.id), stepSize: gridStepSize(s.epochs) })), summary, cells };
  writeFileSync(`${base}.json`, JSON.stringify(json, null, 2) + '\n');
  const section = [
    `Measured ${measuredAt.slice(0, 16).replace('T', ' ')} UTC on ${machine}, cells trained at commit ${trainedBy || '-'}; seeds 0..${a.seeds - 1}; ` +
      `\`npm run scenarios -- --half ${a.half} --seeds ${a.seeds}\`; the cells shown took ${minutes(cellSeconds)} of wall time (this invocation ${minutes(wallSeconds)}; finished cells are reused). ` +
      'Mean final test accuracy (%) over seeds; the best fixed schedule (none or step) in bold; differences paired by seed, 95% t interval over seeds.',
    '',
    table,
    '',
    ...lines.map((l) => `- ${l}`),
  ].join('\n');
  writeFileSync(`${base}.md`, section + '\n');
  console.log(`\nresults: ${base}.json, ${base}.md; run directories: ${a.out}`);
  if (a.writeDocs) {
    writeFileSync(DOCS, replaceDocsSection(readFileSync(DOCS, 'utf8'), a.half, section));
    console.log(`docs/scenarios.md: the ${a.half} section replaced`);
  }
}

async function main(): Promise<number> {
  const a = parseArgs(process.argv.slice(2));
  if (process.argv.includes('--help')) console.log(USAGE + '\n');
  const halves = splitHalves(SCENARIOS);
  console.log('The grid and its split (sha1 rule, bench/scenario-grid.ts):');
  for (const s of SCENARIOS) console.log(`  ${halves.get(s.id)!.padEnd(7)} ${s.id.padEnd(28)} ${describeScenario(s)}`);
  if (a.list) return 0;
  const todo = chooseScenarios(a, halves);
  if (a.writeDocs) replaceDocsSection(readFileSync(DOCS, 'utf8'), a.half, ''); // its markers are there before hours of training
  for (const s of todo) {
    if (!existsSync(path.join(a.shared, s.dataset))) throw new PlateauDoctorError(`no ${s.dataset} files under ${a.shared} (pass --shared DIR)`);
  }
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const started = performance.now();
  if (!(await trainPending(a, todo, controller.signal))) {
    console.log('interrupted: the unfinished cell has no grid-cell.json and is trained again when you rerun the same command');
    return 130;
  }
  report(a, halves, (performance.now() - started) / 1000);
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!isUserError(error)) throw error;
  console.error(`scenarios: ${error.message}`);
  process.exitCode = 2;
}
