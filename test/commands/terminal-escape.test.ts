import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { escapeTerminal } from '../../src/commands/io.js';
import { RunDirWriter } from '../../src/logs/run-dir.js';
import { captureIO } from '../helpers/io.js';
import { useTempDirs } from '../helpers/temp.js';
import { syntheticRun } from '../report/synthetic.js';

// Issue 11: control characters from a user's file (a header `loss\x1b[31m`) reached the terminal
// raw and coloured it. Everything a command prints goes through one function, escapeTerminal.
const ESC = '\x1b';
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const tempDir = useTempDirs('pd-term-');

describe('escapeTerminal', () => {
  it('writes control characters as \\uXXXX and keeps newlines, tabs and ordinary Unicode', () => {
    expect(escapeTerminal(`loss${ESC}[31m red`)).toBe('loss\\u001b[31m red');
    expect(escapeTerminal('a\rb\u0007c\u009bd\u202ee')).toBe('a\\u000db\\u0007c\\u009bd\\u202ee');
    expect(escapeTerminal('line 1\n\tline 2 → 2% µ')).toBe('line 1\n\tline 2 → 2% µ');
  });
  it('keeps JSON valid and exact: the escape means the same character inside a JSON string', () => {
    const text = JSON.stringify({ name: `a${ESC}b\u0085c` });
    expect(JSON.parse(escapeTerminal(text))).toEqual({ name: `a${ESC}b\u0085c` });
  });
});

describe('nothing from a user file reaches the terminal raw', () => {
  it('analyze: a hostile header (series name) and file name, in text and --json output', async () => {
    const cwd = tempDir();
    const file = `log${ESC}]0;pwned${String.fromCharCode(7)}.csv`;
    const rows = Array.from({ length: 40 }, (_, i) => `${i + 1},${(2 / Math.sqrt(i + 1)).toFixed(4)}`);
    writeFileSync(path.join(cwd, file), [`step,loss${ESC}[31m`, ...rows].join('\n') + '\n');
    for (const extra of [[], ['--json']]) {
      const io = captureIO(cwd);
      const code = await main(['analyze', file, ...extra], io);
      expect(code).toBe(0);
      expect(io.out).not.toMatch(RAW);
      expect(io.err).not.toMatch(RAW);
      expect(io.out).toContain('loss\\u001b[31m');
    }
    const json = captureIO(cwd);
    await main(['analyze', file, '--json'], json);
    expect(JSON.parse(json.out).files[0].series[0].name).toBe(`loss${ESC}[31m`);
  });

  it('analyze: an error quoting a cell of the file', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'bad.csv'), `step,loss\n1,a${ESC}[2Jb\n2,x\n3,y\n4,0.3\n`);
    const io = captureIO(cwd);
    expect(await main(['analyze', 'bad.csv'], io)).toBe(2);
    expect(io.err).toMatch(/bad\.csv:2:2: "a\\u001b\[2Jb" is not a number/);
    expect(io.err).not.toMatch(RAW);
  });

  it('report: a run name from run.json', async () => {
    const cwd = tempDir();
    const run = syntheticRun(`none${ESC}[31m`, 'none', { epochs: 2, stepsPerEpoch: 20 });
    mkdirSync(path.join(cwd, 'out'));
    const w = new RunDirWriter(path.join(cwd, 'out', 'r'), run.meta);
    w.appendSteps(run.steps);
    for (const e of run.epochs) w.appendEpoch(e);
    const io = captureIO(cwd);
    expect(await main(['report', 'out', '--out', `r${ESC}[31m.html`, '--no-detect'], io)).toBe(0);
    expect(io.out + io.err).not.toMatch(RAW);
    expect(io.out).toContain('r\\u001b[31m.html');
  });
});
