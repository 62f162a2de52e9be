/**
 * Training/validation pairs in a LossLog: which series measure the same quantity on the
 * training and the validation (and test) data of one run, and their values on one x axis.
 * Pure functions over LossLog/LossSeries; the detector's pair diagnosis (src/detect/pair.ts)
 * takes the aligned arrays.
 */
import type { LossLog, LossSeries, XUnit } from './loss-log.js';

export type PairRole = 'train' | 'validation' | 'test';

/** What a series name says: its role, the quantity it measures and the run it belongs to. */
export interface SeriesKey {
  role: PairRole | null;
  /** The name without role words, step/epoch suffixes and run labels: `train/box_loss` -> `box loss`. */
  quantity: string;
  /** `(run 2)` suffix or a W&B export's `<run> - ` prefix; null for a single-run file. */
  run: string | null;
}

/** Indices into `LossLog.series` of one training/validation pair (and a test series of the same quantity, if any). */
export interface SeriesPair {
  train: number;
  /** The held-out series: a validation series, or a test series evaluated during training when the log has no validation series of that quantity (`heldOut: 'test'`). */
  validation: number;
  test: number | null;
  heldOut: 'validation' | 'test';
  quantity: string;
  run: string | null;
}

/** Both curves of a pair on the validation series' x axis (one point per evaluation). */
export interface AlignedPair {
  x: XUnit;
  xs: number[];
  /** Validation loss at each x, as logged. */
  val: number[];
  /** Training loss over the interval ending at each x (mean of the training points in it, or the nearest point). */
  train: number[];
  /** LR of the training series at each x, when it has one. */
  lrs?: number[];
  stepsPerEpoch?: number;
}

const ROLE_WORDS: Record<string, PairRole> = {
  train: 'train', training: 'train', trn: 'train',
  val: 'validation', valid: 'validation', validation: 'validation', eval: 'validation', evaluation: 'validation', dev: 'validation',
  test: 'test', testing: 'test',
};
/** Words that say how often a value is logged, not what it measures. */
const CADENCE_WORDS = new Set(['step', 'epoch', 'steps', 'epochs']);

/**
 * Role, quantity and run of a series name.
 *
 * @example seriesKey('train/box_loss'); // => { role: 'train', quantity: 'box loss', run: null }
 * @example seriesKey('val_loss (run 3)'); // => { role: 'validation', quantity: 'loss', run: 'run 3' }
 * @example seriesKey('average_val_loss'); // => { role: 'validation', quantity: 'average loss', run: null }
 */
export function seriesKey(name: string): SeriesKey {
  let rest = name.trim().toLowerCase();
  let run: string | null = null;
  const runSuffix = /\s*\((run \d+)\)$/.exec(rest);
  if (runSuffix) {
    run = runSuffix[1];
    rest = rest.slice(0, runSuffix.index);
  }
  // Other parenthesised notes name the writer's key (llm.c's `train loss (trl)`, `val loss (tel)`).
  rest = rest.replace(/\s*\([^)]*\)/g, ' ').trim();
  const wandbPrefix = /^(.+?) - (.+)$/.exec(rest);
  if (wandbPrefix) {
    run = run ? `${wandbPrefix[1]} ${run}` : wandbPrefix[1];
    rest = wandbPrefix[2];
  }
  let role: PairRole | null = null;
  const words: string[] = [];
  for (const word of rest.split(/[\s/_.:-]+/).filter((w) => w.length > 0)) {
    const r = ROLE_WORDS[word] ?? (/^val/.test(word) && word !== 'value' ? 'validation' : undefined);
    if (r && role === null) role = r;
    else if (!r && !CADENCE_WORDS.has(word)) words.push(word);
  }
  // A bare `loss` (Keras `loss`/`val_loss`, HF `loss`/`eval_loss`) is the training loss.
  if (role === null && words.length > 0) role = 'train';
  return { role, quantity: words.join(' '), run };
}

/**
 * The training/validation pairs of a log: each validation series with the training series of
 * the same quantity and run. Among several training candidates (`train/loss_step` and
 * `train/loss_epoch`, or `loss` per step and `train loss` per evaluation) the one logged at the
 * same x values wins, then the one with the same x unit, then the one with the closest count.
 *
 * @example findPairs({ file: 'h.csv', format: 'keras', series: [loss, valLoss] }); // => [{ train: 0, validation: 1, test: null, quantity: 'loss', run: null }]
 */
