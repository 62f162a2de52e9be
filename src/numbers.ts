/**
 * The shared number helpers (base layer: every layer may use them): one median and one copy of
 * each number format the tool prints. Sentence-level wording stays with the words that use it
 * (detect/format.ts for the detector's sentences, report/run-words.ts for the report's).
 *
 * The formats, one rule each:
 * - `num`: a loss level, an LR, a factor in a sentence or label: 4 significant digits, exponent
 *   notation outside [1e-3, 1e5) (0.2713, 0.001, 1e-4, 1.235e+5).
 * - `formatMetric`: a loss or metric in a table column or progress line: 4 decimals, so columns
 *   line up (0.2713, 2.0000); `num`'s exponent form where 4 decimals would hide it.
 * - `formatPoints`: an accuracy in percent points, 2 decimals (97.12), in tables and sentences.
 * - `xValue`: a step, epoch, second or count as people write it (1,196,000; 2.5).
 * - `pct`: a fraction as a percentage (12, 0.3, -6.5), for relative changes.
 * - `formatSigned`: a difference with its sign and fixed decimals (+0.52, -1.30).
 * - `formatP`: a p-value (p = 0.012, p < 0.001).
 * - `formatDuration`: seconds as a wall time (12.3 s, 20 min 05 s).
 */

/**
 * Median of an ascending array; NaN when empty.
 *
 * @example medianOfSorted([1, 2, 4, 8]); // => 3
 */
export function medianOfSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Median of a list in any order, NaN values left out (the list is not modified); NaN when
 * nothing is left.
 *
 * @example median([3, NaN, 1, 2]); // => 2
 */
export function median(values: readonly number[]): number {
  return medianOfSorted(values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b));
}

/**
 * `value` rounded to `digits` significant digits, float noise removed; non-finite values unchanged.
 *
 * @example roundSignificant(0.0010000000000000002, 4); // => 0.001
 */
export function roundSignificant(value: number, digits: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(digits)) : value;
}

/** Below this magnitude (or at and above `EXPONENT_ABOVE`) `num` writes an exponent. */
const EXPONENT_BELOW = 1e-3;
const EXPONENT_ABOVE = 1e5;

const plainRange = (value: number) => {
  const a = Math.abs(value);
  return value === 0 || (a >= EXPONENT_BELOW && a < EXPONENT_ABOVE);
};

/**
 * A loss level, an LR or a factor in a sentence or label: `digits` (4) significant digits, no
 * trailing zeros, exponent notation for magnitudes under 1e-3 or from 1e5 on.
 *
 * @example num(0.27134); // => '0.2713'
 * @example num(0.0001); // => '1e-4'
 * @example num(123456); // => '1.235e+5'
 * @example num(0.0010000000000000002); // => '0.001'
 */
export function num(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = roundSignificant(value, digits);
  return plainRange(rounded) ? String(rounded) : rounded.toExponential();
}

/**
 * A loss or metric in a table column or progress line: 4 decimals, so columns line up; where 4
 * decimals would hide the value (under 1e-3) or grow long (from 1e5 on), `num`'s exponent form.
 *
 * @example formatMetric(0.27134); // => '0.2713'
 * @example formatMetric(2); // => '2.0000'
 * @example formatMetric(0.00012345); // => '1.235e-4'
 */
export function formatMetric(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return plainRange(value) ? value.toFixed(4) : num(value);
}

/**
 * An accuracy (or a difference of accuracies) in percent points: 2 decimals, as every table and
 * sentence shows it (the unit, '%' or 'points', is the caller's).
 *
 * @example formatPoints(97.123); // => '97.12'
 */
export function formatPoints(percent: number): string {
  return percent.toFixed(2);
}

/** `text` (the formatted `value`) with a '+' in front when `value` is 0 or more. */
export function withSign(value: number, text: string): string {
  return value >= 0 ? `+${text}` : text;
}

/**
 * A difference with its sign and `digits` (2) decimals.
 *
 * @example formatSigned(0.523); // => '+0.52'
 * @example formatSigned(-1.3, 4); // => '-1.3000'
 */
export function formatSigned(value: number, digits = 2): string {
  return withSign(value, value.toFixed(digits));
}

/**
 * A fraction as a percentage (no '%' sign), about 2 significant digits: whole percent from 10%,
 * one decimal from 1%, two below; `signed` puts '+' before a non-negative value.
 *
 * @example pct(0.123); // => '12'
 * @example pct(-0.0654, true); // => '-6.5'
 * @example pct(0.003, true); // => '+0.30'
 */
export function pct(value: number, signed = false): string {
  const p = value * 100;
  const a = Math.abs(p);
  const text = a >= 10 ? p.toFixed(0) : a >= 1 ? p.toFixed(1) : p.toFixed(2);
  return signed ? withSign(p, text) : text;
}

/**
 * An x value (a step, an epoch, seconds) or a count as people write it: whole numbers with
 * thousands separators, never in exponent notation; fractions to 4 significant digits.
 *
 * @example xValue(1196000); // => '1,196,000'
 * @example xValue(2.5); // => '2.5'
 */
export function xValue(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const r = Math.round(x * 1000) / 1000;
  if (Number.isInteger(r) || Math.abs(r) >= 1000) return r.toLocaleString('en-US', { maximumFractionDigits: 1 });
  return String(roundSignificant(r, 4));
}

/**
 * p-value with two significant digits.
 *
 * @example formatP(0.0123); // => 'p = 0.012'
 * @example formatP(0.0004); // => 'p < 0.001'
 */
export function formatP(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  return `p = ${roundSignificant(p, 2)}`;
}

/**
 * Seconds as a wall time: one decimal under 90 s, else whole minutes and seconds; '–' when not finite.
 *
 * @example formatDuration(12.34); // => '12.3 s'
 * @example formatDuration(1205); // => '20 min 05 s'
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  if (seconds < 90) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}
