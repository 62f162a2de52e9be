import { olsSlope } from './stats/ols.js';
import { theilSen } from './stats/theil-sen.js';
import { mannKendall } from './stats/mann-kendall.js';
import { runningMean3 } from './stats/smoothing.js';
import { explain } from './explain.js';
/**
 * The decision with its explanation, shared by the online detector and the offline diagnosis:
 * `decide` then `explain` (explain.ts).
 */
export function assess(input, o) {
    const d = decide(input, o);
    const { summary, suggestion } = explain(d, o);
    return { at: d.at, plateauStart: d.plateauStart, knee: d.knee, divergenceStart: d.divergenceStart, verdict: d.verdict, evidence: d.evidence, summary, suggestion };
}
/**
 * The decision as typed data (see decision.ts). Works on block means; every rate is relative to
 * the window's mean level and expressed per 10% of elapsed x.
 *
 * Order: non-finite -> diverging; too little data -> insufficient_data; significant rise in the
 * recent window -> diverging; significant fall faster than plateauRate in the recent window ->
 * descending; the earliest flat window covering >= minPlateauFraction -> plateau (or stuck when
 * nothing fell before it / it sits at ln C); otherwise a significant fall -> descending, else
 * insufficient_data (too noisy to tell).
 */
export function decide(input, o) {
    const none = { at: input.xEnd, knee: null, plateauStart: null, divergenceStart: null, evidence: null };
    if (input.nonFiniteAt !== null) {
        return { ...none, kind: 'non_finite', verdict: 'diverging', divergenceStart: input.nonFiniteAt };
    }
    const little = { ...none, verdict: 'insufficient_data', pointCount: input.pointCount, minPoints: o.minPoints };
    if (input.pointCount < o.minPoints || input.count < o.minBlocks || !(input.xEnd - input.xStart > 0)) {
        return { ...little, kind: 'too_few_points' };
    }
    const f = frameOf(input, o);
    const recentFrom = Math.min(firstIndexAtOrAfter(f, input.xEnd - o.recentFraction * f.span), f.n - o.minBlocks);
    const recent = trendOver(f, Math.max(0, recentFrom));
    if (!recent)
        return { ...little, kind: 'constant_x' };
    return rising(f, recent) ?? (recent.per10.high < -o.plateauRate ? null : flatDecision(f)) ?? trendDecision(f, recent);
}
function frameOf(input, o) {
    const { count: n, m } = input;
    const span = input.xEnd - input.xStart;
    const u10 = 0.1 * Math.max(span, o.totalSteps ?? 0);
    // Trends are reported per epoch when epochs are known (else per 10% of the run); when an epoch
    // is longer than 10% of the run, the summary also gives the per-10% figure the thresholds use.
    const epochLength = o.x === 'epoch' ? 1 : o.x === 'step' && o.stepsPerEpoch ? o.stepsPerEpoch : undefined;
    // A rate per epoch means little for a series shorter than two epochs (it extrapolates past
    // the data): there the trend is reported per 10% of the run, the unit the thresholds use.
    // (Two epochs of data actually seen: a planned long run does not make 50 steps an epoch's worth.)
    const reportUnit = epochLength !== undefined && epochLength * 2 <= span ? epochLength : undefined;
    // Trends are fitted to ln(level) when every block mean is positive (relative change is then
    // the slope itself and exponential rises/falls are straight lines), else to the level itself.
    const lnM = new Float64Array(n);
    const nonPositiveAfter = new Int32Array(n + 1);
    for (let i = n - 1; i >= 0; i--) {
        lnM[i] = m[i] > 0 ? Math.log(m[i]) : Number.NaN;
        nonPositiveAfter[i] = nonPositiveAfter[i + 1] + (m[i] > 0 ? 0 : 1);
    }
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
    return {
        input,
        o,
        n,
        span,
        u10,
        reportUnit,
        showPer10: reportUnit !== undefined && reportUnit > u10 * 1.01,
        lnM,
        nonPositiveAfter,
        // Knee (end of the fast drop): Kneedle on the block means (Satopää et al. 2011).
        knee: findKnee(input.x, m, n, input.startLevel, o.minDrop),
        smoothMin: lowestSmoothed(input.x, m, n),
        thresholds,
        chance: o.classes ? Math.log(o.classes) : undefined,
    };
}
/** The trend of the block means from index `from` to the end (null when x does not vary). */
function trendOver(f, from) {
    const { n, u10, o } = f;
    const { x, m } = f.input;
    let sum = 0;
    for (let i = from; i < n; i++)
        sum += m[i];
    const level = sum / (n - from);
    if (f.nonPositiveAfter[from] === 0) {
        const fit = olsSlope(x, f.lnM, { confidence: o.confidence }, from, n);
        if (!fit)
            return null;
        const r = (v) => Math.expm1(v * u10);
        return { fit, from, level, log: true, ys: f.lnM, per10: { relative: r(fit.slope), low: r(fit.low), high: r(fit.high), unit: '10%' } };
    }
    const fit = olsSlope(x, m, { confidence: o.confidence }, from, n);
    if (!fit)
        return null;
    const scale = Math.abs(level) > 0 ? u10 / Math.abs(level) : 0;
    return { fit, from, level, log: false, ys: m, per10: { relative: fit.slope * scale, low: fit.low * scale, high: fit.high * scale, unit: '10%' } };
}
function firstIndexAtOrAfter(f, xMin) {
    let i = 0;
    while (i < f.n && f.input.x[i] < xMin)
        i++;
    return i;
}
/** Window `w` judged flat: its whole interval within ±plateauRate. */
function isFlat(f, w) {
    return w !== null && w.per10.low > -f.o.plateauRate && w.per10.high < f.o.plateauRate;
}
/** The fitted level of window `w` at x. */
function fittedAt(w, x) {
    const v = w.fit.intercept + w.fit.slope * x;
    return w.log ? Math.exp(v) : v;
}
/** Residual std of window `w` relative to its level. */
function relativeNoise(w, floor) {
    return w.log ? w.fit.residualStd : w.fit.residualStd / Math.max(Math.abs(w.level), floor);
}
/** The fields and evidence of a decision on window `w`. */
function onWindow(f, w, extra) {
    const evidence = buildEvidence(f, w, extra.theilSen === true);
    if (extra.plateauStart !== undefined)
        evidence.plateauStart = extra.plateauStart;
    if (f.knee !== null)
        evidence.knee = f.knee;
    if (extra.divergenceStart !== undefined)
        evidence.divergenceStart = extra.divergenceStart;
    return {
        at: f.input.xEnd,
        knee: f.knee,
        plateauStart: extra.plateauStart ?? null,
        divergenceStart: extra.divergenceStart ?? null,
        evidence,
        showPer10: f.showPer10,
    };
}
/**
 * Diverging: a significant rise above riseRate, well above the lowest level reached. The low is
 * a minimum of noisy 3-block means, biased down: the rise must also clear twice the block-mean
 * noise (relative), so noise alone cannot fake it. The rise is judged on the recent window's
 * mean level against the lowest level reached before that window, so a noisy slope over a short
 * window cannot fake it.
 */
