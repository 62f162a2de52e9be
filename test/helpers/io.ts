import type { CliIO } from '../../src/commands/io.js';

/** An in-memory CliIO for running commands in-process. */
export function captureIO(cwd = process.cwd()): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout(t: string) {
      io.out += t;
    },
    stderr(t: string) {
      io.err += t;
    },
    isTTY: false,
    cwd,
    env: {},
    signal: new AbortController().signal,
  };
  return io;
}
