/**
 * Higher-is-better metrics (accuracy, mAP, F1, BLEU, ROUGE, reward, AUC, IoU, Dice, ...) by
 * name, and the one orientation the detector needs: a curve that falls as training improves.
 */

/** Words that name a higher-is-better metric (a name containing "loss", "error" or "perplexity" never does). */
const HIGHER_IS_BETTER = /(^|[^a-z])(acc|accuracy|top[-_]?[15]|map|map50|map75|map50[-_]95|f1|f1[-_]?score|bleu|rouge\w*|reward|rewards|return|auc|roc[-_]?auc|precision|recall|iou|miou|dice|r2)([^a-z]|$)/i;
const LOWER_IS_BETTER = /loss|error|err([^a-z]|$)|perplexity|ppl/i;

/** How a higher-is-better series was turned into a falling one. */
export interface Orientation {
  /** 'one-minus': 1 - y (values in [0, 1]); 'hundred-minus': 100 - y (percent); 'negated': -y. */
  kind: 'one-minus' | 'hundred-minus' | 'negated';
  /** One line for the output, e.g. "higher is better: analysed as 1 - val_accuracy (the error), falling = improving". */
  note: string;
}

/**
 * The orientation of a series named `name` with values `ys`: null for a loss (lower is better),
 * else how to flip it.
 *
 * @example orientationOf('val_accuracy', [0.27, 0.99])?.kind; // => 'one-minus'
 */
export function orientationOf(name: string, ys: readonly number[]): Orientation | null {
  if (LOWER_IS_BETTER.test(name) || !HIGHER_IS_BETTER.test(name)) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const y of ys) {
    if (!Number.isFinite(y)) continue;
    min = Math.min(min, y);
    max = Math.max(max, y);
  }
  const kind: Orientation['kind'] = min >= 0 && max <= 1 ? 'one-minus' : min >= 0 && max <= 100 ? 'hundred-minus' : 'negated';
  const as = kind === 'one-minus' ? `1 - ${name}` : kind === 'hundred-minus' ? `100 - ${name}` : `-${name}`;
  return { kind, note: `higher is better: analysed as ${as} (falling = improving), so rates, levels and verdicts are about that` };
}

/** ys flipped as `o` says (non-finite values stay as they are). */
export function orient(ys: readonly number[], o: Orientation): number[] {
  const f = o.kind === 'one-minus' ? (y: number) => 1 - y : o.kind === 'hundred-minus' ? (y: number) => 100 - y : (y: number) => -y;
  return ys.map((y) => (Number.isFinite(y) ? f(y) : y));
}
