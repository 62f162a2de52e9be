import { type TextDialect } from './types.js';
/**
 * nanoGPT's train.py stdout: `iter N: loss X, time ..ms, mfu ..%` every iteration and
 * `step N: train loss X, val loss Y` at each evaluation (losses estimated over eval_iters batches).
 */
export declare const nanogptStdout: TextDialect;
