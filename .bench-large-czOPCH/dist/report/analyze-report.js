import { debiasedEma } from '../detect/stats/smoothing.js';
import { minMaxDownsample, roundSignificant } from './series.js';
import { formatLr, uniqueLabels } from './model.js';
import { VEGA_LITE_SCHEMA, Y_LABEL_EXPR, kneeMark, logCalc, lrRuleMark, pickOpacity, plateauBandLayer, pruneEmptyLayers } from './specs.js';
import { escapeHtml, renderPage, writePage } from './html.js';
/** Wraps a LossLog and its per-series diagnoses (same order) as an analyze report input. */
export function analyzeReportFile(log, diagnoses) {
    return { kind: 'ok', file: log.file, format: log.format, series: log.series.map((series, i) => ({ series, diagnosis: diagnoses[i] ?? null })) };
}
/** Chart data of one analysed file. Pure. */
export function analyzePanelData(log, diagnoses, options = {}, pairs = []) {
    const smoothing = options.smoothing ?? 0.9;
    const smoothAbove = options.smoothAbove ?? 300;
    const rawBuckets = options.rawBuckets ?? 1000;
    const maxSmooth = options.maxSmoothPoints ?? 5000;
    const names = uniqueLabels(log.series.map((s) => s.name));
    const panel = {
        file: log.file,
        format: log.format,
        xTitle: unitTitle(log.series[0]?.x ?? 'step'),
        series: names,
        verdictLines: [],
        raw: [],
        smooth: [],
        plateaus: [],
        knees: [],
        lrChanges: [],
        gaps: [],
        bests: [],
        smoothing,
        logAllowed: true,
    };
    for (const p of pairs) {
        const pair = `${p.train} / ${p.validation}`;
        const a = p.aligned;
        for (let k = 0; k < a.xs.length; k++) {
            if (Number.isFinite(a.train[k]) && Number.isFinite(a.val[k]))
                panel.gaps.push({ pair, x: a.xs[k], train: roundSignificant(a.train[k], 5) ?? a.train[k], val: roundSignificant(a.val[k], 5) ?? a.val[k] });
        }
        const best = p.bestAt === null ? -1 : a.xs.indexOf(p.bestAt);
        if (best >= 0)
            panel.bests.push({ pair, x: a.xs[best], y: roundSignificant(a.val[best], 5) ?? a.val[best], kind: p.kind });
    }
    log.series.forEach((s, i) => {
        const series = names[i];
        const d = diagnoses[i] ?? null;
        panel.verdictLines.push(verdictLine(series, d));
        if (s.ys.some((y) => Number.isFinite(y) && y <= 0))
            panel.logAllowed = false;
        // Long series: faint raw extremes under a smoothed line; short ones are drawn as they are.
        const long = s.xs.length > smoothAbove;
        const line = long ? debiasedEma(s.ys, smoothing) : s.ys;
        if (long)
            for (const p of minMaxDownsample(s.xs, s.ys, rawBuckets))
                panel.raw.push({ series, x: p.x, y: roundSignificant(p.y, 5) });
        const every = long ? Math.max(1, Math.ceil(s.xs.length / maxSmooth)) : 1;
        for (let k = 0; k < s.xs.length; k += every)
            if (Number.isFinite(line[k]))
                panel.smooth.push({ series, x: s.xs[k], y: roundSignificant(line[k], 5) });
        if (!d)
            return;
        for (const p of d.plateaus)
            panel.plateaus.push({ series, start: p.start, end: p.end, level: p.level });
        if (d.knee !== null && s.xs.length > 0) {
            let k = 0;
            for (let j = 1; j < s.xs.length; j++)
                if (Math.abs(s.xs[j] - d.knee) < Math.abs(s.xs[k] - d.knee))
                    k = j;
            if (Number.isFinite(line[k]))
                panel.knees.push({ series, x: s.xs[k], y: roundSignificant(line[k], 5) ?? line[k] });
        }
        for (const r of d.lrResponses) {
            panel.lrChanges.push({ series, x: r.at, change: `${formatLr(r.oldLr)} → ${formatLr(r.newLr)}`, summary: r.summary, responded: r.responded ? 'yes' : 'no' });
        }
    });
    return panel;
}
/** "train_loss: plateau: <summary> (<suggestion>)", or "<series>: not diagnosed". */
function verdictLine(series, d) {
    if (!d)
        return `${series}: not diagnosed`;
    return `${series}: ${d.verdict}: ${d.summary}${d.suggestion ? ` (${d.suggestion})` : ''}`;
}
function unitTitle(x) {
    return x === 'time' ? 'wall time (s)' : x;
}
/** A panel's Vega-Lite spec: series, plateaus, knee and LR changes on one x axis. Pure. */
export function analyzePanelSpec(panel, options = {}) {
    return pruneEmptyLayers(analyzePanelFullSpec(panel, options));
}
function analyzePanelFullSpec(panel, options) {
    const width = options.width ?? 900;
    const color = { field: 'series', type: 'nominal', title: 'series (click to show/hide)', scale: { domain: panel.series }, legend: { labelLimit: 260 } };
    const yCalc = logCalc('y', 'yv');
    return {
        $schema: VEGA_LITE_SCHEMA,
        description: `Loss series of ${panel.file}`,
        datasets: { raw: panel.raw, smooth: panel.smooth, plateaus: panel.plateaus, knees: panel.knees, lrChanges: panel.lrChanges, gaps: panel.gaps, bests: panel.bests },
        params: [{ name: 'logScale', value: false, bind: panel.logAllowed ? { input: 'checkbox', name: 'log-scale loss axis ' } : undefined }],
        width,
        height: 300,
        title: { text: `${panel.file}: loss per ${panel.xTitle}`, subtitle: `format: ${panel.format}`, anchor: 'start', limit: width },
        layer: [
            {
                data: { name: 'gaps' },
                transform: [logCalc('train', 'yt'), logCalc('val', 'yv')],
                mark: { type: 'area', opacity: 0.15, color: '#888', clip: true },
                encoding: {
                    x: { field: 'x', type: 'quantitative' },
                    y: { field: 'yt', type: 'quantitative' },
                    y2: { field: 'yv' },
                    detail: { field: 'pair', type: 'nominal' },
                    tooltip: [{ field: 'pair', title: 'gap of' }, { field: 'x', title: 'at' }, { field: 'train', title: 'training', format: '.4~g' }, { field: 'val', title: 'validation', format: '.4~g' }],
                },
            },
            {
                data: { name: 'bests' },
                mark: { type: 'rule', strokeDash: [2, 2], strokeWidth: 1.5, color: '#333' },
                encoding: {
                    x: { field: 'x', type: 'quantitative' },
                    tooltip: [{ field: 'pair', title: 'best validation of' }, { field: 'x', title: 'at (keep this checkpoint)' }, { field: 'y', title: 'validation loss', format: '.4~g' }, { field: 'kind', title: 'pair diagnosis' }],
                },
            },
            plateauBandLayer('plateaus', 'start', 'end', 0.12, color, [
                { field: 'series', title: 'plateau of' },
                { field: 'start', title: 'from' },
                { field: 'end', title: 'to' },
                { field: 'level', title: 'loss level', format: '.4~g' },
            ]),
            {
                data: { name: 'raw' },
                transform: [yCalc],
                mark: { type: 'line', strokeWidth: 0.6, clip: true },
                encoding: {
                    x: { field: 'x', type: 'quantitative', title: panel.xTitle },
                    y: { field: 'yv', type: 'quantitative', title: 'loss', scale: { zero: false }, axis: { labelExpr: Y_LABEL_EXPR } },
                    color,
                    opacity: pickOpacity(0.25, 0.03),
                },
            },
            {
                name: 'seriesLines',
                data: { name: 'smooth' },
                transform: [yCalc],
                params: [
                    { name: 'pick', select: { type: 'point', fields: ['series'] }, bind: 'legend' },
                    { name: 'zoom', select: { type: 'interval', encodings: ['x'] }, bind: 'scales' },
                ],
                mark: { type: 'line', strokeWidth: 2, clip: true, tooltip: true },
                encoding: {
                    x: { field: 'x', type: 'quantitative', title: panel.xTitle },
                    y: { field: 'yv', type: 'quantitative', title: 'loss' },
                    color,
                    opacity: pickOpacity(1, 0.08),
                },
            },
            {
                name: 'lrRules',
                data: { name: 'lrChanges' },
                mark: lrRuleMark(1.5),
                encoding: {
                    x: { field: 'x', type: 'quantitative' },
                    color,
                    tooltip: [{ field: 'series', title: 'LR change in' }, { field: 'x', title: 'at' }, { field: 'change', title: 'learning rate' }, { field: 'responded', title: 'loss responded' }, { field: 'summary', title: 'evidence' }],
                },
            },
            {
                data: { name: 'knees' },
                transform: [yCalc],
                mark: kneeMark(120, true),
                encoding: {
                    x: { field: 'x', type: 'quantitative' },
                    y: { field: 'yv', type: 'quantitative' },
                    color,
                    tooltip: [{ field: 'series', title: 'fast drop ends' }, { field: 'x', title: 'at' }],
                },
            },
        ],
    };
}
/** Builds the `analyze --html` page: one panel per file, errors listed as text. */
export function buildAnalyzeReport(files, options = {}) {
    const e = escapeHtml;
    const title = options.title ?? 'plateau-doctor analyze';
    const charts = [];
    const parts = [
        `<h1>${e(title)}</h1>`,
        `<p class="sub">Generated ${e((options.generatedAt ?? new Date()).toISOString().slice(0, 19).replace('T', ' '))} UTC by plateau-doctor · ${files.length} file${files.length === 1 ? '' : 's'}</p>`,
        '<p class="note">Shaded: plateaus found by the detector · grey band: the gap between a training loss and its validation loss · dotted rule: the best validation loss (where to stop) · diamond: end of the fast drop · dashed rules: LR changes seen in the log (hover for whether the loss responded). Long series show the raw values faint (min and max per bucket) under a smoothed line. Click a legend entry to show only that series; scroll to zoom, drag to pan, double-click to reset.</p>',
    ];
    files.forEach((f, i) => {
        if (f.kind === 'error') {
            parts.push(`<h2>${e(f.file)}</h2><p class="error">Could not be analysed: ${e(f.error)}</p>`);
            return;
        }
        const log = { file: f.file, format: f.format, series: f.series.map((s) => s.series) };
        const names = uniqueLabels(log.series.map((s) => s.name));
        parts.push(`<h2>${e(f.file)}</h2>`);
        const pairs = f.pairs ?? [];
        if (pairs.length)
            parts.push(`<ul class="pairs">${pairs.map((p) => `<li><b>${e(`${p.train} / ${p.validation}: ${p.kind}`)}</b>: ${e(p.summary)} (${e(p.suggestion)})</li>`).join('')}</ul>`);
        parts.push(`<ul>${f.series.map((s, k) => `<li>${e(verdictLine(names[k], s.diagnosis))}</li>`).join('')}</ul>`);
        const notes = [...(f.notes ?? []), ...log.series.flatMap((s) => (s.notes ?? []).map((n) => `${s.name}: ${n}`))];
        if (notes.length)
            parts.push(`<p class="note">${notes.map(e).join('<br>')}</p>`);
        // One panel per x unit: series counted in steps and in epochs do not share an axis.
        const units = [...new Set(f.series.map((s) => s.series.x))];
        units.forEach((unit, u) => {
            const members = f.series.filter((s) => s.series.x === unit);
            const panel = analyzePanelData({ ...log, series: members.map((s) => s.series) }, members.map((s) => s.diagnosis), options, pairs.filter((p) => p.aligned.x === unit));
            const id = `chart-file-${i + 1}${units.length > 1 ? `-${u + 1}` : ''}`;
            parts.push(`<div class="chart" id="${id}"></div>`);
            charts.push({ id, spec: analyzePanelSpec(panel, options) });
        });
    });
    return renderPage({ title, bodyHtml: parts.join('\n'), charts: charts.map((c, i) => ({ id: c.id, spec: renameDatasets(c.spec, `f${i + 1}_`) })) });
}
/** Writes the analyze report atomically. Returns the path and byte size. */
export function writeAnalyzeReport(file, files, options = {}) {
    return writePage(file, buildAnalyzeReport(files, options));
}
/** Prefixes dataset names so panels do not share data in the page. */
function renameDatasets(spec, prefix) {
    const s = spec;
    const datasets = {};
    for (const [k, v] of Object.entries(s.datasets ?? {}))
        datasets[prefix + k] = v;
    const layer = (s.layer ?? []).map((l) => (l.data?.name ? { ...l, data: { name: prefix + l.data.name } } : l));
    return { ...s, datasets, layer };
}
//# sourceMappingURL=analyze-report.js.map