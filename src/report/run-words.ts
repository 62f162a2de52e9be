/**
 * The run report's words: header facts, the plain-language verdict lines, comparison
 * sentences, and the LR and evidence formatting shown in the page. Built from the numbers in
 * run-summary.ts; no I/O, no HTML.
 */
import { formatP, formatPoints, formatSigned, roundSignificant, xValue } from '../numbers.js';
import type { RunLog } from '../logs/run-log.js';
import { listWords, notComparedSentence, type SetupGroup } from './comparable.js';
import { unique, type ComparisonNumbers, type SummaryRow } from './run-summary.js';
import { formatFork, formatSharing, sharingSummary } from './sharing.js';

export interface Fact {
  label: string;
  value: string;
}

/** The sentence for a comparison with the baseline. */
export function comparisonSentence(c: ComparisonNumbers): string {
  if (c.kind === 'paired') {
    const { test, schedule, baseline, seeds } = c;
    const significant = test.p < 0.05;
    return (
      `${schedule} vs ${baseline}: ${formatSigned(test.meanDifference)} points test accuracy, 95% CI ${formatSigned(test.low)}..${formatSigned(test.high)}, ` +
      `${formatP(test.p)}, ${seeds.length} seeds (paired t-test) — ` +
      (significant ? (test.meanDifference > 0 ? `${schedule} is better.` : `${schedule} is worse.`) : 'no significant difference.')
    );
  }
  return c.difference === null
    ? noCommonSeedSentence(c.schedule, c.baseline, c.commonSeeds, c.incomplete)
    : `${c.schedule} vs ${c.baseline}: ${formatSigned(c.difference)} points test accuracy (one seed: no significance can be claimed).`;
}

/**
 * Why a schedule and the baseline have no completed run with a common seed: they ran common
 * seeds but a run did not complete ("not compared: none interrupted during epoch 2 ..."), or
 * they never ran the same seed.
 */
function noCommonSeedSentence(schedule: string, baseline: string, commonSeeds: number[], incomplete: string[]): string {
  if (commonSeeds.length === 0) return `${schedule} vs ${baseline}: no run with a common seed to compare.`;
  return `${schedule} vs ${baseline}: not compared, since not both completed with seed${commonSeeds.length === 1 ? '' : 's'} ${commonSeeds.join(', ')} (${incomplete.join('; ')}).`;
}

/** Plain-language lines: who won (inside each setup), significance, warnings. */
export function verdictLines(rows: SummaryRow[], comparisons: ReadonlyArray<{ sentence: string }>, baseline: string, multiSeed: boolean, setups: SetupGroup[], hasBaselineRun: boolean): string[] {
  if (setups.length <= 1) return [...rankingLines(rows, multiSeed), ...comparisonLines(rows, comparisons, baseline, multiSeed, hasBaselineRun)];
  // Several setups: a winner only inside each, and why the setups are not compared.
  const lines = setups.flatMap((g, k) => {
    const inSetup = rows.filter((r) => r.setup === k);
    return [`Setup ${k + 1} (${g.description}): ${inSetup.map((r) => r.schedule).join(', ')}.`, ...rankingLines(inSetup, multiSeed).map((l) => `Setup ${k + 1}: ${l}`)];
  });
  return [...lines, notComparedSentence(setups), ...comparisonLines(rows, comparisons, baseline, multiSeed, hasBaselineRun)];
}

/** Who has the highest final test accuracy among `rows` (one comparable setup). */
function rankingLines(rows: SummaryRow[], multiSeed: boolean): string[] {
  const lines: string[] = [];
  // Only complete rows are ranked: an interrupted run's accuracy is not its final one (it is warned about below).
  const ranked = rows.filter((r) => Number.isFinite(r.testAccuracy.mean) && r.problems.length === 0).sort((a, b) => b.testAccuracy.mean - a.testAccuracy.mean);
  if (ranked.length >= 2) {
    // Ties at the displayed precision (0.01 points) are reported as ties.
    const shown = (r: SummaryRow) => formatPoints(r.testAccuracy.mean);
    const top = ranked.filter((r) => shown(r) === shown(ranked[0]));
    const next = ranked.find((r) => shown(r) !== shown(ranked[0]));
    const lead = next ? `, ${formatPoints(ranked[0].testAccuracy.mean - next.testAccuracy.mean)} points ahead of ${next.schedule}` : '';
    const average = multiSeed ? ' (means over seeds)' : '';
    lines.push(
      top.length === 1
        ? `Highest final test accuracy: ${top[0].schedule} (${shown(top[0])}%)${lead}${average}.`
        : `Highest final test accuracy: a tie between ${listWords(top.map((r) => r.schedule))} (${shown(top[0])}%)${lead}${average}.`,
    );
  } else if (ranked.length === 1) {
    lines.push(`One schedule: ${ranked[0].schedule}, final test accuracy ${formatPoints(ranked[0].testAccuracy.mean)}%.`);
  }
  return lines;
}

