import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/shared.js';

/** `npm run scenarios -- ARGS` without npm: tsx's loader, the script, a 60 s limit. */
function scenarios(...args: string[]) {
  const loader = pathToFileURL(path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const r = spawnSync(process.execPath, ['--import', loader, path.join(repoRoot, 'bench', 'scenarios.ts'), ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run scenarios: options (nothing is trained here)', () => {
  it('--list prints the grid with each scenario\'s half', () => {
    const r = scenarios('--list');
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => /^\s+(tune|confirm)\s/.test(l));
    expect(rows).toHaveLength(12);
    expect(r.stdout).toMatch(/tune\s+mnist-lr0\.01-b64-e10\s+MNIST, lr 0\.01, batch 64, 10 epochs, --val-size 5000, step_size 3 \(seed pipeline\)/);
    expect(r.stdout).toMatch(/confirm\s+fashion-lr0\.01-b64-e30\s+Fashion-MNIST/);
  });

  it('bad options are one line on stderr and exit 2, before any training', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--only', 'fashion-lr0.01-b64-e30'], /^scenarios: --only: fashion-lr0\.01-b64-e30 is in the confirm half; pass --half confirm or all\n$/],
      [['--only', 'nope'], /^scenarios: --only: no scenario "nope"; see --list\n$/],
      [['--half', 'both'], /^scenarios: --half must be tune, confirm or all, got both\n$/],
      [['--seeds', '0'], /^scenarios: --seeds must be a positive integer, got 0\n$/],
      [['--jobs'], /^scenarios: --jobs needs a value\n$/],
      [['--half', 'all', '--write-docs'], /^scenarios: --write-docs writes one half's section of docs\/scenarios\.md: pass --half tune or --half confirm\n$/],
      [['--bogus'], /^scenarios: unknown option --bogus; options: /],
      [['--shared', path.join(repoRoot, 'no-such-dir')], /^scenarios: no mnist files under .*no-such-dir \(pass --shared DIR\)\n$/],
    ];
    for (const [args, message] of cases) {
      const r = scenarios(...args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toMatch(message);
      expect(r.stdout).not.toMatch(/training ->/);
    }
  }, 120_000);
});