function rising(f, recent) {
    const { o, smoothMin } = f;
    const endLevel = fittedAt(recent, f.input.x[f.n - 1]);
    const riseNeeded = Math.max(o.minRise, Math.expm1(2 * relativeNoise(recent, 1e-300)));
    const lowBefore = recent.from >= 1 ? lowestSmoothed(f.input.x, f.input.m, recent.from) : null;
    const risen = lowBefore !== null && recent.level > lowBefore.level * (1 + riseNeeded) && endLevel > smoothMin.level * (1 + riseNeeded);
    if (!(recent.per10.low > 0 && recent.per10.relative > o.riseRate && risen))
        return null;
    return {
        ...onWindow(f, recent, { divergenceStart: smoothMin.x }),
        kind: 'rising',
        verdict: 'diverging',
        divergenceStart: smoothMin.x,
        aboveLow: endLevel / smoothMin.level - 1,
    };
}
/**
 * The earliest flat window covering at least minPlateauFraction of the elapsed x. A window that
 * falls at every block is still making progress (a noise-free curve), whatever its interval
 * says. Under noise, k block means fall in a row by chance with probability 1/k!; the scan tries
 * many windows, so a run counts only when 1/k! is below (1 - confidence) / (windows tried):
 * 5 falling eval points of a noisy run do not veto.
 */
