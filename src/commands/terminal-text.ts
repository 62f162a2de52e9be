import type { CliIO } from './io.js';

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
