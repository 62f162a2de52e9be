import { type LineMatcher, type TextMatch } from './types.js';
/** True for a key named after a loss that holds a setting (`loss_scale`, `loss_weight`), not a loss value. */
export declare function isLossSetting(key: string): boolean;
/**
 * The built-in matcher for one line: every `<name>loss: <number>` / `loss=<number>` on a line
 * is a value; the x is the line's `step N` / `iter N` (or `epoch N`). A `train`/`val`/`test`
 * word on the line names the series when the loss key does not. A "Global step" is a separate
 * counter (TensorFlow test phases). `defaultMatcher` adds what needs earlier lines.
 *
 * matchDefault('Step 120: loss: 0.53')  // => [{ series: 'loss', loss: 0.53, step: 120 }]
 * matchDefault('epoch 3 loss=0.41')     // => [{ series: 'loss', loss: 0.41, epoch: 3 }]
 */
export declare function matchDefault(line: string): TextMatch[];
/**
 * The built-in matcher with what it learns from earlier lines: Keras's `Epoch 3/10` line gives
 * the epoch of the lines below it without one, and a counter that starts over at each epoch
 * (`epoch: 2/20, iter: 10/112`, `| epoch 2 | 200/ 2983 batches |`) becomes a step that runs on
 * across epochs (`(epoch - first epoch) * 112 + 10`).
 */
export declare function defaultMatcher(): LineMatcher;
