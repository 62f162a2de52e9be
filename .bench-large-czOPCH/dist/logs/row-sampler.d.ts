/**
 * Bounded memory for very long logs: every row is kept until `cap` rows are held; then every
 * other kept row is dropped and only every 2nd new row is kept, then every 4th, and so on, so at
 * most `cap` rows (about) are held however long the file. Rows with a non-finite value (a logged
 * NaN or inf: the run diverged there) are always kept. Sampling, unlike averaging, keeps each
 * point's noise as logged, which the detector's noise estimates rely on.
 */
export declare class RowSampler {
    readonly cap: number;
    /** Keep one raw row in `stride`. */
    stride: number;
    /** Raw rows seen. */
    seen: number;
    constructor(cap?: number);
    /** Whether the next raw row is kept (`forced`: it holds a non-finite value). */
    keep(forced: boolean): boolean;
    /**
     * When `held` rows reach the cap: the indices of the held rows to keep (every other one, and
     * the forced ones), and the stride doubles. Undefined while under the cap.
     */
    thin(held: number, forced: (i: number) => boolean): number[] | undefined;
    /** A note for the log, when rows were dropped. */
    note(unit?: string): string | undefined;
}
/** About 1 million rows: the 1,000,000-row benchmark reads every row. */
export declare const DEFAULT_ROW_CAP: number;
/** Keeps the elements of `values` at `indices` (ascending), in place. */
export declare function keepIndices<T>(values: T[], indices: readonly number[]): void;
