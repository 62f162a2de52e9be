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
  const unit = trend.unit === 'epoch' ? '/epoch' : ' per 10% of run';
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

/** "step 4100", "epoch 12", "time 310.5". */
export function at(x: number, unit: 'step' | 'epoch' | 'time'): string {
  return `${unit} ${num(Math.round(x * 1000) / 1000)}`;
}
