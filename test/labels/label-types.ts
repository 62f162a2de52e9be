/**
 * Types of the hand-made labelled set (test/labels/series-labels.ts, pair-labels.ts): what an
 * engineer reads in each loss series of shared/real-logs and shared/real-logs-2, written down
 * before any tuning of the detector against it.
 */
import { createHash } from 'node:crypto';

export const SERIES_VERDICTS = ['descending', 'plateau', 'stuck', 'diverging', 'overfitting', 'insufficient_data', 'warmup'] as const;
export type SeriesVerdict = (typeof SERIES_VERDICTS)[number];

export const PAIR_KINDS = ['overfitting', 'generalization_gap', 'both_descending', 'both_plateau', 'val_falls_train_flat', 'diverging', 'insufficient_data'] as const;
export type PairKind = (typeof PAIR_KINDS)[number];

export const CORPORA = ['real-logs', 'real-logs-2'] as const;
export type Corpus = (typeof CORPORA)[number];

export type Role = 'train' | 'val' | 'test' | 'other';
export type Confidence = 'clear' | 'ambiguous';
export type Half = 'tune' | 'confirm';

export interface SeriesLabel {
  corpus: Corpus;
  /** Path relative to the corpus folder (shared/<corpus>/). */
  file: string;
  /** The MANIFEST's series name (for multi-run files: the name inside one run). */
  series: string;
  /** 1-based run ordinal in file order for files holding several runs/sessions, else null. */
  run: number | null;
  role: Role;
  /** Per-series verdicts an engineer accepts. */
  accept: SeriesVerdict[];
  confidence: Confidence;
  half: Half;
  /** The numbers read, one line. */
  note: string;
  /** Other names a reader may give the same series (e.g. 'column 2' for a headerless file). */
  aliases?: string[];
  /** The log's own LR ends far below its peak (a further decay cannot help). */
  lrAnnealed?: boolean;
  lrSchedule?: string;
  /** The file holds no curve for this series: no output (a one-line refusal) is the right answer. */
  noCurve?: boolean;
}

export interface PairLabel {
  corpus: Corpus;
  file: string;
  run: number | null;
  train: string;
  val: string;
  accept: PairKind[];
  /** x of the validation minimum, in the log's own units, or null when there is none. */
  bestAt: number | null;
  /** Range an engineer accepts as "where to stop". */
  bestAtTolerance: [number, number] | null;
  confidence: Confidence;
  half: Half;
  note: string;
}

/** Sort key of a file: sha1 of "corpus/file". */
function fileHash(corpus: Corpus, file: string): string {
  return createHash('sha1').update(`${corpus}/${file}`).digest('hex');
}

/**
 * Deterministic split by file: within each corpus, files ranked by sha1 of "corpus/file";
 * the first ceil(n/2) are 'tune', the rest 'confirm'.
 */
export function halvesByFile(entries: Array<{ corpus: Corpus; file: string }>): Map<string, Half> {
  const out = new Map<string, Half>();
  for (const corpus of CORPORA) {
    const files = [...new Set(entries.filter((e) => e.corpus === corpus).map((e) => e.file))];
    files.sort((a, b) => (fileHash(corpus, a) < fileHash(corpus, b) ? -1 : 1));
    const cut = Math.ceil(files.length / 2);
    files.forEach((f, i) => out.set(`${corpus}/${f}`, i < cut ? 'tune' : 'confirm'));
  }
  return out;
}
