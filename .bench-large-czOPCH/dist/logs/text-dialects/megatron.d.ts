import { type TextDialect } from './types.js';
/**
 * Megatron-LM (and NeMo's Megatron path, Megatron-DeepSpeed) stdout: `iteration N/M | ... | lm loss: X |`
 * lines (every `... loss: X` field a series, LR from `learning rate:`) and
 * `validation loss at iteration N | lm loss value: X |` lines (`validation lm loss`).
 */
export declare const megatronLog: TextDialect;
