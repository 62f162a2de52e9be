import { PlateauDoctorError } from '../errors.js';
import { BlockSeries } from './blocks.js';
import { assess, type Assessment } from './assess.js';
import { resolveDetectorOptions, type DetectorOptions } from './options.js';
import { segmentBlocks, plateauSpans, toSegment } from './segment.js';
import { num, pct } from '../numbers.js';
import { at } from './format.js';
import { LONGER_SCHEDULE, STILL_IMPROVING } from './explain.js';
import { lrResponses, type LrResponseOptions } from './lr-response.js';
import { lrScheduleDefaults, readLrSchedule, type LrScheduleReading } from './lr-schedule.js';
import { RangeWatch, TailRing } from './explosion.js';
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
  const { lrs: _lrs, ...detectorOptions } = options ?? {};
  const o = resolveDetectorOptions(detectorOptions);
  checkSameLength(xs, ys, options?.lrs);
  const len = xs.length;
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

  const acc = new PointAccumulator(o.capacity, o.classes);
  for (let i = 0; i < len; i++) acc.push(X[i], Y[i]);
  return finishDiagnosis(acc, o, lrs ? lrResponses(X, Y, lrs, responseOptions(o)) : [], lrs ? readLrSchedule(X, lrs) : null);
}

/** What the diagnosis keeps of the points: bounded blocks plus a few scalars; O(1) amortised per point. */
class PointAccumulator {
  readonly blocks: BlockSeries;
  nonFiniteAt: number | null = null;
  readonly first: number[] = [];
  xStart = Number.NaN;
  xEnd = Number.NaN;
  finite = 0;
  /** The last raw points and the range watch, for explosions (explosion.ts). */
  readonly tail = new TailRing();
  readonly range: RangeWatch;

  constructor(capacity: number, classes: number | undefined) {
    this.blocks = new BlockSeries(capacity);
    this.range = new RangeWatch(classes);
  }

  push(x: number, y: number): void {
    if (!Number.isFinite(x)) return;
    if (!Number.isFinite(y)) {
      if (this.nonFiniteAt === null) this.nonFiniteAt = x;
      return;
    }
    if (this.nonFiniteAt !== null) return;
    if (this.finite === 0) this.xStart = x;
    this.xEnd = x;
    this.finite++;
    if (this.first.length < 5) this.first.push(y);
    this.blocks.push(x, y);
    this.tail.push(x, y);
    this.range.push(x, y);
  }
}

/**
 * The diagnosis of a growing series (`analyze --follow`): `update` adds the points appended
 * since the last call (xs in order), `diagnose` decides from the blocks in O(capacity), plus the
 * LR responses (O(n)) when the series has an LR, recomputed when an LR change arrived or the
 * series grew by 10% (their windows are a tenth of the series). Same result as `diagnoseSeries`
 * on the whole series, except that LR responses may lag by under 10% of the points.
 */
export class SeriesDiagnoser {
  private readonly o: ReturnType<typeof resolveDetectorOptions>;
  private readonly acc: PointAccumulator;
  private pushed = 0;
  private responses: LrResponse[] = [];
  private schedule: LrScheduleReading | null = null;
  private responsesAt = 0;
  private lrChanged = false;

  constructor(options: DiagnoseSeriesOptions = {}) {
    this.o = resolveDetectorOptions(options);
    this.acc = new PointAccumulator(this.o.capacity, this.o.classes);
  }

  /** Points pushed so far. */
  get count(): number {
    return this.pushed;
  }

  update(xs: ArrayLike<number>, ys: ArrayLike<number>, lrs?: ArrayLike<number>): void {
    const len = Math.min(xs.length, ys.length);
    for (let i = this.pushed; i < len; i++) {
      this.acc.push(xs[i], ys[i]);
      if (lrs && i > 0 && lrs[i] !== lrs[i - 1]) this.lrChanged = true;
    }
    this.pushed = Math.max(this.pushed, len);
  }

