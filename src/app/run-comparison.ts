/**
 * The `run` use case: plan the runs, load the data once, train every plan (worker threads),
 * write each run directory as events arrive, then summary.json and the HTML report (with the
 * detector's diagnoses). Progress goes to a listener, so display stays in src/commands.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PlateauDoctorError, isUserError } from '../errors.js';
import { RunDirWriter, readRunDirs, summaryEntry, writeSummary, type RunSummaryEntry } from '../logs/run-dir.js';
import type { RunMeta } from '../logs/run-log.js';
import { writeRunReport } from '../report/run-report.js';
import { formatSharing, sharingSummary } from '../report/sharing.js';
import { trainComparison } from '../train/compare.js';
import { loadDataset, type Dataset } from '../train/data/datasets.js';
import type { RunEvent, RunPlan } from '../train/events.js';
import { diagnoseRuns } from './diagnose-runs.js';
import { checkOutDir, createOutDir } from './out-dir.js';
import { defaultOutDir, planRuns, type RunOptions } from './plan-runs.js';

/** Validation images held out of the bundled 8,000-digit subset when --val-size is not given. */
const BUNDLED_VAL_SIZE = 1000;

export interface RunComparisonOptions {
  /** The parsed options; `valSize` and `dataDir` are defaults unless `valSizeGiven` / `dataDirGiven`. */
  options: RunOptions;
  valSizeGiven: boolean;
  /** A directory the user named must hold the data; only the default may fall back to the bundled subset. */
  dataDirGiven: boolean;
  /** Absolute output directory; undefined: a new folder runs/<timestamp> under `cwd`, made unique atomically. */
  out: string | undefined;
  /** Write into a non-empty `out` (replacing only run folders of the same names). */
  force: boolean;
  /** Runs trained at the same time (worker threads). */
  jobs: number;
  /** Train the runs' common prefix once, forking each run when its LR first differs. Default true. */
  share?: boolean;
  /** Relative paths (data dir) are resolved against this. */
  cwd: string;
  /** Aborting interrupts every run after its current step; what they logged is kept. */
  signal: AbortSignal;
}

/** Receives what a comparison does, as it happens. */
export interface RunListener {
  /** One human line (data loading, the output directory, notes). */
  log(line: string): void;
  /** Every run's events (start, steps, epoch, lr-change, message, end), in order per run. */
  event(event: RunEvent): void;
  /** Training is over (normally or not); nothing more will arrive through `event`. */
  trainingDone(): void;
}

export interface RunComparisonResult {
  outDir: string;
  /** One summary entry per run that started, in plan order. */
  entries: RunSummaryEntry[];
  /** Ctrl-C or a run interrupted. */
  interrupted: boolean;
  /** The HTML report, when a run started. */
  reportPath: string | null;
  /** How much training the runs shared ("4 runs, 3 forks, 41% of the steps trained once"), or null. */
  sharing: string | null;
}

/**
 * Runs a whole comparison (see the module comment). Checks the options, the output directory
 * and the data before creating anything, so a bad option or missing data set leaves no output.
 */
