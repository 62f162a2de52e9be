/**
 * Sentences for a pair diagnosis (src/detect/pair.ts): a one-line summary with the numbers the
 * kind rests on, and what to do. Built only from the typed PairDiagnosis.
 */
import { num, pct, xValue } from '../numbers.js';
import { at, formatTrend } from './format.js';
import { LONGER_SCHEDULE } from './explain.js';
import type { PairDiagnosis, SegmentTrend } from './pair.js';
import type { Evidence, SeriesDiagnosis } from './types.js';

export interface PairNames {
  train: string;
  val: string;
}

export interface PairExplanation {
  summary: string;
  suggestion: string;
}

/**
 * @example explainPair(diagnosePair({ x: 'epoch', xs, val, train }), { train: 'loss', val: 'val_loss' }).suggestion
 * // => 'early stopping: keep the checkpoint of epoch 25 (best val_loss 0.472), stop after 5 epochs without a new best; ...'
 */
export function explainPair(d: PairDiagnosis, names: PairNames): PairExplanation {
  const label = (x: number) => at(x, d.x);
  const trendText = (t: SegmentTrend | null) => (t ? `${formatTrend(t.trend, d.thresholds.confidence)} over ${label(t.from)}..${xValue(t.to)}` : '');
  const v = d.valTrend;
  const t = d.trainTrend;
  const best = d.best;
  const bestText = best ? `best ${names.val} ${num(best.val)} at ${label(best.at)}` : '';
  const patienceText = d.patience !== null ? `stop after ${d.patience} ${d.x === 'epoch' ? 'epochs' : 'evaluations'} without a new best` : '';
  const gapText = d.gap ? `, gap ${num(d.gap.start)} -> ${num(d.gap.end)}` : '';
  // What the training trend's interval says, in words that never contradict it.
  const trainWords = (falls: string, flat: string) => {
    if (!t) return flat;
    if (t.per10.high < -d.thresholds.plateauRatePer10pct / 4) return falls;
    if (t.per10.high < 0) return 'falls, but negligibly';
    if (t.per10.low > 0) return 'rises slightly';
    return flat;
  };
  switch (d.kind) {
    case 'overfitting': {
      const lost = `${num(d.last!.val)} now (${pct(d.lostSinceBest!, true)}%)`;
      return {
        summary: `overfitting since ${label(best!.at)}: ${bestText}, ${lost}; ${names.val} rising ${trendText(v)} while ${names.train} ${trainWords('still falls', 'is flat')}, ${trendText(t)}${gapText}`,
        suggestion: `early stopping: keep the checkpoint of ${label(best!.at)} (${bestText}; ${pct(d.lostSinceBest!)}% lost since), ${patienceText}; then regularise (weight decay, dropout) or augment the data to lower the best`,
      };
    }
    case 'generalization_gap':
      return {
        summary: `generalization gap: ${names.val} stopped improving at ${label(d.stalledSince!)} (${bestText}), ${trendText(v)}, while ${names.train} still falls, ${trendText(t)}${gapText}${d.gapTrend ? `, widening ${formatTrend(d.gapTrend, d.thresholds.confidence)}` : ''}`,
        suggestion: `early stopping: more training will not help ${names.val}; keep the checkpoint of ${label(best!.at)} (${bestText}), ${patienceText}; regularise (weight decay, dropout) or augment the data to close the gap; a decay may buy a little`,
      };
    case 'both_descending':
      return {
        summary: `both still falling: ${names.val} ${trendText(v)}, ${names.train} ${trendText(t)}`,
        suggestion:
          d.lr && d.lr.annealed
            ? `both still improving with the LR already annealed (${num(d.lr.peak)} -> ${num(d.lr.last)}): keep training; ${LONGER_SCHEDULE}`
            : 'both still improving: keep training (do not decay yet)',
      };
    case 'both_plateau': {
      const lr = d.lr;
      return {
        summary: `both flat since ${label(d.stalledSince!)}: ${names.val} ${trendText(v)}, ${names.train} ${trainWords(`falling slowly, inside the ±${pct(d.thresholds.plateauRatePer10pct)}% per 10% of run band`, 'not falling')}, ${trendText(t)} (${bestText})`,
        suggestion: lr && lr.annealed
          ? `the LR is already annealed (${num(lr.peak)} -> ${num(lr.last)}): a decay cannot help; converged for this model and data: stop, or change the model, data or regularisation`
          : 'a plateau of both: a decay would likely help, or a larger model / more data',
      };
    }
    case 'val_falls_train_flat':
      return {
        summary: `unusual: ${names.val} still falls, ${trendText(v)}, while ${names.train} is flat, ${trendText(t)}`,
        suggestion: `unusual: validation improves while training does not; check that ${names.train} is measured like ${names.val} (dropout or augmentation on, a running average over the epoch); keep training while ${names.val} falls`,
      };
    case 'diverging':
      return d.nonFiniteAt !== null
        ? { summary: `diverging: non-finite loss at ${label(d.nonFiniteAt)}`, suggestion: `diverging since ${label(d.nonFiniteAt)}: lower the LR, add gradient clipping or warmup, check the data for NaN/inf` }
        : {
            summary: `diverging: ${names.train} rises too, ${trendText(t)}; ${names.val} ${trendText(v)}`,
            suggestion: 'both losses rise: lower the LR (or add warmup / gradient clipping)',
          };
    case 'insufficient_data':
      return d.points < d.thresholds.minPoints
        ? { summary: `not enough evaluations to judge the pair: ${d.points} (need ${d.thresholds.minPoints})`, suggestion: 'not enough validation points: evaluate more often' }
        : {
            summary: `no clear relation: ${names.val} ${trendText(v)}, ${names.train} ${trendText(t)}${best ? ` (${bestText})` : ''}: the intervals cannot tell the cases apart`,
            suggestion: 'not enough evidence either way: keep training and keep the best checkpoint',
          };
  }
}

