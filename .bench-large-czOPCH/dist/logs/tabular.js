import { PlateauDoctorError, location } from '../errors.js';
import { columnKind, isPerEpochName, roleOf, selectByName } from './columns.js';
import { csvFlavourOf, genericCsv, headerlessTable, rolesByName } from './csv-flavours.js';
import { readLineBatches, splitDelimited } from './line-reader.js';
import { buildSeries, estimateStepsPerEpoch, forwardFill } from './series-build.js';
import { median, parseCell } from './values.js';
import { RowSampler, keepIndices } from './row-sampler.js';
/** Delimiter of a one-column file (one loss per line): NUL never occurs in a text file we accept. */
const SINGLE_COLUMN = '\u0000';
/** One cell on the line: a number, or a single header word such as `loss`. */
export function isSingleToken(line) {
    const t = line.trim();
    return t.length > 0 && t.length <= 100 && !/\s/.test(t);
}
/** Picks the delimiter of a header or first data line: tab, comma, semicolon or runs of spaces. */
export function detectDelimiter(line) {
    const counts = [
        ['\t', count(line, '\t')],
        [',', count(line, ',')],
        [';', count(line, ';')],
    ];
    counts.sort((a, b) => b[1] - a[1]);
    if (counts[0][1] > 0)
        return counts[0][0];
    const tokens = line.trim().split(/\s+/);
    if (tokens.length >= 2 && tokens.every((t) => typeof parseCell(t) === 'number'))
        return ' ';
    return undefined;
}
function count(s, ch) {
    let n = 0;
    for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1))
        n++;
    return n;
}
function split(line, delimiter) {
    return delimiter === ' ' ? line.trim().split(/\s+/) : splitDelimited(line, delimiter);
}
/** Does this first non-blank line start a table (a header or a numeric row)? */
export function looksTabular(line) {
    const d = detectDelimiter(line);
    if (!d)
        return false;
    const cells = split(line, d).map(cleanName);
    if (cells.length < 2)
        return false;
    if (cells.every((c) => parseCell(c) !== undefined))
        return true;
    // A header: short cells, no sentence punctuation, at least one non-empty name.
    return cells.every((c) => c.length <= 200 && !/[:=]\s/.test(c) && !/^\d{4}-\d\d-\d\d/.test(c)) && cells.some((c) => c.length > 0);
}
function cleanName(cell) {
    let c = cell.trim();
    if (c.length >= 2 && c.startsWith('"') && c.endsWith('"'))
        c = c.slice(1, -1);
    return c.trim();
}
/** Detects the flavour of a delimited file from its header (see `CSV_FLAVOURS`). */
export function detectTabularFormat(header, file) {
    return csvFlavourOf(header, file).format;
}
/**
 * Reads a delimited loss log (generic CSV/TSV with or without header, Keras CSVLogger,
 * Lightning CSVLogger, TensorBoard scalar CSV, W&B panel export) line by line.
 */