export async function runComparison(o: RunComparisonOptions, listener: RunListener): Promise<RunComparisonResult> {
  const { options } = o;
  const plans = planRuns(options);
  if (!Number.isInteger(o.jobs) || o.jobs < 1) throw new PlateauDoctorError(`--jobs must be a positive integer, got ${o.jobs}`);
  // The default folder is made unique when it is created (another run may start in the same second).
  const unique = o.out === undefined;
  const outFlag = unique ? 'output directory' : '--out';
  const requestedOut = o.out ?? path.resolve(o.cwd, defaultOutDir(new Date()));
  checkOutDir(requestedOut, { force: unique ? false : o.force, runNames: plans.map((p) => p.name), flag: outFlag, unique });

  const { dataset, dataDir } = await loadData(o, plans, listener);
  const { dir: outDir, created: createdOut } = createOutDir(requestedOut, { unique, flag: outFlag });
  for (const p of plans) {
    const runDir = path.join(outDir, p.name);
    if (existsSync(runDir)) rmSync(runDir, { recursive: true }); // only with --force (checked above)
  }
  listener.log(`plateau-doctor: ${plans.length} run(s) -> ${outDir}`);

  const writers = new Map<string, RunDirWriter>();
  const finals = new Map<string, RunMeta>();
  const write = (e: RunEvent): void => {
    if (e.kind === 'start') writers.set(e.run, new RunDirWriter(path.join(outDir, e.run), e.meta));
    else if (e.kind === 'steps') writers.get(e.run)?.appendSteps(e.steps);
    else if (e.kind === 'epoch') writers.get(e.run)?.appendEpoch(e.record);
    else if (e.kind === 'lr-change') writers.get(e.run)?.addLrChange(e.event);
    else if (e.kind === 'end') {
      writers.get(e.run)?.updateMeta(e.meta);
      finals.set(e.run, e.meta);
    }
    listener.event(e);
  };

  try {
    await trainComparison(plans, {
      jobs: Math.min(o.jobs, plans.length),
      share: o.share ?? true,
      emit: write,
      signal: o.signal,
      datasets: { [options.dataset]: dataset },
      log: listener.log,
    });
  } catch (error) {
    listener.trainingDone();
    if (createdOut && writers.size === 0) rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
  listener.trainingDone();

  const entries = plans.flatMap((p) => {
    const w = writers.get(p.name);
    return w ? [summaryEntry({ meta: w.currentMeta, lrChanges: w.changes }, p.name)] : [];
  });
  const interrupted = o.signal.aborted || entries.some((e) => e.status === 'interrupted');
  writeSummary(outDir, entries, {
    tool: 'plateau-doctor',
    createdAt: new Date().toISOString(),
    status: interrupted ? 'interrupted' : 'completed',
    options: { ...options, dataDir },
  });
  if (entries.length === 0) return { outDir, entries, interrupted, reportPath: null, sharing: null };
  const runs = readRunDirs(outDir);
  const shared = sharingSummary(runs.map((l) => ({ meta: l.meta, steps: l.steps.length })));
  const { diagnoses, notes } = diagnoseRuns(runs);
  const reportPath = writeRunReport(path.join(outDir, 'report.html'), runs, { diagnoses, notes }).path;
  return { outDir, entries, interrupted, reportPath, sharing: shared ? formatSharing(shared) : null };
}

/**
 * Loads (and if needed downloads) the data once, before anything is created, so a missing or
 * corrupt data set is reported before any output exists; fixes each plan's data directory and,
 * on the bundled subset without --val-size, its validation size.
 */
async function loadData(o: RunComparisonOptions, plans: RunPlan[], listener: RunListener): Promise<{ dataset: Dataset; dataDir: string }> {
  const { options } = o;
  const dataDir = path.resolve(o.cwd, options.dataDir);
  const dataset = await loadDataset({
    dataset: options.dataset,
    dataDir,
    bundledFallback: !o.dataDirGiven,
    signal: o.signal,
    log: listener.log,
  }).catch((error: unknown) => {
    if (o.dataDirGiven && options.dataset === 'mnist' && isUserError(error)) {
      throw new PlateauDoctorError(`${error.message}; or leave out --data-dir to train on the bundled 8,000-digit subset`);
    }
    throw error;
  });
  for (const p of plans) p.dataDir = dataDir;
  if (!o.valSizeGiven && dataset.name === 'mnist-bundled') {
    for (const p of plans) p.valSize = BUNDLED_VAL_SIZE;
    listener.log(`holding out ${BUNDLED_VAL_SIZE} of the bundled subset's training digits for validation (--val-size to change)`);
  }
  const valSize = plans[0]!.valSize;
  options.valSize = valSize;
  if (valSize >= dataset.trainImages.length / (dataset.rows * dataset.cols)) {
    throw new PlateauDoctorError(`--val-size ${valSize} leaves no training images (${dataset.name} has ${dataset.trainImages.length / (dataset.rows * dataset.cols)})`);
  }
  return { dataset, dataDir };
}
