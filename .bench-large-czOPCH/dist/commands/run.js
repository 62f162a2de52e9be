import { existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PlateauDoctorError, isUserError } from '../errors.js';
import { RunDirWriter, readRunDirs, summaryEntry, writeSummary } from '../logs/run-dir.js';
import { writeRunReport } from '../report/run-report.js';
import { SCHEDULES } from '../lr/schedules.js';
import { runComparison } from '../train/compare.js';
import { loadDataset } from '../train/data/index.js';
import { checkOutDir, createOutDir } from './out-dir.js';
import { requireOptionValues } from './option-values.js';
import { compareOverSeeds, formatSeedComparison } from './seed-summary.js';
import { defaultOutDir, planRuns } from './run-plan.js';
import { RunProgress, formatLr, pct } from './run-progress.js';
const DEFAULT_SCHEDULES = 'none,step,plateau,doctor';
/** Validation images held out of the bundled 8,000-digit subset when --val-size is not given. */
const BUNDLED_VAL_SIZE = 1000;
function builder(y) {
    return requireOptionValues(declareOptions(y));
}
function declareOptions(y) {
    return y
        .usage('$0 run [options]\n\nTrain the seed pipeline (MNIST, 784-128-10 MLP, SGD) under several LR schedules with the same initial weights and data order, log every step, and compare.')
        .option('schedules', { type: 'string', default: DEFAULT_SCHEDULES, describe: `Comma-separated schedules to compare: ${SCHEDULES.join(', ')}` })
        .option('epochs', { type: 'number', default: 10, describe: 'Epochs per run' })
        .option('lr', { type: 'number', default: 0.01, describe: 'Initial learning rate (plain SGD)' })
        .option('batch-size', { type: 'number', default: 64, describe: 'Mini-batch size (the last partial batch is kept)' })
        .option('seed', { type: 'number', default: 0, describe: 'Seed for initial weights, data order and validation split' })
        .option('seeds', { type: 'number', default: 1, describe: 'Repeat the comparison with N seeds (seed, seed+1, ...)' })
        .option('val-size', { type: 'number', describe: 'Training images held out as validation set (0 = train on all, as the seed does) [default: 5000; 1000 on the bundled 8,000-digit subset]' })
        .option('dataset', { choices: ['mnist', 'fashion-mnist'], default: 'mnist', describe: 'Data set' })
        .option('data-dir', { type: 'string', describe: 'Where the IDX files are (directly, or torchvision layout DIR/MNIST/raw); downloaded there when absent. Without this option, ./data, falling back to the bundled MNIST subset offline [default: ./data]' })
        .option('backend', { choices: ['auto', 'tensorflow', 'wasm', 'cpu'], default: 'auto', describe: 'TensorFlow.js backend (auto: tensorflow, then wasm, then cpu)' })
        .option('jobs', { type: 'number', default: os.availableParallelism(), describe: 'Runs trained in parallel (worker threads)' })
        .option('out', { type: 'string', describe: 'Output directory (default: a new timestamped folder under ./runs)' })
        .option('force', { type: 'boolean', default: false, describe: 'Write into a non-empty --out directory (replaces only run folders of the same names)' })
        .option('step-size', { type: 'number', default: 5, group: 'step (StepLR):', describe: 'Epochs between decays' })
        .option('gamma', { type: 'number', default: 0.1, group: 'step (StepLR):', describe: 'Decay factor of step and multistep' })
        .option('milestones', { type: 'string', default: '5,8', group: 'multistep (MultiStepLR):', describe: 'Comma-separated epochs after which the LR decays' })
        .option('exp-gamma', { type: 'number', default: 0.9, group: 'exponential (ExponentialLR):', describe: 'Decay factor per epoch' })
        .option('monitor', { choices: ['val_loss', 'train_loss', 'val_accuracy'], default: 'val_loss', group: 'plateau (ReduceLROnPlateau):', describe: 'Metric watched (val_loss falls back to train_loss with --val-size 0)' })
        .option('patience', { type: 'number', default: 10, group: 'plateau (ReduceLROnPlateau):', describe: 'Epochs without improvement before a decay' })
        .option('factor', { type: 'number', default: 0.1, group: 'plateau (ReduceLROnPlateau):', describe: 'Decay factor' })
        .option('threshold', { type: 'number', default: 1e-4, group: 'plateau (ReduceLROnPlateau):', describe: 'Improvement threshold' })
        .option('threshold-mode', { choices: ['rel', 'abs'], default: 'rel', group: 'plateau (ReduceLROnPlateau):', describe: 'Threshold mode' })
        .option('cooldown', { type: 'number', default: 0, group: 'plateau (ReduceLROnPlateau):', describe: 'Epochs to wait after a decay' })
        .option('min-lr', { type: 'number', default: 0, group: 'plateau and doctor:', describe: 'Lower bound on the LR' })
        .option('decay-factor', { type: 'number', default: 0.1, group: 'doctor (plateau detector):', describe: 'LR multiplier on a plateau where a decay is expected to help' })
        .option('plateau-rate', { type: 'number', default: 0.02, group: 'doctor (plateau detector):', describe: 'A stretch is flat when its 95% interval of change per 10% of the run lies within +-this' })
        .option('confirmations', { type: 'number', default: 2, group: 'doctor (plateau detector):', describe: 'Consecutive plateau verdicts needed before a cut' })
        .option('max-stuck-cuts', { type: 'number', default: 1, group: 'doctor (plateau detector):', describe: 'Trial cuts allowed while stuck at chance level (0: never)' })
        .option('use-validation', { type: 'boolean', default: true, group: 'doctor (plateau detector):', describe: 'Cut when the validation loss stalls while the training loss still falls' });
}
/** Turns parsed flags into RunOptions (the per-schedule options each schedule reads). */
export function runOptionsFromArgs(a) {
    const milestones = listOption('--milestones', a.milestones)
        .map((s) => {
        const v = Number(s);
        if (!Number.isInteger(v) || v < 1)
            throw new PlateauDoctorError(`--milestones: "${s}" is not a positive integer epoch`);
        return v;
    });
    return {
        schedules: listOption('--schedules', a.schedules),
        epochs: a.epochs,
        lr: a.lr,
        batchSize: a.batchSize,
        seed: a.seed,
        seeds: a.seeds,
        valSize: a.valSize ?? 5000,
        dataset: a.dataset,
        dataDir: a.dataDir ?? './data',
        backend: a.backend,
        scheduleOptions: {
            none: {},
            step: { stepSize: a.stepSize, gamma: a.gamma },
            multistep: { milestones, gamma: a.gamma },
            exponential: { gamma: a.expGamma },
            plateau: {
                monitor: a.monitor,
                patience: a.patience,
                factor: a.factor,
                threshold: a.threshold,
                thresholdMode: a.thresholdMode,
                cooldown: a.cooldown,
                minLr: a.minLr,
            },
            doctor: {
                decayFactor: a.decayFactor,
                minLr: a.minLr,
                plateauRate: a.plateauRate,
                confirmations: a.confirmations,
                maxStuckCuts: a.maxStuckCuts,
                useValidation: a.useValidation,
            },
        },
    };
}
/** A comma-separated option as its trimmed items; an empty item ("none,,step", "5,8,") is refused. Empty text gives []. */
function listOption(flag, value) {
    const text = String(value ?? '');
    if (text.trim() === '')
        return [];
    const items = text.split(',').map((s) => s.trim());
    if (items.some((s) => s === ''))
        throw new PlateauDoctorError(`${flag}: "${text}" has an empty entry; separate the items with single commas`);
    return items;
}
/** `plateau-doctor run`: train and compare LR schedules. */
export function runCommand(io, state) {
    return {
        builder,
        handler: async (argv) => {
            const args = argv;
            state.exitCode = await executeRun(args, io);
        },
    };
}
async function executeRun(args, io) {
    const options = runOptionsFromArgs(args);
    const plans = planRuns(options);
    if (!Number.isInteger(args.jobs) || args.jobs < 1)
        throw new PlateauDoctorError(`--jobs must be a positive integer, got ${args.jobs}`);
    // The default folder is made unique when it is created (another run may start in the same second).
    const outFlag = args.out === undefined ? 'output directory' : '--out';
    let outDir = path.resolve(io.cwd, args.out ?? defaultOutDir(new Date()));
    checkOutDir(outDir, { force: args.out === undefined ? false : args.force, runNames: plans.map((p) => p.name), flag: outFlag, unique: args.out === undefined });
    // Load (and if needed download) the data once before creating anything, so that a missing
    // or corrupt data set is reported before any output exists.
    const dataDir = path.resolve(io.cwd, options.dataDir);
    // A directory the user named must hold the data; only the default ./data may fall back
    // to the bundled subset (so that `plateau-doctor run` works on a fresh offline machine).
    const explicitDataDir = args.dataDir !== undefined;
    const dataset = await loadDataset({
        dataset: options.dataset,
        dataDir,
        bundledFallback: !explicitDataDir,
        signal: io.signal,
        log: (line) => io.stderr(line + '\n'),
    }).catch((error) => {
        if (explicitDataDir && options.dataset === 'mnist' && isUserError(error)) {
            throw new PlateauDoctorError(`${error.message}; or leave out --data-dir to train on the bundled 8,000-digit subset`);
        }
        throw error;
    });
    for (const p of plans)
        p.dataDir = dataDir;
    if (args.valSize === undefined && dataset.name === 'mnist-bundled') {
        for (const p of plans)
            p.valSize = BUNDLED_VAL_SIZE;
        io.stderr(`holding out ${BUNDLED_VAL_SIZE} of the bundled subset's training digits for validation (--val-size to change)\n`);
    }
    const valSize = plans[0].valSize;
    options.valSize = valSize;
    if (valSize >= dataset.trainImages.length / (dataset.rows * dataset.cols)) {
        throw new PlateauDoctorError(`--val-size ${valSize} leaves no training images (${dataset.name} has ${dataset.trainImages.length / (dataset.rows * dataset.cols)})`);
    }
    const made = createOutDir(outDir, { unique: args.out === undefined, flag: outFlag });
    outDir = made.dir;
    const createdOut = made.created;
    for (const p of plans) {
        const runDir = path.join(outDir, p.name);
        if (existsSync(runDir))
            rmSync(runDir, { recursive: true }); // only with --force (checked above)
    }
    io.stderr(`plateau-doctor: ${plans.length} run(s) -> ${outDir}\n`);
    const progress = new RunProgress(io, options.epochs);
    const writers = new Map();
    const finals = new Map();
    const stepsPerEpoch = (meta) => Math.ceil(meta.dataset.trainSize / options.batchSize);
    const emit = (e) => {
        switch (e.kind) {
            case 'start':
                writers.set(e.run, new RunDirWriter(path.join(outDir, e.run), e.meta));
                progress.start(e.meta, stepsPerEpoch(e.meta));
                break;
            case 'steps': {
                writers.get(e.run)?.appendSteps(e.steps);
                const last = e.steps[e.steps.length - 1];
                if (last)
                    progress.steps(e.run, last.step, last.epoch, last.loss, last.lr);
                break;
            }
            case 'epoch':
                writers.get(e.run)?.appendEpoch(e.record);
                progress.epoch(e.run, e.record);
                break;
            case 'lr-change':
                writers.get(e.run)?.addLrChange(e.event);
                progress.lrChange(e.run, e.event);
                break;
            case 'message':
                progress.message(e.run, e.text);
                break;
            case 'end':
                writers.get(e.run)?.updateMeta(e.meta);
                finals.set(e.run, e.meta);
                progress.end(e.meta);
                break;
        }
    };
    try {
        await runComparison(plans, {
            jobs: Math.min(args.jobs, plans.length),
            emit,
            signal: io.signal,
            datasets: { [options.dataset]: dataset },
            log: (line) => io.stderr(line + '\n'),
        });
    }
    catch (error) {
        progress.stop();
        if (createdOut && writers.size === 0)
            rmSync(outDir, { recursive: true, force: true });
        throw error;
    }
    progress.stop();
    const entries = plans.flatMap((p) => {
        const w = writers.get(p.name);
        return w ? [summaryEntry({ meta: w.currentMeta, lrChanges: w.changes }, p.name)] : [];
    });
    const interrupted = io.signal.aborted || entries.some((e) => e.status === 'interrupted');
    writeSummary(outDir, entries, {
        tool: 'plateau-doctor',
        createdAt: new Date().toISOString(),
        status: interrupted ? 'interrupted' : 'completed',
        options: { ...options, dataDir },
    });
    io.stdout(formatTable(entries) + '\n');
    if (options.seeds > 1)
        io.stdout('\n' + formatSeedComparison(compareOverSeeds(entries)) + '\n\n');
    io.stdout(`Run directory: ${outDir}\n`);
    if (entries.length > 0) {
        const report = writeRunReport(path.join(outDir, 'report.html'), readRunDirs(outDir));
        io.stdout(`Report: ${report.path}\n`);
    }
    return interrupted ? 130 : 0;
}
/** The final table printed on stdout. */
export function formatTable(entries) {
    const header = ['run', 'test acc', 'test loss', 'train loss', 'LR changes', 'time', 'status'];
    const rows = entries.map((e) => [
        e.name,
        pct(e.final.test_accuracy),
        e.final.test_loss === null ? '-' : e.final.test_loss.toFixed(4),
        e.final.train_loss === null ? '-' : e.final.train_loss.toFixed(4),
        e.lr_changes === 0 ? '0' : `${e.lr_changes} (epoch ${e.lr_change_epochs.join(', ')})`,
        `${e.seconds.toFixed(1)} s`,
        e.status,
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
export { formatLr };
//# sourceMappingURL=run.js.map