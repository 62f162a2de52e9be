import type { Argv } from 'yargs';
/**
 * Makes every option that takes a value require one: `run --lr --epochs 1` is an error ("--lr
 * needs a value") instead of silently keeping the default LR. Booleans are left alone. Call it
 * at the end of a command's builder, once every option is declared.
 */
export declare function requireOptionValues<T>(y: Argv<T>): Argv<T>;
