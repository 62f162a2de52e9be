/**
 * The English side of a decision: the one-line summary (with the numbers) and the suggestion,
 * built only from the typed `Decision` (see decision.ts) and the options that name units.
 */
import type { Decision, DescendingDecision, PlateauDecision, StuckDecision, WindowDecision } from './decision.js';
import type { ResolvedDetectorOptions } from './options.js';
import { formatP, num, pct, roundSignificant, xValue } from '../numbers.js';
import { at, formatTrend } from './format.js';
import { explosionDefaults } from './explosion.js';

/** What the sentences need from the options: x units, confidence, plateau threshold, recent window. */
/** The plain advice of a `descending` series (diagnose.ts rewrites it when the log's LR is already annealed). */
export const STILL_IMPROVING = 'still improving: do not decay yet';

/** What a run still improving at the end of an annealed schedule is told (series and pairs). */
export const LONGER_SCHEDULE = 'if the run has ended, a longer schedule (more epochs) would likely gain more';

export type ExplainOptions = Pick<ResolvedDetectorOptions, 'x' | 'confidence' | 'plateauRate' | 'recentFraction'>;

export interface Explanation {
  /** One line with the numbers, e.g. "plateau since step 4100, trend -0.3%/epoch (95% CI -0.9..+0.2), noise 18% of level". */
  summary: string;
  /** What to do, e.g. "a decay here would likely help". */
  suggestion: string;
}

/**
 * @example explain({ kind: 'plateau', verdict: 'plateau', plateauStart: 4100, ... }, options)
 * // => { summary: 'plateau since step 4100, trend -0.3%/epoch (95% CI -0.9..+0.2), noise 18% of level', suggestion: 'a decay here would likely help' }
 */
export function explain(d: Decision, o: ExplainOptions): Explanation {
  const e = explainVerdict(d, o);
  const surge = d.evidence?.surge;
  if (!surge) return e;
  const since = surge.points > explosionDefaults.surgePoints ? ` since ${at(surge.since, o.x)}` : '';
  return {
    summary: e.summary,
    suggestion: `${e.suggestion}; but the last ${surge.points} points${since} are ${num(surge.factor)} times the level before (${num(surge.baseline)}): a spike, or a divergence starting; if the next points stay up, lower the LR (or add warmup / gradient clipping)`,
  };
}

function explainVerdict(d: Decision, o: ExplainOptions): Explanation {
  if (d.verdict === 'diverging') return explainDiverging(d, o);
  switch (d.kind) {
    case 'too_few_points':
      return {
        summary: `insufficient data: ${d.pointCount} finite points (need ${d.minPoints})`,
        suggestion: 'not enough points to judge: keep training or log more often',
      };
    case 'constant_x':
      return { summary: 'insufficient data: x values do not vary', suggestion: 'not enough points to judge' };
    case 'stuck':
      return explainStuck(d, o);
    case 'plateau':
      return explainPlateau(d, o);
    case 'descending':
      return explainDescending(d, o);
    case 'too_noisy':
      return {
        summary: `no clear trend yet: ${trendText(d, o)} over ${windowText(d, o)}, ${noiseText(d)}: too noisy to tell slow progress from a plateau`,
        suggestion: 'not enough evidence for a plateau: keep training (do not decay yet)',
      };
  }
}

