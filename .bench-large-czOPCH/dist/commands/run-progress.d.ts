import type { EpochRecord, LrChangeEvent, RunMeta } from '../logs/run-log.js';
import type { CliIO } from './io.js';
/**
 * What `plateau-doctor run` shows while training: one progress bar per run on a terminal,
 * otherwise one line per epoch and per LR change (log-friendly). Everything goes to stderr;
 * stdout is kept for the final table.
 */
export declare class RunProgress {
    private readonly io;
    private readonly epochs;
    private readonly bars;
    private readonly multi;
    private readonly totals;
    private readonly lastMessage;
    constructor(io: CliIO, epochs: number);
    start(meta: RunMeta, stepsPerEpoch: number): void;
    steps(run: string, lastStep: number, epoch: number, loss: number, lr: number): void;
    epoch(run: string, r: EpochRecord): void;
    message(run: string, text: string): void;
    lrChange(run: string, e: LrChangeEvent): void;
    end(meta: RunMeta): void;
    stop(): void;
}
export declare function pct(v: number | null | undefined): string;
export declare function formatLr(lr: number): string;
