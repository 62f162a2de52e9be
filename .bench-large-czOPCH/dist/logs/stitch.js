import path from 'node:path';
/**
 * Parts of one run written to several files (a resumed TensorBoard run's second event file,
 * Lightning's `version_1` after `version_0`), in order. Consecutive parts are stitched, as
 * TensorBoard shows them, when they hold the same series and every series' steps continue
 * where the previous part stopped; otherwise they stay separate runs.
 */
export function stitchGroup(parts) {
    const out = [];
    for (const part of parts) {
        const prev = out[out.length - 1];
        const joined = prev ? stitchTwo(prev, part) : undefined;
        if (joined)
            out[out.length - 1] = joined;
        else
            out.push(part);
    }
    return out;
}
function continues(a, b) {
    return a.x === b.x && a.xs.length > 0 && b.xs.length > 0 && b.xs[0] > a.xs[a.xs.length - 1];
}
function stitchTwo(a, b) {
    if (a.format !== b.format || a.series.length !== b.series.length)
        return undefined;
    const pairs = a.series.map((s) => [s, b.series.find((t) => t.name === s.name)]);
    if (pairs.some(([s, t]) => t === undefined || !continues(s, t)))
        return undefined;
    const series = pairs.map(([s, t]) => joinSeries(s, t));
    const partsOf = (log) => log.parts ?? [log.file];
    const parts = [...partsOf(a), ...partsOf(b)];
    const first = pairs[0][1];
    const note = `stitched: ${path.basename(b.file) === path.basename(a.file) ? path.basename(path.dirname(b.file)) : path.basename(b.file)} continues this run at ${first.x} ${first.xs[0]} (same series, steps continue)`;
    return { ...a, file: a.file, parts, series, notes: [...(a.notes ?? []), note] };
}
function joinSeries(s, t) {
    const joined = { ...s, xs: [...s.xs, ...t.xs], ys: [...s.ys, ...t.ys] };
    if (s.lrs && t.lrs)
        joined.lrs = [...s.lrs, ...t.lrs];
    else
        delete joined.lrs;
    const notes = [...(s.notes ?? []), ...(t.notes ?? [])];
    if (notes.length > 0)
        joined.notes = notes;
    return joined;
}
//# sourceMappingURL=stitch.js.map