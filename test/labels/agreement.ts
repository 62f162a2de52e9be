/**
 * Agreement between the hand-made labels (series-labels.ts, pair-labels.ts) and what a tool
 * printed. Pure functions: labels and outputs in, tallies and tune-half disagreements out. Only
 * the 'tune' half is ever itemised; the 'confirm' half is reported as numbers.
 */
import type { Confidence, Half, PairLabel, SeriesLabel } from './label-types.js';

export interface SeriesOutput {
  corpus?: string;
  file: string;
  series: string;
  /** Run ordinal (1-based), a run name, or null; "(run N)" in the series name also counts. */
  run?: number | string | null;
  verdict: string;
}

export interface PairOutput {
  corpus?: string;
  file: string;
  run?: number | string | null;
  train: string;
  val: string;
  kind: string;
  bestAt?: number | null;
}

export interface Tally { n: number; agree: number; rate: number }

export interface SeriesRow {
  label: SeriesLabel;
  /** The matched output's verdict, or null when no output matched. */
  got: string | null;
  agree: boolean;
}

export interface PairRow {
  label: PairLabel;
  got: string | null;
  gotBestAt: number | null;
  agree: boolean;
  /** null when the label has no tolerance (nothing to check). */
  bestAtAgree: boolean | null;
}

export interface Summary {
  overall: Tally;
  clear: Tally;
  ambiguous: Tally;
  byHalf: Record<Half, Tally>;
  byHalfClear: Record<Half, Tally>;
  byCorpus: Record<string, { all: Tally; clear: Tally }>;
}

export interface SeriesAgreement extends Summary {
  /** Labels with no matching output. */
  missing: number;
  /** Outputs that matched no label (not counted in the rates). */
  unlabelled: number;
  /** Every row of the tune half (agreeing or not). */
  tuneRows: SeriesRow[];
  /** Tune-half rows that disagree. */
  tuneDisagreements: SeriesRow[];
}

export interface PairAgreement extends Summary {
  missing: number;
  unlabelled: number;
  /** bestAt within the label's tolerance, over labels that have one. */
  bestAt: Tally;
  bestAtByHalf: Record<Half, Tally>;
  tuneRows: PairRow[];
  tuneDisagreements: PairRow[];
}

// ─── names ───

const RUN_IN_NAME = /\(\s*run\s*(\d+)\s*\)/i;
const RUN_PREFIX = /^run\s*0*(\d+)(?:\s*[-:_/]\s*|\s+)/i;

/** Lower-case, separators collapsed to "_", run markers removed; returns the run found in the name. */
export function normaliseName(name: string): { base: string; run: number | null } {
  let rest = name.trim();
  let run: number | null = null;
  const inName = RUN_IN_NAME.exec(rest);
  if (inName) {
    run = Number(inName[1]);
    rest = rest.replace(RUN_IN_NAME, ' ');
  }
  const prefix = RUN_PREFIX.exec(rest);
  if (prefix) {
    run = Number(prefix[1]);
    rest = rest.slice(prefix[0].length);
  }
  const base = rest.toLowerCase().replace(/[\s_\-/.:]+/g, '_').replace(/^_+|_+$/g, '');
  return { base, run };
}

/** A parenthesised short tag, e.g. "trl" in "train loss (trl)" (not a run marker). */
const SHORT_TAG = /\(\s*([a-z][a-z0-9_]{0,7})\s*\)/gi;

/**
 * Every name a series answers to: its normalised name, plus each parenthesised short tag in it,
 * which a log often uses as the series' own short name (llm.c prints "train loss (trl)").
 */
export function nameKeys(name: string): { keys: string[]; run: number | null } {
  const { base, run } = normaliseName(name);
  const withoutRun = name.replace(RUN_IN_NAME, ' ');
  const tags = [...withoutRun.matchAll(SHORT_TAG)].map((t) => t[1].toLowerCase()).filter((t) => !/^run\d*$/.test(t));
  return { keys: [...new Set([base, ...tags])], run };
}

