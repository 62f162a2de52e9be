/** Training/validation pairs of a log: found and aligned (src/logs), diagnosed (src/detect). */
import { diagnosePair } from '../detect/pair.js';
import { explainPair, pairSeriesDiagnosis } from '../detect/pair-explain.js';
import type { SeriesDiagnosis, Verdict } from '../detect/types.js';
import type { AnalyzedPair } from '../logs/analysis.js';
import type { LossLog } from '../logs/loss-log.js';
import { alignPair, findPairs } from '../logs/pairs.js';

export type { AnalyzedPair };

/** The per-series fields a pair diagnosis updates (analyze's AnalyzedSeries has them). */
export interface PairedSeries {
  verdict: Verdict;
  summary: string;
  suggestion: string;
  diagnosis: SeriesDiagnosis;
}

/**
 * Finds and diagnoses the training/validation pairs of a log, and lets each pair's reading into
 * its validation series' own verdict (`pairSeriesDiagnosis`: a validation loss rising while the
 * training loss falls is overfitting, not diverging or insufficient data). `series` is in log
 * order and is updated in place.
 */
export function analyzePairs(log: LossLog, series: PairedSeries[]): AnalyzedPair[] {
  const out: AnalyzedPair[] = [];
  for (const p of findPairs(log)) {
    const train = log.series[p.train];
    const val = log.series[p.validation];
    const aligned = alignPair(train, val);
    if (!aligned) continue;
    const d = diagnosePair(aligned);
    const text = explainPair(d, { train: train.name, val: val.name });
    out.push({
      train: train.name,
      validation: val.name,
      test: p.test !== null ? log.series[p.test].name : null,
      heldOut: p.heldOut,
      run: p.run,
      quantity: p.quantity,
      kind: d.kind,
      bestAt: d.best ? d.best.at : null,
      summary: text.summary,
      suggestion: text.suggestion,
      diagnosis: d,
      aligned,
    });
    const s = series[p.validation];
    if (!s) continue;
    s.diagnosis = pairSeriesDiagnosis(s.diagnosis, d, text);
    s.verdict = s.diagnosis.verdict;
    s.summary = s.diagnosis.summary;
    s.suggestion = s.diagnosis.suggestion;
  }
  return out;
}

/** The `--json` form of a pair (the aligned curves left out). */
export function pairJson(p: AnalyzedPair): unknown {
  const { aligned: _aligned, diagnosis, ...rest } = p;
  return { ...rest, evidence: diagnosis };
}
