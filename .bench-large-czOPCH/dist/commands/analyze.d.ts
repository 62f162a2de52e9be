import type { CommandModule } from 'yargs';
import type { Verdict } from '../detect/types.js';
import { type AnalyzedFile } from '../logs/analyze-log.js';
import type { SkippedFile } from '../logs/discover.js';
import { type LossLogFormat } from '../logs/read-loss-log.js';
import type { XUnit } from '../logs/loss-log.js';
import { type CliIO } from './io.js';
/** Verdicts `--fail-on` accepts. */
export declare const VERDICTS: readonly Verdict[];
export interface AnalyzeArgs {
    files: string[];
    format?: LossLogFormat;
    column?: string[];
    x?: XUnit;
    pattern?: string;
    json: boolean;
    html?: string;
    follow: boolean;
    failOn?: string;
    restarts: 'auto' | 'split' | 'stitch';
    interval: number;
}
/** `plateau-doctor analyze FILE...`: diagnose any loss log. Exit 0 ok, 1 `--fail-on` matched, 2 bad input. */
export declare function analyzeCommand(io: CliIO, state: {
    exitCode: number;
}): CommandModule<object, AnalyzeArgs>;
/** Parses `--fail-on`; throws on an unknown verdict. */
export declare function parseFailOn(value: string | undefined): Set<Verdict>;
export declare function runAnalyze(args: AnalyzeArgs, io: CliIO): Promise<number>;
export declare function matchesFailOn(results: AnalyzedFile[], failOn: Set<Verdict>): string[];
/** The default human-readable report, one block per series. */
export declare function formatText(results: AnalyzedFile[]): string;
/** After a directory walk: the files that are not logs, once (by extension when there are many). */
export declare function formatSkipped(skipped: SkippedFile[]): string;
/** After a directory walk: one row per run and series (verdict, best value, where it plateaued). */
export declare function formatRunTable(results: AnalyzedFile[]): string;
