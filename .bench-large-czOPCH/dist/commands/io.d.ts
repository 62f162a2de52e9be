/** What a command may touch of the outside world; tests pass their own. */
export interface CliIO {
    stdout(text: string): void;
    stderr(text: string): void;
    /** Whether stderr is a terminal (progress bars) . */
    isTTY: boolean;
    cwd: string;
    env: NodeJS.ProcessEnv;
    /**
     * Aborted on Ctrl-C (SIGINT) or SIGTERM, with the signal's name as `reason`; long commands
     * finish the current step, flush and exit 130 (143 for SIGTERM, see interruptedExitCode).
     */
    signal: AbortSignal;
    /** Standard input (`analyze -`); absent in tests that do not feed one. */
    stdin?: NodeJS.ReadableStream;
}
/**
 * yargs drops a lone `-` (standard input) from positionals; the CLI passes it through as this
 * token, which `analyze` turns back into `-`.
 */
export declare const STDIN_TOKEN = "\0stdin";
/** The exit code a handler wants; the CLI returns it from `main`. */
export interface CommandResult {
    exitCode: number;
}
export declare function processIO(signal: AbortSignal): CliIO;
/** 128 + the signal number, the shell's convention: 130 for SIGINT, 143 for SIGTERM. */
export declare function signalExitCode(signal: 'SIGINT' | 'SIGTERM'): number;
/**
 * Commands return 130 when interrupted; when the interruption was a SIGTERM (the signal's
 * reason), the process exits 143 instead, so a scheduler sees the signal it sent.
 */
export declare function interruptedExitCode(code: number, signal: AbortSignal): number;
/**
 * Makes text from a user's file safe to print: every control character becomes its `\uXXXX`
 * escape, so a header `loss\x1b[31m` prints as `loss\u001b[31m` and colours nothing. Inside a
 * JSON string the escape means the same character, so `--json` output stays valid and exact.
 *
 * escapeTerminal('a\x1b[31mb'); // => 'a\\u001b[31mb'
 */
export declare function escapeTerminal(text: string): string;
/**
 * The CLI's outside world with stdout and stderr passed through `escapeTerminal`: every line a
 * command prints (file names, headers, series and run names, error messages quoting a cell) goes
 * through this one function. Progress bars draw on the terminal directly, not through `io`.
 */
export declare function terminalSafe(io: CliIO): CliIO;