/** The diverging verdict's reasons: non-finite, out of range, exploding, rising, rose and stays or still rising. */
function explainDiverging(d: Extract<Decision, { verdict: 'diverging' }>, o: ExplainOptions): Explanation {
  const label = (x: number) => at(x, o.x);
  switch (d.kind) {
    case 'non_finite':
      return {
        summary: `diverging: non-finite loss at ${label(d.divergenceStart)}`,
        suggestion: `diverging since ${label(d.divergenceStart)}: lower the LR, add gradient clipping or warmup, check the data for NaN/inf`,
      };
    case 'out_of_range':
      return {
        summary:
          `diverging: the loss left every sane range at ${label(d.divergenceStart)} and never came back: now ${num(d.level)}, ` +
          `${num(d.factor)} times ${d.withChance ? 'the larger of its first loss and ln C' : 'its first loss'}, ${num(d.reference)}`,
        suggestion: `diverging since ${label(d.divergenceStart)}: lower the LR, add gradient clipping or warmup, check the data for NaN/inf`,
      };
    case 'exploding':
      return {
        summary: `diverging since ${label(d.divergenceStart)}: exploding, ${num(d.factor)} times the level ${num(d.baseline)} it held before, trend ${formatTrend(d.evidence.trend, o.confidence)}`,
        suggestion: `diverging since ${label(d.divergenceStart)}: lower the LR, add gradient clipping or warmup; restart from a checkpoint before ${label(d.divergenceStart)}`,
      };
    case 'rose_and_stays':
      return {
        summary:
          `diverging since ${label(d.divergenceStart)}: rose from its low of ${num(d.low)} to ${num(d.level)} (${pct(d.rise, true)}%) and has not come back, ` +
          (d.levelRise
            ? `its recent level ${pct(d.levelRise.relative, true)}% above the low's (${Math.round(o.confidence * 100)}% CI ${pct(d.levelRise.low, true)}..${pct(d.levelRise.high, true)}%), trend over ${windowText(d, o)} ${trendText(d, o)}, ${noiseText(d)}`
            : `trend since the low ${trendText(d, o)}, ${noiseText(d)}`),
        suggestion:
          `diverging since ${label(d.divergenceStart)}: the loss rose ${pct(d.rise)}% above its best and stays there; ` +
          `lower the LR (or add warmup / gradient clipping) and restart from a checkpoint near ${label(d.divergenceStart)}`,
      };
    case 'rising_slowly':
      return {
        summary: `diverging slowly: rising, trend ${trendText(d, o)} over ${windowText(d, o)}, ${noiseText(d)}, level ${num(d.evidence.level)} (its low before: ${num(d.low)} at ${label(d.divergenceStart)})`,
        suggestion:
          `rising slowly since about ${label(d.divergenceStart)}: watch it; a training loss that keeps rising needs a lower LR; ` +
          'a validation loss rising while the training loss falls is overfitting: keep the best checkpoint and stop early',
      };
    case 'rising':
      return {
        summary: `diverging since ${label(d.divergenceStart)}, trend ${trendText(d, o)}, level ${num(d.evidence.level)} (${pct(d.aboveLow, true)}% above its low)`,
        suggestion: `diverging since ${label(d.divergenceStart)}: lower the LR (or add warmup / gradient clipping)`,
      };
    case 'rose_still_rising':
      return {
        summary:
          `diverging since ${label(d.divergenceStart)}: rose from ${num(d.low)} to ${num(d.level)} (${pct(d.riseAbove, true)}%) and still rising, ` +
          `trend ${trendText(d, o)} since ${label(d.windowStart)}, ${noiseText(d)}`,
        suggestion: `diverging since ${label(d.divergenceStart)} (slowly now): lower the LR (or add warmup / gradient clipping); for one term of a composite loss, check its weight`,
      };
  }
}

function explainPlateau(d: PlateauDecision, o: ExplainOptions): Explanation {
  const label = (x: number) => at(x, o.x);
  if (d.logStart !== undefined) {
    return {
      summary: `plateau since ${label(d.plateauStart)}, the first point of a log that starts at ${label(d.logStart)} (the fall came before it), trend ${trendText(d, o)}, ${noiseText(d)}`,
      suggestion:
        `already converged before this log starts (at ${label(d.logStart)}): a plateau, not a failure to learn; ` +
        'if the LR was never lowered a decay may help, else stop here or change the model, data or regularisation',
    };
  }
  return {
    summary:
      `plateau since ${label(d.plateauStart)}, trend ${trendText(d, o)}, ${noiseText(d)}` +
      (d.confidence !== undefined ? `; flat by the equivalence test at the ${round2((1 - d.confidence) / 2)}% level (its ${round2(d.confidence)}% interval within ±${round2(o.plateauRate)}%)` : ''),
    suggestion: 'a decay here would likely help',
  };
}

function explainStuck(d: StuckDecision, o: ExplainOptions): Explanation {
  const c = d.cause;
  const levelText = `level ${pct(d.evidence.levelRelStart)}% of start`;
  const why =
    c.kind === 'chance'
      ? `at chance level ${num(d.level)} (ln ${c.classes} = ${num(c.chanceLevel)})`
      : c.kind === 'rose'
        ? `after rising from ${num(c.low)} to ${num(d.level)} (${pct(c.riseAbove, true)}%), with no progress (${levelText})`
        : `with no real progress (${levelText})`;
  return {
    summary: `stuck since ${at(d.plateauStart, o.x)} ${why}, trend ${trendText(d, o)}, ${noiseText(d)}`,
    suggestion:
      c.kind === 'chance'
        ? 'stuck at chance level: lower the initial LR or check the initialisation; decaying the LR will not fix it'
        : 'no progress from the start: lower the initial LR, check the initialisation and the labels; decaying the LR will not fix it (if the log starts mid-run, this is a plateau)',
  };
}

