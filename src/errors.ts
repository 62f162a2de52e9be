/**
 * A user error: bad input, bad usage, a missing or corrupt file. The CLI prints its
 * message as one line (no stack trace) and exits with `exitCode` (2 unless told).
 * Messages name the file (and line/column where it applies) and say what to do.
 */
export class PlateauDoctorError extends Error {
  readonly exitCode: number;
  constructor(message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PlateauDoctorError';
    this.exitCode = options.exitCode ?? 2;
  }
}

/** Formats `file:line:col` for error messages; line/column are 1-based and optional. */
export function location(file: string, line?: number, column?: number): string {
  if (line === undefined) return file;
  return column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}

export function isUserError(error: unknown): error is PlateauDoctorError {
  return error instanceof PlateauDoctorError;
}
