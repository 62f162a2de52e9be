import { mkdtempSync } from 'node:fs';
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
