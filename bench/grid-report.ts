/**
 * The scenario grid's words: the markdown table, the summary lines (regret against the
 * acceptance, the seed pipeline's check), and the replacement of a half's section of
 * docs/scenarios.md. Built from the typed summaries of grid-results.ts; decides nothing.
 */
import { PlateauDoctorError } from '../src/errors.js';
import { formatPoints, formatSigned } from '../src/numbers.js';
import { MAX_MEAN_REGRET, MAX_SCENARIO_REGRET, type Cut, type HalfSummary, type PairedDifference, type RunOutcome, type ScenarioSummary } from './grid-results.js';
import { GRID_SCHEDULES } from './scenario-grid.js';

/** "+0.12 (95% CI -0.30..+0.54)", or "+0.12 (one seed)". */
export function formatDifference(d: PairedDifference): string {
  if (d.low === null || d.high === null) return `${formatSigned(d.mean)} (one seed, no interval)`;
  return `${formatSigned(d.mean)} (95% CI ${formatSigned(d.low)}..${formatSigned(d.high)})`;
}

/** "s0: 9 overfitting, 16 plateau; s1: none, stopped after 12 (kept epoch 10, averaged)". */
export function formatCuts(perSeed: ReadonlyArray<{ seed: number; cuts: readonly Cut[]; earlyStop?: RunOutcome['earlyStop'] }>): string {
  return perSeed
    .map(({ seed, cuts, earlyStop }) => {
      const cut = cuts.length === 0 ? 'none' : cuts.map((c) => `${c.epoch} ${c.verdict ?? '?'}`).join(', ');
      const stop = earlyStop ? `, stopped after ${earlyStop.afterEpoch} (kept epoch ${earlyStop.keepEpoch}, ${earlyStop.weights})` : '';
      return `s${seed}: ${cut}${stop}`;
    })
    .join('; ');
}

function scenarioRow(s: ScenarioSummary): string {
  const accuracy = GRID_SCHEDULES.map((k) => (k === s.bestFixed ? `**${formatPoints(s.accuracy[k]!)}**` : formatPoints(s.accuracy[k]!)));
  const notes = [s.seedPipeline ? 'seed pipeline' : '', s.diverged.length > 0 ? `diverged (counted at chance): ${s.diverged.join(', ')}` : ''].filter(Boolean);
  return `| ${s.half} | ${s.id}${notes.length > 0 ? ` (${notes.join('; ')})` : ''} | ${s.seeds.join(',')} | ${accuracy.join(' | ')} | ${formatDifference(s.doctorMinusNone)} | ${formatDifference(s.doctorMinusBestFixed)} | ${formatPoints(s.regret)} | ${formatCuts(s.doctorCuts)} |`;
}

/** The per-scenario table (mean test accuracy in %, best fixed schedule in bold), and the averaged weights' table when the runs kept an average. */
export function formatGridTable(h: HalfSummary): string {
  const lines = [
    '| half | scenario | seeds | none | step | plateau | doctor | doctor - none (points) | doctor - best fixed (points) | regret | doctor\'s cuts per seed (epoch verdict) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...h.scenarios.map(scenarioRow),
  ];
  const averaged = h.scenarios.filter((s) => GRID_SCHEDULES.some((k) => s.averagedAccuracy[k] !== null));
  if (averaged.length > 0) {
    lines.push('', 'Averaged weights (the runs\' weight average after the last epoch), mean test accuracy:', '', '| scenario | none | step | plateau | doctor |', '| --- | --- | --- | --- | --- |');
    for (const s of averaged) lines.push(`| ${s.id} | ${GRID_SCHEDULES.map((k) => { const a = s.averagedAccuracy[k]; return a === null || a === undefined ? '-' : formatPoints(a); }).join(' | ')} |`);
  }
  return lines.join('\n');
}

/** The summary lines: regret against the acceptance (judged only when every scenario of the half was measured) and the seed pipeline's check. */
export function formatHalfSummary(h: HalfSummary): string[] {
  const lines: string[] = [];
  const measured = `${h.scenarios.length} scenario(s) measured`;
  if (h.scenarios.length === 0) lines.push(`${h.half} half: no scenario measured yet`);
  else {
    const complete = h.missing.length === 0;
    const judge = (holds: boolean) => (!complete ? 'not judged: half incomplete' : holds ? 'holds' : 'FAILS');
    const worst = h.maxRegret!;
    lines.push(
      `${h.half} half (${measured}): mean regret ${formatPoints(h.meanRegret)} points (acceptance <= ${MAX_MEAN_REGRET}: ${judge(h.meanRegretHolds)}); ` +
        `largest ${formatPoints(worst.regret)} (${worst.id}; acceptance <= ${MAX_SCENARIO_REGRET}: ${judge(h.maxRegretHolds)})`,
    );
    if (!complete) lines.push(`not measured yet: ${h.missing.join(', ')}`);
  }
  const p = h.seedPipeline;
  if (!p) lines.push('seed pipeline: not measured yet');
  else {
    const c = p.check;
    const what = c.holds
      ? 'holds: no cut on any seed, accuracy equal to none'
      : `FAILS: ${c.cutSeeds.length > 0 ? `the doctor cut on seed(s) ${c.cutSeeds.join(', ')}` : 'no cut'}, largest |doctor - none| ${formatPoints(c.maxDifference)} points`;
    lines.push(`seed pipeline (${p.id}): ${what}`);
  }
  return lines;
}

/** The markers around a half's section in docs/scenarios.md. */
export function docsMarkers(half: string): { start: string; end: string } {
  return { start: `<!-- grid:${half}:start -->`, end: `<!-- grid:${half}:end -->` };
}

/** docs/scenarios.md with the half's section (between its markers) replaced by `section`; throws when the markers are missing. */
export function replaceDocsSection(doc: string, half: string, section: string): string {
  const { start, end } = docsMarkers(half);
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) throw new PlateauDoctorError(`docs/scenarios.md has no ${start} ... ${end} section`);
  return doc.slice(0, i + start.length) + '\n' + section.trim() + '\n' + doc.slice(j);
}