export async function readTabular(file, options = {}) {
    let delimiter;
    let header;
    let headerLine = 0;
    let flavour = genericCsv;
    let columns = [];
    let wanted = [];
    const lines = [];
    const start = (firstLine, lineNo) => {
        delimiter = detectDelimiter(firstLine) ?? (isSingleToken(firstLine) ? SINGLE_COLUMN : undefined);
        if (!delimiter) {
            throw new PlateauDoctorError(`${location(file, lineNo)}: not a delimited table (no tab, comma or semicolon in the first line); try --format text or --pattern`);
        }
        const cells = split(firstLine, delimiter).map(cleanName);
        const numeric = cells.every((c) => parseCell(c) !== undefined);
        if (!numeric) {
            header = cells;
            headerLine = lineNo;
        }
        flavour = csvFlavourOf(header, file, options.format);
        const names = header ?? cells.map((_, i) => `column ${i + 1}`);
        columns = names.map((name, index) => ({ name, index, values: [], nanRows: undefined, textCells: 0, present: 0 }));
        wanted = flavour.parsed ? flavour.parsed(columns) : columns;
    };
    const sampler = new RowSampler();
    const addRow = (line, lineNo) => {
        const cells = split(line, delimiter);
        if (sampler.stride > 1 && !sampler.keep(wanted.some((col) => isNonFinite(parseCell(col.index < cells.length ? cells[col.index] : '')))))
            return;
        if (sampler.stride === 1)
            sampler.seen++;
        const row = lines.length;
        lines.push(lineNo);
        for (const col of wanted) {
            const raw = col.index < cells.length ? cells[col.index] : '';
            pushCell(col, parseCell(raw), row, lineNo, raw);
        }
        const keep = sampler.thin(lines.length, (i) => wanted.some((col) => col.nanRows?.has(i) || col.values[i] === Infinity || col.values[i] === -Infinity));
        if (keep)
            thinColumns(wanted, lines, keep);
    };
    for await (const batch of readLineBatches(file, { keepPartialLastLine: options.keepPartialLastLine, end: options.endOffset })) {
        for (let k = 0; k < batch.lines.length; k++) {
            const line = batch.lines[k];
            if (line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === ''))
                continue;
            const lineNo = batch.firstLine + k;
            if (!delimiter)
                start(line, lineNo);
            if (header && lineNo === headerLine)
                continue;
            addRow(line, lineNo);
        }
    }
    if (!delimiter)
        throw new PlateauDoctorError(`${file}: the file is empty (no lines with data)`);
    if (lines.length === 0)
        throw new PlateauDoctorError(`${location(file, headerLine)}: the file has a header but no data rows`);
    const log = assemble(file, flavour, columns, wanted, lines, options);
    const note = sampler.note();
    if (note) {
        log.notes = [note, ...(log.notes ?? [])];
        log.sampled = sampler.stride;
    }
    return log;
}
function isNonFinite(v) {
    return typeof v === 'number' && !Number.isFinite(v);
}
/** Keeps the rows at `keep` of every parsed column (RowSampler). */
function thinColumns(columns, lines, keep) {
    keepIndices(lines, keep);
    for (const col of columns) {
        keepIndices(col.values, keep);
        if (col.nanRows)
            col.nanRows = new Set(keep.flatMap((row, j) => (col.nanRows.has(row) ? [j] : [])));
    }
}
/**
 * Appends one parsed cell (`parseCell`: a number, null when missing, undefined when text) to
 * its column as row `row`; the first text cell is kept (`text`, trimmed where shown) for messages.
 */
