import type { RunSummaryEntry } from '../logs/run-dir.js';
import { type MeanInterval, type PairedTTest } from '../report/stats.js';
/** Final test accuracy per schedule over seeds, and which schedule (if any) is ahead. Percent points. */
export interface SeedComparison {
    rows: Array<{
        schedule: string;
        accuracy: MeanInterval;
        seeds: number[];
        leftOut: number;
    }>;
    /** The highest mean against the next highest, paired by seed; null with fewer than two schedules with results. */
    lead: {
        schedule: string;
        over: string;
        test: PairedTTest | null;
        significant: boolean;
    } | null;
}
/**
 * Groups `run --seeds N` results by schedule: mean final test accuracy with its 95% t interval
 * over the seeds that completed, and the highest mean compared with the runner-up by a paired
 * t-test over their common seeds (runs with one seed share weights and data order). Interrupted
 * or diverged runs are left out and counted.
 */
export declare function compareOverSeeds(entries: readonly RunSummaryEntry[]): SeedComparison;
/** The comparison as lines for stdout, e.g. "winner: doctor, +0.41 points over none (95% CI +0.12..+0.70, paired by seed, 3 seeds)". */
export declare function formatSeedComparison(c: SeedComparison): string;