export function findPairs(log: LossLog): SeriesPair[] {
  const keys = log.series.map((s) => (s.role === 'other' && !/test/i.test(s.name) ? null : seriesKey(s.name)));
  const pairs: SeriesPair[] = [];
  keys.forEach((key, v) => {
    if (!key || key.role !== 'validation' || log.series[v].role !== 'validation') return;
    const same = (k: SeriesKey | null, role: PairRole) => k !== null && k.role === role && k.quantity === key.quantity && k.run === key.run;
    const candidates = keys.map((k, i) => (same(k, 'train') && log.series[i].role === 'train' ? i : -1)).filter((i) => i >= 0);
    if (candidates.length === 0) return;
    const val = log.series[v];
    const score = (i: number) => partnerScore(log.series[i], val);
    const train = candidates.reduce((a, b) => (score(b) > score(a) ? b : a));
    const test = keys.findIndex((k) => same(k, 'test'));
    pairs.push({ train, validation: v, test: test >= 0 ? test : null, heldOut: 'validation', quantity: key.quantity, run: key.run });
  });
  // Many scripts evaluate a `test_loss` every epoch and keep no validation set: with no validation
  // series of its quantity and run, a test series logged during training (at least 5 points, its
  // first before the training's midpoint) is the held-out curve of the pair.
  keys.forEach((key, t) => {
    if (!key || key.role !== 'test' || pairs.some((p) => p.test === t)) return;
    const same = (k: SeriesKey | null, role: PairRole) => k !== null && k.role === role && k.quantity === key.quantity && k.run === key.run;
    if (keys.some((k) => same(k, 'validation'))) return;
    const test = log.series[t];
    const candidates = keys.map((k, i) => (same(k, 'train') && log.series[i].role === 'train' ? i : -1)).filter((i) => i >= 0);
    if (candidates.length === 0 || new Set(test.xs).size < 5) return;
    const train = candidates.reduce((a, b) => (partnerScore(log.series[b], test) > partnerScore(log.series[a], test) ? b : a));
    const tr = log.series[train];
    const toTrainUnit = unitConverter(test, tr);
    if (!toTrainUnit || tr.xs.length === 0 || !(toTrainUnit(test.xs[0]) <= (tr.xs[0] + tr.xs[tr.xs.length - 1]) / 2)) return;
    pairs.push({ train, validation: t, test: null, heldOut: 'test', quantity: key.quantity, run: key.run });
  });
  return pairs;
}

/** How well a training series fits a validation series: same x values, same unit, similar count. */
function partnerScore(train: LossSeries, val: LossSeries): number {
  const sameXs = train.x === val.x && train.xs.length === val.xs.length && train.xs.every((x, i) => x === val.xs[i]);
  const countRatio = Math.min(train.xs.length, val.xs.length) / Math.max(train.xs.length, val.xs.length, 1);
  return (sameXs ? 4 : 0) + (train.x === val.x ? 2 : 0) + countRatio;
}

/**
 * The training series on the validation series' x axis: for each evaluation, the mean of the
 * training points logged since the previous evaluation (up to and including it), else the
 * nearest training point within one evaluation interval. Evaluations without a training value
 * are left out. Epoch counts are converted to steps (end of the epoch) and back with the log's
 * steps per epoch; without it, series in different units cannot be aligned (null).
 */
export function alignPair(train: LossSeries, val: LossSeries): AlignedPair | null {
  const toValUnit = unitConverter(train, val);
  if (!toValUnit) return null;
  const tx = train.xs.map(toValUnit);
  const out: AlignedPair = { x: val.x, xs: [], val: [], train: [] };
  const lrs: number[] = [];
  const spe = val.stepsPerEpoch ?? train.stepsPerEpoch;
  if (spe !== undefined && val.x === 'step') out.stepsPerEpoch = spe;
  let k = 0;
  for (let i = 0; i < val.xs.length; i++) {
    const x = val.xs[i];
    const gap = i > 0 ? x - val.xs[i - 1] : val.xs.length > 1 ? val.xs[1] - x : Infinity;
    const from = i > 0 ? val.xs[i - 1] : x - gap;
    while (k < tx.length && tx[k] <= from) k++;
    let sum = 0;
    let count = 0;
    let lastIndex = -1;
    for (let j = k; j < tx.length && tx[j] <= x; j++) {
      lastIndex = j;
      sum += train.ys[j];
      count++;
    }
    let value = count > 0 ? sum / count : Number.NaN;
    if (count === 0) {
      const near = nearestIndex(tx, x);
      if (near >= 0 && Math.abs(tx[near] - x) <= gap) {
        value = train.ys[near];
        lastIndex = near;
      }
    }
    if (lastIndex < 0) continue;
    out.xs.push(x);
    out.val.push(val.ys[i]);
    out.train.push(value);
    if (train.lrs) lrs.push(train.lrs[lastIndex]);
  }
  if (train.lrs) out.lrs = lrs;
  return out;
}

/** Maps a training x to the validation series' unit, or null when it cannot. */
function unitConverter(train: LossSeries, val: LossSeries): ((x: number) => number) | null {
  if (train.x === val.x) return (x) => x;
  const spe = val.stepsPerEpoch ?? train.stepsPerEpoch;
  if (spe === undefined) return null;
  // Epochs counted from 0 end at step (e + 1) * spe; counted from 1, at e * spe.
  const epochs = train.x === 'epoch' ? train.xs : val.x === 'epoch' ? val.xs : null;
  const offset = epochs && epochs.length > 0 && epochs[0] === 0 ? 1 : 0;
  if (train.x === 'epoch' && val.x === 'step') return (e) => (e + offset) * spe;
  if (train.x === 'step' && val.x === 'epoch') return (s) => s / spe - offset;
  return null;
}

function nearestIndex(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  if (hi < 0) return -1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && Math.abs(xs[lo - 1] - x) <= Math.abs(xs[lo] - x) ? lo - 1 : lo;
}
