import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../helpers/shared.js';

/** A committed fixture in fixtures/logs. */
export function fixture(name: string): string {
  return path.join(repoRoot, 'fixtures', 'logs', name);
}

/** A fresh temporary directory for one test. */
export function tempDir(prefix = 'pd-logs-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}
