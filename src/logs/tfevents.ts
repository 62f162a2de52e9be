import { createReadStream } from 'node:fs';
import protobuf from 'protobufjs';
import { PlateauDoctorError } from '../errors.js';
import { crcTable, crcUpdate } from './crc.js';
import { DEFAULT_ROW_CAP, keepIndices } from './row-sampler.js';
import { isLrName, roleOf, selectByName } from './columns.js';
import type { LossLog, LossSeries, XUnit } from './loss-log.js';
import { buildSeries, estimateStepsPerEpoch, type RawSeries, type RestartMode } from './series-build.js';

/**
 * TensorBoard event files (`events.out.tfevents.*`): TFRecord framing
 * (uint64 length, masked CRC-32C of the length, data, masked CRC-32C of the data) around
 * `tensorflow.Event` protos. Only the messages needed for scalars are declared here
 * (from tensorflow/core/util/event.proto, framework/summary.proto, framework/tensor.proto).
 */
const PROTO = `
syntax = "proto3";
package tb;
message Event {
  double wall_time = 1;
  int64 step = 2;
  string file_version = 3;
  Summary summary = 5;
}
message Summary {
  repeated Value value = 1;
  message Value {
    string node_name = 7;
    string tag = 1;
    SummaryMetadata metadata = 9;
    // A oneof, as in TensorFlow's summary.proto: a logged 0.0 is then present, not a default.
    oneof value {
      float simple_value = 2;
      TensorProto tensor = 8;
    }
  }
}
message SummaryMetadata {
  PluginData plugin_data = 1;
  message PluginData {
    string plugin_name = 1;
    bytes content = 2;
  }
  string display_name = 2;
  string summary_description = 3;
}
message TensorProto {
  int32 dtype = 1;
  bytes tensor_content = 4;
  repeated int32 half_val = 13 [packed = true];
  repeated float float_val = 5 [packed = true];
  repeated double double_val = 6 [packed = true];
  repeated int32 int_val = 7 [packed = true];
  repeated int64 int64_val = 10 [packed = true];
}
`;

let eventType: protobuf.Type | undefined;
function getEventType(): protobuf.Type {
  if (!eventType) eventType = protobuf.parse(PROTO, { keepCase: true }).root.lookupType('tb.Event');
  return eventType;
}

// CRC-32C (Castagnoli), as TFRecord uses it.
const CRC_TABLE = crcTable(0x82f63b78);

function crc32c(buf: Uint8Array): number {
  return (crcUpdate(CRC_TABLE, 0xffffffff, buf) ^ 0xffffffff) >>> 0;
}

function maskedCrc(buf: Uint8Array): number {
  const c = crc32c(buf);
  return ((((c >>> 15) | (c << 17)) >>> 0) + 0xa282ead8) >>> 0;
}

/** True when the first 12 bytes are a TFRecord length with a valid masked CRC. */
export function looksLikeTfRecord(head: Uint8Array): boolean {
  if (head.length < 12) return false;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  return maskedCrc(head.subarray(0, 8)) === view.getUint32(8, true);
}

/** One scalar read from an event file. */
export interface ScalarEvent {
  tag: string;
  step: number;
  wallTime: number;
  value: number;
}

// TensorFlow DataType enum values used for scalars.
const DT_FLOAT = 1;
const DT_DOUBLE = 2;
const DT_INT32 = 3;
const DT_INT64 = 9;
const DT_HALF = 19;
const DT_BFLOAT16 = 14;

interface DecodedTensor {
  dtype?: number;
  tensor_content?: Uint8Array;
  half_val?: number[];
  float_val?: number[];
  double_val?: number[];
  int_val?: number[];
  int64_val?: (number | { toNumber(): number })[];
}

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? Number.NaN : s * Number.POSITIVE_INFINITY;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

