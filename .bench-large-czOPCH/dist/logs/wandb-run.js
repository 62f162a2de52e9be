import { createReadStream, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PlateauDoctorError } from '../errors.js';
import { crcTable, crcUpdate } from './crc.js';
import { tableFromRecords } from './tabular.js';
import { decodeWandbRecord } from './wandb-proto.js';
/**
 * W&B run files (`wandb/run-<date>-<id>/run-<id>.wandb`), the transaction log every `wandb`
 * run writes locally. Layout (wandb/sdk/internal/datastore.py): a 7-byte header `:W&B`, magic
 * 0xBEE1 (little-endian), version 0; then 32 KiB blocks of LevelDB-log frames: CRC-32 (4 bytes,
 * little-endian, plain IEEE CRC-32 of the type byte and the payload, unmasked), length (2),
 * type (1: FULL, 2: FIRST, 3: MIDDLE, 4: LAST), payload. A block tail shorter than a frame
 * header is zero padding. Each reassembled payload is one protobuf `Record` (wandb-proto.ts).
 */
const HEADER = Buffer.from([0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0x00]);
const HEADER_LEN = 7;
const BLOCK = 32768;
const FULL = 1;
const FIRST = 2;
const MIDDLE = 3;
const LAST = 4;
/** True when the bytes start with the `.wandb` header (`:W&B`, magic, version 0). */
export function looksLikeWandbRun(head) {
    return head.length >= HEADER_LEN && HEADER.equals(Buffer.from(head.buffer, head.byteOffset, HEADER_LEN));
}
const CRC_TABLE = crcTable(0xedb88320);
/** Plain CRC-32 (IEEE, as zlib.crc32) of the type byte followed by the payload. */
function frameCrc(type, payload) {
    const c = CRC_TABLE[(0xffffffff ^ type) & 0xff] ^ (0xffffffff >>> 8);
    return (crcUpdate(CRC_TABLE, c, payload) ^ 0xffffffff) >>> 0;
}
/**
 * An incremental reader of a `.wandb` file: `push` the bytes as they come (a stream, or what
 * was appended since the last call under `--follow`); `log()` builds the LossLog of what is
 * complete so far. A frame cut off at the end waits for its remaining bytes.
 */
