import { PlateauDoctorError, location } from '../errors.js';

/**
 * Python's json module writes NaN, Infinity and -Infinity as bare literals (a diverged run);
 * this quotes them so JSON.parse reads them, as strings the readers turn back into numbers.
 *
 * quoteNonFiniteLiterals('{"loss": NaN}'); // => '{"loss": "NaN"}'
 */
export function quoteNonFiniteLiterals(text: string): string {
  return text.replace(/([:[,]\s*)(-?Infinity|NaN)(?=\s*[,\]}])/g, '$1"$2"');
}

/**
 * Parses a whole JSON document (a leading BOM and Python's NaN/Infinity literals allowed).
 * Throws a PlateauDoctorError naming `file:line:column` of a syntax error, or saying the file is empty.
 */
export function parseJson(file: string, text: string): unknown {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (clean.trim() === '') throw new PlateauDoctorError(`${file}: the file is empty`);
  try {
    return JSON.parse(clean);
  } catch (first) {
    // Python's json module writes NaN / Infinity literals (a diverged run): read them as strings.
    if (/\b(NaN|Infinity)\b/.test(clean)) {
      try {
        return JSON.parse(quoteNonFiniteLiterals(clean));
      } catch {
        // fall through to report the original error
      }
    }
    const error = first;
    const msg = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
    // Node 20's messages carry no position: find the first syntax error ourselves.
    const p = Number(/position (\d+)/.exec(msg)?.[1] ?? jsonErrorOffset(clean));
    let where = file;
    if (p >= 0) {
      const before = clean.slice(0, p);
      where = location(file, before.split('\n').length, p - before.lastIndexOf('\n'));
    }
    throw new PlateauDoctorError(`${where}: not valid JSON (${msg.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+.*/, '')})`);
  }
}

/**
 * The offset of the first JSON syntax error in `text` (-1 when there is none): a small
 * recursive-descent scan, used only after JSON.parse has failed, to name the line and column.
 * NaN and (-)Infinity literals are accepted (Python writes them).
 *
 * jsonErrorOffset('{"a": [1,2,\n  3,, 4]}'); // => 16 (the second comma)
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw new JsonScanError(i);
  };
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const string = () => {
    i++;
    while (i < text.length) {
      const c = text[i];
      if (c === '\\') i += 2;
      else if (c === '"') {
        i++;
        return;
      } else if (c < ' ') fail();
      else i++;
    }
    fail();
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          ws();
          if (text[i] !== '"') fail();
          string();
          ws();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === close) {
          i++;
          return;
        } else fail();
      }
    }
    if (c === '"') return string();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|NaN|-?Infinity)/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return -1;
  } catch (error) {
    if (error instanceof JsonScanError) return Math.min(error.offset, text.length);
    throw error;
  }
}

class JsonScanError extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at ${offset}`);
  }
}
