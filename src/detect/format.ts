/**
 * The detector's sentence pieces: a trend with its interval and unit, a position on the x axis.
 * The number formats themselves (`num`, `pct`, `xValue`) are the shared ones of src/numbers.ts.
 */
import { pct, xValue } from '../numbers.js';
import type { TrendEstimate } from './types.js';

/** "-0.3%/epoch (95% CI -0.9..+0.2)". */
export function formatTrend(trend: TrendEstimate, confidence = 0.95): string {
  const per = trend.per ?? 1;
  const words = X_UNIT_WORDS[trend.x ?? 'step'];
  const unit = trend.unit === 'epoch' ? '/epoch' : trend.unit === 'x' ? (per === 1 ? `/${words.one}` : `/${xValue(per)} ${words.many}`) : ' per 10% of run';
  return `${pct(trend.relative, true)}%${unit} (${Math.round(confidence * 100)}% CI ${pct(trend.low, true)}..${pct(trend.high, true)})`;
}

const X_UNIT_WORDS = { step: { one: 'step', many: 'steps' }, epoch: { one: 'epoch', many: 'epochs' }, time: { one: 's', many: 's' } } as const;

/** "step 4,100", "epoch 12", "time 310.5". */
export function at(x: number, unit: 'step' | 'epoch' | 'time'): string {
  return `${unit} ${xValue(x)}`;
}
