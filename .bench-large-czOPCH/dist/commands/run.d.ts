import type { Argv, CommandModule } from 'yargs';
import { summaryEntry } from '../logs/run-dir.js';
import type { CliIO } from './io.js';
import { type RunOptions } from './run-plan.js';
import { formatLr } from './run-progress.js';
declare function builder(y: Argv): Argv<{
    schedules: string;
} & {
    epochs: number;
} & {
    lr: number;
} & {
    "batch-size": number;
} & {
    seed: number;
} & {
    seeds: number;
} & {
    "val-size": number | undefined;
} & {
    dataset: "fashion-mnist" | "mnist";
} & {
    "data-dir": string | undefined;
} & {
    backend: "auto" | "cpu" | "tensorflow" | "wasm";
} & {
    jobs: number;
} & {
    out: string | undefined;
} & {
    force: boolean;
} & {
    "step-size": number;
} & {
    gamma: number;
} & {
    milestones: string;
} & {
    "exp-gamma": number;
} & {
    monitor: "train_loss" | "val_accuracy" | "val_loss";
} & {
    patience: number;
} & {
    factor: number;
} & {
    threshold: number;
} & {
    "threshold-mode": "abs" | "rel";
} & {
    cooldown: number;
} & {
    "min-lr": number;
} & {
    "decay-factor": number;
} & {
    "plateau-rate": number;
} & {
    confirmations: number;
} & {
    "max-stuck-cuts": number;
} & {
    "use-validation": boolean;
}>;
type RunArgs = Awaited<ReturnType<ReturnType<typeof builder>['parseAsync']>>;
/** Turns parsed flags into RunOptions (the per-schedule options each schedule reads). */
export declare function runOptionsFromArgs(a: RunArgs): RunOptions;
/** `plateau-doctor run`: train and compare LR schedules. */
export declare function runCommand(io: CliIO, state: {
    exitCode: number;
}): CommandModule;
/** The final table printed on stdout. */
export declare function formatTable(entries: ReturnType<typeof summaryEntry>[]): string;
export { formatLr };
