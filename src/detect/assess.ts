import { olsSlope, type OlsSlope } from './stats/ols.js';
import { theilSen } from './stats/theil-sen.js';
import { mannKendall } from './stats/mann-kendall.js';
import type { Diagnosis, Evidence, TrendEstimate } from './types.js';
import type { ResolvedDetectorOptions } from './options.js';
import { at, formatTrend, num, pct } from './format.js';

/** Block means of a series plus what the decision needs to know about the series. */
export interface AssessInput {
  /** Mean x, first x, mean y, noise (per-point std) and point count of each block. */
  x: ArrayLike<number>;
  xFirst: ArrayLike<number>;
  m: ArrayLike<number>;
  noise: ArrayLike<number>;
  points: ArrayLike<number>;
  count: number;
  blockSize: number;
  /** x of the first and last point seen. */
  xStart: number;
  xEnd: number;
  /** Robust level of the first few points. */
  startLevel: number;
  /** Finite points seen. */
  pointCount: number;
  /** x of the first non-finite loss, if any. */
  nonFiniteAt: number | null;
}

/** A diagnosis plus the x positions the segmentation and the doctor need. */
export interface Assessment extends Diagnosis {
  plateauStart: number | null;
  knee: number | null;
  divergenceStart: number | null;
}

interface WindowTrend {
  fit: OlsSlope;
  /** True when the fit is on ln(level). */
  log: boolean;
  /** The values fitted (ln of the block means, or the block means). */
  ys: ArrayLike<number>;
  from: number;
  level: number;
  /** Relative trend per 10% of elapsed x. */
  per10: TrendEstimate;
}

/**
 * The decision, shared by the online detector and the offline diagnosis. Works on block means;
 * every rate is relative to the window's mean level and expressed per 10% of elapsed x.
 *
 * Order: non-finite -> diverging; too little data -> insufficient_data; significant rise in the
 * recent window -> diverging; significant fall faster than plateauRate in the recent window ->
 * descending; the earliest flat window covering >= minPlateauFraction -> plateau (or stuck when
 * nothing fell before it / it sits at ln C); otherwise a significant fall -> descending, else
 * insufficient_data (too noisy to tell).
 */
