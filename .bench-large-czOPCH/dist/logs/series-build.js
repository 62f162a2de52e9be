import { median } from './values.js';
/**
 * Cleans one raw series into one or more LossSeries: drops points without an x, keeps the
 * last of several points that share an x, and handles x counters that go back (split into
 * runs, or stitched into one run by offsetting x), recording each decision in `notes`.
 */
export function buildSeries(raw, options = {}) {
    const notes = [...(raw.notes ?? [])];
    const plan = options.plan;
    if (strictlyIncreasing(raw.xs) && !(plan && plan.count > 1)) {
        // Fast path (the common case, and the only one for very long logs): nothing to clean.
        const series = { name: raw.name, role: raw.role, x: raw.x, xs: raw.xs, ys: raw.ys };
        if (notes.length > 0)
            series.notes = notes;
        if (raw.lrs && raw.lrs.some((v) => Number.isFinite(v)))
            series.lrs = fillGaps(raw.lrs);
        if (raw.stepsPerEpoch !== undefined)
            series.stepsPerEpoch = raw.stepsPerEpoch;
        return [series];
    }
    const segments = cleanSegments(raw, notes);
    const { runs } = joinSegments(raw, segments, options.restarts ?? 'auto', plan, notes);
    const labels = runLabels(runs, plan, (i) => (raw.lines ? raw.lines[i] : i + 1));
    return runs.map((run, r) => {
        const xs = run.indices.map((i, k) => raw.xs[i] + run.offsets[k]);
        const ys = run.indices.map((i) => raw.ys[i]);
        const series = { name: labels[r] === undefined ? raw.name : `${raw.name} (run ${labels[r]})`, role: raw.role, x: raw.x, xs, ys, notes: [...notes] };
        if (plan && labels[r] !== undefined && labels[r] === run.fileRun)
            series.notes.push(`run ${run.fileRun} of ${plan.count} in this file: ${plan.where(run.fileRun)}`);
        if (raw.lrs) {
            const lrs = run.indices.map((i) => raw.lrs[i]);
            if (lrs.some((v) => Number.isFinite(v)))
                series.lrs = fillGaps(lrs);
        }
        if (raw.stepsPerEpoch !== undefined)
            series.stepsPerEpoch = raw.stepsPerEpoch;
        if (series.notes.length === 0)
            delete series.notes;
        return series;
    });
}
/**
 * Drops points without an x, cuts the series where x goes back, and keeps the last point of a
 * run of equal x within each segment. Returns the segments (indices into raw); notes say what was done.
 */
function cleanSegments(raw, notes) {
    let dropped = 0;
    const segments = [];
    let current = [];
    let duplicates = 0;
    for (let i = 0; i < raw.xs.length; i++) {
        const x = raw.xs[i];
        if (!Number.isFinite(x)) {
            dropped++;
            continue;
        }
        const last = current.length > 0 ? raw.xs[current[current.length - 1]] : undefined;
        if (last !== undefined && x < last) {
            segments.push(current);
            current = [];
        }
        if (last !== undefined && x === last) {
            current[current.length - 1] = i;
            duplicates++;
        }
        else
            current.push(i);
    }
    if (current.length > 0)
        segments.push(current);
    if (dropped > 0)
        notes.push(`${dropped} point(s) without a usable ${raw.x} value were skipped`);
    if (duplicates > 0)
        notes.push(`${duplicates} point(s) repeated an earlier ${raw.x}: kept the last value logged for each ${raw.x}`);
    return segments;
}
/** Decides, at each restart, whether the next segment continues the run (stitch) or starts a new one (split). */
function joinSegments(raw, segments, mode, plan, notes, evidence) {
    const unit = raw.lineUnit ?? 'line';
    const lineOf = (i) => (raw.lines ? raw.lines[i] : i + 1);
    const runs = [];
    const restarts = [];
    const stitchedAt = [];
    const splitAt = [];
    for (const seg of segments) {
        const prevRun = runs[runs.length - 1];
        if (!prevRun) {
            runs.push({ indices: [...seg], offsets: seg.map(() => 0), fileRun: plan?.runOf(lineOf(seg[0])) });
            continue;
        }
        const where = raw.lines ? `${unit} ${raw.lines[seg[0]]}` : `point ${seg[0] + 1}`;
        const before = lineOf(prevRun.indices[prevRun.indices.length - 1]);
        const planned = plan?.restartAt(before, lineOf(seg[0]));
        const told = mode === 'auto' && !planned ? evidence?.(before, lineOf(seg[0])) : undefined;
        const stitch = planned ? planned.mode === 'stitch' : told ? told === 'stitch' : mode === 'stitch' || (mode === 'auto' && continuesPrevious(raw.ys, prevRun.indices, seg));
        restarts.push({ before, at: lineOf(seg[0]), mode: stitch ? 'stitch' : 'split' });
        if (stitch) {
            const lastI = prevRun.indices[prevRun.indices.length - 1];
            const lastX = raw.xs[lastI] + prevRun.offsets[prevRun.offsets.length - 1];
            const offset = lastX + typicalGap(raw.xs, prevRun.indices) - raw.xs[seg[0]];
            for (const i of seg) {
                prevRun.indices.push(i);
                prevRun.offsets.push(offset);
            }
            stitchedAt.push(where);
        }
        else {
            runs.push({ indices: [...seg], offsets: seg.map(() => 0), fileRun: planned?.run });
            splitAt.push(where);
        }
    }
    if (stitchedAt.length > 0) {
        notes.push(`the ${raw.x} counter restarts ${stitchedAt.length} time(s) (at ${list(stitchedAt)}) and the loss carries on from where it was: ` +
            `stitched into one run by shifting the later ${raw.x} values`);
    }
    if (splitAt.length > 0) {
        notes.push(`the ${raw.x} counter restarts ${splitAt.length} time(s) (at ${list(splitAt)}) and the loss starts over: split into ${runs.length} runs`);
    }
    return { runs, restarts };
}
/**
 * The runs of a file, from its main series (the one with most points): where its counter
 * restarts, split or stitch is decided once (as `buildSeries` would), and every other series
 * of the file follows that decision at a restart of its own in the same gap.
 * Undefined when the main series never restarts.
 */
