import { expect } from 'vitest';
import type { PairDiagnosis } from '../../src/detect/pair.js';

/** The printed intervals never contradict the kind. */
export function expectConsistent(d: PairDiagnosis, what: string): void {
  const v = d.valTrend;
  const t = d.trainTrend;
  const rate = d.thresholds.plateauRatePer10pct;
  switch (d.kind) {
    case 'overfitting':
      expect(v!.trend.low, what).toBeGreaterThan(0);
      expect(v!.per10.low, what).toBeGreaterThan(0);
      expect(d.lostSinceBest!, what).toBeGreaterThan(0);
      break;
    case 'generalization_gap':
      expect(t!.per10.high, what).toBeLessThan(-rate / 4);
      expect(v!.per10.high, what).toBeGreaterThanOrEqual(-rate / 4);
      expect(d.gapTrend!.low, what).toBeGreaterThan(0);
      break;
    case 'both_descending':
      expect(v!.per10.high, what).toBeLessThan(-rate / 4);
      expect(t!.per10.high, what).toBeLessThan(-rate / 4);
      break;
    case 'both_plateau':
      expect(v!.per10.low, what).toBeGreaterThan(-rate);
      expect(v!.per10.high, what).toBeLessThan(rate);
      // Training not falling, or falling only inside the band (its whole interval within ±rate).
      if (t!.per10.high < -rate / 4) expect(t!.per10.low, what).toBeGreaterThan(-rate);
      else expect(t!.per10.high, what).toBeGreaterThanOrEqual(-rate / 4);
      break;
    default:
      break;
  }
}

