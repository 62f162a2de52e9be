/**
 * The HTML page: one self-contained file that works offline. vega, vega-lite and vega-embed
 * are inlined from node_modules, the data travels as one JSON block inside
 * `<script type="application/json">` with `<`, `>` and `&` escaped, every user string in the
 * page is escaped as text, and a Content-Security-Policy forbids any network request.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { writeFileAtomic } from '../atomic-file.js';
import { PlateauDoctorError } from '../errors.js';
/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
/**
 * JSON that is safe inside a `<script>` element: `<`, `>`, `&` and the JS line separators are
 * written as \u escapes, so no string in the data can close the element or open a comment.
 */
export function jsonForScript(value) {
    return JSON.stringify(value)
        .replace(/</g, '\\u003c')
        .replace(/>/g, '\\u003e')
        .replace(/&/g, '\\u0026')
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029');
}
const QUANT_DIGITS = 5;
/** Columnar, compact encoding of long-format rows. Decoded in the page by the same logic as `decodeDataset`. */
export function encodeDataset(rows) {
    const keys = new Set();
    for (const r of rows)
        for (const k of Object.keys(r))
            keys.add(k);
    const columns = {};
    for (const key of keys) {
        const values = rows.map((r) => (r[key] === undefined ? null : r[key]));
        columns[key] = encodeColumn(values);
    }
    return { length: rows.length, columns };
}
function encodeColumn(values) {
    if (values.length < 3)
        return values;
    if (values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
        const nums = values;
        if (nums.every(Number.isInteger)) {
            const seg = [];
            let i = 0;
            while (i < nums.length) {
                const delta = i + 1 < nums.length ? nums[i + 1] - nums[i] : 0;
                let j = i + 1;
                while (j < nums.length && nums[j] - nums[j - 1] === delta)
                    j++;
                seg.push(nums[i], delta, j - i);
                i = j;
            }
            if (seg.length * 2 < nums.length)
                return { seg };
        }
        let smallest = Infinity;
        for (const v of nums)
            if (v !== 0 && Math.abs(v) < smallest)
                smallest = Math.abs(v);
        const q = Number.isFinite(smallest) ? Math.floor(Math.log10(smallest)) - (QUANT_DIGITS - 1) : 0;
        const ints = nums.map((v) => Math.round(q < 0 ? v * 10 ** -q : v / 10 ** q));
        if (ints.every((n, k) => Number.isSafeInteger(n) && Math.abs(fromInt(n, q) - nums[k]) <= Math.abs(nums[k]) * 10 ** -QUANT_DIGITS)) {
            return { q, d: ints.map((n, k) => (k === 0 ? n : n - ints[k - 1])) };
        }
        return values;
    }
    if (values.every((v) => typeof v === 'string' || v === null)) {
        const dict = [];
        const index = new Map();
        const rle = [];
        for (const v of values) {
            let i = index.get(v);
            if (i === undefined) {
                i = dict.length;
                dict.push(v);
                index.set(v, i);
            }
            if (rle.length && rle[rle.length - 2] === i)
                rle[rle.length - 1] += 1;
            else
                rle.push(i, 1);
        }
        if (rle.length < values.length)
            return { dict, rle };
    }
    return values;
}
function fromInt(n, q) {
    return q < 0 ? n / 10 ** -q : n * 10 ** q;
}
/** The inverse of `encodeDataset` (the page runs the same logic in plain JS). */
export function decodeDataset(data) {
    const rows = Array.from({ length: data.length }, () => ({}));
    for (const [key, column] of Object.entries(data.columns)) {
        const values = decodeColumn(column, data.length);
        for (let i = 0; i < data.length; i++)
            rows[i][key] = values[i];
    }
    return rows;
}
function decodeColumn(c, n) {
    if (Array.isArray(c))
        return c;
    const out = [];
    if ('seg' in c) {
        for (let s = 0; s < c.seg.length; s += 3)
            for (let k = 0; k < c.seg[s + 2]; k++)
                out.push(c.seg[s] + k * c.seg[s + 1]);
    }
    else if ('d' in c) {
        let acc = 0;
        for (const d of c.d) {
            acc += d;
            out.push(fromInt(acc, c.q));
        }
    }
    else {
        for (let s = 0; s < c.rle.length; s += 2)
            for (let k = 0; k < c.rle[s + 1]; k++)
                out.push(c.dict[c.rle[s]]);
    }
    if (out.length !== n)
        throw new Error(`decodeColumn: expected ${n} values, got ${out.length}`);
    return out;
}
const DECODE_JS = `
function decodeColumn(c, n) {
  if (Array.isArray(c)) return c;
  var out = [], s, k, acc = 0;
  if (c.seg) { for (s = 0; s < c.seg.length; s += 3) for (k = 0; k < c.seg[s + 2]; k++) out.push(c.seg[s] + k * c.seg[s + 1]); }
  else if (c.d) { for (s = 0; s < c.d.length; s++) { acc += c.d[s]; out.push(c.q < 0 ? acc / Math.pow(10, -c.q) : acc * Math.pow(10, c.q)); } }
  else { for (s = 0; s < c.rle.length; s += 2) for (k = 0; k < c.rle[s + 1]; k++) out.push(c.dict[c.rle[s]]); }
  if (out.length !== n) throw new Error('corrupt report data: expected ' + n + ' values, got ' + out.length);
  return out;
}
function decodeDataset(data) {
  var rows = new Array(data.length), i, key, values;
  for (i = 0; i < data.length; i++) rows[i] = {};
  for (key in data.columns) {
    values = decodeColumn(data.columns[key], data.length);
    for (i = 0; i < data.length; i++) rows[i][key] = values[i];
  }
  return rows;
}`;
/** The page script: decode the data, embed every chart, expose the views for tests. */
const BOOT_JS = `(function () {
  'use strict';
  ${DECODE_JS}
  var payload = JSON.parse(document.getElementById('pd-data').textContent);
  var data = {};
  Object.keys(payload.datasets).forEach(function (name) { data[name] = decodeDataset(payload.datasets[name]); });
  var state = { views: {}, rendered: 0, expected: payload.charts.length, failed: [] };
  window.__plateauDoctor = state;
  var jobs = payload.charts.map(function (chart) {
    var spec = chart.spec;
    spec.datasets = {};
    chart.datasets.forEach(function (name) {
      spec.datasets[name] = data[name].map(function (row) { return Object.assign({}, row); });
    });
    var el = document.getElementById(chart.id);
    return vegaEmbed(el, spec, { actions: false, renderer: 'svg' }).then(function (result) {
      state.views[chart.id] = result.view;
      state.rendered += 1;
      el.setAttribute('data-rendered', 'true');
    }).catch(function (error) {
      state.failed.push(chart.id);
      el.textContent = 'This chart could not be drawn: ' + (error && error.message ? error.message : String(error));
      console.error(error);
    });
  });
  Promise.all(jobs).then(function () {
    document.body.setAttribute('data-charts-rendered', String(state.rendered));
  });
})();`;
const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 24px auto; max-width: 1180px; color: #1d2330; padding: 0 16px; }
h1 { font-size: 1.6em; margin-bottom: 0.1em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #dde; padding-bottom: 4px; }
.sub { color: #667; margin-top: 0; }
.verdict { font-size: 1.05em; background: #f4f7fb; border-left: 4px solid #4c78a8; padding: 8px 16px; }
.verdict li { margin: 4px 0; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 5px 10px; border-bottom: 1px solid #e4e6ee; text-align: right; vertical-align: top; }
th { background: #f0f2f7; } td:first-child, th:first-child { text-align: left; }
td.best { font-weight: 700; background: #e6f4e6; }
td .ci { color: #667; font-size: 0.85em; display: block; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; } dt { font-weight: 600; } dd { margin: 0; }
.row { display: flex; flex-wrap: wrap; gap: 24px; }
.chart { margin: 12px 0; min-height: 120px; }
.note { color: #556; font-size: 0.92em; }
.error { color: #a11; }
code { background: #f0f2f7; padding: 0 3px; }
#vg-tooltip-element td.value { max-height: none; max-width: 460px; }
`;
/** Assembles the page. Datasets with the same name in several specs must hold the same rows. */
export function renderPage(options) {
    const datasets = {};
    const charts = options.charts.map((chart) => {
        if (!/^[a-z][a-z0-9-]*$/.test(chart.id))
            throw new Error(`renderPage: bad chart id ${chart.id}`);
        const { datasets: own = {}, ...rest } = chart.spec;
        for (const [name, rows] of Object.entries(own))
            if (!(name in datasets))
                datasets[name] = encodeDataset(rows);
        return { id: chart.id, datasets: Object.keys(own), spec: rest };
    });
    const csp = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:";
    return [
        '<!doctype html>',
        '<html lang="en">',
        '<head>',
        '<meta charset="utf-8">',
        `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        `<title>${escapeHtml(options.title)}</title>`,
        `<style>${STYLE}</style>`,
        '</head>',
        '<body>',
        options.bodyHtml,
        '<noscript><p class="error">The charts need JavaScript (no network access is needed).</p></noscript>',
        ...vendorScripts().map((js) => `<script>${js}</script>`),
        `<script type="application/json" id="pd-data">${jsonForScript({ datasets, charts })}</script>`,
        `<script>${BOOT_JS}</script>`,
        '</body>',
        '</html>',
        '',
    ].join('\n');
}
/** Writes a page atomically (temporary file + rename, src/atomic-file.ts). Returns the path and byte size. */
export function writePage(file, html) {
    writeFileAtomic(file, html);
    return { path: file, bytes: Buffer.byteLength(html) };
}
/**
 * A failed report write as a user error naming the option the user typed:
 * `--html out/report.html: cannot write the report (its directory does not exist)`.
 */
export function cannotWriteReport(shownAs, error) {
    const code = error?.code;
    const why = code === 'ENOENT' ? 'its directory does not exist' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : code === 'ENOTDIR' ? 'a parent of it is a file, not a directory' : String(code ?? error);
    return new PlateauDoctorError(`${shownAs}: cannot write the report (${why})`, { cause: error });
}
let vendorCache;
/** The minified vega, vega-lite and vega-embed bundles, without source-map comments. */
export function vendorScripts() {
    if (!vendorCache) {
        vendorCache = [
            ['vega', 'vega.min.js'],
            ['vega-lite', 'vega-lite.min.js'],
            ['vega-embed', 'vega-embed.min.js'],
        ].map(([pkg, file]) => {
            const text = readFileSync(path.join(packageDir(pkg), 'build', file), 'utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n');
            // A literal "</script" would end the element early; none of the bundles holds one, keep it so.
            if (/<\/script/i.test(text) || /<!--/.test(text))
                throw new Error(`${pkg}/build/${file} contains "</script" or "<!--" and cannot be inlined`);
            return text;
        });
    }
    return vendorCache;
}
function packageDir(pkg) {
    const require = createRequire(import.meta.url);
    let dir = path.dirname(require.resolve(pkg));
    for (;;) {
        const manifest = path.join(dir, 'package.json');
        if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === pkg)
            return dir;
        const parent = path.dirname(dir);
        if (parent === dir)
            throw new Error(`cannot find the ${pkg} package directory`);
        dir = parent;
    }
}
//# sourceMappingURL=html.js.map