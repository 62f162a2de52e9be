import { mkdtempSync, writeFileSync } from 'node:fs';
import protobuf from 'protobufjs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../helpers/shared.js';
import type { LossLog } from '../../src/logs/loss-log.js';

/** A committed fixture in fixtures/logs. */
export function fixture(name: string): string {
  return path.join(repoRoot, 'fixtures', 'logs', name);
}

/** A fresh temporary directory for one test. */
export function tempDir(prefix = 'pd-logs-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The series of a log with this name (fails the test, listing the names, when there is none). */
export function seriesNamed(log: LossLog, name: string) {
  const s = log.series.find((x) => x.name === name);
  if (!s) throw new Error(`no series ${name} in ${log.series.map((x) => x.name).join(', ')}`);
  return s;
}

/** TFRecord framing with masked CRC-32C, written independently of the reader. */
export function tfRecordFrame(data: Buffer): Buffer {
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(data.length));
  const out = Buffer.alloc(12 + data.length + 4);
  len.copy(out, 0);
  out.writeUInt32LE(masked(len), 8);
  data.copy(out, 12);
  out.writeUInt32LE(masked(data), 12 + data.length);
  return out;
}
function masked(buf: Buffer): number {
  let c = ~0 >>> 0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  }
  c = (c ^ 0xffffffff) >>> 0;
  return ((((c >>> 15) | (c << 17)) >>> 0) + 0xa282ead8) >>> 0;
}

/** An event file of `simple_value` scalars: one record per point (`wall_time` = 1000 + step). */
export function writeScalarEvents(file: string, points: { step: number; tag: string; value: number }[]): void {
  const root = protobuf.parse(
    `syntax = "proto3"; message Event { double wall_time = 1; int64 step = 2; string file_version = 3; Summary summary = 5; }
     message Summary { repeated Value value = 1; message Value { string tag = 1; float simple_value = 2; } }`,
    { keepCase: true },
  ).root;
  const Event = root.lookupType('Event');
  const frames = [tfRecordFrame(Buffer.from(Event.encode(Event.fromObject({ wall_time: 1000, file_version: 'brain.Event:2' })).finish()))];
  for (const p of points) {
    const event = { wall_time: 1000 + p.step, step: p.step, summary: { value: [{ tag: p.tag, simple_value: p.value }] } };
    frames.push(tfRecordFrame(Buffer.from(Event.encode(Event.fromObject(event)).finish())));
  }
  writeFileSync(file, Buffer.concat(frames));
}
