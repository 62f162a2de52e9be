/**
 * Refuses an `--out` that cannot become a writable directory: an existing path that is not a
 * directory, a missing path whose nearest existing ancestor is a file, or one in which no
 * directory can be created (tried with a probe directory that is removed at once).
 * Also refuses a non-empty existing directory unless `force` (or `unique`: see createOutDir); with `force`, only run folders
 * that plateau-doctor wrote (with a run.json) may be replaced.
 */
export declare function checkOutDir(outDir: string, options: {
    force: boolean;
    runNames: readonly string[];
    flag?: string;
    unique?: boolean;
}): void;
/**
 * Creates the output directory and returns its path and whether this call created it.
 * `unique`: the directory must be new; when the name is taken (another run started in the same
 * second), `-2`, `-3`, ... are tried, each with an atomic mkdir, so two processes never share one.
 */
export declare function createOutDir(outDir: string, options: {
    unique: boolean;
    flag?: string;
}): {
    dir: string;
    created: boolean;
};
