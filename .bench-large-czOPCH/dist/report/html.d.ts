import type { TopLevelSpec } from 'vega-lite';
import { PlateauDoctorError } from '../errors.js';
/** Escapes text for HTML element content and quoted attribute values. */
export declare function escapeHtml(text: string): string;
/**
 * JSON that is safe inside a `<script>` element: `<`, `>`, `&` and the JS line separators are
 * written as \u escapes, so no string in the data can close the element or open a comment.
 */
export declare function jsonForScript(value: unknown): string;
type Row = Record<string, unknown>;
/**
 * A column of a dataset as stored in the page:
 * - `{ seg: [start, delta, count, ...] }`: runs of arithmetic sequences (steps, epochs);
 * - `{ q, d }`: numbers quantised to integers of 10^q, delta-coded (smooth curves cost ~3 bytes
 *   a point); q keeps at least `QUANT_DIGITS` significant digits of the smallest magnitude;
 * - `{ dict, rle: [index, count, ...] }`: repetitive strings, run-length coded;
 * - a plain array otherwise (and whenever a value is null or not a number).
 */
export type EncodedColumn = unknown[] | {
    seg: number[];
} | {
    q: number;
    d: number[];
} | {
    dict: unknown[];
    rle: number[];
};
export interface EncodedDataset {
    length: number;
    columns: Record<string, EncodedColumn>;
}
/** Columnar, compact encoding of long-format rows. Decoded in the page by the same logic as `decodeDataset`. */
export declare function encodeDataset(rows: readonly Row[]): EncodedDataset;
/** The inverse of `encodeDataset` (the page runs the same logic in plain JS). */
export declare function decodeDataset(data: EncodedDataset): Row[];
/** A chart placed in the page. `id` is chosen by the code, never by the user. */
export interface PageChart {
    id: string;
    spec: TopLevelSpec;
}
export interface PageOptions {
    title: string;
    /** Trusted HTML for the body above and between the charts; build it with `escapeHtml`. */
    bodyHtml: string;
    charts: PageChart[];
}
/** Assembles the page. Datasets with the same name in several specs must hold the same rows. */
export declare function renderPage(options: PageOptions): string;
/** Writes a page atomically (temporary file + rename, src/atomic-file.ts). Returns the path and byte size. */
export declare function writePage(file: string, html: string): {
    path: string;
    bytes: number;
};
/**
 * A failed report write as a user error naming the option the user typed:
 * `--html out/report.html: cannot write the report (its directory does not exist)`.
 */
export declare function cannotWriteReport(shownAs: string, error: unknown): PlateauDoctorError;
/** The minified vega, vega-lite and vega-embed bundles, without source-map comments. */
export declare function vendorScripts(): string[];
export {};
