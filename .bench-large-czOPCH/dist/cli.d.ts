import { PlateauDoctorError } from './errors.js';
import { type CliIO } from './commands/io.js';
/**
 * Parses argv and runs one command. Returns the exit code: 0 ok, 1 a `--fail-on` match,
 * 2 bad usage or bad input, 130 interrupted (Ctrl-C), 143 terminated (SIGTERM). User errors print one
 * line, never a stack.
 */
export declare function main(argv: string[], io?: CliIO): Promise<number>;
export { PlateauDoctorError };
