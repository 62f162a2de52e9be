import { type TextDialect } from './types.js';
/**
 * OpenMMLab's text logs (mmengine's `<timestamp>.log`, mmcv 1.x's `*.log`): every `loss*` value
 * of an `Epoch(train) [e][i/n]` or `Iter(train) [i/n]` line; x = the iteration, counted on across epochs.
 */
export declare const mmengineLog: TextDialect;
