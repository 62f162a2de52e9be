/**
 * What `analyze` produces and the analyze report draws: the one type for a loss log's series
 * with the detector's diagnoses (data only; the app layer fills it, the report renders it).
 */
import type { PairDiagnosis } from '../detect/pair.js';
import type { SeriesDiagnosis, Verdict } from '../detect/types.js';
import type { LossSeries, SeriesRole, XUnit } from './loss-log.js';
import type { AlignedPair } from './pairs.js';

/** A series and the detector's diagnosis of it (null: not diagnosed). All the analyze report needs. */
export interface SeriesWithDiagnosis {
  /** The series itself (not printed in JSON; the report draws it). */
  series: LossSeries;
  diagnosis: SeriesDiagnosis | null;
}

/** One diagnosed series as `analyze` reports it: what `--json` prints per series (plus `diagnosis`). */
export interface AnalyzedSeries extends SeriesWithDiagnosis {
  name: string;
  role: SeriesRole;
  x: XUnit;
  points: number;
  verdict: Verdict;
  plateaus: { start: number; end: number; level: number }[];
  knee: number | null;
  suggestion: string;
  summary: string;
  /** The full offline diagnosis (evidence, segments, LR responses). */
  diagnosis: SeriesDiagnosis;
}

/** One training/validation pair of a file with its diagnosis: what `analyze` prints per pair. */
export interface AnalyzedPair {
  train: string;
  /** The held-out series: a validation series, or (`heldOut: 'test'`) a test series evaluated during training, when the log has no validation series. */
  validation: string;
  test: string | null;
  heldOut: 'validation' | 'test';
  run: string | null;
  quantity: string;
  kind: PairDiagnosis['kind'];
  /** x of the validation minimum (the checkpoint to keep), or null. */
  bestAt: number | null;
  summary: string;
  suggestion: string;
  diagnosis: PairDiagnosis;
  /** Both curves on the validation x axis (not printed in JSON; the report draws the gap). */
  aligned: AlignedPair;
}

/**
 * A file that was read (`ok`, its series with their diagnoses) or could not be (`error`, a
 * one-line message). `analyze` produces `AnalyzedFile` (every series diagnosed); the analyze
 * report accepts any `AnalyzedFile<SeriesWithDiagnosis, AnalyzeReportPair>` (pairs with the fields it draws).
 */
export type AnalyzedFile<S extends SeriesWithDiagnosis = AnalyzedSeries, P = AnalyzedPair> =
  | { kind: 'ok'; file: string; format: string; notes: string[]; series: S[]; pairs: P[]; run?: string; parts?: string[] }
  | { kind: 'error'; file: string; error: string };
