import { CostLinear, pelt } from './stats/change-points.js';
import { noiseStd } from './stats/noise.js';
import { olsSlope } from './stats/ols.js';
/**
 * Splits block means into segments (PELT over a piecewise-linear cost) and names each by its
 * rate per 10% of the elapsed x relative to its mean level: drop (fast fall), descent, plateau
 * (flat after a fall), flat (flat from the start), rise. Adjacent segments of one kind merge.
 */
export function segmentBlocks(input, options = {}) {
    const n = input.count;
    if (n < 3)
        return [];
    const plateauRate = options.plateauRate ?? 0.02;
    const dropRate = options.dropRate ?? 0.2;
    const riseRate = options.riseRate ?? 0.05;
    const { x, m } = input;
    const span = input.xEnd - input.xStart;
    if (!(span > 0))
        return [];
    let mean = 0;
    for (let i = 0; i < n; i++)
        mean += Math.abs(m[i]);
    mean /= n;
    const sigma = Math.max(noiseStd(m, 0, n), 1e-6 * mean, 1e-300);
    const penalty = (options.penalty ?? 4) * sigma * sigma * Math.log(Math.max(n, 3));
    const cost = new CostLinear().fit(x, m);
    const ends = pelt(cost, n, penalty, Math.min(3, n));
    const raw = [];
    let from = 0;
    let fallen = false;
    for (const to of ends) {
        const fit = to - from >= 3 ? olsSlope(x, m, { autocorrelation: false }, from, to) : null;
        let level = 0;
        for (let i = from; i < to; i++)
            level += m[i];
        level /= to - from;
        const slope = fit ? fit.slope : to - from === 2 ? (m[from + 1] - m[from]) / (x[from + 1] - x[from] || 1) : 0;
        const rate = Math.abs(level) > 0 ? (slope * 0.1 * span) / Math.abs(level) : 0;
        let kind;
        if (rate < -dropRate)
            kind = 'drop';
        else if (rate < -plateauRate)
            kind = 'descent';
        else if (rate > riseRate)
            kind = 'rise';
        else
            kind = fallen ? 'plateau' : 'flat';
        if (kind === 'drop' || kind === 'descent')
            fallen = true;
        raw.push({ from, to, kind });
        from = to;
    }
    const merged = [];
    for (const s of raw) {
        const last = merged[merged.length - 1];
        if (last && last.kind === s.kind)
            last.to = s.to;
        else
            merged.push({ ...s });
    }
    return merged.map((s) => toSegment(input, s.from, s.to, s.kind));
}
/** Builds a Segment over blocks [from, to) with the fitted levels at its ends. */
export function toSegment(input, from, to, kind) {
    const n = input.count;
    const start = from === 0 ? input.xStart : input.xFirst[from];
    const end = to >= n ? input.xEnd : input.xFirst[to];
    const fit = to - from >= 3 ? olsSlope(input.x, input.m, { autocorrelation: false }, from, to) : null;
    const at = (v) => (fit ? fit.intercept + fit.slope * v : input.m[Math.min(n - 1, v === start ? from : to - 1)]);
    return { kind, start, end, startLevel: fit ? at(input.x[from]) : input.m[from], endLevel: fit ? at(input.x[to - 1]) : input.m[to - 1] };
}
/** Mean block level over [start, end) in x. */
export function meanLevel(input, start, end) {
    let sum = 0;
    let k = 0;
    for (let i = 0; i < input.count; i++) {
        if (input.x[i] >= start && input.x[i] <= end) {
            sum += input.m[i];
            k++;
        }
    }
    return k ? sum / k : Number.NaN;
}
/** Plateau spans: every 'plateau' segment (a stretch that is flat after a fall). */
export function plateauSpans(input, segments) {
    return segments
        .filter((s) => s.kind === 'plateau')
        .map((s) => ({ start: s.start, end: s.end, level: meanLevel(input, s.start, s.end) }));
}
//# sourceMappingURL=segment.js.map