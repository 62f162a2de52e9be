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
export const STDIN_TOKEN = '\u0000stdin';

/** The exit code a handler wants; the CLI returns it from `main`. */
export interface CommandResult {
  exitCode: number;
}

export function processIO(signal: AbortSignal): CliIO {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    isTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
    env: process.env,
    signal,
    get stdin() {
      return process.stdin;
    },
  };
}

/** 128 + the signal number, the shell's convention: 130 for SIGINT, 143 for SIGTERM. */
export function signalExitCode(signal: 'SIGINT' | 'SIGTERM'): number {
  return signal === 'SIGTERM' ? 143 : 130;
}

/**
 * Commands return 130 when interrupted; when the interruption was a SIGTERM (the signal's
 * reason), the process exits 143 instead, so a scheduler sees the signal it sent.
 */
export function interruptedExitCode(code: number, signal: AbortSignal): number {
  return code === 130 && signal.aborted && signal.reason === 'SIGTERM' ? 143 : code;
}

/**
 * Characters that would act on a terminal instead of being shown: C0 controls except tab and
 * newline (ESC starts colour and cursor sequences, CR overwrites the line, BEL rings), DEL, C1
 * controls (U+009B is a one-byte CSI), and the bidirectional overrides and isolates that reorder
 * what is shown ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes text from a user's file safe to print: every control character becomes its `\uXXXX`
 * escape, so a header `loss\x1b[31m` prints as `loss\u001b[31m` and colours nothing. Inside a
 * JSON string the escape means the same character, so `--json` output stays valid and exact.
 *
 * escapeTerminal('a\x1b[31mb'); // => 'a\\u001b[31mb'
 */
export function escapeTerminal(text: string): string {
  return text.replace(UNSAFE, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/**
 * The CLI's outside world with stdout and stderr passed through `escapeTerminal`: every line a
 * command prints (file names, headers, series and run names, error messages quoting a cell) goes
 * through this one function. Progress bars draw on the terminal directly, not through `io`.
 */
export function terminalSafe(io: CliIO): CliIO {
  return {
    ...io,
    stdout: (text) => io.stdout(escapeTerminal(text)),
    stderr: (text) => io.stderr(escapeTerminal(text)),
  };
}