function earliestFlat(f) {
    const { n, o, span } = f;
    const { xFirst, xEnd, m } = f.input;
    let candidates = 0;
    for (let i = 0; i <= n - o.minBlocks && xEnd - xFirst[i] >= o.minPlateauFraction * span; i++)
        candidates++;
    const strictAlpha = (1 - o.confidence) / Math.max(1, candidates);
    for (let i = 0; i <= n - o.minBlocks; i++) {
        if (xEnd - xFirst[i] < o.minPlateauFraction * span)
            break;
        const w = trendOver(f, i);
        if (isFlat(f, w) && !strictFall(m, i, n, strictAlpha))
            return w;
    }
    return null;
}
/** The fall from the highest 3-block mean before window `w` to the window's fitted start. */
function fallBefore(f, w) {
    let peak = -Infinity;
    for (let i = 0; i < w.from; i++)
        peak = Math.max(peak, runningMean3(f.input.m, i, w.from));
    return w.from === 0 ? 0 : relativeFall(peak, fittedAt(w, f.input.x[w.from]));
}
/**
 * The earliest flat window may still hold the tail of the drop (the equivalence test averages
 * it with the flat part): move the start forward while the window's head (10% of the elapsed x,
 * at least minBlocks blocks) still falls faster than plateauRate. The later start must itself
 * pass the flat test, so the plateau's printed interval is within the bounds: else the latest
 * start between the two that does.
 */
function trimDropTail(f, flat) {
    const { n, o, span, u10 } = f;
    const { x, xFirst, xEnd } = f.input;
    for (let i = flat.from; i <= n - o.minBlocks; i++) {
        let j = i + o.minBlocks;
        while (j < n && x[j - 1] - xFirst[i] < 0.1 * span)
            j++;
        const head = olsSlope(x, flat.ys, { confidence: o.confidence }, i, j);
        if (!head)
            return flat;
        const rate = flat.log ? Math.expm1(head.slope * u10) : (head.slope * u10) / Math.abs(flat.level || 1);
        if (rate >= -o.plateauRate || xEnd - xFirst[i + 1] < o.minPlateauFraction * span) {
            for (let k = i; k > flat.from; k--) {
                const w = trendOver(f, k);
                if (isFlat(f, w))
                    return w;
            }
            return flat;
        }
    }
    return flat;
}
/** A flat stretch: plateau, stuck, or (risen above an earlier low and still rising) diverging. */
function flatDecision(f) {
    const { n, o, chance } = f;
    const found = earliestFlat(f);
    if (!found)
        return null;
    // Falls are measured on fitted levels and 3-block means, and must clear twice the noise of a
    // 3-block mean, so that noise alone cannot fake a fall (blocks hold one point early online).
    const relStd = found.log ? found.fit.residualStd : found.fit.residualStd / Math.abs(found.level || 1);
    const dropNeeded = Math.max(o.minDrop, Math.expm1((2 * relStd) / Math.sqrt(3)));
    const within = relativeFall(fittedAt(found, f.input.x[found.from]), fittedAt(found, f.input.x[n - 1]));
    const flat = fallBefore(f, found) >= dropNeeded || within >= o.minDrop ? trimDropTail(f, found) : found;
    const start = flat.from === 0 ? f.input.xStart : f.input.xFirst[flat.from];
    const level = flat.level;
    // Stuck when nothing fell: not before the flat stretch, and not (slowly) within it.
    const fromStart = Math.max(fallBefore(f, flat), within) < dropNeeded && within < o.minDrop;
    const nearChance = chance !== undefined && Math.abs(level - chance) <= o.chanceTolerance * chance;
    // Rose, then levelled off: the flat stretch sits well above the lowest level reached before it
    // (by max(minRise, twice the block noise), as for diverging). While the flat window still
    // rises significantly (its interval above 0), the loss is diverging, slowly, from that low.
    const lowBefore = flat.from >= 1 ? lowestSmoothed(f.input.x, f.input.m, flat.from) : null;
    const riseAbove = lowBefore !== null ? -relativeFall(lowBefore.level, level) : 0;
    const rose = !nearChance && lowBefore !== null && riseAbove > Math.max(o.minRise, Math.expm1(2 * relStd));
    if (rose && flat.per10.low > 0) {
        const since = lowBefore.x;
        const fields = onWindow(f, flat, { divergenceStart: since });
        return { ...fields, kind: 'rose_still_rising', verdict: 'diverging', divergenceStart: since, windowStart: start, low: lowBefore.level, level, riseAbove };
    }
    const fields = { ...onWindow(f, flat, { plateauStart: start }), plateauStart: start };
    if (!(nearChance || fromStart))
        return { ...fields, kind: 'plateau', verdict: 'plateau' };
    const cause = nearChance
        ? { kind: 'chance', classes: o.classes, chanceLevel: chance }
        : rose
            ? { kind: 'rose', low: lowBefore.level, riseAbove }
            : { kind: 'no_progress' };
    return { ...fields, kind: 'stuck', verdict: 'stuck', level, cause };
}
/**
 * Not flat: descending when the recent window, or the longer half-run window, falls
 * significantly. A significant fall: the interval below 0, or (a smooth, noise-free curve, where
 * a line fitted to the curvature has a wide interval) a fall at every block of the recent window
 * beyond chance (1/k! < 1 - confidence), reported with the Theil-Sen trend and Sen's interval,
 * which are then below 0 too, so the verdict never contradicts the interval it prints.
 */