export function assess(input: AssessInput, o: ResolvedDetectorOptions): Assessment {
  const { count: n, x, xFirst, m } = input;
  const xEnd = input.xEnd;
  const span = xEnd - input.xStart;
  const base = { at: xEnd, plateauStart: null, knee: null, divergenceStart: null };
  const label = (v: number) => at(v, o.x);

  if (input.nonFiniteAt !== null) {
    const where = label(input.nonFiniteAt);
    return {
      ...base,
      verdict: 'diverging',
      evidence: null,
      divergenceStart: input.nonFiniteAt,
      summary: `diverging: non-finite loss at ${where}`,
      suggestion: `diverging since ${where}: lower the LR, add gradient clipping or warmup, check the data for NaN/inf`,
    };
  }
  if (input.pointCount < o.minPoints || n < o.minBlocks || !(span > 0)) {
    return {
      ...base,
      verdict: 'insufficient_data',
      evidence: null,
      summary: `insufficient data: ${input.pointCount} finite points (need ${o.minPoints})`,
      suggestion: 'not enough points to judge: keep training or log more often',
    };
  }

  // The rate unit: 10% of the elapsed x, or of the planned run when it is longer.
  const u10 = 0.1 * Math.max(span, o.totalSteps ?? 0);
  // Trends are reported per epoch when epochs are known (else per 10% of the run); when an epoch
  // is longer than 10% of the run, the summary also gives the per-10% figure the thresholds use.
  const epochLength = o.x === 'epoch' ? 1 : o.x === 'step' && o.stepsPerEpoch ? o.stepsPerEpoch : undefined;
  // A rate per epoch means little for a series shorter than two epochs (it extrapolates past
  // the data): there the trend is reported per 10% of the run, the unit the thresholds use.
  const reportUnit = epochLength !== undefined && epochLength * 2 <= 10 * u10 ? epochLength : undefined;
  const epochIsLong = reportUnit !== undefined && reportUnit > u10 * 1.01;
  // Trends are fitted to ln(level) when every block mean is positive (relative change is then
  // the slope itself and exponential rises/falls are straight lines), else to the level itself.
  const lnM = new Float64Array(n);
  const nonPositiveAfter = new Int32Array(n + 1);
  for (let i = n - 1; i >= 0; i--) {
    lnM[i] = m[i] > 0 ? Math.log(m[i]) : Number.NaN;
    nonPositiveAfter[i] = nonPositiveAfter[i + 1] + (m[i] > 0 ? 0 : 1);
  }
  const trendOver = (from: number): WindowTrend | null => {
    let sum = 0;
    for (let i = from; i < n; i++) sum += m[i];
    const level = sum / (n - from);
    if (nonPositiveAfter[from] === 0) {
      const fit = olsSlope(x, lnM, { confidence: o.confidence }, from, n);
      if (!fit) return null;
      const r = (v: number) => Math.expm1(v * u10);
      return { fit, from, level, log: true, ys: lnM, per10: { relative: r(fit.slope), low: r(fit.low), high: r(fit.high), unit: '10%' } };
    }
    const fit = olsSlope(x, m, { confidence: o.confidence }, from, n);
    if (!fit) return null;
    const scale = Math.abs(level) > 0 ? u10 / Math.abs(level) : 0;
    return { fit, from, level, log: false, ys: m, per10: { relative: fit.slope * scale, low: fit.low * scale, high: fit.high * scale, unit: '10%' } };
  };
  const firstIndexAtOrAfter = (xMin: number): number => {
    let i = 0;
    while (i < n && x[i] < xMin) i++;
    return i;
  };

  // Knee (end of the fast drop): Kneedle on the block means (Satopää et al. 2011).
  const knee = findKnee(x, m, n, input.startLevel, o.minDrop);
  const smoothMin = lowestSmoothed(x, m, n);

  // Recent window.
  const recentFrom = Math.min(firstIndexAtOrAfter(xEnd - o.recentFraction * span), n - o.minBlocks);
  const recent = trendOver(Math.max(0, recentFrom));
  if (!recent) {
    return { ...base, verdict: 'insufficient_data', evidence: null, summary: 'insufficient data: x values do not vary', suggestion: 'not enough points to judge' };
  }
  const endFit = recent.fit.intercept + recent.fit.slope * x[n - 1];
  const endLevel = recent.log ? Math.exp(endFit) : endFit;

  const thresholds = {
    plateauRatePer10pct: o.plateauRate,
    riseRatePer10pct: o.riseRate,
    minPlateauFraction: o.minPlateauFraction,
    recentFraction: o.recentFraction,
    minDrop: o.minDrop,
    minRise: o.minRise,
    confidence: o.confidence,
    ...(o.classes ? { chanceTolerance: o.chanceTolerance } : {}),
    ...(reportUnit !== undefined ? { plateauRatePerEpoch: Number(((o.plateauRate * reportUnit) / u10).toPrecision(6)) } : {}),
  };
  const chance = o.classes ? Math.log(o.classes) : undefined;
  /** Evidence and the formatted trend for window `w`. */
  const make = (
    w: WindowTrend,
    extra: { plateauStart?: number | null; divergenceStart?: number | null; theilSen?: boolean },
  ): { evidence: Evidence; trendText: string } => {
    const evidence = buildEvidence(input, o, w, n, reportUnit, u10, thresholds, chance, extra.theilSen === true);
    if (extra.plateauStart !== undefined && extra.plateauStart !== null) evidence.plateauStart = extra.plateauStart;
    if (knee !== null) evidence.knee = knee;
    if (extra.divergenceStart !== undefined && extra.divergenceStart !== null) evidence.divergenceStart = extra.divergenceStart;
    const per10 = evidence.trendPer10pct ?? w.per10;
    const trendText = formatTrend(evidence.trend, o.confidence) + (epochIsLong ? ` [${pct(per10.relative, true)}% per 10% of run]` : '');
    return { evidence, trendText };
  };
  /** A `diverging` verdict on window `w`, rising since `since`. */
  const diverging = (w: WindowTrend, since: number, summary: (evidence: Evidence, trendText: string) => string, suggestion: string): Assessment => {
    const { evidence, trendText } = make(w, { divergenceStart: since });
    return { ...base, knee, divergenceStart: since, verdict: 'diverging', evidence, summary: summary(evidence, trendText), suggestion };
  };

  // Diverging: a significant rise above riseRate, well above the lowest level reached.
  // The low is a minimum of noisy 3-block means, biased down: the rise must also clear twice the
  // block-mean noise (relative), so noise alone cannot fake it.
  const relNoise = recent.log ? recent.fit.residualStd : recent.fit.residualStd / Math.max(Math.abs(recent.level), 1e-300);
  const riseNeeded = Math.max(o.minRise, Math.expm1(2 * relNoise));
  // The rise is judged on the recent window's mean level against the lowest level reached before
  // that window, so a noisy slope over a short window cannot fake it.
  const lowBefore = recent.from >= 1 ? lowestSmoothed(x, m, recent.from) : null;
  const risen = lowBefore !== null && recent.level > lowBefore.level * (1 + riseNeeded) && endLevel > smoothMin.level * (1 + riseNeeded);
  if (recent.per10.low > 0 && recent.per10.relative > o.riseRate && risen) {
    const since = smoothMin.x;
    return diverging(
      recent,
      since,
      (evidence, trendText) => `diverging since ${label(since)}, trend ${trendText}, level ${num(evidence.level)} (${pct(endLevel / smoothMin.level - 1, true)}% above its low)`,
      `diverging since ${label(since)}: lower the LR (or add warmup / gradient clipping)`,
    );
  }

  // Clearly still falling in the recent window: descending, whatever happened before.
  const recentFalling = recent.per10.high < -o.plateauRate;

  // The earliest flat window covering at least minPlateauFraction of the elapsed x.
  let flat: WindowTrend | null = null;
  if (!recentFalling) {
    // A window that falls at every block is still making progress (a noise-free curve), whatever
    // its interval says. Under noise, k block means fall in a row by chance with probability
    // 1/k!; the scan tries many windows, so a run counts only when 1/k! is below
    // (1 - confidence) / (windows tried): 5 falling eval points of a noisy run do not veto.
    let candidates = 0;
    for (let i = 0; i <= n - o.minBlocks && xEnd - xFirst[i] >= o.minPlateauFraction * span; i++) candidates++;
    const strictAlpha = (1 - o.confidence) / Math.max(1, candidates);
    for (let i = 0; i <= n - o.minBlocks; i++) {
      if (xEnd - xFirst[i] < o.minPlateauFraction * span) break;
      const w = trendOver(i);
      // Flat: the whole interval within ±plateauRate, and not falling at every block beyond chance.
      if (w && w.per10.low > -o.plateauRate && w.per10.high < o.plateauRate && !strictFall(m, i, n, strictAlpha)) {
        flat = w;
        break;
      }
    }
  }

  if (flat) {
    // Falls are measured on fitted levels and 3-block means, and must clear twice the noise of a
    // 3-block mean, so that noise alone cannot fake a fall (blocks hold one point early online).
    const relStd = flat.log ? flat.fit.residualStd : flat.fit.residualStd / Math.abs(flat.level || 1);
    const dropNeeded = Math.max(o.minDrop, Math.expm1((2 * relStd) / Math.sqrt(3)));
    const fittedAt = (w: WindowTrend, at: number) => {
      const v = w.fit.intercept + w.fit.slope * at;
      return w.log ? Math.exp(v) : v;
    };
    const fallBefore = (w: WindowTrend): number => {
      let peak = -Infinity;
      for (let i = 0; i < w.from; i++) {
        const a = Math.max(0, i - 1);
        const b = Math.min(w.from - 1, i + 1);
        let sum = 0;
        for (let k = a; k <= b; k++) sum += m[k];
        peak = Math.max(peak, sum / (b - a + 1));
      }
      return w.from === 0 ? 0 : relativeFall(peak, fittedAt(w, x[w.from]));
    };
    const fallWithin = (w: WindowTrend): number => relativeFall(fittedAt(w, x[w.from]), fittedAt(w, x[n - 1]));
    // The earliest flat window may still hold the tail of the drop (the equivalence test averages
    // it with the flat part): when something fell, move the start forward while the window's head
    // (10% of the elapsed x, at least minBlocks blocks) still falls faster than plateauRate.
    const within = fallWithin(flat);
    if (fallBefore(flat) >= dropNeeded || within >= o.minDrop) {
      for (let i = flat.from; i <= n - o.minBlocks; i++) {
        let j = i + o.minBlocks;
        while (j < n && x[j - 1] - xFirst[i] < 0.1 * span) j++;
        const head = olsSlope(x, flat.ys, { confidence: o.confidence }, i, j);
        if (!head) break;
        const rate = flat.log ? Math.expm1(head.slope * u10) : (head.slope * u10) / Math.abs(flat.level || 1);
        if (rate >= -o.plateauRate || xEnd - xFirst[i + 1] < o.minPlateauFraction * span) {
          // The later start must itself pass the flat test, so the plateau's printed interval is
          // within the bounds: else the latest start between the two that does.
          for (let j = i; j > flat.from; j--) {
            const w = trendOver(j);
            if (w && w.per10.low > -o.plateauRate && w.per10.high < o.plateauRate) {
              flat = w;
              break;
            }
          }
          break;
        }
      }
    }
    const start = flat.from === 0 ? input.xStart : xFirst[flat.from];
    const level = flat.level;
    // Stuck when nothing fell: not before the flat stretch, and not (slowly) within it.
    const fell = Math.max(fallBefore(flat), within);
    const fromStart = fell < dropNeeded && within < o.minDrop;
    const nearChance = chance !== undefined && Math.abs(level - chance) <= o.chanceTolerance * chance;
    // Rose, then levelled off: the flat stretch sits well above the lowest level reached before it
    // (by max(minRise, twice the block noise), as for diverging). While the flat window still
    // rises significantly (its interval above 0), the loss is diverging, slowly, from that low.
    const lowBefore = flat.from >= 1 ? lowestSmoothed(x, m, flat.from) : null;
    const riseAbove = lowBefore !== null ? -relativeFall(lowBefore.level, level) : 0;
    const rose = !nearChance && lowBefore !== null && riseAbove > Math.max(o.minRise, Math.expm1(2 * relStd));
    if (rose && flat.per10.low > 0) {
      const since = lowBefore!.x;
      return diverging(
        flat,
        since,
        (evidence, trendText) =>
          `diverging since ${label(since)}: rose from ${num(lowBefore!.level)} to ${num(level)} (${pct(riseAbove, true)}%) and still rising, trend ${trendText} since ${label(start)}, noise ${pct(evidence.noise)}% of level`,
        `diverging since ${label(since)} (slowly now): lower the LR (or add warmup / gradient clipping); for one term of a composite loss, check its weight`,
      );
    }
    const isStuck = nearChance || fromStart;
    const { evidence, trendText } = make(flat, { plateauStart: start });
    const noiseText = `noise ${pct(evidence.noise)}% of level`;
    if (isStuck) {
      const why = nearChance
        ? `at chance level ${num(level)} (ln ${o.classes} = ${num(chance!)})`
        : rose
          ? `after rising from ${num(lowBefore!.level)} to ${num(level)} (${pct(riseAbove, true)}%), with no progress (level ${pct(evidence.levelRelStart)}% of start)`
          : `with no real progress (level ${pct(evidence.levelRelStart)}% of start)`;
      return {
        ...base,
        knee,
        plateauStart: start,
        verdict: 'stuck',
        evidence,
        summary: `stuck since ${label(start)} ${why}, trend ${trendText}, ${noiseText}`,
        suggestion: nearChance
          ? 'stuck at chance level: lower the initial LR or check the initialisation; decaying the LR will not fix it'
          : 'no progress from the start: lower the initial LR, check the initialisation and the labels; decaying the LR will not fix it (if the log starts mid-run, this is a plateau)',
      };
    }
    return {
      ...base,
      knee,
      plateauStart: start,
      verdict: 'plateau',
      evidence,
      summary: `plateau since ${label(start)}, trend ${trendText}, ${noiseText}`,
      suggestion: 'a decay here would likely help',
    };
  }

  // Not flat: descending when the recent window, or the longer half-run window, falls significantly.
  let falling = recent;
  if (recent.per10.high >= 0) {
    const halfFrom = Math.min(firstIndexAtOrAfter(xEnd - 2 * o.recentFraction * span), n - o.minBlocks);
    const half = trendOver(Math.max(0, halfFrom));
    if (half && half.per10.high < 0) falling = half;
  }
  // A significant fall: the interval below 0, or (a smooth, noise-free curve, where a line
  // fitted to the curvature has a wide interval) a fall at every block of the recent window beyond
  // chance (1/k! < 1 - confidence), reported with the Theil-Sen trend and Sen's interval, which
  // are then below 0 too, so the verdict never contradicts the interval it prints.
  const byInterval = falling.per10.high < 0;
  const byStrictFall = !byInterval && strictFall(m, recent.from, n, 1 - o.confidence);
  if (byStrictFall) falling = recent;
  const { evidence, trendText } = make(falling, { theilSen: byStrictFall });
  const noiseText = `noise ${pct(evidence.noise)}% of level`;
  if (byInterval || (byStrictFall && evidence.trendMethod === 'theil-sen' && evidence.trend.high < 0)) {
    const per10 = evidence.trendPer10pct ?? falling.per10;
    // Slow: the whole interval is under the plateau threshold; only a fall at every point kept the
    // window from counting as flat (a smooth curve still creeping down towards its asymptote).
    const slow = per10.low > -o.plateauRate;
    // Falling again, but well above a lower level reached earlier (a spike or a rise it is
    // recovering from): say so, since "still improving" alone would hide it.
    const lowPrior = falling.from >= 1 ? lowestSmoothed(x, m, falling.from) : null;
    const fittedEnd = falling.fit.intercept + falling.fit.slope * x[n - 1];
    const endOfWindow = falling.log ? Math.exp(fittedEnd) : fittedEnd;
    const windowNoise = falling.log ? falling.fit.residualStd : falling.fit.residualStd / Math.max(Math.abs(falling.level), 1e-300);
    const aboveLow = lowPrior !== null ? -relativeFall(lowPrior.level, endOfWindow) : 0;
    const recovering = lowPrior !== null && aboveLow > Math.max(o.minRise, Math.expm1(2 * windowNoise));
    const recoveringText = recovering ? `; still ${pct(aboveLow)}% above its low of ${num(lowPrior!.level)} at ${label(lowPrior!.x)} (recovering from a rise)` : '';
    const everyPoint = !byStrictFall && fallsEveryBlock(m, falling.from, n) ? `, falling at every one of the last ${n - falling.from} ${input.blockSize === 1 ? 'points' : 'block means'}` : '';
    return {
      ...base,
      knee,
      verdict: 'descending',
      evidence,
      summary: byStrictFall
        ? `descending at every one of the last ${n - recent.from} ${input.blockSize === 1 ? 'points' : 'block means'}, Theil-Sen trend ${trendText} over ${label(evidence.window.start)}..${num(evidence.window.end)}, level ${pct(evidence.levelRelStart)}% of start`
        : `descending, trend ${trendText} over ${label(evidence.window.start)}..${num(evidence.window.end)}${everyPoint}, ${noiseText}, level ${pct(evidence.levelRelStart)}% of start${recoveringText}`,
      suggestion: recovering
        ? `falling again, but still ${pct(aboveLow)}% above its low at ${label(lowPrior!.x)}: recovering from a spike or a too-high LR; do not decay yet, and lower the LR if it rises again`
        : slow
        ? `still improving at every point, but by only ${pct(per10.relative, true)}% per 10% of the run (under the ${pct(o.plateauRate)}% plateau threshold): close to its asymptote, so more steps gain little; not a plateau a decay would fix`
        : 'still improving: do not decay yet',
    };
  }
  return {
    ...base,
    knee,
    verdict: 'insufficient_data',
    evidence,
    summary: `no clear trend yet: ${trendText} over ${label(evidence.window.start)}..${num(evidence.window.end)}, ${noiseText}: too noisy to tell slow progress from a plateau`,
    suggestion: 'not enough evidence for a plateau: keep training (do not decay yet)',
  };
}