  diagnose(xs: ArrayLike<number>, ys: ArrayLike<number>, lrs?: ArrayLike<number>): SeriesDiagnosis {
    if (lrs && (this.lrChanged || this.pushed >= this.responsesAt * 1.1)) {
      this.responses = lrResponses(xs, ys, lrs, responseOptions(this.o));
      this.schedule = readLrSchedule(xs, lrs);
      this.responsesAt = this.pushed;
      this.lrChanged = false;
    }
    return finishDiagnosis(this.acc, this.o, lrs ? this.responses : [], lrs ? this.schedule : null);
  }
}

/** The detector options lrResponses uses. */
function responseOptions(o: ReturnType<typeof resolveDetectorOptions>): LrResponseOptions {
  return { confidence: o.confidence, x: o.x, ...(o.stepsPerEpoch !== undefined ? { stepsPerEpoch: o.stepsPerEpoch } : {}) };
}

function finishDiagnosis(
  acc: PointAccumulator,
  o: ReturnType<typeof resolveDetectorOptions>,
  responses: LrResponse[],
  schedule: LrScheduleReading | null,
): SeriesDiagnosis {
  const { blocks, first, xStart, xEnd, finite, nonFiniteAt } = acc;
  const snap = blocks.snapshot(true);
  const startLevel = first.length ? [...first].sort((a, b) => a - b)[first.length >> 1] : Number.NaN;
  const assessment: Assessment = assess(
    { ...snap, blockSize: blocks.blockSize, xStart, xEnd, startLevel, pointCount: finite, nonFiniteAt, tail: acc.tail.toArrays(), outOfRange: acc.range.finding(), wholeSeries: true },
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
  const { plateauStart: _p, knee: _k, divergenceStart: _d, ...diagnosis } = assessment;
  const suggestion = adviseOnLr(diagnosis.verdict, diagnosis.suggestion, responses, schedule, o.x);
  return { ...diagnosis, suggestion, knee, plateaus, segments, lrResponses: responses, ...(schedule ? { lrSchedule: schedule } : {}) };
}

/** xs, ys (and lrs when given) must be arrays of one length: a mismatch is a caller's mistake, never silently cut. */
function checkSameLength(xs: readonly number[], ys: readonly number[], lrs: readonly number[] | undefined): void {
  if (!Array.isArray(xs) || !Array.isArray(ys)) throw new PlateauDoctorError('diagnoseSeries: xs and ys must be arrays of numbers');
  if (xs.length !== ys.length) throw new PlateauDoctorError(`diagnoseSeries: xs has ${xs.length} values but ys has ${ys.length}; pass one x per loss value`);
  if (lrs !== undefined && (!Array.isArray(lrs) || lrs.length !== xs.length)) {
    throw new PlateauDoctorError(`diagnoseSeries: lrs has ${Array.isArray(lrs) ? lrs.length : 'no'} values but xs has ${xs.length}; pass one LR per point`);
  }
}

/**
 * On a plateau, what the log's own LR says about decaying again. A judged cut is the most direct
 * evidence and goes first (premature, moved nothing, or moved the loss: then another cut may help
 * too), except that a cut that moved the loss never earns "a decay would likely help" once the LR
 * is far below its peak (at most `farBelowFraction`, 1%: two decades down, where each further cut
 * has little left to give). Without a judged cut, where the LR stands in its schedule.
 */
export function adviseOnLr(verdict: string, suggestion: string, responses: readonly LrResponse[], schedule: LrScheduleReading | null, x: 'step' | 'epoch' | 'time'): string {
  if (verdict === 'descending' && schedule?.annealed) return stillFallingAnnealed(suggestion, schedule);
  if (verdict !== 'plateau') return suggestion;
  const cuts = responses.filter((r) => r.newLr < r.oldLr && r.judged !== false);
  const last = cuts[cuts.length - 1];
  if (!last) return adviseOnSchedule(verdict, schedule, x) ?? suggestion;
  if (last.responded && last.kind !== 'slowed' && schedule && schedule.fractionOfPeak <= lrScheduleDefaults.farBelowFraction) {
    return `nearly converged for this model and data: the LR is already at ${pct(schedule.fractionOfPeak)}% of its peak (${num(schedule.peak)} -> ${num(schedule.last)}); the last cut (${num(last.oldLr)} -> ${num(last.newLr)} at ${at(last.at, x)}) still moved the loss, but each further cut has less to give: stop here (early stopping), or change the model, data or regularisation`;
  }
  return adviseAfterCut(suggestion, last, x);
}

/**
 * Still falling with the LR already annealed (at most 10% of its peak): "do not decay yet" has
 * nothing left to say; the run is improving at the end of its schedule, so a longer schedule is
 * what would gain more.
 *
 * @example stillFallingAnnealed(STILL_IMPROVING, readLrSchedule([0, 24], [0.07054, 8.92e-4])!)
 * // => 'still improving with the LR already at 1.3% of its peak (0.07054 -> 8.92e-4): no decay left to make; if the run has ended, a longer schedule (more epochs) would likely gain more'
 */
export function stillFallingAnnealed(suggestion: string, schedule: LrScheduleReading): string {
  const fraction = `${pct(schedule.fractionOfPeak)}% of its peak (${num(schedule.peak)} -> ${num(schedule.last)})`;
  if (suggestion === STILL_IMPROVING) return `still improving with the LR already at ${fraction}: no decay left to make; ${LONGER_SCHEDULE}`;
  return `${suggestion}; the LR is already at ${fraction}: ${LONGER_SCHEDULE}`;
}

/**
 * On a plateau, what the log's own LR schedule says (lr-schedule.ts): an LR already annealed far
 * below its peak means a further decay cannot help (converged for this model and data); a flat
 * stretch at a still-high LR of a continuous schedule (warmup, cosine, one-cycle) is its high-LR
 * phase, which a scheduled anneal would end. Null when the schedule says nothing more.
 *
 * @example adviseOnSchedule('plateau', readLrSchedule([1, 2, 3], [1e-5, 1e-6, 1.3e-9]), 'step')
 * // => 'converged for this model and data: the LR is already at 0.013% of its peak (1e-5 -> 1.3e-9), so a further decay cannot help; stop here, or change the model, data or regularisation'
 */
export function adviseOnSchedule(verdict: string, schedule: LrScheduleReading | null, x: 'step' | 'epoch' | 'time'): string | null {
  if (verdict !== 'plateau' || !schedule) return null;
  const fraction = `${pct(schedule.fractionOfPeak)}% of its peak (${num(schedule.peak)} -> ${num(schedule.last)})`;
  if (schedule.annealed) {
    return `converged for this model and data: the LR is already at ${fraction}, so a further decay cannot help; stop here, or change the model, data or regularisation`;
  }
  if (schedule.high && schedule.kind === 'continuous') {
    return `flat at a high LR, ${fraction} reached at ${at(schedule.peakAt, x)}: the high-LR phase of its schedule; a scheduled anneal (one-cycle, cosine) will end it, and without one a decay here would likely help`;
  }
  return null;
}

/**
 * On a plateau, what the log's last judged LR cut says about cutting again: if it (a lower LR)
 * moved the loss beyond noise, another is likely to help too; if it slowed a loss that was still
 * falling, it was premature; if it did neither, another decay is unlikely to help.
 *
 * @example adviseAfterCut('a decay here would likely help', { at: 9, oldLr: 0.1, newLr: 0.01, responded: false, judged: true, summary: '' }, 'epoch')
 * // => 'the loss did not respond to the last LR cut (0.1 -> 0.01 at epoch 9): another decay is unlikely to help; stop here (early stopping) or change the model, data or regularisation'
 */
function adviseAfterCut(suggestion: string, last: LrResponse, x: 'step' | 'epoch' | 'time'): string {
  const where = `${num(last.oldLr)} -> ${num(last.newLr)} at ${at(last.at, x)}`;
  if (last.kind === 'slowed' && last.trends) {
    const { before, after } = last.trends;
    const unit = before.unit === 'epoch' ? '/epoch' : ' per 10% of run';
    return `the cut at ${at(last.at, x)} (${num(last.oldLr)} -> ${num(last.newLr)}) slowed progress (${pct(before.relative, true)}%${unit} before, ${pct(after.relative, true)}% after): a premature decay; cut later or not at all`;
  }
  return last.responded
    ? `${suggestion} (the last LR cut, ${where}, moved the loss)`
    : `the loss did not respond to the last LR cut (${where}): another decay is unlikely to help; stop here (early stopping) or change the model, data or regularisation`;
}
