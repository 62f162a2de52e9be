import type { RunPlan } from '../train/events.js';
/** `plateau-doctor run` options after parsing; defaults are the seed pipeline's. */
export interface RunOptions {
    /** Default ['none', 'step', 'plateau', 'doctor']. */
    schedules: string[];
    /** Default 10. */
    epochs: number;
    /** Default 0.01. */
    lr: number;
    /** Default 64. */
    batchSize: number;
    /** First seed. Default 0. */
    seed: number;
    /** Number of seeds (seed, seed+1, ...). Default 1. */
    seeds: number;
    /** Default 5000. */
    valSize: number;
    /** Default 'mnist'. */
    dataset: 'mnist' | 'fashion-mnist';
    /** Default './data'. */
    dataDir: string;
    /** Default 'auto'. */
    backend: 'auto' | 'tensorflow' | 'wasm' | 'cpu';
    /** Per-schedule options (stepSize, gamma, milestones, patience, factor, ...). */
    scheduleOptions: Record<string, Record<string, unknown>>;
}
/** Checks the options and expands them into one plan per (seed, schedule). Pure. */
export declare function planRuns(o: RunOptions): RunPlan[];
/** A timestamped folder name under ./runs, e.g. runs/2026-11-25T03-50-12. */
export declare function defaultOutDir(now: Date): string;
