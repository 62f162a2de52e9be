import { at, formatTrend, num, pct, xValue } from './format.js';
/**
 * @example explain({ kind: 'plateau', verdict: 'plateau', plateauStart: 4100, ... }, options)
 * // => { summary: 'plateau since step 4100, trend -0.3%/epoch (95% CI -0.9..+0.2), noise 18% of level', suggestion: 'a decay here would likely help' }
 */
export function explain(d, o) {
    const label = (x) => at(x, o.x);
    switch (d.kind) {
        case 'non_finite':
            return {
                summary: `diverging: non-finite loss at ${label(d.divergenceStart)}`,
                suggestion: `diverging since ${label(d.divergenceStart)}: lower the LR, add gradient clipping or warmup, check the data for NaN/inf`,
            };
        case 'too_few_points':
            return {
                summary: `insufficient data: ${d.pointCount} finite points (need ${d.minPoints})`,
                suggestion: 'not enough points to judge: keep training or log more often',
            };
        case 'constant_x':
            return { summary: 'insufficient data: x values do not vary', suggestion: 'not enough points to judge' };
        case 'rising':
            return {
                summary: `diverging since ${label(d.divergenceStart)}, trend ${trendText(d, o)}, level ${num(d.evidence.level)} (${pct(d.aboveLow, true)}% above its low)`,
                suggestion: `diverging since ${label(d.divergenceStart)}: lower the LR (or add warmup / gradient clipping)`,
            };
        case 'rose_still_rising':
            return {
                summary: `diverging since ${label(d.divergenceStart)}: rose from ${num(d.low)} to ${num(d.level)} (${pct(d.riseAbove, true)}%) and still rising, ` +
                    `trend ${trendText(d, o)} since ${label(d.windowStart)}, ${noiseText(d)}`,
                suggestion: `diverging since ${label(d.divergenceStart)} (slowly now): lower the LR (or add warmup / gradient clipping); for one term of a composite loss, check its weight`,
            };
        case 'stuck':
            return explainStuck(d, o);
        case 'plateau':
            return {
                summary: `plateau since ${label(d.plateauStart)}, trend ${trendText(d, o)}, ${noiseText(d)}`,
                suggestion: 'a decay here would likely help',
            };
        case 'descending':
            return explainDescending(d, o);
        case 'too_noisy':
            return {
                summary: `no clear trend yet: ${trendText(d, o)} over ${windowText(d, o)}, ${noiseText(d)}: too noisy to tell slow progress from a plateau`,
                suggestion: 'not enough evidence for a plateau: keep training (do not decay yet)',
            };
    }
}
function explainStuck(d, o) {
    const c = d.cause;
    const levelText = `level ${pct(d.evidence.levelRelStart)}% of start`;
    const why = c.kind === 'chance'
        ? `at chance level ${num(d.level)} (ln ${c.classes} = ${num(c.chanceLevel)})`
        : c.kind === 'rose'
            ? `after rising from ${num(c.low)} to ${num(d.level)} (${pct(c.riseAbove, true)}%), with no progress (${levelText})`
            : `with no real progress (${levelText})`;
    return {
        summary: `stuck since ${at(d.plateauStart, o.x)} ${why}, trend ${trendText(d, o)}, ${noiseText(d)}`,
        suggestion: c.kind === 'chance'
            ? 'stuck at chance level: lower the initial LR or check the initialisation; decaying the LR will not fix it'
            : 'no progress from the start: lower the initial LR, check the initialisation and the labels; decaying the LR will not fix it (if the log starts mid-run, this is a plateau)',
    };
}
function explainDescending(d, o) {
    const e = d.evidence;
    const label = (x) => at(x, o.x);
    const blocks = `${d.fallingBlocks} ${d.blockSize === 1 ? 'points' : 'block means'}`;
    const r = d.recovering;
    const summary = d.method === 'every_block'
        ? `descending at every one of the last ${blocks}, Theil-Sen trend ${trendText(d, o)} over ${windowText(d, o)}, level ${pct(e.levelRelStart)}% of start`
        : `descending, trend ${trendText(d, o)} over ${windowText(d, o)}${d.fallingBlocks !== null ? `, falling at every one of the last ${blocks}` : ''}, ` +
            `${noiseText(d)}, level ${pct(e.levelRelStart)}% of start` +
            (r ? `; still ${pct(r.aboveLow)}% above its low of ${num(r.low)} at ${label(r.lowAt)} (recovering from a rise)` : '');
    const per10 = e.trendPer10pct ?? e.trend;
    const suggestion = r
        ? `falling again, but still ${pct(r.aboveLow)}% above its low at ${label(r.lowAt)}: recovering from a spike or a too-high LR; do not decay yet, and lower the LR if it rises again`
        : d.slow
            ? `still improving at every point, but by only ${pct(per10.relative, true)}% per 10% of the run (under the ${pct(o.plateauRate)}% plateau threshold): ` +
                'close to its asymptote, so more steps gain little; not a plateau a decay would fix'
            : 'still improving: do not decay yet';
    return { summary, suggestion };
}
/** "-0.3%/epoch (95% CI -0.9..+0.2)", plus the per-10%-of-run figure when an epoch is long. */
function trendText(d, o) {
    const per10 = d.evidence.trendPer10pct ?? d.evidence.trend;
    return formatTrend(d.evidence.trend, o.confidence) + (d.showPer10 ? ` [${pct(per10.relative, true)}% per 10% of run]` : '');
}
function noiseText(d) {
    return `noise ${pct(d.evidence.noise)}% of level`;
}
function windowText(d, o) {
    return `${at(d.evidence.window.start, o.x)}..${xValue(d.evidence.window.end)}`;
}
//# sourceMappingURL=explain.js.map