import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { Rng } from '../../src/rng.js';
import { captureIO } from '../helpers/io.js';
import { repoRoot } from '../helpers/shared.js';
import { tempDir } from './helpers.js';

/**
 * Seeded fuzzing of `analyze` with mutations of the committed fixtures: every input, however
 * broken, gives series (exit 0 or 1) or one line naming the file (exit 2); never an internal
 * error, a stack trace or a hang. Same seed, same cases: a failure names its case to rerun.
 */
/** Another seed: PD_FUZZ_SEED=123 npx vitest run test/logs/fuzz.test.ts */
const SEED = Number(process.env.PD_FUZZ_SEED ?? 20261202);
const HANG_MS = 5000;

/** The project's seeded generator, as a function. */
function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.uniform();
}

const fixtureDir = path.join(repoRoot, 'fixtures', 'logs');
const fixtures = readdirSync(fixtureDir)
  .filter((f) => f !== 'README.md' && statSync(path.join(fixtureDir, f)).isFile())
  .sort();

type Mutation = (bytes: Buffer, r: () => number) => Buffer;
const pick = <T>(items: readonly T[], r: () => number): T => items[Math.floor(r() * items.length)];
const NON_FINITE = ['nan', 'NaN', 'inf', '-inf', 'Infinity', '-Infinity', '1e400', '-1e400', '1e-400'];

const MUTATIONS: Record<string, Mutation> = {
  truncate: (b, r) => b.subarray(0, Math.floor(r() * b.length)),
  'random bytes': (b, r) => {
    const out = Buffer.from(b);
    const n = 1 + Math.floor(r() * 16);
    for (let i = 0; i < n && out.length > 0; i++) out[Math.floor(r() * out.length)] = Math.floor(r() * 256);
    return out;
  },
  'insert bytes': (b, r) => {
    const at = Math.floor(r() * b.length);
    const junk = Buffer.from(Array.from({ length: 1 + Math.floor(r() * 64) }, () => Math.floor(r() * 256)));
    return Buffer.concat([b.subarray(0, at), junk, b.subarray(at)]);
  },
  'utf-16': (b, r) => {
    const text = Buffer.from(b.toString('utf8'), 'utf16le');
    return r() < 0.5 ? Buffer.concat([Buffer.from([0xff, 0xfe]), text]) : text;
  },
  gzip: (b) => gzipSync(b),
  'cr-only line ends': (b) => Buffer.from(b.toString('latin1').replace(/\r?\n/g, '\r'), 'latin1'),
  'non-finite cells': (b, r) => Buffer.from(b.toString('utf8').replace(/-?\d+\.\d+(?:[eE][-+]?\d+)?/g, (m) => (r() < 0.3 ? pick(NON_FINITE, r) : m))),
  'lines shuffled': (b, r) => {
    const lines = b.toString('utf8').split('\n');
    for (let i = lines.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [lines[i], lines[j]] = [lines[j], lines[i]];
    }
    return Buffer.from(lines.join('\n'));
  },
};