function buildEvidence(
  input: AssessInput,
  o: ResolvedDetectorOptions,
  w: WindowTrend,
  n: number,
  reportUnit: number | undefined,
  u10: number,
  thresholds: Record<string, number>,
  chance: number | undefined,
  useTheilSen = false,
): Evidence {
  const level = Math.abs(w.level) > 0 ? w.level : 1;
  // Relative change over `unit` x for a fitted slope (in log space when the fit is on ln level).
  const rel = (slope: number, unit: number) => (w.log ? Math.expm1(slope * unit) : (slope * unit) / Math.abs(level));
  const trendUnit = reportUnit ?? u10;
  const trend: TrendEstimate = reportUnit !== undefined
    ? { relative: rel(w.fit.slope, trendUnit), low: rel(w.fit.low, trendUnit), high: rel(w.fit.high, trendUnit), unit: 'epoch' }
    : w.per10;
  // Noise: per-point noise pooled over the window's blocks (RMS of first differences / sqrt 2,
  // weighted by points), leaving out blocks above 4x the median block (spikes), relative to the level.
  const noises: number[] = [];
  let points = 0;
  for (let i = w.from; i < n; i++) {
    if (Number.isFinite(input.noise[i])) noises.push(input.noise[i]);
    points += input.points[i];
  }
  const sortedNoise = [...noises].sort((a, b) => a - b);
  const cap = 4 * (sortedNoise[sortedNoise.length >> 1] ?? 0);
  let pooled = 0;
  let weight = 0;
  for (let i = w.from; i < n; i++) {
    const v = input.noise[i];
    if (!Number.isFinite(v) || v > cap) continue;
    pooled += v * v * input.points[i];
    weight += input.points[i];
  }
  const noise = weight > 0 ? Math.sqrt(pooled / weight) / Math.abs(level) : 0;
  const evidence: Evidence = {
    window: { start: w.from === 0 ? input.xStart : input.xFirst[w.from], end: input.xEnd, points },
    trend,
    noise,
    level: w.level,
    levelRelStart: input.startLevel !== 0 ? w.level / input.startLevel : 1,
    thresholds,
    trendPer10pct: w.per10,
    rho1: w.fit.rho1,
    blockSize: input.blockSize,
    blocks: n - w.from,
  };
  const ts = theilSen(input.x, w.ys, o.confidence, w.from, n);
  if (ts) {
    const conv = (slope: number) => rel(slope, trendUnit);
    evidence.theilSen = { relative: conv(ts.slope), low: conv(ts.low), high: conv(ts.high), unit: trend.unit };
    if (useTheilSen) {
      // The verdict rests on the Theil-Sen trend (a smooth curve falling at every block): report it.
      evidence.trend = evidence.theilSen;
      evidence.trendPer10pct = { relative: rel(ts.slope, u10), low: rel(ts.low, u10), high: rel(ts.high, u10), unit: '10%' };
      evidence.trendMethod = 'theil-sen';
    }
  }
  const dx = n - 1 > w.from ? (input.x[n - 1] - input.x[w.from]) / (n - 1 - w.from) : 1;
  const mk = mannKendall(Array.prototype.slice.call(w.ys, w.from, n) as number[], ts ? { detrendSlope: ts.slope * dx } : {});
  if (mk) evidence.mannKendallP = mk.p;
  if (chance !== undefined) evidence.chanceLevel = chance;
  return evidence;
}

