/**
 * A user error: bad input, bad usage, a missing or corrupt file. The CLI prints its
 * message as one line (no stack trace) and exits with `exitCode` (2 unless told).
 * Messages name the file (and line/column where it applies) and say what to do.
 */
export declare class PlateauDoctorError extends Error {
    readonly exitCode: number;
    constructor(message: string, options?: {
        exitCode?: number;
        cause?: unknown;
    });
}
/** Formats `file:line:col` for error messages; line/column are 1-based and optional. */
export declare function location(file: string, line?: number, column?: number): string;
export declare function isUserError(error: unknown): error is PlateauDoctorError;
/**
 * Throws a PlateauDoctorError naming every key of `options` that is not in `known` (a typo
 * such as `gama` must not silently fall back to a default). Undefined options pass.
 *
 * rejectUnknownOptions('StepLR', { stepSize: 5, gama: 0.1 }, ['stepSize', 'gamma']);
 * // throws: StepLR: unknown option gama (did you mean gamma?); known: stepSize, gamma
 */
export declare function rejectUnknownOptions(owner: string, options: object | undefined | null, known: readonly string[]): void;