/** The scalar inside a tensor-encoded summary value (TF2 `tf.summary.scalar`), or undefined. */
export function tensorScalar(t: DecodedTensor): number | undefined {
  const dtype = t.dtype ?? 0;
  const content = t.tensor_content;
  if (content && content.length > 0) {
    const view = new DataView(content.buffer, content.byteOffset, content.byteLength);
    if (dtype === DT_FLOAT && content.length >= 4) return view.getFloat32(0, true);
    if (dtype === DT_DOUBLE && content.length >= 8) return view.getFloat64(0, true);
    if (dtype === DT_INT32 && content.length >= 4) return view.getInt32(0, true);
    if (dtype === DT_INT64 && content.length >= 8) return Number(view.getBigInt64(0, true));
    if (dtype === DT_HALF && content.length >= 2) return halfToFloat(view.getUint16(0, true));
    if (dtype === DT_BFLOAT16 && content.length >= 2) {
      const b = new DataView(new ArrayBuffer(4));
      b.setUint16(0, view.getUint16(0, true), false);
      return b.getFloat32(0, false);
    }
    return undefined;
  }
  if (t.float_val && t.float_val.length > 0) return t.float_val[0];
  if (t.double_val && t.double_val.length > 0) return t.double_val[0];
  if (t.half_val && t.half_val.length > 0) return dtype === DT_BFLOAT16 ? bf16(t.half_val[0]) : halfToFloat(t.half_val[0]);
  if (t.int_val && t.int_val.length > 0) return t.int_val[0];
  if (t.int64_val && t.int64_val.length > 0) {
    const v = t.int64_val[0];
    return typeof v === 'number' ? v : v.toNumber();
  }
  return undefined;
}

function bf16(bits: number): number {
  const b = new DataView(new ArrayBuffer(4));
  b.setUint16(0, bits & 0xffff, false);
  return b.getFloat32(0, false);
}

/**
 * An incremental reader of TFRecord-framed events: `push` the bytes as they come (a stream, or
 * what was appended under `--follow`); complete records are decoded, an incomplete last one
 * waits for the rest of its bytes. A bad CRC is an error naming the record's byte offset.
 */
export class TfEventScanner {
  private carry: Buffer = Buffer.alloc(0);
  /** File offset of carry[0]. */
  private offset = 0;
  records = 0;

  constructor(private readonly file: string) {}

  /** Bytes of an incomplete record waiting at the end. */
  get pending(): number {
    return this.carry.length;
  }

  /** The scalars of the complete records in the bytes pushed so far that were not returned yet. */
  push(chunk: Buffer): ScalarEvent[] {
    const buf = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
    const scalars: ScalarEvent[] = [];
    let pos = 0;
    while (pos + 12 <= buf.length) {
      const at = this.offset + pos;
      const len = Number(buf.readBigUInt64LE(pos));
      if (maskedCrc(buf.subarray(pos, pos + 8)) !== buf.readUInt32LE(pos + 8)) {
        throw new PlateauDoctorError(`${this.file}: not a TensorBoard event file, or corrupt: bad record length checksum at byte ${at} (record ${this.records + 1})`);
      }
      const dataStart = pos + 12;
      if (dataStart + len + 4 > buf.length) break;
      const data = buf.subarray(dataStart, dataStart + len);
      if (maskedCrc(data) !== buf.readUInt32LE(dataStart + len)) {
        throw new PlateauDoctorError(`${this.file}: corrupt TensorBoard event file: bad data checksum in record ${this.records + 1} at byte ${at}`);
      }
      this.records++;
      pos = dataStart + len + 4;
      decodeScalars(this.file, data, this.records, at, scalars);
    }
    this.offset += pos;
    this.carry = pos >= buf.length ? Buffer.alloc(0) : Buffer.from(buf.subarray(pos));
    return scalars;
  }
}

function decodeScalars(file: string, data: Uint8Array, record: number, at: number, out: ScalarEvent[]): void {
  const Event = getEventType();
  let event: Record<string, any>;
  try {
    event = Event.toObject(Event.decode(data), { longs: Number, defaults: false, bytes: Uint8Array as unknown as typeof String }) as Record<string, any>;
  } catch (error) {
    throw new PlateauDoctorError(`${file}: record ${record} at byte ${at} is not a TensorBoard Event (${error instanceof Error ? error.message : String(error)})`);
  }
  const values = event.summary?.value as Record<string, any>[] | undefined;
  if (!values) return;
  for (const v of values) {
    const tag = String(v.tag || v.node_name || '');
    let value: number | undefined;
    if (v.simple_value !== undefined) value = v.simple_value;
    else if (v.tensor) {
      const plugin = v.metadata?.plugin_data?.plugin_name;
      if (plugin === undefined || plugin === 'scalars' || plugin === '') value = tensorScalar(v.tensor as DecodedTensor);
    }
    if (value === undefined) continue;
    out.push({ tag, step: Number(event.step ?? 0), wallTime: Number(event.wall_time ?? 0), value });
  }
}

