import { diagnoseSeries } from '../detect/diagnose.js';
import { meanInterval, pairedTTest } from './stats.js';
import { debiasedEma } from '../detect/stats/smoothing.js';
import { changePoints, minMaxDownsample, roundSignificant } from './series.js';
import { describeLrChangeTiming, lrChangeTimings } from './lr-change-timing.js';
const DEFAULT_SMOOTHING = 0.98;
const DEFAULT_RAW_BUCKETS = 500;
/** Builds the report model. Runs with the same name get their source appended. Pure. */
export function buildRunReportModel(runs, options = {}) {
    const smoothing = options.smoothing ?? DEFAULT_SMOOTHING;
    if (!(smoothing >= 0 && smoothing < 1))
        throw new RangeError(`smoothing must be in [0, 1), got ${smoothing}`);
    const rawBuckets = options.rawBuckets ?? DEFAULT_RAW_BUCKETS;
    const baseline = options.baseline ?? 'none';
    const digits = options.digits ?? 5;
    const notes = [];
    const diagnose = options.diagnose === undefined ? diagnoseSeries : (options.diagnose ?? undefined);
    const names = uniqueNames(runs, options.sources);
    const groups = groupKeys(runs, options.sources);
    const seedsPerGroup = new Map();
    for (const g of groups)
        seedsPerGroup.set(g, (seedsPerGroup.get(g) ?? 0) + 1);
    const multiSeed = [...seedsPerGroup.values()].some((n) => n > 1);
    const rows = summaryRows(runs, names, groups);
    markBest(rows);
    const comparisons = compare(rows, runs, groups, baseline);
    // Chart data.
    const charts = {
        runs: names,
        colorField: multiSeed ? 'group' : 'run',
        colorDomain: multiSeed ? unique(groups) : names,
        smoothing,
        rawBuckets,
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
    const runDiagnoses = [];
    runs.forEach((log, i) => {
        const run = names[i];
        const group = groups[i];
        const xs = log.steps.map((s) => s.step);
        const ys = log.steps.map((s) => s.loss);
        const smooth = debiasedEma(ys, smoothing);
        for (let k = 0; k < xs.length; k++)
            charts.stepsSmooth.push({ run, group, step: xs[k], loss: roundSignificant(smooth[k], digits) });
        for (const p of minMaxDownsample(xs, ys, rawBuckets))
            charts.stepsRaw.push({ run, group, step: p.x, loss: roundSignificant(p.y, digits) });
        for (const p of changePoints(xs, log.steps.map((s) => s.lr)))
            charts.lrSteps.push({ run, group, step: p.x, lr: p.y });
        const toEpoch = epochPositionOf(log);
        const timings = lrChangeTimings(log);
        log.lrChanges.forEach((c, k) => {
            const timing = timings[k];
            charts.lrChanges.push({
                run,
                group,
                step: c.step,
                epoch: c.epoch,
                epochPosition: toEpoch(c.step),
                oldLr: c.oldLr,
                newLr: c.newLr,
                change: `${formatLr(c.oldLr)} → ${formatLr(c.newLr)}`,
                reason: c.reason,
                verdict: c.verdict ?? '',
                evidenceSummary: typeof c.evidence?.summary === 'string' ? c.evidence.summary : '',
                evidence: formatEvidence(c.evidence, { skip: ['summary', 'verdict', 'step'], separator: '\n' }),
                labelY: 6 + 12 * (multiSeed ? charts.colorDomain.indexOf(group) : i),
                label: `${timing.kind === 'after-epoch' ? `epoch ${c.epoch}` : describeLrChangeTiming(timing)}: LR ${formatLr(c.oldLr)} → ${formatLr(c.newLr)}`,
            });
        });
        for (const e of log.epochs) {
            charts.epochs.push({ run, group, epoch: e.epoch, split: 'train', loss: e.trainLoss, accuracy: null });
            if (e.valLoss !== null || e.valAccuracy !== null) {
                charts.epochs.push({ run, group, epoch: e.epoch, split: 'validation', loss: e.valLoss, accuracy: pct(e.valAccuracy) });
            }
            charts.epochs.push({ run, group, epoch: e.epoch, split: 'test', loss: e.testLoss, accuracy: pct(e.testAccuracy) });
        }
        const diagnosis = options.diagnoses?.[log.meta.name] ?? options.diagnoses?.[run] ?? diagnoseRun(log, xs, ys, diagnose, notes, run);
        if (diagnosis) {
            runDiagnoses.push({ run, verdict: diagnosis.verdict, summary: diagnosis.summary });
            for (const p of diagnosis.plateaus) {
                charts.plateaus.push({ run, group, start: p.start, end: p.end, startEpoch: toEpoch(p.start), endEpoch: toEpoch(p.end), level: p.level });
            }
            if (diagnosis.knee !== null && xs.length > 0) {
                const k = nearestIndex(xs, diagnosis.knee);
                const loss = smooth[k];
                if (Number.isFinite(loss))
                    charts.knees.push({ run, group, step: xs[k], epochPosition: toEpoch(xs[k]), loss: roundSignificant(loss, digits) ?? loss });
            }
        }
    });
    // One label per colour and change: with several seeds, equal changes of a schedule share it.
    let lastStep = 0;
    for (const r of runs)
        lastStep = Math.max(lastStep, r.steps[r.steps.length - 1]?.step ?? 0);
    const labelled = new Set();
    for (const c of charts.lrChanges) {
        const key = `${multiSeed ? c.group : c.run}\u0000${c.step}\u0000${c.label}`;
        if (labelled.has(key))
            continue;
        labelled.add(key);
        (c.step > 0.8 * lastStep ? charts.lrLabelsLeft : charts.lrLabelsRight).push(c);
    }
    return {
        title: options.title ?? 'plateau-doctor report',
        generatedAt: (options.generatedAt ?? new Date()).toISOString(),
        facts: headerFacts(runs),
        rows,
        baseline,
        comparisons,
        verdictLines: [...verdictLines(rows, comparisons, baseline, multiSeed), ...identicalRuns(runs, names, groups)],
        runDiagnoses,
        charts,
        notes,
        testSizes: unique(runs.map((r) => r.meta.dataset?.testSize).filter((n) => typeof n === 'number')),
    };
}
/** The detector's diagnosis of a run's step losses (`xs`, `ys`); a failure becomes a note. */
function diagnoseRun(log, xs, ys, diagnose, notes, run) {
    if (!diagnose || log.steps.length === 0)
        return null;
    const firstEpoch = log.steps[0].epoch;
    const stepsPerEpoch = log.steps.filter((s) => s.epoch === firstEpoch).length;
    try {
        return diagnose(xs, ys, { x: 'step', stepsPerEpoch: log.epochs.length > 1 ? stepsPerEpoch : undefined, classes: 10, lrs: log.steps.map((s) => s.lr) });
    }
    catch (error) {
        notes.push(`The detector failed on run ${run}: ${error.message}`);
        return null;
    }
}
/** Maps a step to a fractional epoch: epoch e ends at e; a step inside it sits proportionally. */
function epochPositionOf(log) {
    const ends = [];
    for (const s of log.steps) {
        const cur = ends[ends.length - 1];
        if (cur && cur.epoch === s.epoch)
            cur.last = s.step;
        else
            ends.push({ epoch: s.epoch, first: s.step, last: s.step });
    }
    return (step) => {
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
function nearestIndex(xs, x) {
    let best = 0;
    for (let i = 1; i < xs.length; i++)
        if (Math.abs(xs[i] - x) < Math.abs(xs[best] - x))
            best = i;
    return best;
}
function pct(x) {
    if (x === null || !Number.isFinite(x))
        return null;
    return x <= 1 ? x * 100 : x;
}
function finalOf(log) {
    const last = log.epochs[log.epochs.length - 1];
    return {
        testAccuracy: pct(log.meta.final?.testAccuracy ?? last?.testAccuracy ?? null),
        testLoss: log.meta.final?.testLoss ?? last?.testLoss ?? null,
    };
}
/** Run names, with the source appended to a name several runs share, then made unique. */
function uniqueNames(runs, sources) {
    const count = new Map();
    for (const r of runs)
        count.set(r.meta.name, (count.get(r.meta.name) ?? 0) + 1);
    return uniqueLabels(runs.map((r, i) => ((count.get(r.meta.name) ?? 0) > 1 && sources?.[i] ? `${r.meta.name} (${sources[i]})` : r.meta.name)));
}
/**
 * Makes labels unique in order: a repeat gets " #2", " #3", ...
 * uniqueLabels(['loss', 'loss', 'val']); // => ['loss', 'loss #2', 'val']
 */
export function uniqueLabels(labels) {
    const used = new Set();
    return labels.map((label) => {
        let candidate = label;
        for (let k = 2; used.has(candidate); k++)
            candidate = `${label} #${k}`;
        used.add(candidate);
        return candidate;
    });
}
/** Schedule name, or schedule and source when the same schedule and seed appear twice. */
function groupKeys(runs, sources) {
    const seen = new Map();
    for (const r of runs) {
        const key = `${r.meta.schedule}\u0000${r.meta.seed}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    const clash = [...seen.values()].some((n) => n > 1);
    return runs.map((r, i) => (clash ? `${r.meta.schedule} (${sources?.[i] ?? r.meta.name})` : r.meta.schedule));
}
function unique(xs) {
    return [...new Set(xs)];
}
function summaryRows(runs, names, groups) {
    const rows = [];
    for (const group of unique(groups)) {
        const members = runs.map((r, i) => ({ r, i })).filter(({ i }) => groups[i] === group);
        const finals = members.map(({ r }) => finalOf(r));
        const finite = (xs) => xs.filter((x) => x !== null && Number.isFinite(x));
        const bestVal = members.map(({ r }) => {
            const v = finite(r.epochs.map((e) => e.valLoss));
            return v.length ? Math.min(...v) : null;
        });
        const bestValFinite = finite(bestVal);
        rows.push({
            schedule: group,
            runs: members.map(({ i }) => names[i]),
            seeds: members.map(({ r }) => r.meta.seed),
            testAccuracy: meanInterval(finite(finals.map((f) => f.testAccuracy))),
            testLoss: meanInterval(finite(finals.map((f) => f.testLoss))),
            bestValLoss: bestValFinite.length ? meanInterval(bestValFinite) : null,
            lrChanges: {
                counts: members.map(({ r }) => r.lrChanges.length),
                epochs: members.map(({ r }) => r.lrChanges.map((c) => c.epoch)),
                timings: members.map(({ r }) => lrChangeTimings(r)),
            },
            wallSeconds: meanInterval(members.map(({ r }) => r.meta.timings?.totalSeconds ?? r.epochs.reduce((s, e) => s + e.seconds, 0))),
            problems: members.filter(({ r }) => r.meta.status !== 'completed').map(({ i, r }) => `${names[i]}: ${r.meta.status}${r.meta.message ? ` (${r.meta.message})` : ''}`),
            best: [],
        });
    }
    return rows;
}
/** Marks the best value per column; values equal at the displayed precision tie. */
function markBest(rows) {
    if (rows.length < 2)
        return;
    const pick = (column, value, higher, digits) => {
        const values = rows.map(value).map((v) => (v === null || v === undefined || !Number.isFinite(v) ? null : Number(v.toFixed(digits))));
        const valid = values.filter((v) => v !== null);
        if (valid.length < 2)
            return;
        const best = higher ? Math.max(...valid) : Math.min(...valid);
        rows.forEach((r, i) => {
            if (values[i] === best)
                r.best.push(column);
        });
    };
    // Digits as shown in the table: accuracy in points with 2 decimals, losses with 4, seconds with 1.
    pick('testAccuracy', (r) => r.testAccuracy.mean, true, 2);
    pick('testLoss', (r) => r.testLoss.mean, false, 4);
    pick('bestValLoss', (r) => r.bestValLoss?.mean, false, 4);
    pick('wallSeconds', (r) => r.wallSeconds.mean, false, 1);
}
function signed(x, digits = 2) {
    const s = x.toFixed(digits);
    return x >= 0 ? `+${s}` : s;
}
/** p-value with two significant digits: "p = 0.012", "p = 0.2", "p < 0.001". */
export function formatP(p) {
    if (p < 0.001)
        return 'p < 0.001';
    return `p = ${Number(p.toPrecision(2))}`;
}
function compare(rows, runs, groups, baseline) {
    const base = rows.find((r) => r.schedule === baseline);
    if (!base)
        return [];
    const accuracyBySeed = (group) => {
        const m = new Map();
        runs.forEach((r, i) => {
            if (groups[i] !== group)
                return;
            const a = finalOf(r).testAccuracy;
            if (a !== null && Number.isFinite(a) && r.meta.status === 'completed')
                m.set(r.meta.seed, a);
        });
        return m;
    };
    const baseAcc = accuracyBySeed(baseline);
    const out = [];
    for (const row of rows) {
        if (row.schedule === baseline)
            continue;
        const acc = accuracyBySeed(row.schedule);
        const seeds = [...acc.keys()].filter((s) => baseAcc.has(s)).sort((a, b) => a - b);
        const a = seeds.map((s) => acc.get(s));
        const b = seeds.map((s) => baseAcc.get(s));
        const test = seeds.length >= 2 ? pairedTTest(a, b) : null;
        if (test) {
            const significant = test.p < 0.05;
            out.push({
                kind: 'paired',
                schedule: row.schedule,
                baseline,
                test,
                seeds,
                sentence: `${row.schedule} vs ${baseline}: ${signed(test.meanDifference)} points test accuracy, 95% CI ${signed(test.low)}..${signed(test.high)}, ` +
                    `${formatP(test.p)}, ${seeds.length} seeds (paired t-test) — ` +
                    (significant ? (test.meanDifference > 0 ? `${row.schedule} is better.` : `${row.schedule} is worse.`) : 'no significant difference.'),
            });
        }
        else {
            const difference = seeds.length === 1 ? a[0] - b[0] : null;
            out.push({
                kind: 'no-significance',
                schedule: row.schedule,
                baseline,
                difference,
                sentence: difference === null
                    ? `${row.schedule} vs ${baseline}: no run with a common seed to compare.`
                    : `${row.schedule} vs ${baseline}: ${signed(difference)} points test accuracy (one seed: no significance can be claimed).`,
            });
        }
    }
    return out;
}
function verdictLines(rows, comparisons, baseline, multiSeed) {
    const lines = [];
    const ranked = rows.filter((r) => Number.isFinite(r.testAccuracy.mean)).sort((a, b) => b.testAccuracy.mean - a.testAccuracy.mean);
    if (ranked.length >= 2) {
        // Ties at the displayed precision (0.01 points) are reported as ties.
        const shown = (r) => r.testAccuracy.mean.toFixed(2);
        const top = ranked.filter((r) => shown(r) === shown(ranked[0]));
        const next = ranked.find((r) => shown(r) !== shown(ranked[0]));
        const lead = next ? `, ${(ranked[0].testAccuracy.mean - next.testAccuracy.mean).toFixed(2)} points ahead of ${next.schedule}` : '';
        const average = multiSeed ? ' (means over seeds)' : '';
        lines.push(top.length === 1
            ? `Highest final test accuracy: ${top[0].schedule} (${shown(top[0])}%)${lead}${average}.`
            : `Highest final test accuracy: a tie between ${listWords(top.map((r) => r.schedule))} (${shown(top[0])}%)${lead}${average}.`);
    }
    else if (ranked.length === 1) {
        lines.push(`One schedule: ${ranked[0].schedule}, final test accuracy ${ranked[0].testAccuracy.mean.toFixed(2)}%.`);
    }
    if (rows.length >= 2 && !rows.some((r) => r.schedule === baseline)) {
        lines.push(`No "${baseline}" run to compare against, so no paired comparison.`);
    }
    if (!multiSeed && rows.length >= 2) {
        lines.push('One seed per schedule: the differences are single measurements and no significance can be claimed. Run with --seeds N (N >= 3) for intervals and a paired test.');
    }
    for (const c of comparisons)
        lines.push(c.sentence);
    for (const r of rows)
        for (const p of r.problems)
            lines.push(`Warning: ${p}.`);
    return lines;
}
/**
 * Runs whose step losses are identical (their LRs never differed): their lines coincide. The
 * same schedules coinciding in several seeds are reported once.
 */
function identicalRuns(runs, names, groups) {
    const sets = [];
    const seen = new Set();
    for (let i = 0; i < runs.length; i++) {
        if (seen.has(i) || runs[i].steps.length === 0)
            continue;
        const same = [i];
        for (let j = i + 1; j < runs.length; j++) {
            const a = runs[i].steps;
            const b = runs[j].steps;
            if (!seen.has(j) && a.length === b.length && a.every((s, k) => s.loss === b[k].loss || (Number.isNaN(s.loss) && Number.isNaN(b[k].loss))))
                same.push(j);
        }
        if (same.length > 1) {
            for (const k of same)
                seen.add(k);
            sets.push(same);
        }
    }
    // Same schedules, same seed, one per seed: report "none and plateau ... in seeds 0, 1, 2".
    const bySchedules = new Map();
    for (const set of sets) {
        const schedules = set.map((k) => groups[k]);
        const seeds = new Set(set.map((k) => runs[k].meta.seed));
        const key = new Set(schedules).size === schedules.length && seeds.size === 1 ? schedules.join('\u0000') : `runs:${set.join(',')}`;
        const entry = bySchedules.get(key) ?? { label: listWords(key.startsWith('runs:') ? set.map((k) => names[k]) : schedules), seeds: [], runs: [] };
        entry.seeds.push(runs[set[0]].meta.seed);
        entry.runs.push(...set.map((k) => names[k]));
        bySchedules.set(key, entry);
    }
    return [...bySchedules.values()].map((e) => {
        const where = e.seeds.length > 1 ? ` in seeds ${e.seeds.join(', ')}` : '';
        return `${e.label} have identical step losses${where} (their learning rates never differed), so their lines coincide in the charts.`;
    });
}
/** "a", "a and b", "a, b and c". */
function listWords(items) {
    return items.length <= 2 ? items.join(' and ') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
/** An LR to 4 significant digits: 0.001, 0.0316. */
export function formatLr(lr) {
    return Number(lr.toPrecision(4)).toString();
}
/**
 * Evidence as readable "key=value" entries, nested keys dotted, numbers to 4 significant digits.
 * formatEvidence({ trend: { relative: -0.0031 }, noise: 0.18 }); // => 'trend.relative=-0.0031; noise=0.18'
 */
export function formatEvidence(evidence, options = {}) {
    if (!evidence)
        return '';
    const skip = new Set(options.skip ?? []);
    const parts = [];
    const walk = (prefix, value, depth) => {
        if (value === null || value === undefined)
            return;
        if (typeof value === 'number')
            parts.push(`${prefix}=${Number.isInteger(value) ? value : Number(value.toPrecision(4))}`);
        else if (typeof value === 'string' || typeof value === 'boolean')
            parts.push(`${prefix}=${value}`);
        else if (Array.isArray(value))
            parts.push(`${prefix}=[${value.map((v) => (typeof v === 'number' ? Number(v.toPrecision(4)) : String(v))).join(', ')}]`);
        else if (typeof value === 'object' && depth < 2)
            for (const [k, v] of Object.entries(value))
                walk(prefix ? `${prefix}.${k}` : k, v, depth + 1);
    };
    for (const [k, v] of Object.entries(evidence))
        if (!skip.has(k))
            walk(k, v, 1);
    return parts.join(options.separator ?? '; ');
}
function describeList(values) {
    const u = unique(values.filter((v) => v !== ''));
    return u.length ? u.join(', ') : 'not recorded';
}
function headerFacts(runs) {
    if (runs.length === 0)
        return [{ label: 'Runs', value: 'none' }];
    const metas = runs.map((r) => r.meta);
    const config = (key) => describeList(metas.map((m) => (m.config?.[key] === undefined ? '' : String(m.config[key]))));
    const datasets = unique(metas.map((m) => m.dataset
        ? `${m.dataset.name}: ${m.dataset.trainSize.toLocaleString('en-US')} training images, ${m.dataset.valSize.toLocaleString('en-US')} held out for validation, ${m.dataset.testSize.toLocaleString('en-US')} test images (from ${m.dataset.source}; checksum ${m.dataset.checksum.slice(0, 12)})`
        : 'not recorded'));
    const versions = new Map();
    for (const m of metas)
        for (const [k, v] of Object.entries(m.versions ?? {}))
            (versions.get(k) ?? versions.set(k, new Set()).get(k)).add(v);
    const started = metas.map((m) => m.startedAt).filter(Boolean).sort();
    const schedules = unique(metas.map((m) => m.schedule));
    const seeds = unique(metas.map((m) => m.seed)).sort((a, b) => a - b);
    const steps = runs.map((r) => r.steps.length);
    const epochs = runs.map((r) => r.epochs.length);
    return [
        { label: 'Data set', value: datasets.join('; ') },
        { label: 'Model', value: config('model') === 'not recorded' ? 'not recorded in run.json' : config('model') },
        { label: 'Optimizer', value: `${config('optimizer') === 'not recorded' ? 'SGD' : config('optimizer')}, initial learning rate ${config('lr')}, batch size ${config('batchSize')}` },
        { label: 'Training', value: `${describeList(epochs.map(String))} epochs (${describeList(steps.map(String))} optimizer steps per run)` },
        { label: 'Schedules', value: schedules.join(', ') },
        { label: 'Seeds', value: `${seeds.join(', ')} (${seeds.length} seed${seeds.length === 1 ? '' : 's'}; runs with the same seed share initial weights and data order)` },
        { label: 'Backend', value: describeList(metas.map((m) => m.backend ?? '')) },
        { label: 'Versions', value: [...versions].map(([k, v]) => `${k} ${[...v].join('/')}`).join(', ') || 'not recorded' },
        { label: 'Date', value: started.length ? (started[0] === started[started.length - 1] ? started[0] : `${started[0]} to ${started[started.length - 1]}`) : 'not recorded' },
    ];
}
//# sourceMappingURL=model.js.map