function pushCell(col, v, row, line, text) {
    if (v === null) {
        col.values.push(Number.NaN);
    }
    else if (v === undefined) {
        col.values.push(Number.NaN);
        col.textCells++;
        if (!col.firstText)
            col.firstText = { line, cell: text };
    }
    else {
        col.values.push(v);
        col.present++;
        if (Number.isNaN(v))
            (col.nanRows ??= new Set()).add(row);
    }
}
function isUsable(col) {
    return col.present > 0 && col.present >= col.textCells;
}
/** Turns the parsed columns of a table into loss series, as its flavour says. */
function assemble(file, flavour, columns, parsed, lines, options, lineUnit = 'line') {
    const src = { file, lineUnit };
    const notes = [];
    const usable = parsed.filter(isUsable);
    if (usable.length === 0) {
        throw new PlateauDoctorError(`${firstBadCell(src, parsed)}no numeric column found (columns: ${columns.map((c) => c.name).join(', ')})`);
    }
    const roles = flavour.roles ? flavour.roles(usable, parsed, notes) : rolesByName(usable, notes);
    const losses = chooseLossColumns(src, flavour, roles.losses, usable, parsed, columns, options.columns);
    const x = chooseX(src, flavour, roles.x, options.x);
    const ctx = {
        src,
        flavour,
        x,
        lines,
        // LR per row, forward-filled (Lightning logs it in its own sparse rows).
        lrRow: roles.lr ? forwardFill(roles.lr.values) : undefined,
        stepsPerEpoch: x.step && x.epoch ? estimateStepsPerEpoch(x.step.values, x.epoch.values) : undefined,
        timeBase: x.time ? x.time.values.find((v) => Number.isFinite(v)) ?? 0 : 0,
        lossColumns: losses.length,
        options,
    };
    const series = [];
    for (const col of losses) {
        const raw = columnSeries(col, ctx);
        if (raw.xs.length > 0)
            series.push(...buildSeries(raw, { restarts: options.restarts }));
    }
    if (series.length === 0)
        throw new PlateauDoctorError(`${file}: the loss columns (${losses.map((c) => c.name).join(', ')}) hold no values`);
    const log = { file, format: flavour.format, series };
    if (flavour.format === 'csv' && flavour !== genericCsv && flavour !== headerlessTable)
        notes.unshift(`read as ${flavour.name}`);
    if (notes.length > 0)
        log.notes = notes;
    return log;
}
/** Where the first text cell of a (preferably loss-named) column is, as a message prefix. */
function firstBadCell(src, among) {
    const bad = among.find((c) => c.firstText && columnKind(c.name) === 'loss') ?? among.find((c) => c.firstText);
    if (!bad?.firstText)
        return `${src.file}: `;
    const where = src.lineUnit === 'line' ? location(src.file, bad.firstText.line, bad.index + 1) : `${src.file}: ${src.lineUnit} ${bad.firstText.line}, "${bad.name}"`;
    return `${where}: "${bad.firstText.cell.trim().slice(0, 40)}" is not a number; `;
}
/** The loss columns: the flavour's, or those `--column` names (any numeric column may be named). */
function chooseLossColumns(src, flavour, losses, usable, parsed, columns, wanted) {
    let chosen = losses;
    if (wanted && wanted.length > 0) {
        chosen = selectByName(src.file, usable, (c) => (flavour.aliases ? flavour.aliases(c) : [c.name]), wanted, {
            one: 'numeric column',
            many: 'columns',
            all: columns.map((c) => c.name),
        });
    }
    if (chosen.length === 0) {
        // A loss-named column that is mostly text: point at its first bad cell.
        const unusableLoss = parsed.filter((c) => !isUsable(c) && columnKind(c.name) === 'loss');
        const where = unusableLoss.length > 0 ? firstBadCell(src, unusableLoss) : `${src.file}: `;
        throw new PlateauDoctorError(`${where}no loss column found (columns: ${columns.map((c) => c.name).join(', ')}); name one with --column`);
    }
    return chosen;
}
/** The x columns, checked against `--x` (in a headerless table, the counter column is whatever `--x` says it is). */
function chooseX(src, flavour, x, wanted) {
    if (!wanted || x[wanted])
        return x;
    const found = Object.values(x);
    if (flavour === headerlessTable && wanted !== 'time' && found.length > 0)
        return { [wanted]: found[0] };
    const have = Object.keys(x);
    throw new PlateauDoctorError(`${src.file}: --x ${wanted} asked for, but the file has no ${wanted} column (x columns found: ${have.length > 0 ? have.join(', ') : 'none'})`);
}
/** One loss column as a raw series: its x (`--x`, a per-epoch column's epoch, else step, epoch, time or the row), points and notes. */
function columnSeries(col, ctx) {
    const { x, options, lines, lrRow } = ctx;
    let unit;
    if (options.x)
        unit = options.x;
    else if (isPerEpochName(col.name) && x.epoch)
        unit = 'epoch';
    else if (x.step)
        unit = 'step';
    else if (x.epoch)
        unit = 'epoch';
    else if (x.time)
        unit = 'time';
    else
        unit = 'row';
    const xCol = unit === 'row' ? undefined : x[unit];
    const { name, role } = ctx.flavour.series ? ctx.flavour.series(col, ctx.src.file, ctx.lossColumns) : genericSeries(col);
    const raw = { name, role, x: unit === 'row' ? 'step' : unit, xs: [], ys: [], lines: [], lineUnit: ctx.src.lineUnit, notes: [] };
    if (lrRow)
        raw.lrs = [];
    if (unit === 'row')
        raw.notes.push('no step, epoch or time column: x is the data row number');
    if (unit === 'time')
        raw.notes.push('x is wall time in seconds since the first point');
    const rows = lines.length;
    const dense = col.present === rows && xCol !== undefined && unit !== 'time' && xCol.present === rows && !col.nanRows;
    if (dense) {
        // Every row has both values: use the column arrays as they are (no copy of a long log).
        raw.xs = xCol.values;
        raw.ys = col.values;
        raw.lines = lines;
        if (lrRow)
            raw.lrs = lrRow;
    }
    for (let r = 0; r < rows && !dense; r++) {
        const y = col.values[r];
        if (Number.isNaN(y) && !col.nanRows?.has(r))
            continue;
        raw.xs.push(xCol ? xCol.values[r] - (unit === 'time' ? ctx.timeBase : 0) : r + 1);
        raw.ys.push(y);
        raw.lines.push(lines[r]);
        if (lrRow)
            raw.lrs.push(lrRow[r]);
    }
    if (col.textCells > 0 && col.firstText) {
        raw.notes.push(`${col.textCells} cell(s) were not numbers and were skipped (first at ${ctx.src.lineUnit} ${col.firstText.line}: "${col.firstText.cell.trim().slice(0, 30)}")`);
    }
    if (unit === 'step' && ctx.stepsPerEpoch !== undefined && ctx.stepsPerEpoch >= medianGap(raw.xs))
        raw.stepsPerEpoch = ctx.stepsPerEpoch;
    return raw;
}
function genericSeries(col) {
    return { name: col.name, role: roleOf(col.name) };
}
function medianGap(xs) {
    const gaps = [];
    for (let i = 1; i < xs.length; i++)
        if (xs[i] > xs[i - 1])
            gaps.push(xs[i] - xs[i - 1]);
    return gaps.length > 0 ? median(gaps) : 0;
}
/**
 * Builds a LossLog from records (JSON lines such as Detectron2's metrics.json, a JSON array of
 * `{step, loss, ...}` objects, or Keras `history.history` turned into rows). Keys play the roles
 * columns play in a CSV (`iteration` is the x, `total_loss` a loss, `lr` the LR); nested values
 * are ignored.
 */