/** The scalars of one tag, as columns (unboxed numbers: a tenth of the memory of event objects). */
export interface TagScalars {
  steps: number[];
  walls: number[];
  values: number[];
}

/** What `readScalarEvents` read: the scalars per tag, in file order. */
export interface ScalarsRead {
  byTag: Map<string, TagScalars>;
  truncated: boolean;
  records: number;
  scanner: TfEventScanner;
  /** One scalar in this many was kept per tag (1: all). */
  sampledEvery: number;
}

/**
 * Reads every scalar of an event file, streamed in 1 MiB chunks (up to byte `end` when given).
 * A truncated last record (a writer mid-write) ends the file quietly; a bad CRC before the end
 * is an error naming the byte offset. More than `cap` scalars are sampled (ScalarSampler).
 */
export async function readScalarEvents(file: string, end?: number, cap = DEFAULT_ROW_CAP): Promise<ScalarsRead> {
  const scanner = new TfEventScanner(file);
  const kept = new ScalarSampler(cap);
  if (end !== 0) {
    const stream = createReadStream(file, { highWaterMark: 1 << 20, ...(end !== undefined ? { end: end - 1 } : {}) });
    for await (const chunk of stream as AsyncIterable<Buffer>) for (const s of scanner.push(chunk)) kept.add(s);
  }
  return { byTag: kept.byTag, truncated: scanner.pending > 0, records: scanner.records, scanner, sampledEvery: kept.stride };
}

/**
 * Bounded memory for huge event files, RowSampler's rule per tag: once `cap` scalars are held,
 * every other finite one of each tag is dropped and one new scalar in 2 (then 4, ...) is kept;
 * non-finite ones are always kept.
 */
class ScalarSampler {
  readonly byTag = new Map<string, TagScalars>();
  stride = 1;
  private held = 0;
  private readonly seen = new Map<string, number>();

  constructor(private readonly cap: number) {}

  add(s: ScalarEvent): void {
    const n = this.seen.get(s.tag) ?? 0;
    this.seen.set(s.tag, n + 1);
    if (n % this.stride !== 0 && Number.isFinite(s.value)) return;
    let cols = this.byTag.get(s.tag);
    if (!cols) this.byTag.set(s.tag, (cols = { steps: [], walls: [], values: [] }));
    cols.steps.push(s.step);
    cols.walls.push(s.wallTime);
    cols.values.push(s.value);
    if (++this.held < this.cap) return;
    this.stride *= 2;
    this.held = 0;
    for (const c of this.byTag.values()) {
      const keep: number[] = [];
      let finite = 0;
      for (let i = 0; i < c.values.length; i++) if (!Number.isFinite(c.values[i]) || finite++ % 2 === 0) keep.push(i);
      keepIndices(c.steps, keep);
      keepIndices(c.walls, keep);
      keepIndices(c.values, keep);
      this.held += keep.length;
    }
  }
}

export interface ReadTfEventsOptions {
  /** Tags to keep; default: every tag with "loss" in its name (or every scalar tag when none has). */
  columns?: string[];
  /** X axis: 'step' (default) or 'time'; 'epoch' uses an `epoch` scalar tag when there is one. */
  x?: XUnit;
  restarts?: RestartMode;
  /** Read only the bytes before this offset (`--follow` reads the rest later). */
  endOffset?: number;
}

/** Reads the loss scalars of a TensorBoard event file into a LossLog. */
export async function readTfEvents(file: string, options: ReadTfEventsOptions = {}): Promise<LossLog> {
  return tfEventsLog(file, await readScalarEvents(file, options.endOffset), options);
}