function trendDecision(f, recent) {
    const { n, o } = f;
    const { m } = f.input;
    let falling = recent;
    if (recent.per10.high >= 0) {
        const halfFrom = Math.min(firstIndexAtOrAfter(f, f.input.xEnd - 2 * o.recentFraction * f.span), n - o.minBlocks);
        const half = trendOver(f, Math.max(0, halfFrom));
        if (half && half.per10.high < 0)
            falling = half;
    }
    const byInterval = falling.per10.high < 0;
    const byStrictFall = !byInterval && strictFall(m, recent.from, n, 1 - o.confidence);
    if (byStrictFall)
        falling = recent;
    const fields = onWindow(f, falling, { theilSen: byStrictFall });
    const evidence = fields.evidence;
    if (!(byInterval || (byStrictFall && evidence.trendMethod === 'theil-sen' && evidence.trend.high < 0))) {
        return { ...fields, kind: 'too_noisy', verdict: 'insufficient_data' };
    }
    const per10 = evidence.trendPer10pct ?? falling.per10;
    // Falling again, but well above a lower level reached earlier (a spike or a rise it is
    // recovering from): say so, since "still improving" alone would hide it.
    const lowPrior = falling.from >= 1 ? lowestSmoothed(f.input.x, m, falling.from) : null;
    const aboveLow = lowPrior !== null ? -relativeFall(lowPrior.level, fittedAt(falling, f.input.x[n - 1])) : 0;
    const recovering = lowPrior !== null && aboveLow > Math.max(o.minRise, Math.expm1(2 * relativeNoise(falling, 1e-300)));
    return {
        ...fields,
        kind: 'descending',
        verdict: 'descending',
        method: byStrictFall ? 'every_block' : 'interval',
        fallingBlocks: byStrictFall || fallsEveryBlock(m, falling.from, n) ? n - falling.from : null,
        blockSize: f.input.blockSize,
        // Slow: the whole interval is under the plateau threshold; only a fall at every point kept the
        // window from counting as flat (a smooth curve still creeping down towards its asymptote).
        slow: per10.low > -o.plateauRate,
        recovering: recovering ? { aboveLow, low: lowPrior.level, lowAt: lowPrior.x } : null,
    };
}
/** The largest 1, 2 or 5 x 10^k not above `span` (at least 1): a round number of x units. */
function roundUnitWithin(span) {
    if (!(span > 1))
        return 1;
    const p = 10 ** Math.floor(Math.log10(span));
    return [5, 2, 1].map((k) => k * p).find((u) => u <= span) ?? p;
}
function buildEvidence(f, w, useTheilSen) {
    const { input, o, n, reportUnit, u10, thresholds, chance } = f;
    const level = Math.abs(w.level) > 0 ? w.level : 1;
    // Relative change over `unit` x for a fitted slope (in log space when the fit is on ln level).
    const rel = (slope, unit) => (w.log ? Math.expm1(slope * unit) : (slope * unit) / Math.abs(level));
    // Never a rate over more x than the window holds: early in a long planned run, 10% of the run
    // can be many times the data seen (50 steps would read "-100% per epoch"); then per N x units.
    const windowStart = w.from === 0 ? input.xStart : input.xFirst[w.from];
    const shortUnit = reportUnit === undefined && u10 > input.xEnd - windowStart ? roundUnitWithin(input.xEnd - windowStart) : undefined;
    const trendUnit = reportUnit ?? shortUnit ?? u10;
    const per = (unit, extra = {}) => ({
        relative: rel(w.fit.slope, trendUnit),
        low: rel(w.fit.low, trendUnit),
        high: rel(w.fit.high, trendUnit),
        unit,
        ...extra,
    });
    const trend = reportUnit !== undefined ? per('epoch') : shortUnit !== undefined ? per('x', { per: shortUnit, x: o.x }) : w.per10;
    // Noise: per-point noise pooled over the window's blocks (RMS of first differences / sqrt 2,
    // weighted by points), leaving out blocks above 4x the median block (spikes), relative to the level.
    const noises = [];
    let points = 0;
    for (let i = w.from; i < n; i++) {
        if (Number.isFinite(input.noise[i]))
            noises.push(input.noise[i]);
        points += input.points[i];
    }
    const sortedNoise = [...noises].sort((a, b) => a - b);
    const cap = 4 * (sortedNoise[sortedNoise.length >> 1] ?? 0);
    let pooled = 0;
    let weight = 0;
    for (let i = w.from; i < n; i++) {
        const v = input.noise[i];
        if (!Number.isFinite(v) || v > cap)
            continue;
        pooled += v * v * input.points[i];
        weight += input.points[i];
    }
    const noise = weight > 0 ? Math.sqrt(pooled / weight) / Math.abs(level) : 0;
    const evidence = {
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
        const conv = (slope) => rel(slope, trendUnit);
        evidence.theilSen = { ...trend, relative: conv(ts.slope), low: conv(ts.low), high: conv(ts.high) };
        if (useTheilSen) {
            // The verdict rests on the Theil-Sen trend (a smooth curve falling at every block): report it.
            evidence.trend = evidence.theilSen;
            evidence.trendPer10pct = { relative: rel(ts.slope, u10), low: rel(ts.low, u10), high: rel(ts.high, u10), unit: '10%' };
            evidence.trendMethod = 'theil-sen';
        }
    }
    const dx = n - 1 > w.from ? (input.x[n - 1] - input.x[w.from]) / (n - 1 - w.from) : 1;
    const mk = mannKendall(Array.prototype.slice.call(w.ys, w.from, n), ts ? { detrendSlope: ts.slope * dx } : {});
    if (mk)
        evidence.mannKendallP = mk.p;
    if (chance !== undefined)
        evidence.chanceLevel = chance;
    return evidence;
}
/**
 * Kneedle (Satopää, Albrecht, Irwin & Raghavan 2011) for a falling curve: after normalising x
 * and y to [0, 1], the knee is the point farthest below the chord from the first to the last
 * point. Uses a 3-block running mean; null when the curve did not fall by minDrop or the bend is
 * weak (distance < 0.2).
 */
