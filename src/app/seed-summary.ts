import type { RunSummaryEntry } from '../logs/run-dir.js';
import { formatPoints, formatSigned } from '../numbers.js';
import { meanInterval, pairedTTest, type MeanInterval, type PairedTTest } from '../report/stats.js';

/** Final test accuracy per schedule over seeds, and which schedule (if any) is ahead. Percent points. */
export interface SeedComparison {
  rows: Array<{ schedule: string; accuracy: MeanInterval; seeds: number[]; leftOut: number }>;
  /** The highest mean against the next highest, paired by seed; null with fewer than two schedules with results. */
  lead: { schedule: string; over: string; test: PairedTTest | null; significant: boolean } | null;
}

/**
 * Groups `run --seeds N` results by schedule: mean final test accuracy with its 95% t interval
 * over the seeds that completed, and the highest mean compared with the runner-up by a paired
 * t-test over their common seeds (runs with one seed share weights and data order). Interrupted
 * or diverged runs are left out and counted.
 */
export function compareOverSeeds(entries: readonly RunSummaryEntry[]): SeedComparison {
  const schedules = [...new Set(entries.map((e) => e.schedule))];
  const usable = (e: RunSummaryEntry) => e.status === 'completed' && e.final.test_accuracy !== null;
  const bySeed = new Map(schedules.map((s) => [s, new Map(entries.filter((e) => e.schedule === s && usable(e)).map((e) => [e.seed, 100 * e.final.test_accuracy!]))]));
  const rows = schedules.map((schedule) => {
    const values = bySeed.get(schedule)!;
    return { schedule, accuracy: meanInterval([...values.values()]), seeds: [...values.keys()], leftOut: entries.filter((e) => e.schedule === schedule && !usable(e)).length };
  });
  const ranked = rows.filter((r) => r.accuracy.n > 0).sort((a, b) => b.accuracy.mean - a.accuracy.mean);
  if (ranked.length < 2) return { rows, lead: null };
  const [first, second] = [ranked[0]!, ranked[1]!];
  const common = first.seeds.filter((s) => bySeed.get(second.schedule)!.has(s));
  const test = pairedTTest(common.map((s) => bySeed.get(first.schedule)!.get(s)!), common.map((s) => bySeed.get(second.schedule)!.get(s)!));
  return { rows, lead: { schedule: first.schedule, over: second.schedule, test, significant: test !== null && test.low > 0 } };
}


/** The comparison as lines for stdout, e.g. "winner: doctor, +0.41 points over none (95% CI +0.12..+0.70, paired by seed, 3 seeds)". */
export function formatSeedComparison(c: SeedComparison): string {
  const width = Math.max(8, ...c.rows.map((r) => r.schedule.length));
  const lines = ['Final test accuracy per schedule (mean over seeds, 95% t interval):'];
  for (const r of c.rows) {
    const a = r.accuracy;
    const interval = a.low === null || a.high === null ? 'one seed, no interval' : `95% CI ${formatPoints(a.low)}..${formatPoints(a.high)}`;
    const value = a.n === 0 ? 'no completed run' : `${formatPoints(a.mean)}%  (${interval}, ${a.n} seed${a.n === 1 ? '' : 's'})`;
    lines.push(`  ${r.schedule.padEnd(width)}  ${value}${r.leftOut > 0 ? `; ${r.leftOut} run(s) left out (not completed)` : ''}`);
  }
  const lead = c.lead;
  if (!lead) lines.push('winner: none (fewer than two schedules with completed runs)');
  else if (!lead.test) lines.push(`highest mean: ${lead.schedule} over ${lead.over}, but they share fewer than 2 completed seeds: no winner can be named`);
  else {
    const t = lead.test;
    const diff = `${formatSigned(t.meanDifference)} points over ${lead.over} (95% CI ${formatSigned(t.low)}..${formatSigned(t.high)}, paired by seed, ${t.n} seeds)`;
    lines.push(lead.significant ? `winner: ${lead.schedule}, ${diff}` : `no clear winner: ${lead.schedule} has the highest mean, ${diff}; the interval includes 0`);
  }
  return lines.join('\n');
}
