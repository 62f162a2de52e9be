/**
 * Cell values as loss logs write them. A cell is either missing (blank, `NA`, `null`, `None`:
 * nothing was logged), a number (including `nan`, `inf`, `-inf` exactly as logged, which
 * mean the run produced a non-finite loss), or text.
 */

/** The cell holds no value (nothing was logged in this row). */
export const MISSING = null;

const MISSING_WORDS = new Set(['', 'na', 'n/a', 'null', 'none', '""', '-']);
const NAN_WORDS = new Set(['nan', '-nan', '+nan']);
const POS_INF_WORDS = new Set(['inf', '+inf', 'infinity', '+infinity']);
const NEG_INF_WORDS = new Set(['-inf', '-infinity']);

/**
 * Parses one cell: a number, `null` when the cell is missing, `undefined` when it is text.
 *
 * parseCell('0.53') // => 0.53
 * parseCell('NA')   // => null
 * parseCell('nan')  // => NaN
 * parseCell('abc')  // => undefined
 */
export function parseCell(raw: string): number | null | undefined {
  // Fast path: most cells are plain decimals.
  const n = Number(raw);
  if (raw.length > 0 && !Number.isNaN(n)) {
    // Number('  ') === 0 and Number('0x10') === 16: reject whitespace-only and hex.
    const c = raw.charCodeAt(raw.length - 1);
    if (c === 32 || c === 9) {
      const t = raw.trim();
      if (t === '') return MISSING;
    }
    if (raw.length > 1 && (raw[1] === 'x' || raw[1] === 'X' || raw[1] === 'b' || raw[1] === 'o')) return undefined;
    return n;
  }
  let t = raw.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) t = t.slice(1, -1).trim();
  const lower = t.toLowerCase();
  if (MISSING_WORDS.has(lower)) return MISSING;
  if (NAN_WORDS.has(lower)) return Number.NaN;
  if (POS_INF_WORDS.has(lower)) return Number.POSITIVE_INFINITY;
  if (NEG_INF_WORDS.has(lower)) return Number.NEGATIVE_INFINITY;
  // PyTorch tensors printed as text: tensor(0.5312) or tensor(0.5312, device='cuda:0').
  const m = /^tensor\(\s*([-+0-9.eE]+|nan|inf|-inf)\s*[,)]/.exec(lower);
  if (m) return parseCell(m[1]);
  if (t !== raw) {
    const again = Number(t);
    if (t.length > 0 && !Number.isNaN(again)) return again;
  }
  return undefined;
}

export { median } from '../numbers.js';
