/**
 * The analyze report's chart data: one panel per analysed file (and x unit), its series (raw
 * extremes and a smoothed line when long), the plateaus, knees and LR responses of the
 * diagnoses it is given. Pure.
 */
import type { SeriesDiagnosis } from '../detect/types.js';
import { debiasedEma } from '../detect/stats/smoothing.js';
import type { LossLog } from '../logs/loss-log.js';
import { uniqueLabels } from './model.js';
import { num, roundSignificant } from '../numbers.js';
import { minMaxDownsample, roundForJson } from './series.js';

export interface AnalyzeReportOptions {
  /** Page title. Default 'plateau-doctor analyze'. */
  title?: string;
  /** Time shown as the report's date. Default: now. */
  generatedAt?: Date;
  /** EMA weight for series with more than `smoothAbove` points. Default 0.9. */
  smoothing?: number;
  /** Series with more points get a faint raw line and a smoothed line. Default 300. */
  smoothAbove?: number;
  /** Buckets for the raw line of long series (min and max kept per bucket). Default 1000. */
  rawBuckets?: number;
  /** Points kept of a smoothed line (every k-th point beyond that). Default 5000. */
  maxSmoothPoints?: number;
  /** Width of each panel in pixels. Default 900. */
  width?: number;
}

export interface AnalyzePanelData {
  file: string;
  format: string;
  xTitle: string;
  series: string[];
  verdictLines: string[];
  raw: Array<{ series: string; x: number; y: number | null }>;
  smooth: Array<{ series: string; x: number; y: number | null }>;
  plateaus: Array<{ series: string; start: number; end: number; level: number }>;
  knees: Array<{ series: string; x: number; y: number }>;
  lrChanges: Array<{ series: string; x: number; change: string; summary: string; responded: string }>;
  /** The band between a training loss and its validation loss, per evaluation. */
  gaps: Array<{ pair: string; x: number; train: number; val: number }>;
  /** The best validation loss of each pair (where to stop). */
  bests: Array<{ pair: string; x: number; y: number; kind: string }>;
  smoothing: number;
  logAllowed: boolean;
}

/** A diagnosed training/validation pair: both curves on the validation x axis, and where validation was best (analyze's AnalyzedPair fits). */
export interface AnalyzeReportPair {
  train: string;
  validation: string;
  kind: string;
  summary: string;
  suggestion: string;
  bestAt: number | null;
  aligned: { x: string; xs: readonly number[]; val: readonly number[]; train: readonly number[] };
}

/** Chart data of one analysed file. Pure. */
export function analyzePanelData(log: LossLog, diagnoses: ReadonlyArray<SeriesDiagnosis | null>, options: AnalyzeReportOptions = {}, pairs: ReadonlyArray<AnalyzeReportPair> = []): AnalyzePanelData {
  const smoothing = options.smoothing ?? 0.9;
  const smoothAbove = options.smoothAbove ?? 300;
  const rawBuckets = options.rawBuckets ?? 1000;
  const maxSmooth = options.maxSmoothPoints ?? 5000;
  const names = uniqueLabels(log.series.map((s) => s.name));
  const panel: AnalyzePanelData = {
    file: log.file,
    format: log.format,
    xTitle: unitTitle(log.series[0]?.x ?? 'step'),
    series: names,
    verdictLines: [],
    raw: [],
    smooth: [],
    plateaus: [],
    knees: [],
    lrChanges: [],
    gaps: [],
    bests: [],
    smoothing,
    logAllowed: true,
  };
  for (const p of pairs) {
    const pair = `${p.train} / ${p.validation}`;
    const a = p.aligned;
    for (let k = 0; k < a.xs.length; k++) {
      if (Number.isFinite(a.train[k]) && Number.isFinite(a.val[k])) panel.gaps.push({ pair, x: a.xs[k], train: roundSignificant(a.train[k], 5), val: roundSignificant(a.val[k], 5) });
    }
    const best = p.bestAt === null ? -1 : a.xs.indexOf(p.bestAt);
    if (best >= 0) panel.bests.push({ pair, x: a.xs[best], y: roundSignificant(a.val[best], 5), kind: p.kind });
  }
  log.series.forEach((s, i) => {
    const series = names[i];
    const d = diagnoses[i] ?? null;
    panel.verdictLines.push(verdictLine(series, d));
    if (s.ys.some((y) => Number.isFinite(y) && y <= 0)) panel.logAllowed = false;
    // Long series: faint raw extremes under a smoothed line; short ones are drawn as they are.
    const long = s.xs.length > smoothAbove;
    const line = long ? debiasedEma(s.ys, smoothing) : s.ys;
    if (long) for (const p of minMaxDownsample(s.xs, s.ys, rawBuckets)) panel.raw.push({ series, x: p.x, y: roundForJson(p.y, 5) });
    const every = long ? Math.max(1, Math.ceil(s.xs.length / maxSmooth)) : 1;
    for (let k = 0; k < s.xs.length; k += every) if (Number.isFinite(line[k])) panel.smooth.push({ series, x: s.xs[k], y: roundForJson(line[k], 5) });
    if (!d) return;
    for (const p of d.plateaus) panel.plateaus.push({ series, start: p.start, end: p.end, level: p.level });
    if (d.knee !== null && s.xs.length > 0) {
      let k = 0;
      for (let j = 1; j < s.xs.length; j++) if (Math.abs(s.xs[j] - d.knee) < Math.abs(s.xs[k] - d.knee)) k = j;
      if (Number.isFinite(line[k])) panel.knees.push({ series, x: s.xs[k], y: roundSignificant(line[k], 5) });
    }
    for (const r of d.lrResponses) {
      panel.lrChanges.push({ series, x: r.at, change: `${num(r.oldLr)} → ${num(r.newLr)}`, summary: r.summary, responded: r.kind === 'slowed' ? 'no: progress slowed' : r.responded ? 'yes' : 'no' });
    }
  });
  return panel;
}

/** "train_loss: plateau: <summary> (<suggestion>)", or "<series>: not diagnosed". */
export function verdictLine(series: string, d: SeriesDiagnosis | null): string {
  if (!d) return `${series}: not diagnosed`;
  return `${series}: ${d.verdict}: ${d.summary}${d.suggestion ? ` (${d.suggestion})` : ''}`;
}

function unitTitle(x: string): string {
  return x === 'time' ? 'wall time (s)' : x;
}
