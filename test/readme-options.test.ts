import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUN_OPTION_DEFAULTS } from '../src/app/plan-runs.js';

// The README's `run` option table states the defaults the CLI uses: both come from
// RUN_OPTION_DEFAULTS (src/app/plan-runs.ts), so a default changed in one place shows here.
const readme = readFileSync(path.resolve(import.meta.dirname, '..', 'README.md'), 'utf8');

/** Rows "| `--a`, `--b` | 1, 2 | ..." as [flag, stated default] pairs. */
function tableDefaults(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const line of readme.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4 || !cells[1]!.startsWith('`--')) continue;
    const flags = [...cells[1]!.matchAll(/`--([a-z-]+)`/g)].map((m) => m[1]!);
    const values = flags.length > 1 ? cells[2]!.split(/,\s*/) : [cells[2]!];
    flags.forEach((flag, i) => out.push([flag, (values[i] ?? '').replace(/`/g, '')]));
  }
  return out;
}

const same = (stated: string, actual: string | number | boolean) =>
  typeof actual === 'number' ? Number(stated) === actual : stated === String(actual);

describe('README run option table', () => {
  it('states every declared default as the CLI uses it', () => {
    const rows = new Map(tableDefaults());
    const checked: string[] = [];
    for (const [flag, value] of Object.entries(RUN_OPTION_DEFAULTS)) {
      const stated = rows.get(flag);
      if (stated === undefined) continue; // not in the table (e.g. --share is shown as --no-share)
      expect(same(stated, value), `--${flag}: README says ${stated}, the CLI uses ${String(value)}`).toBe(true);
      checked.push(flag);
    }
    expect(checked.length).toBeGreaterThanOrEqual(20);
  });
});
