import type { Argv, CommandModule } from 'yargs';
import { reportRuns, type ReportRunsOptions } from '../app/report-runs.js';
import type { CliIO } from './io.js';
import { requireOptionValues } from './option-values.js';

/** The parsed flags: `reportRuns`'s options without the working directory. */
export type ReportArgs = Omit<ReportRunsOptions, 'cwd'>;

/**
 * `plateau-doctor report RUN_DIR... [--out report.html] [--force]`: rebuilds the HTML report
 * from saved run directories (a run directory, or an output directory holding several runs),
 * so runs from different invocations can be compared. Prints the report's path.
 */
export function reportCommand(io: CliIO, state: { exitCode: number }): CommandModule<object, ReportArgs> {
  return {
    builder: (y: Argv) =>
      requireOptionValues(y
        .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'Run directories, or output directories of `plateau-doctor run` holding several runs' })
        .option('out', { type: 'string', default: 'report.html', describe: 'The HTML file to write' })
        .option('force', { type: 'boolean', default: false, describe: 'Overwrite --out when it exists' })
        .option('title', { type: 'string', describe: 'Title of the report. Default: "plateau-doctor report"' })
        .option('smoothing', { type: 'number', default: 0.98, describe: 'Weight of the TensorBoard-style EMA drawn over the step losses, in [0, 1)' })
        .option('baseline', { type: 'string', default: 'none', describe: 'Schedule the others are compared against' })
        .option('detect', { type: 'boolean', default: true, describe: 'Run the plateau detector on each run to draw plateaus and the knee (--no-detect to skip)' })
        .example('$0 report runs/2026-11-25T03-00-00', 'report on one invocation of `run`')
        .example('$0 report runs/a/none runs/b/doctor --out compare.html', 'compare runs from two invocations')) as unknown as Argv<ReportArgs>,
    handler: (args) => {
      state.exitCode = runReport(args, io);
    },
  };
}

/** The handler's work, callable in-process. Returns the exit code. */
export function runReport(args: ReportArgs, io: CliIO): number {
  const report = reportRuns({ ...args, cwd: io.cwd });
  io.stderr(`report: ${report.runs} run${report.runs === 1 ? '' : 's'}, ${(report.bytes / 1e6).toFixed(2)} MB${args.detect ? '' : ' (no plateau detection)'}\n`);
  io.stdout(`${report.path}\n`);
  return 0;
}
