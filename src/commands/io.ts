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
