import { type TextDialect } from './types.js';
/**
 * fairseq's `--log-format simple` (the default when not on a terminal): `train_inner` lines every
 * `--log-interval` updates and a `valid on '<subset>'` line per validation; x = `num_updates`.
 */
export declare const fairseqLog: TextDialect;
