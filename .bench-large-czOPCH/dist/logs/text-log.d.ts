import type { LossLog, XUnit } from './loss-log.js';
import { type RestartMode } from './series-build.js';
import { matchDefault, type TextMatch } from './text-dialects/index.js';
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
export declare function compilePattern(pattern: string): (line: string) => TextMatch[];
/** Counts lines matching the built-in matcher or a dialect in a sample, for format detection. */
export declare function textMatchCount(lines: string[]): number;
/** Reads a free-form text log (Python logging, Keras stdout, a training tool's own format) line by line. */
export declare function readTextLog(file: string, options?: ReadTextLogOptions): Promise<LossLog>;