/**
 * Kneedle (Satopää, Albrecht, Irwin & Raghavan 2011) for a falling curve: after normalising x
 * and y to [0, 1], the knee is the point farthest below the chord from the first to the last
 * point. Uses a 3-block running mean; null when the curve did not fall by minDrop or the bend is
 * weak (distance < 0.2).
 */
export function findKnee(x: ArrayLike<number>, m: ArrayLike<number>, n: number, startLevel: number, minDrop: number): number | null {
  if (n < 5) return null;
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, i - 1);
    const b = Math.min(n - 1, i + 1);
    let sum = 0;
    for (let k = a; k <= b; k++) sum += m[k];
    s[i] = sum / (b - a + 1);
  }
  let yMax = -Infinity;
  let yMin = Infinity;
  for (let i = 0; i < n; i++) {
    yMax = Math.max(yMax, s[i]);
    yMin = Math.min(yMin, s[i]);
  }
  if (!(yMax > yMin) || 1 - yMin / startLevel < minDrop) return null;
  const x0 = x[0];
  const xSpan = x[n - 1] - x0;
  if (!(xSpan > 0)) return null;
  let best = -Infinity;
  let bestI = -1;
  for (let i = 0; i < n; i++) {
    const xn = (x[i] - x0) / xSpan;
    const yn = (s[i] - yMin) / (yMax - yMin);
    const d = 1 - xn - yn;
    if (d > best) {
      best = d;
      bestI = i;
    }
  }
  return best >= 0.2 && bestI > 0 ? x[bestI] : null;
}

