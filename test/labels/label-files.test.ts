/**
 * The labelled set is well-formed: every entry from the vocabularies, every file present in
 * ../shared (when it is there), every MANIFEST series labelled, halves balanced by file.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir, skipNote } from '../helpers/shared.js';
import { normaliseName } from './agreement.js';
import { CORPORA, PAIR_KINDS, SERIES_VERDICTS, type Corpus } from './label-types.js';
import { PAIR_LABELS } from './pair-labels.js';
import { SERIES_LABELS } from './series-labels.js';

const key = (corpus: string, file: string, run: number | null): string => `${corpus}/${file}#${run ?? '-'}`;

describe('series labels', () => {
  it('use the vocabularies and say what was read', () => {
    for (const l of SERIES_LABELS) {
      const where = `${l.corpus}/${l.file} ${l.series} run ${l.run}`;
      expect(l.accept.length, where).toBeGreaterThan(0);
      for (const v of l.accept) expect(SERIES_VERDICTS, where).toContain(v);
      expect(new Set(l.accept).size, where).toBe(l.accept.length);
      expect(['train', 'val', 'test', 'other'], where).toContain(l.role);
      expect(['clear', 'ambiguous'], where).toContain(l.confidence);
      if (l.confidence === 'ambiguous') expect(l.accept.length, `${where}: ambiguous accepts both readings`).toBeGreaterThan(1);
      expect(['tune', 'confirm'], where).toContain(l.half);
      expect(l.note.trim().length, where).toBeGreaterThan(10);
      expect(l.run === null || (Number.isInteger(l.run) && l.run >= 1), where).toBe(true);
      if (l.noCurve) expect(l.accept, where).toEqual(['insufficient_data']);
    }
  });

  it('have one entry per series and run', () => {
    const seen = new Set<string>();
    for (const l of SERIES_LABELS) {
      const k = `${key(l.corpus, l.file, l.run)}:${normaliseName(l.series).base}`;
      expect(seen.has(k), k).toBe(false);
      seen.add(k);
    }
  });

  it('split files into halves of 40-60% per corpus, one half per file', () => {
    for (const corpus of CORPORA) {
      const labels = SERIES_LABELS.filter((l) => l.corpus === corpus);
      const halfOfFile = new Map<string, string>();
      for (const l of labels) {
        expect(halfOfFile.get(l.file) ?? l.half, l.file).toBe(l.half);
        halfOfFile.set(l.file, l.half);
      }
      const tune = [...halfOfFile.values()].filter((h) => h === 'tune').length;
      const share = tune / halfOfFile.size;
      expect(share, corpus).toBeGreaterThanOrEqual(0.4);
      expect(share, corpus).toBeLessThanOrEqual(0.6);
    }
  });

  it('count what was labelled', () => {
    expect(new Set(SERIES_LABELS.filter((l) => l.corpus === 'real-logs').map((l) => l.file)).size).toBe(26);
    expect(new Set(SERIES_LABELS.filter((l) => l.corpus === 'real-logs-2').map((l) => l.file)).size).toBe(44);
  });
});

describe('pair labels', () => {
  const names = new Map<string, Set<string>>();
  for (const l of SERIES_LABELS) {
    const k = key(l.corpus, l.file, l.run);
    const set = names.get(k) ?? new Set<string>();
    for (const n of [l.series, ...(l.aliases ?? [])]) set.add(n);
    names.set(k, set);
  }
  const seriesHalf = new Map(SERIES_LABELS.map((l) => [`${l.corpus}/${l.file}`, l.half]));

  it('name a labelled train and validation series of the same file and run', () => {
    for (const p of PAIR_LABELS) {
      const where = `${p.corpus}/${p.file} run ${p.run}: ${p.train} / ${p.val}`;
      const set = names.get(key(p.corpus, p.file, p.run));
      expect(set?.has(p.train), where).toBe(true);
      expect(set?.has(p.val), where).toBe(true);
      expect(seriesHalf.get(`${p.corpus}/${p.file}`), where).toBe(p.half);
    }
  });

  it('use the vocabulary, with a best x inside its tolerance', () => {
    for (const p of PAIR_LABELS) {
      const where = `${p.corpus}/${p.file} run ${p.run}`;
      expect(p.accept.length, where).toBeGreaterThan(0);
      for (const k of p.accept) expect(PAIR_KINDS, where).toContain(k);
      if (p.confidence === 'ambiguous') expect(p.accept.length, where).toBeGreaterThan(1);
      expect(p.bestAt === null, where).toBe(p.bestAtTolerance === null);
      if (p.bestAt !== null && p.bestAtTolerance) {
        expect(p.bestAtTolerance[0], where).toBeLessThanOrEqual(p.bestAt);
        expect(p.bestAt, where).toBeLessThanOrEqual(p.bestAtTolerance[1]);
      }
      expect(p.note.trim().length, where).toBeGreaterThan(10);
    }
  });
});

/** Log files of a corpus: every file but the MANIFEST and the W&B run folders' side files. */
function corpusFiles(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === 'files' && dir.includes(`${path.sep}wandb-run${path.sep}`) ? [] : corpusFiles(root, p);
    return name === 'MANIFEST.md' ? [] : [path.relative(root, p).split(path.sep).join('/')];
  });
}

for (const corpus of CORPORA) {
  const root = sharedDir ? path.join(sharedDir, corpus) : undefined;
  const present = root !== undefined && existsSync(root);
  describe.skipIf(!present)(`labels of shared/${corpus} ${present ? '' : skipNote(`checking labels against shared/${corpus}`)}`, () => {
    const dir = root as string;

    it('name files that exist, and every log file has labels', () => {
      const labelled = new Set(SERIES_LABELS.filter((l) => l.corpus === corpus).map((l) => l.file));
      for (const f of labelled) expect(existsSync(path.join(dir, f)), `${corpus}/${f}`).toBe(true);
      for (const p of PAIR_LABELS.filter((l) => l.corpus === corpus)) expect(labelled.has(p.file), p.file).toBe(true);
      for (const f of corpusFiles(dir)) expect(labelled.has(f), `${corpus}/${f} has no label`).toBe(true);
    });

    it.runIf(corpus === 'real-logs-2')('cover every loss series the MANIFEST lists', () => {
      const manifest = readFileSync(path.join(dir, 'MANIFEST.md'), 'utf8');
      let file = '';
      for (const line of manifest.split('\n')) {
        if (line.startsWith('### ')) file = line.slice(4).trim();
        if (!line.startsWith('- Loss series')) continue;
        for (const [, name] of line.matchAll(/`([^`]+)` \(\d+\)/g)) {
          const { base, run } = normaliseName(name);
          const hit = SERIES_LABELS.some((l) => l.corpus === (corpus as Corpus) && l.file === file && (run === null || l.run === run)
            && [l.series, ...(l.aliases ?? [])].some((n) => normaliseName(n).base === base));
          expect(hit, `${file}: ${name}`).toBe(true);
        }
      }
    });
  });
}
