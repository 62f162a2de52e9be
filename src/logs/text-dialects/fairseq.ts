import { parseCell } from '../values.js';
import { isLossSetting } from './generic.js';
import { NUM, enoughLines, type TextDialect, type TextMatch } from './types.js';

/** `... | INFO | train_inner | epoch 001:    100 / 1099 loss=9.5, nll_loss=9.4, ..., num_updates=100, lr=1.25e-05, ...` (older: `| epoch 001:    100 / 1099 loss=...`). */
const INNER = /(?:\|\s*train_inner\s*\|\s*|^\|\s*)epoch \d+:\s+\d+\s*\/\s*\d+\s+(?=\w+=)/;
/** `... | INFO | valid | epoch 001 | valid on 'valid' subset | loss 8.8 | nll_loss 8.5 | ... | num_updates 1099 | best_loss 8.8` */
const VALID = /\|\s*(?:valid\s*\|\s*)?epoch \d+ \| valid on '(?<subset>[^']+)' subset\s*\|/;
const EQ_PAIR = new RegExp(String.raw`(?<key>[A-Za-z_][\w.]*)=(?<v>${NUM})(?=,|\s|$)`, 'g');
const BAR_PAIR = new RegExp(String.raw`\|\s*(?<key>[A-Za-z_][\w.]*) (?<v>${NUM})\s*(?=\||$)`, 'g');

function pairs(line: string, re: RegExp, from: number): Map<string, number> {
  const out = new Map<string, number>();
  re.lastIndex = from;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const v = parseCell(m.groups!.v);
    if (typeof v === 'number') out.set(m.groups!.key, v);
  }
  return out;
}

/** The loss keys of a fairseq stats line (`loss`, `nll_loss`, `ctc_loss`; not `best_loss`, `loss_scale`). */
function losses(values: Map<string, number>): [string, number][] {
  return [...values].filter(([k]) => /loss/.test(k) && !k.startsWith('best_') && !isLossSetting(k));
}

/**
 * fairseq's `--log-format simple` (the default when not on a terminal): `train_inner` lines every
 * `--log-interval` updates and a `valid on '<subset>'` line per validation; x = `num_updates`.
 */
export const fairseqLog: TextDialect = {
  name: 'fairseq log',
  detect: (lines) => enoughLines(lines, INNER, 2) || enoughLines(lines, VALID, 1),
  matcher: () => (line) => {
    const inner = INNER.exec(line);
    if (inner) {
      const values = pairs(line, EQ_PAIR, inner.index + inner[0].length);
      const step = values.get('num_updates');
      if (step === undefined) return [];
      const lr = values.get('lr');
      return losses(values).map(([key, v]) => {
        const m: TextMatch = { series: key, loss: v, step, role: 'train' };
        if (lr !== undefined) m.lr = lr;
        return m;
      });
    }
    const valid = VALID.exec(line);
    if (!valid) return [];
    const values = pairs(line, BAR_PAIR, valid.index + valid[0].length - 1);
    const step = values.get('num_updates');
    if (step === undefined) return [];
    const subset = valid.groups!.subset;
    return losses(values).map(([key, v]) => ({ series: `${subset} ${key}`, loss: v, step, role: subset.startsWith('test') ? ('test' as const) : ('validation' as const) }));
  },
};
