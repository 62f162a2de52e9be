import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { PlateauDoctorError } from '../errors.js';
import { columnKind, isLrName } from './columns.js';
import { quoteNonFiniteLiterals } from './json-text.js';
import { splitDelimited } from './line-reader.js';
import { detectFormat, readLossLog } from './read-loss-log.js';
import { detectDelimiter } from './tabular.js';
import { readScalarEvents, tfEventsLog } from './tfevents.js';
import { parseCell } from './values.js';
import { WandbRunReader } from './wandb-run.js';
/** Appends the points of records (one object of values per line/row/event) to a log's series. */
class SeriesAppender {
    bindings;
    log;
    constructor(log, keys) {
        this.log = log;
        // Readers may share one x (or LR) array between series: each series gets its own to grow.
        const seen = new Set();
        for (const s of log.series) {
            for (const key of ['xs', 'ys', 'lrs']) {
                const arr = s[key];
                if (!arr)
                    continue;
                if (seen.has(arr))
                    s[key] = arr.slice();
                seen.add(s[key]);
            }
        }
        this.bindings = log.series.map((s) => {
            const xKey = keys?.find((k) => columnKind(k) === s.x);
            const lrKey = s.lrs ? keys?.find((k) => columnKind(k) === 'lr' || isLrName(k)) : undefined;
            return { s, xKey, lrKey, lastLr: s.lrs ? s.lrs[s.lrs.length - 1] : Number.NaN };
        });
    }
    /** True when every series can be continued from records keyed like `keys`. */
    static fits(log, keys) {
        return log.series.every((s) => (s.x === 'step' || s.x === 'epoch') &&
            (keys === undefined || (keys.includes(s.name) && keys.some((k) => columnKind(k) === s.x))) &&
            (!s.lrs || keys === undefined || keys.some((k) => columnKind(k) === 'lr' || isLrName(k))));
    }
    /**
     * Appends; returns the number of points added, or undefined when a counter went back (read
     * again). Without known keys, a series' x (and LR) key is the first key of its kind in a record.
     */
    append(records) {
        let added = 0;
        for (const values of records) {
            for (const b of this.bindings) {
                b.xKey ??= Object.keys(values).find((k) => columnKind(k) === b.s.x);
                if (b.s.lrs)
                    b.lrKey ??= Object.keys(values).find((k) => columnKind(k) === 'lr' || isLrName(k));
                const lr = b.lrKey !== undefined ? toNumber(values[b.lrKey]) : undefined;
                if (lr !== undefined && !Number.isNaN(lr))
                    b.lastLr = lr;
                const y = toNumber(values[b.s.name]);
                const x = b.xKey !== undefined ? toNumber(values[b.xKey]) : undefined;
                if (y === undefined || x === undefined || Number.isNaN(x))
                    continue;
                const { xs, ys } = b.s;
                if (xs.length > 0 && x <= xs[xs.length - 1])
                    return undefined;
                xs.push(x);
                ys.push(y);
                b.s.lrs?.push(b.lastLr);
                added++;
            }
        }
        return added;
    }
}
function toNumber(v) {
    if (typeof v === 'number')
        return v;
    if (typeof v !== 'string')
        return undefined;
    const n = parseCell(v);
    return typeof n === 'number' ? n : undefined;
}
/** CSV/TSV rows or JSON lines after the last complete line. */
class LineContinuation {
    offset;
    appender;
    parse;
    carry = '';
    constructor(offset, appender, parse) {
        this.offset = offset;
        this.appender = appender;
        this.parse = parse;
    }
    feed(bytes) {
        const text = this.carry + bytes.toString('utf8');
        const end = text.lastIndexOf('\n');
        this.carry = end < 0 ? text : text.slice(end + 1);
        this.offset += bytes.length;
        if (end < 0)
            return 0;
        const records = [];
        for (const raw of text.slice(0, end).split('\n')) {
            const line = raw.replace(/\r+$/, '');
            if (line.trim() === '')
                continue;
            const rec = this.parse(line);
            if (rec)
                records.push(rec);
        }
        return this.appender.append(records);
    }
}
export class FollowedLog {
    file;
    options;
    log;
    size = -1;
    mtimeMs = -1;
    continuation;
    constructor(file, options = {}) {
        this.file = file;
        this.options = options;
    }
    async poll() {
        let st;
        try {
            st = await stat(this.file);
        }
        catch {
            return { kind: 'missing' };
        }
        // A run folder (MLflow, DVCLive) changes inside: read it again at every poll.
        if (!st.isDirectory() && st.size === this.size && st.mtimeMs === this.mtimeMs)
            return { kind: 'unchanged' };
        const grew = this.log !== undefined && this.continuation !== undefined && st.size > this.size && st.isFile();
        this.size = st.size;
        this.mtimeMs = st.mtimeMs;
        try {
            if (grew) {
                const c = this.continuation;
                const added = c.feed(await readRange(this.file, c.offset, st.size));
                if (added !== undefined)
                    return { kind: 'appended', log: this.log, points: added };
            }
            return { kind: 'read', log: await this.readFromStart(st.size) };
        }
        catch (error) {
            this.log = undefined;
            this.continuation = undefined;
            if (error instanceof PlateauDoctorError)
                return { kind: 'error', error: error.message };
            const code = error?.code;
            if (typeof code === 'string')
                return { kind: 'error', error: `${this.file}: cannot read (${code})` };
            throw error;
        }
    }
    /** Reads bytes [0, size) with the full reader and sets up the continuation after them. */
    async readFromStart(size) {
        this.continuation = undefined;
        const options = { ...this.options, dropPartialLastLine: true, endOffset: size };
        const format = options.format ?? (await detectFormat(this.file, options));
        let log;
        if (format === 'tfevents') {
            const read = await readScalarEvents(this.file, size);
            log = tfEventsLog(this.file, read, options);
            if (SeriesAppender.fits(log, undefined))
                this.continuation = tfContinuation(read.scanner, size, new SeriesAppender(log, undefined));
        }
        else if (format === 'wandb-run') {
            const reader = new WandbRunReader(this.file);
            for await (const chunk of createReadStream(this.file, { highWaterMark: 1 << 20, end: size - 1 }))
                reader.push(chunk);
            log = reader.log({ columns: options.columns, x: options.x, restarts: options.restarts }, false);
            const keys = [...new Set(reader.rowsFrom(0).flatMap((r) => Object.keys(r.values)))];
            if (SeriesAppender.fits(log, keys))
                this.continuation = wandbContinuation(reader, size, new SeriesAppender(log, keys));
        }
        else {
            log = await readLossLog(this.file, { ...options, format });
            if (format === 'jsonl' || ['csv', 'keras', 'lightning', 'tensorboard-csv'].includes(format))
                this.continuation = await this.lineContinuation(log, format, size);
        }
        if (log.sampled)
            this.continuation = undefined; // raw appended rows would not match a sampled log
        this.log = log;
        return log;
    }
    async lineContinuation(log, format, size) {
        const offset = await afterLastNewline(this.file, size);
        if (format === 'jsonl') {
            if (!SeriesAppender.fits(log, undefined) || log.series.some((s) => s.name.includes(' (run ')))
                return undefined;
            const parse = (line) => {
                try {
                    const v = JSON.parse(quoteNonFiniteLiterals(line));
                    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
                }
                catch {
                    return undefined;
                }
            };
            return new LineContinuation(offset, new SeriesAppender(log, undefined), parse);
        }
        const header = await firstLine(this.file);
        const delimiter = header !== undefined ? detectDelimiter(header) : undefined;
        if (header === undefined || delimiter === undefined)
            return undefined;
        const keys = splitDelimited(header, delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
        if (!SeriesAppender.fits(log, keys))
            return undefined;
        const parse = (line) => {
            const cells = splitDelimited(line, delimiter);
            const rec = {};
            for (let i = 0; i < keys.length; i++)
                rec[keys[i]] = (cells[i] ?? '').trim();
            return rec;
        };
        return new LineContinuation(offset, new SeriesAppender(log, keys), parse);
    }
}
function tfContinuation(scanner, size, appender) {
    return {
        offset: size,
        feed(bytes) {
            this.offset += bytes.length;
            return appender.append(scanner.push(bytes).map((e) => ({ step: e.step, [e.tag]: e.value })));
        },
    };
}
function wandbContinuation(reader, size, appender) {
    return {
        offset: size,
        feed(bytes) {
            const before = reader.rowCount;
            this.offset += bytes.length;
            reader.push(bytes);
            return appender.append(reader.rowsFrom(before).map((r) => r.values));
        },
    };
}
async function readRange(file, from, to) {
    const handle = await open(file, 'r');
    try {
        const buf = Buffer.alloc(Math.max(0, to - from));
        const { bytesRead } = await handle.read(buf, 0, buf.length, from);
        return buf.subarray(0, bytesRead);
    }
    finally {
        await handle.close();
    }
}
/** The offset just after the last newline before `size` (where a half-written line starts). */
async function afterLastNewline(file, size) {
    const handle = await open(file, 'r');
    try {
        const chunk = 64 * 1024;
        for (let end = size; end > 0; end -= chunk) {
            const from = Math.max(0, end - chunk);
            const buf = Buffer.alloc(end - from);
            await handle.read(buf, 0, buf.length, from);
            const i = buf.lastIndexOf(10);
            if (i >= 0)
                return from + i + 1;
        }
        return 0;
    }
    finally {
        await handle.close();
    }
}
/** The first non-blank line (the header of a table), without a BOM or CR. */
async function firstLine(file) {
    const buf = await readRange(file, 0, 64 * 1024);
    const text = buf.toString('utf8').replace(/^\uFEFF/, '');
    return text.split('\n').map((l) => l.replace(/\r+$/, '')).find((l) => l.trim() !== '');
}
//# sourceMappingURL=follow-reader.js.map