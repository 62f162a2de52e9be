import { BlockSeries } from './blocks.js';
import { assess, type Assessment } from './assess.js';
import { resolveDetectorOptions, type DetectorOptions } from './options.js';
import { segmentBlocks, plateauSpans, toSegment } from './segment.js';
import { at, num } from './format.js';
import { lrResponses } from './lr-response.js';
import type { DiagnoseOptions, LrResponse, PlateauSpan, Segment, SeriesDiagnosis } from './types.js';

/** Options of the offline diagnosis: the series' units plus any detector threshold. */
export type DiagnoseSeriesOptions = DiagnoseOptions & Omit<DetectorOptions, 'x' | 'stepsPerEpoch' | 'classes'>;

/**
 * Offline diagnosis of a whole series (e.g. every loss column of a log): the verdict at the
 * last point (same decision as the online detector), the knee (end of the fast drop), plateau
 * spans, segments (drop, descent, plateau, flat, rise) and, with `lrs`, whether the loss
 * responded to each LR change. xs must be in the series' own units (non-decreasing; points
 * out of order are sorted); non-finite ys make the verdict `diverging` from the first one.
 *
 * @example diagnoseSeries(steps, losses, { stepsPerEpoch: 938, classes: 10 }).verdict; // => 'descending' for the seed pipeline
 */
export function diagnoseSeries(xs: number[], ys: number[], options: DiagnoseSeriesOptions = {}): SeriesDiagnosis {
  const o = resolveDetectorOptions(options);
  const len = Math.min(xs.length, ys.length);
  let order: number[] | null = null;
  for (let i = 1; i < len; i++) {
    if (xs[i] < xs[i - 1]) {
      order = Array.from({ length: len }, (_, k) => k).sort((a, b) => xs[a] - xs[b] || a - b);
      break;
    }
  }
  const X = order ? order.map((k) => xs[k]) : xs.slice(0, len);
  const Y = order ? order.map((k) => ys[k]) : ys.slice(0, len);
  const lrs = options.lrs ? (order ? order.map((k) => options.lrs![k]) : options.lrs.slice(0, len)) : undefined;

  const blocks = new BlockSeries(o.capacity);
  let nonFiniteAt: number | null = null;
  const first: number[] = [];
  let xStart = Number.NaN;
  let xEnd = Number.NaN;
  let finite = 0;
  for (let i = 0; i < len; i++) {
    const x = X[i];
    const y = Y[i];
    if (!Number.isFinite(x)) continue;
    if (!Number.isFinite(y)) {
      if (nonFiniteAt === null) nonFiniteAt = x;
      continue;
    }
    if (nonFiniteAt !== null) continue;
    if (finite === 0) xStart = x;
    xEnd = x;
    finite++;
    if (first.length < 5) first.push(y);
    blocks.push(x, y);
  }
  const snap = blocks.snapshot(true);
  const startLevel = first.length ? [...first].sort((a, b) => a - b)[first.length >> 1] : Number.NaN;
  const assessment: Assessment = assess(
    { ...snap, blockSize: blocks.blockSize, xStart, xEnd, startLevel, pointCount: finite, nonFiniteAt },
    o,
  );

  let segments: Segment[] = [];
  let plateaus: PlateauSpan[] = [];
  let knee: number | null = assessment.knee;
  if (finite >= o.minPoints && snap.count >= 3) {
    const input = { ...snap, xStart, xEnd };
    segments = segmentBlocks(input, { plateauRate: o.plateauRate, riseRate: o.riseRate });
    // Make the tail agree with the verdict: a plateau/stuck verdict owns [plateauStart, end].
    if ((assessment.verdict === 'plateau' || assessment.verdict === 'stuck') && assessment.plateauStart !== null) {
      const s = assessment.plateauStart;
      segments = segments.filter((g) => g.start < s).map((g) => (g.end > s ? { ...g, end: s } : g));
      let from = 0;
      while (from < snap.count && snap.xFirst[from] < s) from++;
      if (from < snap.count || segments.length === 0) {
        segments.push(toSegment(input, Math.min(from, snap.count - 1), snap.count, assessment.verdict === 'plateau' ? 'plateau' : 'flat'));
        segments[segments.length - 1].start = s;
      }
    }
    // Adjacent segments of one kind (a plateau segment the tail fix split at the plateau start) merge.
    segments = segments.reduce<Segment[]>((out, g) => {
      const last = out[out.length - 1];
      if (last && last.kind === g.kind && last.end === g.start) out[out.length - 1] = { ...last, end: g.end, endLevel: g.endLevel };
      else out.push(g);
      return out;
    }, []);
    plateaus = plateauSpans(input, segments);
    if (segments.length > 1 && segments[0].kind === 'drop') knee = segments[0].end;
    if (knee !== null && assessment.evidence) assessment.evidence.knee = knee;
  }
  const responses = lrs ? lrResponses(X, Y, lrs, { confidence: o.confidence, x: o.x }) : [];
  const { plateauStart: _p, knee: _k, divergenceStart: _d, ...diagnosis } = assessment;
  const suggestion = adviseAfterCuts(diagnosis.verdict, diagnosis.suggestion, responses, o.x);
  return { ...diagnosis, suggestion, knee, plateaus, segments, lrResponses: responses };
}

/**
 * On a plateau, what the log's own LR cuts say about cutting again: if the last cut (a lower
 * LR) moved the loss beyond noise, another is likely to help too; if it did not, another
 * decay is unlikely to help. Without a judged cut the suggestion stays as it is.
 *
 * @example adviseAfterCuts('plateau', 'a decay here would likely help', [{ at: 9, oldLr: 0.1, newLr: 0.01, responded: false, judged: true, summary: '' }], 'epoch')
 * // => 'the loss did not respond to the last LR cut (0.1 -> 0.01 at epoch 9): another decay is unlikely to help; stop here (early stopping) or change the model, data or regularisation'
 */
export function adviseAfterCuts(verdict: string, suggestion: string, responses: readonly LrResponse[], x: 'step' | 'epoch' | 'time'): string {
  if (verdict !== 'plateau') return suggestion;
  const cuts = responses.filter((r) => r.newLr < r.oldLr && r.judged !== false);
  const last = cuts[cuts.length - 1];
  if (!last) return suggestion;
  const where = `${num(last.oldLr)} -> ${num(last.newLr)} at ${at(last.at, x)}`;
  return last.responded
    ? `${suggestion} (the last LR cut, ${where}, moved the loss)`
    : `the loss did not respond to the last LR cut (${where}): another decay is unlikely to help; stop here (early stopping) or change the model, data or regularisation`;
}
