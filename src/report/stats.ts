/**
 * Small statistics the report needs: Student's t distribution (CDF and quantile), a mean
 * with its 95% interval over seeds, and a paired t-test. Pure functions, no dependencies.
 */

/**
 * ln Γ(x) for x > 0 (Lanczos approximation, g = 7, n = 9; relative error < 1e-14).
 * lnGamma(5); // => ln 24 = 3.1780538303479458
 */
export function lnGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`lnGamma: x must be > 0, got ${x}`);
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let sum = c[0];
  for (let i = 1; i < g + 2; i++) sum += c[i] / (z + i);
  const t = z + g + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Continued fraction for the incomplete beta function (Numerical Recipes `betacf`). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const maxIterations = 300;
  const epsilon = 1e-15;
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= maxIterations; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < epsilon) break;
  }
  return h;
}

/**
 * Regularized incomplete beta function I_x(a, b), for a, b > 0 and 0 <= x <= 1.
 * regularizedBeta(0.5, 2, 2); // => 0.5
 */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  const front = Math.exp(lnFront);
  // The continued fraction converges fast for x < (a+1)/(a+b+2); use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/**
 * P(T <= t) for Student's t distribution with `df` degrees of freedom (df > 0).
 * studentTCdf(2.776445105, 4); // => 0.975 (R: pt(2.776445105, 4))
 */
export function studentTCdf(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`studentTCdf: df must be > 0, got ${df}`);
  if (Number.isNaN(t)) return NaN;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const x = df / (df + t * t);
  const tail = 0.5 * regularizedBeta(x, df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/**
 * The p-quantile of Student's t with `df` degrees of freedom (bisection on the CDF, 1e-12).
 * studentTQuantile(0.975, 4); // => 2.7764451051977934 (R: qt(0.975, 4))
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`studentTQuantile: p must be in (0, 1), got ${p}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  let low = 0;
  let high = 1;
  while (studentTCdf(high, df) < p) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-12 * Math.max(1, high); i++) {
    const mid = (low + high) / 2;
    if (studentTCdf(mid, df) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

/** Sample standard deviation (n - 1 in the denominator); NaN for fewer than 2 values. */
export function sampleStd(xs: readonly number[]): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  const besselsCorrection = xs.length - 1;
  return Math.sqrt(ss / besselsCorrection);
}

/** A mean with its t-based confidence interval; `low`/`high` are null with one value. */
export interface MeanInterval {
  mean: number;
  low: number | null;
  high: number | null;
  n: number;
}

/**
 * Mean and two-sided `level` (default 0.95) t interval of the mean.
 * meanInterval([1, 2, 3, 4, 5]); // => { mean: 3, low: 1.03676, high: 4.96324, n: 5 }
 */
export function meanInterval(xs: readonly number[], level = 0.95): MeanInterval {
  const n = xs.length;
  const m = mean(xs);
  if (n < 2) return { mean: m, low: null, high: null, n };
  const halfWidth = (studentTQuantile(1 - (1 - level) / 2, n - 1) * sampleStd(xs)) / Math.sqrt(n);
  return { mean: m, low: m - halfWidth, high: m + halfWidth, n };
}

export interface PairedTTest {
  /** Mean of the differences a[i] - b[i]. */
  meanDifference: number;
  low: number;
  high: number;
  t: number;
  df: number;
  /** Two-sided p-value. */
  p: number;
  n: number;
}

/**
 * Paired two-sided t-test of a[i] - b[i] against 0, with the `level` interval (default 0.95)
 * of the mean difference. Needs at least 2 pairs; returns null otherwise.
 * When all differences are equal, the interval is a point and p is 0 (or 1 when they are 0).
 * pairedTTest([1, 2, 3, 4, 5], [0.5, 1.2, 2.9, 3.1, 4.0]).p; // => 0.015518 (scipy.stats.ttest_rel)
 */
export function pairedTTest(a: readonly number[], b: readonly number[], level = 0.95): PairedTTest | null {
  if (a.length !== b.length) throw new RangeError(`pairedTTest: ${a.length} vs ${b.length} values`);
  const n = a.length;
  if (n < 2) return null;
  const differences = a.map((x, i) => x - b[i]);
  const m = mean(differences);
  const sd = sampleStd(differences);
  const df = n - 1;
  const standardError = sd / Math.sqrt(n);
  if (standardError === 0) {
    return { meanDifference: m, low: m, high: m, t: m === 0 ? 0 : Math.sign(m) * Infinity, df, p: m === 0 ? 1 : 0, n };
  }
  const t = m / standardError;
  const p = 2 * (1 - studentTCdf(Math.abs(t), df));
  const halfWidth = studentTQuantile(1 - (1 - level) / 2, df) * standardError;
  return { meanDifference: m, low: m - halfWidth, high: m + halfWidth, t, df, p, n };
}
