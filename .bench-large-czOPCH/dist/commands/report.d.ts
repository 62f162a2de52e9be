import type { CommandModule } from 'yargs';
import type { CliIO } from './io.js';
export interface ReportArgs {
    dirs: string[];
    out: string;
    force: boolean;
    title?: string;
    smoothing: number;
    baseline: string;
    detect: boolean;
}
/**
 * `plateau-doctor report RUN_DIR... [--out report.html] [--force]`: rebuilds the HTML report
 * from saved run directories (a run directory, or an output directory holding several runs),
 * so runs from different invocations can be compared. Prints the report's path.
 */
export declare function reportCommand(io: CliIO, state: {
    exitCode: number;
}): CommandModule<object, ReportArgs>;
/** The handler's work, callable in-process. Returns the exit code. */
export declare function runReport(args: ReportArgs, io: CliIO): number;
