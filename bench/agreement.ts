/**
 * Agreement of the current readers + detector with the hand-made labels of shared/real-logs and
 * shared/real-logs-2 (test/labels/). Run: `npm run agreement` (`-- --json` for the numbers as JSON).
 *
 * Prints agreement overall, on clear labels, per half and per corpus, for series and for
 * train/validation pairs. Only the 'tune' half is itemised; the 'confirm' half is held out and
 * reported as numbers only, so tuning against this output cannot overfit it.
 */
import { sharedDir } from '../test/helpers/shared.js';
import { formatTally, pairAgreement, seriesAgreement, type PairAgreement, type SeriesAgreement, type Summary } from '../test/labels/agreement.js';
import { runTool } from '../test/labels/tool-outputs.js';
import { PAIR_LABELS } from '../test/labels/pair-labels.js';
import { SERIES_LABELS } from '../test/labels/series-labels.js';

function printSummary(title: string, s: Summary): void {
  console.log(`${title}: overall ${formatTally(s.overall)}, clear ${formatTally(s.clear)}, ambiguous ${formatTally(s.ambiguous)}`);
  console.log(`  tune half ${formatTally(s.byHalf.tune)} (clear ${formatTally(s.byHalfClear.tune)}); confirm half ${formatTally(s.byHalf.confirm)} (clear ${formatTally(s.byHalfClear.confirm)})`);
  for (const [corpus, t] of Object.entries(s.byCorpus)) console.log(`  ${corpus}: ${formatTally(t.all)}, clear ${formatTally(t.clear)}`);
}

function printSeries(a: SeriesAgreement): void {
  printSummary('Series', a);
  console.log(`  labels with no output: ${a.missing}; outputs with no label: ${a.unlabelled}`);
  console.log(`\nTune half, per series (${a.tuneDisagreements.length} disagreements of ${a.tuneRows.length}):`);
  for (const r of a.tuneRows) {
    const l = r.label;
    const run = l.run === null ? '' : ` (run ${l.run})`;
    console.log(`  ${r.agree ? 'ok  ' : 'MISS'} ${l.corpus}/${l.file} :: ${l.series}${run}: got ${r.got ?? '(none)'}, accept ${l.accept.join('|')} [${l.confidence}] ${r.agree ? '' : `- ${l.note}`}`);
  }
}

function printPairs(a: PairAgreement): void {
  printSummary('\nPairs (kind)', a);
  console.log(`  best x within tolerance: ${formatTally(a.bestAt)} (tune ${formatTally(a.bestAtByHalf.tune)}, confirm ${formatTally(a.bestAtByHalf.confirm)})`);
  console.log(`  pair labels with no output: ${a.missing}; pair outputs with no label: ${a.unlabelled}`);
  console.log(`\nTune half, per pair (${a.tuneDisagreements.length} disagreements of ${a.tuneRows.length}):`);
  for (const r of a.tuneRows) {
    const l = r.label;
    const run = l.run === null ? '' : ` (run ${l.run})`;
    const best = l.bestAtTolerance ? `, best ${r.gotBestAt ?? '(none)'} vs ${l.bestAt} [${l.bestAtTolerance.join('..')}]` : '';
    const ok = r.agree && r.bestAtAgree !== false;
    console.log(`  ${ok ? 'ok  ' : 'MISS'} ${l.corpus}/${l.file}${run} :: ${l.train} / ${l.val}: got ${r.got ?? '(none)'}, accept ${l.accept.join('|')}${best} [${l.confidence}]`);
  }
}

async function main(): Promise<void> {
  if (!sharedDir) {
    console.error('agreement: ../shared (or $PLATEAU_DOCTOR_SHARED) is absent; nothing to measure');
    process.exit(2);
  }
  const outputs = await runTool(sharedDir);
  const series = seriesAgreement(SERIES_LABELS, outputs.series);
  const pairs = pairAgreement(PAIR_LABELS, outputs.pairs);
  if (process.argv.includes('--json')) {
    const strip = <T extends { tuneRows: unknown; tuneDisagreements: unknown }>({ tuneRows: _r, tuneDisagreements: _d, ...rest }: T) => rest;
    console.log(JSON.stringify({ series: strip(series), pairs: strip(pairs), unreadable: outputs.errors }, null, 2));
    return;
  }
  console.log(`Labels: ${SERIES_LABELS.length} series, ${PAIR_LABELS.length} pairs; tool outputs: ${outputs.series.length} series, ${outputs.pairs.length} pairs`);
  if (outputs.errors.length > 0) console.log(`Files the tool could not read (${outputs.errors.length}):\n${outputs.errors.map((e) => `  ${e.split('\n')[0].slice(0, 200)}`).join('\n')}`);
  console.log('');
  printSeries(series);
  printPairs(pairs);
}

await main();