function explainDescending(d: DescendingDecision, o: ExplainOptions): Explanation {
  const e = d.evidence;
  const label = (x: number) => at(x, o.x);
  const blocks = `${d.fallingBlocks} ${d.blockSize === 1 ? 'points' : 'block means'}`;
  const r = d.recovering;
  const summary =
    d.method === 'every_block'
      ? `descending at every one of the last ${blocks}, Theil-Sen trend ${trendText(d, o)} over ${windowText(d, o)}, level ${pct(e.levelRelStart)}% of start`
      : d.method === 'short_run'
      ? `descending over ${windowText(d, o)} (a short run: judged on all of it${d.knee !== null ? ' after the knee' : ''}), Theil-Sen trend ${trendText(d, o)}, ` +
        `Mann-Kendall ${formatP(e.mannKendallP ?? Number.NaN)}, ${noiseText(d)}, level ${pct(e.levelRelStart)}% of start` +
        (r ? `; still ${pct(r.aboveLow)}% above its low of ${num(r.low)} at ${label(r.lowAt)} (recovering from a rise)` : '')
      : `descending, trend ${trendText(d, o)} over ${windowText(d, o)}${d.fallingBlocks !== null ? `, falling at every one of the last ${blocks}` : ''}, ` +
        `${noiseText(d)}, level ${pct(e.levelRelStart)}% of start` +
        (r ? `; still ${pct(r.aboveLow)}% above its low of ${num(r.low)} at ${label(r.lowAt)} (recovering from a rise)` : '');
  const per10 = e.trendPer10pct ?? e.trend;
  const ci = `${Math.round(o.confidence * 100)}% CI`;
  const suggestion = r
    ? `falling again, but still ${pct(r.aboveLow)}% above its low at ${label(r.lowAt)}: recovering from a spike or a too-high LR; do not decay yet, and lower the LR if it rises again`
    : d.stillFalling
      ? `slow but steady: still improving by ${pct(per10.relative, true)}% per 10% of the run (${ci} ${pct(per10.low, true)}..${pct(per10.high, true)}), and not levelling off: ` +
        `the last ${pct(o.recentFraction)}% of the run still falls ${pct(d.stillFalling.relative, true)}% per 10% (${ci} ${pct(d.stillFalling.low, true)}..${pct(d.stillFalling.high, true)}); ` +
        'not a plateau yet: keep training while the gains matter'
    : d.slow && d.fallingBlocks === null
      ? `slow but steady: still improving by ${pct(per10.relative, true)}% per 10% of the run (95% CI ${pct(per10.low, true)}..${pct(per10.high, true)}, under the ` +
        `${pct(o.plateauRate)}% plateau threshold); not stuck, and not a plateau a decay would fix: keep training if the small gains matter, else stop`
      : d.slow
      ? `still improving at every point, but by only ${pct(per10.relative, true)}% per 10% of the run (under the ${pct(o.plateauRate)}% plateau threshold): ` +
        'close to its asymptote, so more steps gain little; not a plateau a decay would fix'
      : STILL_IMPROVING;
  return { summary, suggestion };
}

/** A fraction as a percentage with at most two significant digits and no trailing zeros: 0.05 -> "5". */
function round2(fraction: number): string {
  return String(roundSignificant(fraction * 100, 2));
}

/** "-0.3%/epoch (95% CI -0.9..+0.2)", plus the per-10%-of-run figure when an epoch is long. */
function trendText(d: WindowDecision, o: ExplainOptions): string {
  const per10 = d.evidence.trendPer10pct ?? d.evidence.trend;
  return formatTrend(d.evidence.trend, d.confidence ?? o.confidence) + (d.showPer10 ? ` [${pct(per10.relative, true)}% per 10% of run]` : '');
}

function noiseText(d: WindowDecision): string {
  return `noise ${pct(d.evidence.noise)}% of level`;
}

function windowText(d: WindowDecision, o: ExplainOptions): string {
  return `${at(d.evidence.window.start, o.x)}..${xValue(d.evidence.window.end)}`;
}