export function planRuns(main, mode = 'auto', evidence) {
    const { restarts } = joinSegments(main, cleanSegments(main, []), mode, undefined, [], evidence);
    if (restarts.length === 0)
        return undefined;
    const lineOf = (i) => (main.lines ? main.lines[i] : i + 1);
    const splits = restarts.filter((r) => r.mode === 'split');
    const count = splits.length + 1;
    const runOf = (line) => 1 + splits.filter((r) => r.at <= line).length;
    const lastLine = lineOf(main.xs.length - 1);
    return {
        count,
        runOf,
        restartAt(before, at) {
            const r = restarts.find((q) => q.before < at && before < q.at);
            return r ? { mode: r.mode, run: runOf(r.at) } : undefined;
        },
        where(run) {
            const from = run === 1 ? lineOf(0) : splits[run - 2].at;
            const to = run === count ? lastLine : splits[run - 1].before;
            return `lines ${from}-${to}`;
        },
    };
}
/**
 * The run number each run is named by (undefined: no suffix): the file's run numbers when a
 * plan gives distinct ones, else 1, 2, ... when the series itself splits.
 */
function runLabels(runs, plan, lineOf) {
    if (plan && plan.count > 1) {
        const numbers = runs.map((r) => r.fileRun);
        // Each run of the series lies within one run of the file, and no two share one.
        const within = runs.every((r) => r.fileRun !== undefined && plan.runOf(lineOf(r.indices[r.indices.length - 1])) === r.fileRun);
        if (within && new Set(numbers).size === numbers.length)
            return numbers;
    }
    return runs.length > 1 ? runs.map((_, r) => r + 1) : [undefined];
}
function strictlyIncreasing(xs) {
    if (xs.length === 0 || !Number.isFinite(xs[0]))
        return false;
    for (let i = 1; i < xs.length; i++)
        if (!(xs[i] > xs[i - 1]) || !Number.isFinite(xs[i]))
            return false;
    return true;
}
/** True when the new segment starts nearer the previous segment's end level than its start level. */
function continuesPrevious(ys, prev, seg) {
    const k = 3;
    const head = median(seg.slice(0, k).map((i) => ys[i]));
    const prevHead = median(prev.slice(0, k).map((i) => ys[i]));
    const prevTail = median(prev.slice(-k).map((i) => ys[i]));
    if (!Number.isFinite(head) || !Number.isFinite(prevHead) || !Number.isFinite(prevTail))
        return false;
    return Math.abs(head - prevTail) <= Math.abs(head - prevHead);
}
function typicalGap(xs, indices) {
    const gaps = [];
    for (let k = Math.max(1, indices.length - 50); k < indices.length; k++)
        gaps.push(xs[indices[k]] - xs[indices[k - 1]]);
    let g = gaps.length > 0 ? median(gaps) : 1;
    if (indices.every((i) => Number.isInteger(xs[i])))
        g = Math.round(g);
    return g > 0 ? g : 1;
}
/** Replaces each non-finite entry by the last finite one before it (leading ones stay NaN). */
export function forwardFill(values) {
    const out = values.slice();
    let last = Number.NaN;
    for (let i = 0; i < out.length; i++) {
        if (Number.isFinite(out[i]))
            last = out[i];
        else
            out[i] = last;
    }
    return out;
}
/** Forward-fills NaN entries, and back-fills leading ones from the first known value. */
export function fillGaps(values) {
    const out = forwardFill(values);
    const firstKnown = out.find((v) => Number.isFinite(v));
    if (firstKnown !== undefined)
        for (let i = 0; i < out.length && !Number.isFinite(out[i]); i++)
            out[i] = firstKnown;
    return out;
}
/**
 * Optimizer steps per epoch from the first and last rows that have both a step and an epoch
 * (paired by index); undefined when the epoch does not advance by at least 1 or the step does not grow.
 * estimateStepsPerEpoch([100, 200, 300], [1, 2, 3]); // => 100
 */
export function estimateStepsPerEpoch(steps, epochs) {
    let first = -1;
    let last = -1;
    for (let i = 0; i < steps.length; i++) {
        if (Number.isFinite(steps[i]) && Number.isFinite(epochs[i])) {
            if (first < 0)
                first = i;
            last = i;
        }
    }
    if (first < 0)
        return undefined;
    const dEpoch = epochs[last] - epochs[first];
    const dStep = steps[last] - steps[first];
    if (dEpoch < 1 || dStep <= 0)
        return undefined;
    return dStep / dEpoch;
}
function list(items) {
    return items.length <= 4 ? items.join(', ') : `${items.slice(0, 3).join(', ')} and ${items.length - 3} more`;
}
//# sourceMappingURL=series-build.js.map