/** The baseline, seed and significance lines, the paired comparisons and the warnings. */
function comparisonLines(rows: SummaryRow[], comparisons: ReadonlyArray<{ sentence: string }>, baseline: string, multiSeed: boolean, hasBaselineRun: boolean): string[] {
  const lines: string[] = [];
  if (rows.length >= 2 && !hasBaselineRun) {
    lines.push(`No "${baseline}" run to compare against, so no paired comparison.`);
  }
  if (!multiSeed && rows.length >= 2) {
    lines.push('One seed per schedule: the differences are single measurements and no significance can be claimed. Run with --seeds N (N >= 3) for intervals and a paired test.');
  }
  for (const c of comparisons) lines.push(c.sentence);
  for (const r of rows) for (const p of r.problems) lines.push(`Warning: ${p}.`);
  return lines;
}

/**
 * Runs whose step losses are identical (their LRs never differed): their lines coincide. The
 * same schedules coinciding in several seeds are reported once.
 */
export function identicalRuns(runs: readonly RunLog[], names: string[], groups: string[]): string[] {
  const sets: number[][] = [];
  const seen = new Set<number>();
  for (let i = 0; i < runs.length; i++) {
    if (seen.has(i) || runs[i].steps.length === 0) continue;
    const same = [i];
    for (let j = i + 1; j < runs.length; j++) {
      const a = runs[i].steps;
      const b = runs[j].steps;
      if (!seen.has(j) && a.length === b.length && a.every((s, k) => s.loss === b[k].loss || (Number.isNaN(s.loss) && Number.isNaN(b[k].loss)))) same.push(j);
    }
    if (same.length > 1) {
      for (const k of same) seen.add(k);
      sets.push(same);
    }
  }
  // Same schedules, same seed, one per seed: report "none and plateau ... in seeds 0, 1, 2".
  const bySchedules = new Map<string, { label: string; seeds: number[]; runs: string[] }>();
  for (const set of sets) {
    const schedules = set.map((k) => groups[k]);
    const seeds = new Set(set.map((k) => runs[k].meta.seed));
    const key = new Set(schedules).size === schedules.length && seeds.size === 1 ? schedules.join('\u0000') : `runs:${set.join(',')}`;
    const entry = bySchedules.get(key) ?? { label: listWords(key.startsWith('runs:') ? set.map((k) => names[k]) : schedules), seeds: [], runs: [] };
    entry.seeds.push(runs[set[0]].meta.seed);
    entry.runs.push(...set.map((k) => names[k]));
    bySchedules.set(key, entry);
  }
  return [...bySchedules.values()].map((e) => {
    const where = e.seeds.length > 1 ? ` in seeds ${e.seeds.join(', ')}` : '';
    return `${e.label} have identical step losses${where} (their learning rates never differed), so their lines coincide in the charts.`;
  });
}

export interface FormatEvidenceOptions {
  /** Top-level keys left out (shown elsewhere). Default none. */
  skip?: string[];
  /** Between entries. Default '; '. */
  separator?: string;
}

/**
 * Evidence as readable "key=value" entries, nested keys dotted, numbers to 4 significant digits.
 * formatEvidence({ trend: { relative: -0.0031 }, noise: 0.18 }); // => 'trend.relative=-0.0031; noise=0.18'
 */