/**
 * The per-series diagnosis of a validation series, as its pair reads it:
 * - `overfitting`: verdict `overfitting`, the pair's sentences, and the rise since the best as the
 *   evidence's trend (Sen's interval above 0), so the verdict never contradicts its printed interval;
 * - `generalization_gap` or `both_plateau`, where the series alone was `insufficient_data` and the
 *   validation stretch is flat within ±plateauRate per 10% of the run: verdict `plateau` since the
 *   stretch's start, with that stretch as evidence;
 * - `both_descending` or `val_falls_train_flat`, where the series alone was `insufficient_data`:
 *   verdict `descending` (the pair's validation trend has its interval below 0);
 * - `overfitting` and `generalization_gap` also take the pair's advice (stop early, not a decay).
 * Any other series diagnosis is returned as it is.
 */
export function pairSeriesDiagnosis(series: SeriesDiagnosis, d: PairDiagnosis, text: PairExplanation): SeriesDiagnosis {
  const v = d.valTrend;
  if (!v || !d.best || !d.last) return series;
  const rate = d.thresholds.plateauRatePer10pct;
  const evidence = (extra: Partial<Evidence> & { level: number }): Evidence => ({
    ...(series.evidence ?? { levelRelStart: 1, thresholds: {} }),
    window: { start: v.from, end: v.to, points: v.points },
    trend: v.trend,
    trendPer10pct: v.per10,
    theilSen: v.trend,
    trendMethod: 'theil-sen',
    mannKendallP: v.mannKendallP,
    noise: d.valNoise ?? 0,
    thresholds: { ...(series.evidence?.thresholds ?? {}), ...d.thresholds },
    validation: { bestEpoch: d.best!.at, bestLoss: d.best!.val, lastLoss: d.last!.val, epochsSinceBest: v.points, trend: v.trend },
    ...extra,
  });
  const suggestion = d.kind === 'overfitting' || d.kind === 'generalization_gap' ? text.suggestion : series.suggestion;
  if (d.kind === 'overfitting') return { ...series, verdict: 'overfitting', evidence: evidence({ level: d.last.val }), summary: text.summary, suggestion };
  const flat = v.per10.low > -rate && v.per10.high < rate && d.stalledSince !== null;
  if ((d.kind === 'generalization_gap' || d.kind === 'both_plateau') && series.verdict === 'insufficient_data' && flat) {
    const level = (v.startLevel + v.endLevel) / 2;
    return { ...series, verdict: 'plateau', evidence: evidence({ level, plateauStart: d.stalledSince! }), summary: `plateau since ${at(d.stalledSince!, d.x)}, Theil-Sen trend ${formatTrend(v.trend, d.thresholds.confidence)} (read with its training pair: ${text.summary})`, suggestion };
  }
  const falling = v.per10.high < -rate / 4;
  if ((d.kind === 'both_descending' || d.kind === 'val_falls_train_flat') && series.verdict === 'insufficient_data' && falling) {
    return { ...series, verdict: 'descending', evidence: evidence({ level: v.endLevel }), summary: `descending, Theil-Sen trend ${formatTrend(v.trend, d.thresholds.confidence)} over ${at(v.from, d.x)}..${xValue(v.to)} (read with its training pair: ${text.summary})`, suggestion };
  }
  return { ...series, suggestion };
}
