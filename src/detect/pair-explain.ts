/**
 * Sentences for a pair diagnosis (src/detect/pair.ts): a one-line summary with the numbers the
 * kind rests on, and what to do. Built only from the typed PairDiagnosis.
 */
import { at, formatTrend, num, pct } from './format.js';
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
  const trendText = (t: SegmentTrend | null) => (t ? `${formatTrend(t.trend, d.thresholds.confidence)} over ${label(t.from)}..${num(t.to)}` : '');
  const v = d.valTrend;
  const t = d.trainTrend;
  const best = d.best;
  const bestText = best ? `best ${names.val} ${num(best.val)} at ${label(best.at)}` : '';
  const patienceText = d.patience !== null ? `stop after ${d.patience} ${d.x === 'epoch' ? 'epochs' : 'evaluations'} without a new best` : '';
  const gapText = d.gap ? `, gap ${num(d.gap.start)} -> ${num(d.gap.end)}` : '';
  switch (d.kind) {
    case 'overfitting': {
      const lost = `${num(d.last!.val)} now (${pct(d.lostSinceBest!, true)}%)`;
      return {
        summary: `overfitting since ${label(best!.at)}: ${bestText}, ${lost}; ${names.val} rising ${trendText(v)} while ${names.train} ${d.trainFalls ? 'still falls' : 'does not rise'}, ${trendText(t)}${gapText}`,
        suggestion: `early stopping: keep the checkpoint of ${label(best!.at)} (${bestText}; ${pct(d.lostSinceBest!)}% lost since), ${patienceText}; then regularise (weight decay, dropout) or augment the data to lower the best`,
      };
    }
    case 'generalization_gap':
      return {
        summary: `generalization gap: ${names.val} stopped improving at ${label(d.stalledSince!)} (${bestText}), ${trendText(v)}, while ${names.train} still falls, ${trendText(t)}${gapText}`,
        suggestion: `early stopping: more training will not help ${names.val}; keep the checkpoint of ${label(best!.at)} (${bestText}), ${patienceText}; regularise (weight decay, dropout) or augment the data to close the gap; a decay may buy a little`,
      };
    case 'both_descending':
      return {
        summary: `both still falling: ${names.val} ${trendText(v)}, ${names.train} ${trendText(t)}`,
        suggestion: 'both still improving: keep training (do not decay yet)',
      };
    case 'both_plateau': {
      const lr = d.lr;
      return {
        summary: `both flat since ${label(d.stalledSince!)}: ${names.val} ${trendText(v)}, ${names.train} not falling, ${trendText(t)} (${bestText})`,
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
 * The per-series diagnosis of a validation series whose pair is overfitting: verdict
 * `overfitting`, the pair's sentences, and evidence whose trend is the rise since the best
 * (Theil-Sen with Sen's interval, above 0), so the verdict never contradicts its printed interval.
 */
export function overfittingSeriesDiagnosis(series: SeriesDiagnosis, d: PairDiagnosis, text: PairExplanation): SeriesDiagnosis {
  const v = d.valTrend;
  if (d.kind !== 'overfitting' || !v || !d.best || !d.last) return series;
  const evidence: Evidence = {
    ...(series.evidence ?? { levelRelStart: 1, thresholds: {} }),
    window: { start: v.from, end: v.to, points: v.points },
    trend: v.trend,
    trendPer10pct: v.per10,
    theilSen: v.trend,
    trendMethod: 'theil-sen',
    mannKendallP: v.mannKendallP,
    noise: d.valNoise ?? 0,
    level: d.last.val,
    thresholds: { ...(series.evidence?.thresholds ?? {}), ...d.thresholds },
    validation: { bestEpoch: d.best.at, bestLoss: d.best.val, lastLoss: d.last.val, epochsSinceBest: v.points, trend: v.trend },
  };
  return { ...series, verdict: 'overfitting', evidence, summary: text.summary, suggestion: text.suggestion };
}
