/** The package version, read from package.json next to src/ or dist/. */
export declare const VERSION: string;