export function tableFromRecords(file, format, records, options = {}, lineUnit = 'line') {
    const columns = [];
    const byKey = new Map();
    const lines = [];
    for (const rec of records) {
        const row = lines.length;
        lines.push(rec.line);
        for (const [key, value] of Object.entries(rec.values)) {
            let v;
            if (typeof value === 'number')
                v = value;
            else if (value === null)
                v = null;
            else if (typeof value === 'string')
                v = parseCell(value);
            else
                continue;
            let col = byKey.get(key);
            if (!col) {
                col = { name: key, index: columns.length, values: new Array(row).fill(Number.NaN), nanRows: undefined, textCells: 0, present: 0 };
                byKey.set(key, col);
                columns.push(col);
            }
            while (col.values.length < row)
                col.values.push(Number.NaN);
            pushCell(col, v, row, rec.line, typeof value === 'string' ? value : '');
        }
    }
    const rows = lines.length;
    for (const col of columns)
        while (col.values.length < rows)
            col.values.push(Number.NaN);
    if (rows === 0)
        throw new PlateauDoctorError(`${file}: no records`);
    if (columns.length === 0)
        throw new PlateauDoctorError(`${file}: the records hold no numbers`);
    const log = assemble(file, genericCsv, columns, columns, lines, options, lineUnit);
    return { ...log, format };
}
//# sourceMappingURL=tabular.js.map