/** The LossLog of the scalars read from an event file. */
export function tfEventsLog(file: string, read: Omit<ScalarsRead, 'scanner'>, options: ReadTfEventsOptions = {}): LossLog {
  const { byTag, truncated, records } = read;
  if (records === 0) throw new PlateauDoctorError(`${file}: the file is empty or not a TensorBoard event file (no complete record)`);
  const tags = [...byTag.keys()];
  if (tags.length === 0) throw new PlateauDoctorError(`${file}: the event file holds no scalar summaries (${records} records)`);
  let chosen = tags.filter((t) => /loss/i.test(t));
  if (options.columns && options.columns.length > 0) {
    chosen = selectByName(file, tags, (t) => [t], options.columns, { one: 'scalar tag', many: 'tags', all: tags });
  }
  const notes: string[] = [];
  if (chosen.length === 0) {
    chosen = tags.filter((t) => !isLrName(t) && !/^(epoch|hp_metric)$/i.test(t));
    notes.push(`no tag is named like a loss: analysing every scalar tag (${chosen.join(', ')}); choose with --column`);
  }
  const lrTag = tags.find((t) => isLrName(t) || /learning[_ ]?rate/i.test(t));
  const lrSteps = lrTag ? sortedByStep(byTag.get(lrTag)!) : undefined;
  const epochTag = tags.find((t) => t.toLowerCase() === 'epoch');
  const epochCols = epochTag ? byTag.get(epochTag)! : undefined;
  const epochAt = epochCols ? new Map(epochCols.steps.map((step, i) => [step, epochCols.values[i]])) : undefined;
  if (options.x === 'epoch' && !epochAt) throw new PlateauDoctorError(`${file}: --x epoch asked for, but the event file has no "epoch" scalar (use --x step or --x time)`);
  const stepsPerEpoch = estimateStepsPerEpoch(epochCols?.steps ?? [], epochCols?.values ?? []);
  const series: LossSeries[] = [];
  for (const tag of chosen) {
    const { steps, walls, values } = byTag.get(tag)!;
    const unit: XUnit = options.x ?? 'step';
    const t0 = walls[0] ?? 0;
    const raw: RawSeries = {
      name: tag,
      role: roleOf(tag),
      x: unit,
      xs: unit === 'time' ? walls.map((w) => w - t0) : unit === 'epoch' ? steps.map((step) => epochAt!.get(step) ?? Number.NaN) : steps,
      ys: values,
      lines: steps.map((_, i) => i + 1),
      lineUnit: 'event',
      notes: unit === 'time' ? ['x is wall time in seconds since the first point'] : [],
    };
    if (lrSteps && lrSteps.steps.length > 0) raw.lrs = steps.map((step) => lrAtStep(lrSteps, step));
    if (unit === 'step' && stepsPerEpoch !== undefined) raw.stepsPerEpoch = stepsPerEpoch;
    series.push(...buildSeries(raw, { restarts: options.restarts }));
  }
  if (truncated) notes.push('the last record is incomplete (the file is still being written?): ignored');
  const sampled = read.sampledEvery ?? 1;
  if (sampled > 1) notes.push(`a long event file: one scalar in ${sampled} per tag is used, to bound memory (and every non-finite one)`);
  const log: LossLog = { file, format: 'tfevents', series };
  if (sampled > 1) log.sampled = sampled;
  if (notes.length > 0) log.notes = notes;
  return log;
}

/** A tag's scalars sorted by step (for the LR in force at a step). */
function sortedByStep(c: TagScalars): { steps: number[]; values: number[] } {
  const order = c.steps.map((_, i) => i).sort((a, b) => c.steps[a] - c.steps[b]);
  return { steps: order.map((i) => c.steps[i]), values: order.map((i) => c.values[i]) };
}

function lrAtStep(sorted: { steps: number[]; values: number[] }, step: number): number {
  let lo = 0;
  let hi = sorted.steps.length - 1;
  if (step < sorted.steps[0]) return sorted.values[0];
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted.steps[mid] <= step) lo = mid;
    else hi = mid - 1;
  }
  return sorted.values[lo];
}