export class WandbRunReader {
    file;
    carry = Buffer.alloc(0);
    /** File offset of carry[0]. */
    offset = 0;
    fragments = [];
    fragmentStart = -1;
    records = 0;
    rows = [];
    stopped;
    producer;
    run;
    exit;
    footer = false;
    historyRecords = 0;
    constructor(file) {
        this.file = file;
    }
    /** History rows read so far, from index `from` (`--follow` appends the new ones). */
    rowsFrom(from) {
        return this.rows.slice(from);
    }
    get rowCount() {
        return this.rows.length;
    }
    /** Total bytes consumed so far (the next push continues at this file offset). */
    get bytesSeen() {
        return this.offset + this.carry.length;
    }
    push(chunk) {
        if (this.stopped)
            return;
        this.carry = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
        let pos = 0;
        if (this.offset === 0) {
            if (this.carry.length < HEADER_LEN)
                return;
            if (!looksLikeWandbRun(this.carry))
                throw new PlateauDoctorError(`${this.file}: not a W&B run file (the first 7 bytes are not ":W&B", magic BEE1, version 0)`);
            pos = HEADER_LEN;
        }
        const buf = this.carry;
        while (!this.stopped) {
            const at = this.offset + pos;
            const left = BLOCK - (at % BLOCK);
            if (left < HEADER_LEN) {
                if (pos + left > buf.length)
                    break;
                pos += left; // zero-filled block tail
                continue;
            }
            if (pos + HEADER_LEN > buf.length)
                break;
            const crc = buf.readUInt32LE(pos);
            const len = buf.readUInt16LE(pos + 4);
            const type = buf[pos + 6];
            if (crc === 0 && len === 0 && type === 0) {
                this.stop(at, 'zero bytes where a frame should start (the rest of the file was never written)');
                break;
            }
            if (type < FULL || type > LAST || HEADER_LEN + len > left) {
                this.stop(at, `bad frame header (type ${type}, length ${len})`);
                break;
            }
            if (pos + HEADER_LEN + len > buf.length)
                break;
            const payload = buf.subarray(pos + HEADER_LEN, pos + HEADER_LEN + len);
            if (frameCrc(type, payload) !== crc) {
                this.stop(at, 'frame checksum mismatch (corrupt data)');
                break;
            }
            pos += HEADER_LEN + len;
            this.frame(type, payload, at);
        }
        this.offset += pos;
        // Keep only the unread tail (at most one frame) and copy it, so the big chunk can be freed.
        this.carry = pos >= buf.length ? Buffer.alloc(0) : Buffer.from(buf.subarray(pos));
    }
    frame(type, payload, at) {
        if (type === FULL) {
            if (this.fragments.length > 0)
                return this.stop(this.fragmentStart, 'a record split over frames was never finished');
            return this.record(payload, at);
        }
        if (type === FIRST) {
            if (this.fragments.length > 0)
                return this.stop(this.fragmentStart, 'a record split over frames was never finished');
            this.fragmentStart = at;
            this.fragments = [Buffer.from(payload)];
            return;
        }
        if (this.fragments.length === 0)
            return this.stop(at, `a ${type === MIDDLE ? 'middle' : 'last'} fragment without a first one`);
        this.fragments.push(Buffer.from(payload));
        if (type === LAST) {
            const whole = Buffer.concat(this.fragments);
            this.fragments = [];
            this.record(whole, this.fragmentStart);
        }
    }
    stop(offset, reason) {
        this.stopped ??= { offset, reason };
    }
    record(payload, at) {
        let rec;
        try {
            rec = decodeWandbRecord(payload);
        }
        catch (error) {
            return this.stop(at, `record ${this.records + 1} is not a W&B Record (${error instanceof Error ? error.message : String(error)})`);
        }
        this.records++;
        if (rec.history) {
            this.historyRecords++;
            const values = historyRow(rec.history.item ?? [], rec.history.step?.num);
            if (values)
                this.rows.push({ values, line: this.records });
        }
        else if (rec.header)
            this.producer = rec.header.version_info?.producer;
        else if (rec.run)
            this.run = { ...this.run, ...rec.run };
        else if (rec.exit)
            this.exit = rec.exit;
        else if (rec.footer)
            this.footer = true;
    }
    /** The LossLog of the complete records so far; `atEnd` says the file has been read to its end. */
    log(options = {}, atEnd = true) {
        const notes = this.describe(atEnd);
        if (this.rows.length === 0) {
            const where = notes.length > 1 ? `; ${notes[notes.length - 1]}` : '';
            throw new PlateauDoctorError(`${this.file}: a W&B run file with no history rows (${this.records} records)${where}`);
        }
        const log = tableFromRecords(this.file, 'wandb-run', this.rows, options, 'record');
        log.notes = [...notes, ...(log.notes ?? [])];
        const run = this.run?.display_name || this.run?.run_id;
        if (run)
            log.run = run;
        return log;
    }
    describe(atEnd) {
        const notes = [];
        const run = this.run;
        const name = run?.display_name ? ` "${run.display_name}"` : '';
        const version = this.producer ? `, written by wandb ${this.producer.split('+')[0]}` : '';
        notes.push(`W&B run ${run?.run_id ?? '(no run record)'}${name}${run?.project ? ` in project ${run.project}` : ''}${version}: ${this.historyRecords} history rows in ${this.records} records`);
        if (run?.resumed)
            notes.push(`the run was resumed${run.starting_step ? ` at step ${run.starting_step}` : ''}`);
        if (this.exit && this.exit.exit_code)
            notes.push(`the run exited with code ${this.exit.exit_code}${this.exit.runtime ? ` after ${this.exit.runtime} s` : ''}`);
        if (this.stopped) {
            notes.push(`reading stopped at byte ${this.stopped.offset} of the file: ${this.stopped.reason}; the ${this.records} records before it are used`);
        }
        else if (atEnd && (this.fragments.length > 0 || this.carry.length > 0)) {
            const at = this.fragments.length > 0 ? this.fragmentStart : this.offset;
            notes.push(`the file ends in the middle of a record at byte ${at} (cut off while being written?); the ${this.records} complete records before it are used`);
        }
        else if (atEnd && !this.exit && !this.footer) {
            notes.push('no exit record: the run was still running, or was killed, when the file was copied');
        }
        return notes;
    }
}
/** One history row as `{_step, key: number, ...}`; keys from `key` or `nested_key` (joined with `/`); non-numeric values skipped. */
function historyRow(items, stepNum) {
    const values = { _step: stepNum ?? 0 };
    let any = false;
    for (const item of items) {
        const key = item.key || (item.nested_key ?? []).join('/');
        if (!key)
            continue;
        const v = jsonNumber(item.value_json);
        if (v === undefined)
            continue;
        values[key] = v;
        any = true;
    }
    return any ? values : undefined;
}
/** A JSON number (also Python's NaN/Infinity/-Infinity as wandb writes them); undefined for anything else. */
function jsonNumber(text) {
    if (!text)
        return undefined;
    const c = text.charCodeAt(0);
    const numeric = (c >= 48 && c <= 57) || c === 45 || c === 46 || text === 'NaN' || text === 'Infinity';
    if (!numeric)
        return undefined;
    const v = Number(text);
    return Number.isNaN(v) && text !== 'NaN' && text !== '-NaN' ? undefined : v;
}
/** Reads a `.wandb` run file (streamed in 1 MiB chunks) into a LossLog of its loss history. */
export async function readWandbRun(fileOrDir, options = {}) {
    const file = statSync(fileOrDir).isDirectory() ? wandbFileIn(fileOrDir) ?? fileOrDir : fileOrDir;
    const reader = new WandbRunReader(file);
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }))
        reader.push(chunk);
    return reader.log(options);
}
/** `.wandb` files, recognised by their header; a W&B run folder by its `run-*.wandb` file. */
export const wandbRunFormat = {
    name: 'wandb-run',
    sniffFile: (head) => looksLikeWandbRun(head),
    sniffDir: (dir) => wandbFileIn(dir) !== undefined,
    read: (file, options) => readWandbRun(file, options),
};
/** The `run-<id>.wandb` file of a W&B run folder (`wandb/run-<date>-<id>/`), if it has one. */
export function wandbFileIn(dir) {
    let names;
    try {
        names = readdirSync(dir);
    }
    catch {
        return undefined;
    }
    const name = names.find((n) => /^run-.*\.wandb$/.test(n));
    return name === undefined ? undefined : path.join(dir, name);
}
//# sourceMappingURL=wandb-run.js.map