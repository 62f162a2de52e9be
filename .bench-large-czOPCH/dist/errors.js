/**
 * A user error: bad input, bad usage, a missing or corrupt file. The CLI prints its
 * message as one line (no stack trace) and exits with `exitCode` (2 unless told).
 * Messages name the file (and line/column where it applies) and say what to do.
 */
export class PlateauDoctorError extends Error {
    exitCode;
    constructor(message, options = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.name = 'PlateauDoctorError';
        this.exitCode = options.exitCode ?? 2;
    }
}
/** Formats `file:line:col` for error messages; line/column are 1-based and optional. */
export function location(file, line, column) {
    if (line === undefined)
        return file;
    return column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}
export function isUserError(error) {
    return error instanceof PlateauDoctorError;
}
/**
 * Throws a PlateauDoctorError naming every key of `options` that is not in `known` (a typo
 * such as `gama` must not silently fall back to a default). Undefined options pass.
 *
 * rejectUnknownOptions('StepLR', { stepSize: 5, gama: 0.1 }, ['stepSize', 'gamma']);
 * // throws: StepLR: unknown option gama (did you mean gamma?); known: stepSize, gamma
 */
export function rejectUnknownOptions(owner, options, known) {
    if (options === undefined || options === null || typeof options !== 'object')
        return;
    const unknown = Object.keys(options).filter((k) => !known.includes(k));
    if (unknown.length === 0)
        return;
    const named = unknown.map((k) => {
        const near = known.find((n) => editDistance(n.toLowerCase(), k.toLowerCase()) <= 2);
        return near ? `${k} (did you mean ${near}?)` : k;
    });
    throw new PlateauDoctorError(`${owner}: unknown option${unknown.length > 1 ? 's' : ''} ${named.join(', ')}; known: ${known.join(', ') || 'none'}`);
}
/** Levenshtein distance, for "did you mean" hints on short option names. */
function editDistance(a, b) {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const cur = [i];
        for (let j = 1; j <= b.length; j++)
            cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = cur;
    }
    return prev[b.length];
}
//# sourceMappingURL=errors.js.map