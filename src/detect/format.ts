import type { TrendEstimate } from './types.js';

/** "12%" / "0.3%" / "-6.5%": relative numbers as percent with 2 significant-ish digits. */
export function pct(value: number, signed = false): string {
  const p = value * 100;
  const a = Math.abs(p);
  const text = a >= 10 ? p.toFixed(0) : a >= 1 ? p.toFixed(1) : p.toFixed(2);
  return signed && p >= 0 ? `+${text}` : text;
}

/** "-0.3%/epoch (95% CI -0.9..+0.2)". */
export function formatTrend(trend: TrendEstimate, confidence = 0.95): string {
  const per = trend.per ?? 1;
  const words = X_UNIT_WORDS[trend.x ?? 'step'];
  const unit = trend.unit === 'epoch' ? '/epoch' : trend.unit === 'x' ? (per === 1 ? `/${words.one}` : `/${xValue(per)} ${words.many}`) : ' per 10% of run';
  return `${pct(trend.relative, true)}%${unit} (${Math.round(confidence * 100)}% CI ${pct(trend.low, true)}..${pct(trend.high, true)})`;
}

/** A loss level or LR with 4 significant digits: 0.2713, 1e-4, 1.235e+5. */
export function num(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const a = Math.abs(value);
  const rounded = Number(value.toPrecision(4));
  return a >= 1e5 || a < 1e-3 ? rounded.toExponential() : String(rounded);
}

const X_UNIT_WORDS = { step: { one: 'step', many: 'steps' }, epoch: { one: 'epoch', many: 'epochs' }, time: { one: 's', many: 's' } } as const;

/**
 * An x value (a step, an epoch, seconds) as people write it: whole numbers with thousands
 * separators, never in exponent notation; fractions to 4 significant digits.
 *
 * xValue(1196000); // => '1,196,000'
 * xValue(2.5);     // => '2.5'
 */
export function xValue(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const r = Math.round(x * 1000) / 1000;
  if (Number.isInteger(r) || Math.abs(r) >= 1000) return r.toLocaleString('en-US', { maximumFractionDigits: 1 });
  return String(Number(r.toPrecision(4)));
}

/** "step 4,100", "epoch 12", "time 310.5". */
export function at(x: number, unit: 'step' | 'epoch' | 'time'): string {
  return `${unit} ${xValue(x)}`;
}
