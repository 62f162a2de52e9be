/**
 * The run report's chart data (long-format rows for Vega-Lite): smoothed and raw step losses,
 * LR steps and changes with their labels, epoch metrics, and the plateaus and knees of the
 * diagnoses it is given. Pure.
 */
import type { SeriesDiagnosis } from '../detect/types.js';
import { debiasedEma } from '../detect/stats/smoothing.js';
import type { RunLog } from '../logs/run-log.js';
import { describeLrChangeTiming, lrChangeTimings } from './lr-change-timing.js';
import { num, roundSignificant } from '../numbers.js';
import { formatEvidence } from './run-words.js';
import { accuracyPercent, unique } from './run-summary.js';
import { changePoints, minMaxDownsample, roundForJson } from './series.js';

export interface StepPoint {
  run: string;
  group: string;
  step: number;
  loss: number | null;
}

export interface LrPoint {
  run: string;
  group: string;
  step: number;
  lr: number;
}

export interface LrChangeMark {
  run: string;
  group: string;
  step: number;
  epoch: number;
  /** Fractional epoch position of the change (end of the epoch for an epoch-end change). */
  epochPosition: number;
  oldLr: number;
  newLr: number;
  change: string;
  reason: string;
  verdict: string;
  /** The detector's one-line summary behind the change (evidence.summary), or ''. */
  evidenceSummary: string;
  /** The other numbers behind the change, one "key=value" per line. */
  evidence: string;
  /** Pixel offset of the label from the top, so labels of different runs do not overlap. */
  labelY: number;
  /** "epoch 5: LR 0.01 → 0.001", drawn next to the rule. */
  label: string;
}

export interface PlateauBand {
  run: string;
  group: string;
  start: number;
  end: number;
  startEpoch: number;
  endEpoch: number;
  level: number;
}

export interface KneeMark {
  run: string;
  group: string;
  step: number;
  epochPosition: number;
  loss: number;
}

export interface EpochPoint {
  run: string;
  group: string;
  epoch: number;
  /** 'validation (averaged)': the averaged weights on the validation set (issue 12). */
  split: 'train' | 'validation' | 'validation (averaged)' | 'test';
  loss: number | null;
  accuracy: number | null;
}

export interface RunChartData {
  /** Run names in order; chart colours follow this order. */
  runs: string[];
  /** Colour by run (one seed) or by schedule group (several seeds, one line per run). */
  colorField: 'run' | 'group';
  colorDomain: string[];
  smoothing: number;
  rawBuckets: number;
  stepsSmooth: StepPoint[];
  stepsRaw: StepPoint[];
  lrSteps: LrPoint[];
  lrChanges: LrChangeMark[];
  /** The LR changes whose label goes right of the rule, and those in the last 20% of the steps (left of it). */
  lrLabelsRight: LrChangeMark[];
  lrLabelsLeft: LrChangeMark[];
  plateaus: PlateauBand[];
  knees: KneeMark[];
  epochs: EpochPoint[];
}


export interface RunChartInput {
  runs: readonly RunLog[];
  /** Unique run names and schedule groups, in the runs' order. */
  names: string[];
  groups: string[];
  /** One per run (null: none); their plateaus and knees are drawn. */
  diagnoses: ReadonlyArray<SeriesDiagnosis | null>;
  multiSeed: boolean;
  smoothing: number;
  rawBuckets: number;
  /** Significant digits kept for chart values. */
  digits: number;
}

/** Builds the chart data of a run report. */
export function runChartData(input: RunChartInput): RunChartData {
  const { runs, names, groups, multiSeed } = input;
  const charts: RunChartData = {
    runs: names,
    colorField: multiSeed ? 'group' : 'run',
    colorDomain: multiSeed ? unique(groups) : names,
    smoothing: input.smoothing,
    rawBuckets: input.rawBuckets,
    stepsSmooth: [],
    stepsRaw: [],
    lrSteps: [],
    lrChanges: [],
    lrLabelsRight: [],
    lrLabelsLeft: [],
    plateaus: [],
    knees: [],
    epochs: [],
  };
  runs.forEach((log, i) => addRun(charts, input, log, i));
  placeLrLabels(charts, runs, multiSeed);
  return charts;
}

