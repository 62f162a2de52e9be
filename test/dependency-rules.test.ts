import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `npm test` runs dependency-cruiser over src/ with .dependency-cruiser.cjs. These tests prove the
// rules can fail: each cruises a small tree with the same rules and one forbidden import.
const root = path.resolve(import.meta.dirname, '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'plateau-doctor-depcruise-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let trees = 0;

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** Cruises a tree of `files` (path under the tree -> source) with the project's rules. */
function violations(files: Record<string, string>): Violation[] {
  const dir = path.join(tmp, `tree-${++trees}`);
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), source);
  }
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'tree', type: 'module', dependencies: { '@tensorflow/tfjs': '*' } }));
  const cli = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
  const run = spawnSync(process.execPath, [cli, 'src', '--config', path.join(root, '.dependency-cruiser.cjs'), '--output-type', 'json'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (!run.stdout) throw new Error(`dependency-cruiser printed nothing: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}
const named = (list: Violation[]) => list.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);

const base = {
  'src/errors.ts': 'export class PlateauDoctorError extends Error {}\n',
  'src/detect/diagnose.ts': "import { PlateauDoctorError } from '../errors.js';\nexport const diagnose = () => new PlateauDoctorError('x');\n",
  'src/detect/types.ts': 'export type Verdict = string;\n',
  'src/train/trainer.ts': "import { PlateauDoctorError } from '../errors.js';\nexport const train = () => new PlateauDoctorError('x');\n",
  'src/commands/run.ts': 'export const runCommand = 1;\n',
};

describe('dependency rules (.dependency-cruiser.cjs)', () => {
  it('pass on a tree that keeps them', () => {
    const ok = violations({
      ...base,
      'src/report/page.ts': "import type { Verdict } from '../detect/types.js';\nexport const page = (v: Verdict) => v;\n",
      'src/cli.ts': "export const load = () => import('./commands/run.js');\n",
    });
    expect(named(ok)).toEqual([]);
  });

  it('fail when detect/ imports TensorFlow.js or the trainer', () => {
    const found = named(
      violations({
        ...base,
        'src/detect/engine.ts': "import * as tf from '@tensorflow/tfjs';\nimport { train } from '../train/trainer.js';\nexport const x = [tf, train];\n",
      }),
    );
    expect(found).toEqual([
      expect.stringMatching(/^no-tensorflow-outside-the-engine: src\/detect\/engine\.ts -> \S*node_modules\/@tensorflow\/tfjs\//),
      'not-in-allowed: src/detect/engine.ts -> src/train/trainer.ts',
    ]);
  });

  it('fail when a command calls the trainer instead of the application layer', () => {
    const found = named(violations({ ...base, 'src/commands/run.ts': "import { train } from '../train/trainer.js';\nexport const runCommand = train;\n" }));
    expect(found).toEqual(['not-in-allowed: src/commands/run.ts -> src/train/trainer.ts']);
  });

  it('fail when the report runs the detector', () => {
    const found = named(violations({ ...base, 'src/report/page.ts': "import { diagnose } from '../detect/diagnose.js';\nexport const page = diagnose;\n" }));
    expect(found).toEqual(['report-never-runs-the-detector: src/report/page.ts -> src/detect/diagnose.ts']);
  });

  it('fail on a cycle and on a command imported eagerly by the CLI', () => {
    const found = named(
      violations({
        ...base,
        'src/logs/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
        'src/logs/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
        'src/cli.ts': "import { runCommand } from './commands/run.js';\nexport const c = runCommand;\n",
      }),
    );
    expect(found).toContain('no-circular: src/logs/a.ts -> src/logs/b.ts');
    expect(found).toContain('cli-loads-commands-lazily: src/cli.ts -> src/commands/run.ts');
  });
});
