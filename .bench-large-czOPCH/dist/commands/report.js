import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { PlateauDoctorError } from '../errors.js';
import { readRunDirs } from '../logs/run-dir.js';
import { diagnoseSeries } from '../detect/diagnose.js';
import { cannotWriteReport } from '../report/html.js';
import { writeRunReport } from '../report/run-report.js';
import { requireOptionValues } from './option-values.js';
/**
 * `plateau-doctor report RUN_DIR... [--out report.html] [--force]`: rebuilds the HTML report
 * from saved run directories (a run directory, or an output directory holding several runs),
 * so runs from different invocations can be compared. Prints the report's path.
 */
export function reportCommand(io, state) {
    return {
        builder: (y) => requireOptionValues(y
            .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'Run directories, or output directories of `plateau-doctor run` holding several runs' })
            .option('out', { type: 'string', default: 'report.html', describe: 'The HTML file to write' })
            .option('force', { type: 'boolean', default: false, describe: 'Overwrite --out when it exists' })
            .option('title', { type: 'string', describe: 'Title of the report. Default: "plateau-doctor report"' })
            .option('smoothing', { type: 'number', default: 0.98, describe: 'Weight of the TensorBoard-style EMA drawn over the step losses, in [0, 1)' })
            .option('baseline', { type: 'string', default: 'none', describe: 'Schedule the others are compared against' })
            .option('detect', { type: 'boolean', default: true, describe: 'Run the plateau detector on each run to draw plateaus and the knee (--no-detect to skip)' })
            .example('$0 report runs/2026-11-25T03-00-00', 'report on one invocation of `run`')
            .example('$0 report runs/a/none runs/b/doctor --out compare.html', 'compare runs from two invocations')),
        handler: (args) => {
            state.exitCode = runReport(args, io);
        },
    };
}
/** The handler's work, callable in-process. Returns the exit code. */
export function runReport(args, io) {
    if (!(args.smoothing >= 0 && args.smoothing < 1))
        throw new PlateauDoctorError(`--smoothing must be in [0, 1), got ${args.smoothing}`);
    const runs = [];
    const sources = [];
    for (const dir of args.dirs.map(String)) {
        const logs = readRunDirs(path.resolve(io.cwd, dir));
        for (const log of logs) {
            runs.push(log);
            sources.push(path.normalize(dir).replace(/[\\/]+$/, ''));
        }
    }
    if (runs.length === 0)
        throw new PlateauDoctorError('no runs found in the given directories');
    const schedules = [...new Set(runs.map((r) => r.meta.schedule))];
    if (!schedules.includes(args.baseline) && args.baseline !== 'none') {
        throw new PlateauDoctorError(`--baseline ${args.baseline}: no run has that schedule; choose one of ${schedules.join(', ')}`);
    }
    const out = path.resolve(io.cwd, args.out);
    if (existsSync(out)) {
        if (statSync(out).isDirectory())
            throw new PlateauDoctorError(`--out ${args.out}: is a directory; name the HTML file to write, e.g. --out ${path.join(args.out, 'report.html')}`);
        if (!args.force)
            throw new PlateauDoctorError(`--out ${args.out}: already exists; pass --force to overwrite it or choose another --out`);
    }
    if (!existsSync(path.dirname(out)))
        throw new PlateauDoctorError(`--out ${args.out}: the directory ${path.dirname(out)} does not exist`);
    let bytes;
    try {
        ({ bytes } = writeRunReport(out, runs, { title: args.title, smoothing: args.smoothing, baseline: args.baseline, sources, diagnose: args.detect ? diagnoseSeries : null }));
    }
    catch (error) {
        throw cannotWriteReport(`--out ${args.out}`, error);
    }
    io.stderr(`report: ${runs.length} run${runs.length === 1 ? '' : 's'}, ${(bytes / 1e6).toFixed(2)} MB${args.detect ? '' : ' (no plateau detection)'}\n`);
    io.stdout(`${out}\n`);
    return 0;
}
//# sourceMappingURL=report.js.map