/** Adds one run's rows to every chart. */
function addRun(charts: RunChartData, input: RunChartInput, log: RunLog, i: number): void {
  const { digits, multiSeed } = input;
  const run = input.names[i];
  const group = input.groups[i];
  const xs = log.steps.map((s) => s.step);
  const ys = log.steps.map((s) => s.loss);
  const smooth = debiasedEma(ys, input.smoothing);
  for (let k = 0; k < xs.length; k++) charts.stepsSmooth.push({ run, group, step: xs[k], loss: roundForJson(smooth[k], digits) });
  for (const p of minMaxDownsample(xs, ys, input.rawBuckets)) charts.stepsRaw.push({ run, group, step: p.x, loss: roundForJson(p.y, digits) });
  for (const p of changePoints(xs, log.steps.map((s) => s.lr))) charts.lrSteps.push({ run, group, step: p.x, lr: p.y });
  const toEpoch = epochPositionOf(log);
  const timings = lrChangeTimings(log);
  log.lrChanges.forEach((c, k) => {
    const timing = timings[k]!;
    charts.lrChanges.push({
      run,
      group,
      step: c.step,
      epoch: c.epoch,
      epochPosition: toEpoch(c.step),
      oldLr: c.oldLr,
      newLr: c.newLr,
      change: `${num(c.oldLr)} → ${num(c.newLr)}`,
      reason: c.reason,
      verdict: c.verdict ?? '',
      evidenceSummary: typeof c.evidence?.summary === 'string' ? c.evidence.summary : '',
      evidence: formatEvidence(c.evidence, { skip: ['summary', 'verdict', 'step'], separator: '\n' }),
      labelY: 6 + 12 * (multiSeed ? charts.colorDomain.indexOf(group) : i),
      label: `${timing.kind === 'after-epoch' ? `epoch ${c.epoch}` : describeLrChangeTiming(timing)}: LR ${num(c.oldLr)} → ${num(c.newLr)}`,
    });
  });
  for (const e of log.epochs) {
    charts.epochs.push({ run, group, epoch: e.epoch, split: 'train', loss: e.trainLoss, accuracy: null });
    if (e.valLoss !== null || e.valAccuracy !== null) {
      charts.epochs.push({ run, group, epoch: e.epoch, split: 'validation', loss: e.valLoss, accuracy: accuracyPercent(e.valAccuracy) });
    }
    if (e.average && (e.average.valLoss !== null || e.average.valAccuracy !== null)) {
      charts.epochs.push({ run, group, epoch: e.epoch, split: 'validation (averaged)', loss: e.average.valLoss, accuracy: accuracyPercent(e.average.valAccuracy) });
    }
    charts.epochs.push({ run, group, epoch: e.epoch, split: 'test', loss: e.testLoss, accuracy: accuracyPercent(e.testAccuracy) });
  }
  const diagnosis = input.diagnoses[i];
  if (!diagnosis) return;
  for (const p of diagnosis.plateaus) {
    charts.plateaus.push({ run, group, start: p.start, end: p.end, startEpoch: toEpoch(p.start), endEpoch: toEpoch(p.end), level: p.level });
  }
  if (diagnosis.knee !== null && xs.length > 0) {
    const k = nearestIndex(xs, diagnosis.knee);
    const loss = smooth[k];
    if (Number.isFinite(loss)) charts.knees.push({ run, group, step: xs[k], epochPosition: toEpoch(xs[k]), loss: roundSignificant(loss, digits) });
  }
}

/** Puts the labelled LR changes left of their rule in the last 20% of the steps, right of it elsewhere. */
function placeLrLabels(charts: RunChartData, runs: readonly RunLog[], multiSeed: boolean): void {
  let lastStep = 0;
  for (const r of runs) lastStep = Math.max(lastStep, r.steps[r.steps.length - 1]?.step ?? 0);
  for (const c of lrLabels(charts.lrChanges, lastStep, multiSeed)) (c.step > 0.8 * lastStep ? charts.lrLabelsLeft : charts.lrLabelsRight).push(c);
}

/** Labels closer than this fraction of the x range to the previous label of their colour would overlap. */
const LR_LABEL_MIN_GAP = 0.25;

/**
 * The LR changes that get a text label: one per colour and change (with several seeds, equal
 * changes of a schedule share it), and per colour only the first change and those at least
 * LR_LABEL_MIN_GAP of the steps after the previous label, so an ExponentialLR run's nine changes
 * do not print on top of each other. The first label of a colour says how many were left
 * unlabelled ("(+6 more, hover the rules)"); every change keeps its rule and tooltip.
 */
function lrLabels(changes: readonly LrChangeMark[], lastStep: number, multiSeed: boolean): LrChangeMark[] {
  const seen = new Set<string>();
  const byColour = new Map<string, LrChangeMark[]>();
  for (const c of changes) {
    const colour = multiSeed ? c.group : c.run;
    const key = `${colour}\u0000${c.step}\u0000${c.label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    (byColour.get(colour) ?? byColour.set(colour, []).get(colour)!).push(c);
  }
  const out: LrChangeMark[] = [];
  for (const marks of byColour.values()) {
    const kept: LrChangeMark[] = [];
    for (const c of [...marks].sort((a, b) => a.step - b.step)) {
      const previous = kept[kept.length - 1];
      if (!previous || c.step - previous.step >= LR_LABEL_MIN_GAP * lastStep) kept.push(c);
    }
    const skipped = marks.length - kept.length;
    if (skipped > 0) kept[0] = { ...kept[0]!, label: `${kept[0]!.label} (+${skipped} more, hover the rules)` };
    out.push(...kept);
  }
  return out;
}

/** Maps a step to a fractional epoch: epoch e ends at e; a step inside it sits proportionally. */
function epochPositionOf(log: RunLog): (step: number) => number {
  const ends: Array<{ epoch: number; first: number; last: number }> = [];
  for (const s of log.steps) {
    const cur = ends[ends.length - 1];
    if (cur && cur.epoch === s.epoch) cur.last = s.step;
    else ends.push({ epoch: s.epoch, first: s.step, last: s.step });
  }
  return (step: number) => {
    for (const e of ends) {
      if (step <= e.last) {
        const count = e.last - e.first + 1;
        const within = Math.max(0, Math.min(count, step - e.first + 1));
        return e.epoch - 1 + within / count;
      }
    }
    return ends.length ? ends[ends.length - 1].epoch : 0;
  };
}

function nearestIndex(xs: readonly number[], x: number): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (Math.abs(xs[i] - x) < Math.abs(xs[best] - x)) best = i;
  return best;
}
