/**
 * yargs drops a lone `-` (standard input) from positionals; the CLI passes it through as this
 * token, which `analyze` turns back into `-`.
 */
export const STDIN_TOKEN = '\u0000stdin';
export function processIO(signal) {
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
export function signalExitCode(signal) {
    return signal === 'SIGTERM' ? 143 : 130;
}
/**
 * Commands return 130 when interrupted; when the interruption was a SIGTERM (the signal's
 * reason), the process exits 143 instead, so a scheduler sees the signal it sent.
 */
export function interruptedExitCode(code, signal) {
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
export function escapeTerminal(text) {
    return text.replace(UNSAFE, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}
/**
 * The CLI's outside world with stdout and stderr passed through `escapeTerminal`: every line a
 * command prints (file names, headers, series and run names, error messages quoting a cell) goes
 * through this one function. Progress bars draw on the terminal directly, not through `io`.
 */
export function terminalSafe(io) {
    return {
        ...io,
        stdout: (text) => io.stdout(escapeTerminal(text)),
        stderr: (text) => io.stderr(escapeTerminal(text)),
    };
}
//# sourceMappingURL=io.js.map