export function formatEvidence(evidence: Record<string, unknown> | undefined, options: FormatEvidenceOptions = {}): string {
  if (!evidence) return '';
  const skip = new Set(options.skip ?? []);
  const parts: string[] = [];
  const walk = (prefix: string, value: unknown, depth: number) => {
    if (value === null || value === undefined) return;
    if (typeof value === 'number') parts.push(`${prefix}=${Number.isInteger(value) ? value : roundSignificant(value, 4)}`);
    else if (typeof value === 'string' || typeof value === 'boolean') parts.push(`${prefix}=${value}`);
    else if (Array.isArray(value)) parts.push(`${prefix}=[${value.map((v) => (typeof v === 'number' ? roundSignificant(v, 4) : String(v))).join(', ')}]`);
    else if (typeof value === 'object' && depth < 2) for (const [k, v] of Object.entries(value)) walk(prefix ? `${prefix}.${k}` : k, v, depth + 1);
  };
  for (const [k, v] of Object.entries(evidence)) if (!skip.has(k)) walk(k, v, 1);
  return parts.join(options.separator ?? '; ');
}

function describeList(values: string[]): string {
  const u = unique(values.filter((v) => v !== ''));
  return u.length ? u.join(', ') : 'not recorded';
}

/** The facts shown above the table: data set, model, optimizer, training, schedules, seeds, backend, versions, date. */
export function headerFacts(runs: readonly RunLog[]): Fact[] {
  if (runs.length === 0) return [{ label: 'Runs', value: 'none' }];
  const metas = runs.map((r) => r.meta);
  const config = (key: string) => describeList(metas.map((m) => (m.config?.[key] === undefined ? '' : String(m.config[key]))));
  const datasets = unique(
    metas.map((m) =>
      m.dataset
        ? `${m.dataset.name}: ${xValue(m.dataset.trainSize)} training images, ${xValue(m.dataset.valSize)} held out for validation, ${xValue(m.dataset.testSize)} test images (from ${m.dataset.source}; checksum ${m.dataset.checksum.slice(0, 12)})`
        : 'not recorded',
    ),
  );
  const versions = new Map<string, Set<string>>();
  for (const m of metas) for (const [k, v] of Object.entries(m.versions ?? {})) (versions.get(k) ?? versions.set(k, new Set()).get(k)!).add(v);
  const started = metas.map((m) => m.startedAt).filter(Boolean).sort();
  const schedules = unique(metas.map((m) => m.schedule));
  const seeds = unique(metas.map((m) => m.seed)).sort((a, b) => a - b);
  const steps = runs.map((r) => r.steps.length);
  const epochs = runs.map((r) => r.epochs.length);
  return [
    { label: 'Data set', value: datasets.join('; ') },
    { label: 'Model', value: config('model') === 'not recorded' ? 'not recorded in run.json' : config('model') },
    { label: 'Optimizer', value: `${config('optimizer')}, initial learning rate ${config('lr')}, batch size ${config('batchSize')}` },
    { label: 'Training', value: `${describeList(epochs.map(String))} epochs (${describeList(steps.map(String))} optimizer steps per run)` },
    { label: 'Schedules', value: schedules.join(', ') },
    { label: 'Seeds', value: `${seeds.join(', ')} (${seeds.length} seed${seeds.length === 1 ? '' : 's'}; runs with the same seed share initial weights and data order)` },
    ...sharingFacts(runs),
    { label: 'Backend', value: describeList(metas.map((m) => m.backend ?? '')) },
    { label: 'Versions', value: [...versions].map(([k, v]) => `${k} ${[...v].join('/')}`).join(', ') || 'not recorded' },
    { label: 'Date', value: started.length ? (started[0] === started[started.length - 1] ? started[0] : `${started[0]} to ${started[started.length - 1]}`) : 'not recorded' },
  ];
}

/** 'Shared training' when runs trained their common prefix once (nothing with --no-share). */
function sharingFacts(runs: readonly RunLog[]): Fact[] {
  const s = sharingSummary(runs.map((r) => ({ meta: r.meta, steps: r.steps.length })));
  if (!s) return [];
  const forks = s.forks.length ? `; forks: ${s.forks.map((f) => formatFork(f.run, f)).join(', ')}` : '';
  return [{ label: 'Shared training', value: `${formatSharing(s)} (runs are identical until their schedules ask for different learning rates, so that prefix was trained once${forks})` }];
}