/** A looser key: also without a leading train/training prefix and a trailing "loss". */
function looseKey(base: string): string {
  const noPrefix = base.replace(/^(train|training)_/, '');
  return noPrefix.replace(/_?loss$/, '') || noPrefix || base;
}

/** Path relative to the corpus: drops "./", "../shared/", "shared/", the corpus folder, backslashes. */
export function normalisePath(file: string, corpus?: string): string {
  let p = file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  p = p.replace(/^(\.\.\/)*(work\/)?shared\//, '').replace(/^\/work\/shared\//, '');
  for (const c of corpus ? [corpus] : ['real-logs-2', 'real-logs']) if (p.startsWith(`${c}/`)) return p.slice(c.length + 1);
  return p;
}

function outputCorpus(o: { corpus?: string; file: string }): string | null {
  if (o.corpus) return o.corpus;
  const m = /(^|\/)(real-logs-2|real-logs)\//.exec(o.file.replace(/\\/g, '/'));
  return m ? m[2] : null;
}

interface Keyed<T> { item: T; corpus: string | null; file: string; run: number | null; keys: string[]; used: boolean }

/** Runs given as names are numbered by first appearance within their file. */
function keyOutputs<T extends { corpus?: string; file: string; run?: number | string | null }>(outputs: T[], nameOf: (o: T) => string): Array<Keyed<T>> {
  const ordinals = new Map<string, Map<string, number>>();
  return outputs.map((item) => {
    const corpus = outputCorpus(item);
    const file = normalisePath(item.file, corpus ?? undefined);
    const { keys, run: runInName } = nameKeys(nameOf(item));
    let run: number | null = runInName;
    if (typeof item.run === 'number') run = item.run;
    else if (typeof item.run === 'string' && item.run.trim() !== '') {
      const numeric = /^\s*(?:run\s*)?0*(\d+)\s*$/i.exec(item.run);
      if (numeric) run = Number(numeric[1]);
      else {
        const key = `${corpus}/${file}`;
        const names = ordinals.get(key) ?? new Map<string, number>();
        ordinals.set(key, names);
        if (!names.has(item.run)) names.set(item.run, names.size + 1);
        run = names.get(item.run) ?? null;
      }
    }
    return { item, corpus, file, run, keys, used: false };
  });
}

/**
 * Matches each label to at most one output (and each output to at most one label): first on the
 * exact normalised name or an alias, then on the looser key when that is unique in the file/run.
 */
function matchAll<L, T>(
  labels: L[], keyed: Array<Keyed<T>>, where: (l: L) => { corpus: string; file: string; run: number | null }, namesOf: (l: L) => string[],
): Map<L, Keyed<T>> {
  const found = new Map<L, Keyed<T>>();
  const candidates = (l: L): Array<Keyed<T>> => {
    const w = where(l);
    return keyed.filter((k) => !k.used && (k.corpus === null || k.corpus === w.corpus) && k.file === w.file && k.run === w.run);
  };
  for (const tier of ['exact', 'loose'] as const) {
    for (const l of labels) {
      if (found.has(l)) continue;
      const names = namesOf(l).flatMap((n) => nameKeys(n).keys);
      const keyOf = (k: string) => (tier === 'exact' ? k : looseKey(k));
      const keys = names.map(keyOf);
      const hits = candidates(l).filter((k) => k.keys.some((name) => keys.includes(keyOf(name))));
      if (hits.length === 1 || (tier === 'exact' && hits.length > 0)) {
        hits[0].used = true;
        found.set(l, hits[0]);
      }
    }
  }
  // Last: a file/run with one label and one output left (a reader naming the only series after the file).
  for (const l of labels) {
    if (found.has(l)) continue;
    const w = where(l);
    const rest = candidates(l);
    const otherLabels = labels.filter((o) => o !== l && !found.has(o) && sameSlot(where(o), w));
    if (rest.length === 1 && otherLabels.length === 0) {
      rest[0].used = true;
      found.set(l, rest[0]);
    }
  }
  return found;
}

function sameSlot(a: { corpus: string; file: string; run: number | null }, b: { corpus: string; file: string; run: number | null }): boolean {
  return a.corpus === b.corpus && a.file === b.file && a.run === b.run;
}

// ─── tallies ───

function tally(rows: Array<{ agree: boolean }>): Tally {
  const agree = rows.filter((r) => r.agree).length;
  return { n: rows.length, agree, rate: rows.length === 0 ? NaN : agree / rows.length };
}

function summarise<R extends { agree: boolean; label: { confidence: Confidence; half: Half; corpus: string } }>(rows: R[]): Summary {
  const of = (p: (r: R) => boolean): Tally => tally(rows.filter(p));
  const byCorpus: Summary['byCorpus'] = {};
  for (const c of [...new Set(rows.map((r) => r.label.corpus))]) {
    byCorpus[c] = { all: of((r) => r.label.corpus === c), clear: of((r) => r.label.corpus === c && r.label.confidence === 'clear') };
  }
  return {
    overall: tally(rows),
    clear: of((r) => r.label.confidence === 'clear'),
    ambiguous: of((r) => r.label.confidence === 'ambiguous'),
    byHalf: { tune: of((r) => r.label.half === 'tune'), confirm: of((r) => r.label.half === 'confirm') },
    byHalfClear: {
      tune: of((r) => r.label.half === 'tune' && r.label.confidence === 'clear'),
      confirm: of((r) => r.label.half === 'confirm' && r.label.confidence === 'clear'),
    },
    byCorpus,
  };
}

/** "Insufficient-Data" -> "insufficient_data". */
export function normaliseVerdict(v: string): string {
  return v.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

export function seriesAgreement(labels: SeriesLabel[], outputs: SeriesOutput[]): SeriesAgreement {
  const keyed = keyOutputs(outputs, (o) => o.series);
  const found = matchAll(labels, keyed, (l) => l, (l) => [l.series, ...(l.aliases ?? [])]);
  const rows: SeriesRow[] = labels.map((label) => {
    const hit = found.get(label);
    const got = hit ? normaliseVerdict(hit.item.verdict) : null;
    const agree = got === null ? label.noCurve === true : (label.accept as string[]).includes(got);
    return { label, got, agree };
  });
  const tuneRows = rows.filter((r) => r.label.half === 'tune');
  return {
    ...summarise(rows),
    missing: rows.filter((r) => r.got === null).length,
    unlabelled: keyed.filter((k) => !k.used).length,
    tuneRows,
    tuneDisagreements: tuneRows.filter((r) => !r.agree),
  };
}

export function pairAgreement(labels: PairLabel[], outputs: PairOutput[]): PairAgreement {
  const keyed = keyOutputs(outputs, (o) => o.val);
  const found = matchAll(labels, keyed, (l) => l, (l) => [l.val]);
  const rows: PairRow[] = labels.map((label) => {
    const hit = found.get(label);
    const got = hit ? normaliseVerdict(hit.item.kind) : null;
    const gotBestAt = hit?.item.bestAt ?? null;
    const tol = label.bestAtTolerance;
    const bestAtAgree = tol === null ? null : gotBestAt !== null && gotBestAt >= tol[0] && gotBestAt <= tol[1];
    return { label, got, gotBestAt, agree: got !== null && (label.accept as string[]).includes(got), bestAtAgree };
  });
  const withTol = rows.filter((r) => r.bestAtAgree !== null).map((r) => ({ ...r, agree: r.bestAtAgree === true }));
  const tuneRows = rows.filter((r) => r.label.half === 'tune');
  return {
    ...summarise(rows),
    missing: rows.filter((r) => r.got === null).length,
    unlabelled: keyed.filter((k) => !k.used).length,
    bestAt: tally(withTol),
    bestAtByHalf: { tune: tally(withTol.filter((r) => r.label.half === 'tune')), confirm: tally(withTol.filter((r) => r.label.half === 'confirm')) },
    tuneRows,
    tuneDisagreements: tuneRows.filter((r) => !r.agree || r.bestAtAgree === false),
  };
}

/** "83.3% (50/60)" or "n/a (0)". */
export function formatTally(t: Tally): string {
  return t.n === 0 ? 'n/a (0)' : `${(100 * t.rate).toFixed(1)}% (${t.agree}/${t.n})`;
}
