import { describe, expect, it } from 'vitest';
import { sharedDir, skipNote } from '../helpers/shared.js';
import { pairAgreement, seriesAgreement } from './agreement.js';
import { PAIR_LABELS } from './pair-labels.js';
import { SERIES_LABELS } from './series-labels.js';
import { runTool } from './tool-outputs.js';

/**
 * Agreement of the readers + detector with the engineer-read labels must not drop. The floors sit
 * a little under what was measured when they were set (`npm run agreement`, 2026-12-02: series
 * on real-logs-2 88.0% of all, 89.8% of clear; pairs on real-logs-2 96.4%; best x within
 * tolerance 97.0%; both corpora: series 84.1%, pairs 92.8%; 2026-12-03, after the short-run
 * trend, short-tag names and test phases left out: series on real-logs-2 90.4% of all, 90.7% of
 * clear, both corpora 87.0%; pairs unchanged; after the offline steady-descent rule: series on
 * real-logs-2 91.6% of all, 92.6% of clear, both corpora 90.0%; after the offline 5%-level
 * equivalence test: 92.8%, 93.5%, 90.8%; 2026-12-03 (second session), after a strictly falling stretch
 * slower than a quarter of the plateau threshold counts as settled: 94.0%, 95.4%, 92.1%; at the
 * end of that session: 94.6%, 95.4%, 92.9%, pairs 96.4% on real-logs-2 and 94.2% on both). Raise them when agreement improves;
 * the target is >= 90% of all and >= 95% of clear series on real-logs-2.
 */
const FLOORS = {
  seriesRealLogs2: 0.94,
  seriesRealLogs2Clear: 0.95,
  seriesAll: 0.92,
  pairsRealLogs2: 0.93,
  pairsAll: 0.9,
  pairBestAt: 0.93,
};

describe.skipIf(!sharedDir)(sharedDir ? 'agreement with the labels (test/labels)' : skipNote('agreement with the labels'), () => {
  it('stays at or above its floors, for series and for train/validation pairs', async () => {
    const outputs = await runTool(sharedDir!);
    const series = seriesAgreement(SERIES_LABELS, outputs.series);
    const pairs = pairAgreement(PAIR_LABELS, outputs.pairs);
    const got = {
      seriesRealLogs2: series.byCorpus['real-logs-2'].all.rate,
      seriesRealLogs2Clear: series.byCorpus['real-logs-2'].clear.rate,
      seriesAll: series.overall.rate,
      pairsRealLogs2: pairs.byCorpus['real-logs-2'].all.rate,
      pairsAll: pairs.overall.rate,
      pairBestAt: pairs.bestAt.rate,
    };
    for (const [name, floor] of Object.entries(FLOORS)) expect(got[name as keyof typeof got], `${name} (npm run agreement lists the tune-half disagreements)`).toBeGreaterThanOrEqual(floor);
  }, 240_000);
});
