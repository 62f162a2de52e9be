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
    const msg = error instanceof Error ? error.message : String(error);
    const pos = /position (\d+)/.exec(msg);
    let where = file;
    if (pos) {
      const p = Number(pos[1]);
      const before = clean.slice(0, p);
      const line = before.split('\n').length;
      const column = p - before.lastIndexOf('\n');
      where = location(file, line, column);
    } else {
      const lc = /line (\d+) column (\d+)/.exec(msg);
      if (lc) where = location(file, Number(lc[1]), Number(lc[2]));
    }
    throw new PlateauDoctorError(`${where}: not valid JSON (${msg.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+.*/, '')})`);
  }
}