/** Hand-made hostile inputs (name in the file name matters for detection). */
function specials(r: () => number): [string, Buffer][] {
  const threeMb = 3 * 1024 * 1024;
  const longCell = 'x'.repeat(threeMb);
  return [
    ['long-line.csv', Buffer.from(`step,loss\n1,0.5\n2,${longCell}\n3,0.4\n`)],
    ['long-line.log', Buffer.from(`Step 1: loss: 0.5\nStep 2: loss: 0.45 ${longCell}\nStep 3: loss: 0.4\n`)],
    ['many-losses-on-a-line.log', Buffer.from(`Step 1: loss: 0.5\n${'loss: 1 '.repeat(20000)}\nStep 2: loss: 0.4\n`)],
    ['long-first-line.csv', Buffer.from(`${'a,'.repeat(threeMb / 2)}loss\n1,2\n`)],
    ['long-string.json', Buffer.from(`[{"step": 1, "loss": 0.5, "note": "${longCell}"}]`)],
    ['deep-array.json', Buffer.from('['.repeat(200000) + ']'.repeat(200000))],
    ['deep-object.json', Buffer.from('{"a":'.repeat(100000) + '1' + '}'.repeat(100000))],
    ['deep-unclosed.json', Buffer.from('['.repeat(500000))],
    ['deep-lines.jsonl', Buffer.from(`{"step": 1, "loss": 0.5}\n{"step": 2, "loss": ${'['.repeat(100000)}1${']'.repeat(100000)}}\n`)],
    ['deep-trainer_state.json', Buffer.from(`{"log_history": ${'['.repeat(100000)}${']'.repeat(100000)}}`)],
    ['nonfinite.csv', Buffer.from(`step,loss\n${Array.from({ length: 40 }, (_, i) => `${i},${pick(NON_FINITE, r)}`).join('\n')}\n`)],
    ['all-1e400.csv', Buffer.from(`step,loss\n${Array.from({ length: 20 }, (_, i) => `${i},1e400`).join('\n')}\n`)],
    ['huge-steps.csv', Buffer.from(`step,loss\n1e400,0.5\n-1e400,0.4\nnan,0.3\n1e308,0.2\n`)],
    ['cr-only.csv', Buffer.from(`step,loss\r${Array.from({ length: 30 }, (_, i) => `${i},${(1 / (i + 1)).toFixed(3)}`).join('\r')}\r`)],
    ['cr-only.log', Buffer.from(Array.from({ length: 30 }, (_, i) => `Step ${i}: loss: ${(1 / (i + 1)).toFixed(3)}`).join('\r'))],
    ['only-newlines.log', Buffer.from('\n'.repeat(100000))],
    ['only-brackets.log', Buffer.from('[\n'.repeat(1000))],
    ['random.bin', Buffer.from(Array.from({ length: 4096 }, () => Math.floor(r() * 256)))],
    ['events.out.tfevents.random', Buffer.from(Array.from({ length: 4096 }, () => Math.floor(r() * 256)))],
    ['empty-header.csv', Buffer.from(',,,\n,,,\n')],
    ['bom-only.csv', Buffer.from([0xef, 0xbb, 0xbf])],
  ];
}

interface Case {
  name: string;
  file: string;
  bytes: Buffer;
}

function cases(): Case[] {
  const r = rng(SEED);
  const out: Case[] = [];
  for (const f of fixtures) {
    const bytes = readFileSync(path.join(fixtureDir, f));
    for (const [m, mutate] of Object.entries(MUTATIONS)) {
      const rounds = m === 'truncate' ? 2 : 1;
      for (let k = 0; k < rounds; k++) out.push({ name: `${f} / ${m} #${k + 1}`, file: f, bytes: mutate(bytes, r) });
    }
  }
  for (const [file, bytes] of specials(r)) out.push({ name: file, file, bytes });
  return out;
}

async function analyzeWithin(file: string): Promise<{ code: number; out: string; err: string } | 'hang'> {
  const io = captureIO();
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hang'>((resolve) => {
    timer = setTimeout(() => resolve('hang'), HANG_MS);
  });
  try {
    return await Promise.race([main(['analyze', file], io).then((code) => ({ code, out: io.out, err: io.err })), hang]);
  } finally {
    clearTimeout(timer);
  }
}

describe(`fuzz: mutated fixtures through analyze (seed ${SEED})`, () => {
  const all = cases();

  it('has a few hundred cases', () => {
    expect(all.length).toBeGreaterThanOrEqual(250);
  });

  it('every case gives series (exit 0/1) or one line naming the file (exit 2); no stack trace, no hang', { timeout: 120_000 }, async () => {
    const dir = tempDir('pd-fuzz-');
    const failures: string[] = [];
    for (const [i, c] of all.entries()) {
      const sub = path.join(dir, String(i));
      const file = path.join(sub, c.file);
      mkdirSync(sub);
      writeFileSync(file, c.bytes);
      const result = await analyzeWithin(file);
      if (result === 'hang') {
        failures.push(`${c.name}: no answer within ${HANG_MS} ms`);
        continue;
      }
      const { code, out, err } = result;
      const problem =
        ![0, 1, 2].includes(code) ? `exit ${code}` :
        /internal error|\n\s+at /.test(err + out) ? 'stack trace' :
        code === 2 && !(err.trim().split('\n').length === 1 && err.includes(file)) ? `error not one line naming the file: ${JSON.stringify(err.slice(0, 300))}` :
        code !== 2 && !/\[(train|validation|other), \d+ points?/.test(out) ? `exit ${code} without series: ${JSON.stringify((out + err).slice(0, 300))}` :
        undefined;
      if (problem) failures.push(`${c.name}: ${problem}`);
    }
    expect(failures).toEqual([]);
  });
});