/** Lowest 3-block running mean and where it is. */
function lowestSmoothed(x: ArrayLike<number>, m: ArrayLike<number>, n: number): { x: number; level: number } {
  let best = Infinity;
  let bestX = x[0];
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, i - 1);
    const b = Math.min(n - 1, i + 1);
    let sum = 0;
    for (let k = a; k <= b; k++) sum += m[k];
    const v = sum / (b - a + 1);
    if (v < best) {
      best = v;
      bestX = x[i];
    }
  }
  return { x: bestX, level: best };
}

/** True when every block mean in [from, n) is below the one before it. */
function fallsEveryBlock(m: ArrayLike<number>, from: number, n: number): boolean {
  for (let i = from + 1; i < n; i++) if (!(m[i] < m[i - 1])) return false;
  return true;
}

/**
 * True when the k = n - from block means fall at every block and that is beyond chance at level
 * `alpha`: under exchangeable noise a given order of k values has probability 1/k!.
 */
export function strictFall(m: ArrayLike<number>, from: number, n: number, alpha: number): boolean {
  const k = n - from;
  if (k < 3 || !fallsEveryBlock(m, from, n)) return false;
  let lnFactorial = 0;
  for (let j = 2; j <= k; j++) lnFactorial += Math.log(j);
  return -lnFactorial < Math.log(alpha);
}

/** How much `later` is below `earlier`, relative to |earlier| (works for negative losses; 0 when earlier is 0). */
function relativeFall(earlier: number, later: number): number {
  return Math.abs(earlier) > 0 ? (earlier - later) / Math.abs(earlier) : 0;
}