export function findKnee(x, m, n, startLevel, minDrop) {
    if (n < 5)
        return null;
    const s = new Float64Array(n);
    for (let i = 0; i < n; i++)
        s[i] = runningMean3(m, i, n);
    let yMax = -Infinity;
    let yMin = Infinity;
    for (let i = 0; i < n; i++) {
        yMax = Math.max(yMax, s[i]);
        yMin = Math.min(yMin, s[i]);
    }
    if (!(yMax > yMin) || 1 - yMin / startLevel < minDrop)
        return null;
    const x0 = x[0];
    const xSpan = x[n - 1] - x0;
    if (!(xSpan > 0))
        return null;
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
function lowestSmoothed(x, m, n) {
    let best = Infinity;
    let bestX = x[0];
    for (let i = 0; i < n; i++) {
        const v = runningMean3(m, i, n);
        if (v < best) {
            best = v;
            bestX = x[i];
        }
    }
    return { x: bestX, level: best };
}
/** True when every block mean in [from, n) is below the one before it. */
function fallsEveryBlock(m, from, n) {
    for (let i = from + 1; i < n; i++)
        if (!(m[i] < m[i - 1]))
            return false;
    return true;
}
/**
 * True when the k = n - from block means fall at every block and that is beyond chance at level
 * `alpha`: under exchangeable noise a given order of k values has probability 1/k!.
 */
export function strictFall(m, from, n, alpha) {
    const k = n - from;
    if (k < 3 || !fallsEveryBlock(m, from, n))
        return false;
    let lnFactorial = 0;
    for (let j = 2; j <= k; j++)
        lnFactorial += Math.log(j);
    return -lnFactorial < Math.log(alpha);
}
/** How much `later` is below `earlier`, relative to |earlier| (works for negative losses; 0 when earlier is 0). */
function relativeFall(earlier, later) {
    return Math.abs(earlier) > 0 ? (earlier - later) / Math.abs(earlier) : 0;
}
//# sourceMappingURL=assess.js.map