import { PlateauDoctorError, location } from '../errors.js';
/**
 * Python's json module writes NaN, Infinity and -Infinity as bare literals (a diverged run);
 * this quotes them so JSON.parse reads them, as strings the readers turn back into numbers.
 *
 * quoteNonFiniteLiterals('{"loss": NaN}'); // => '{"loss": "NaN"}'
 */
export function quoteNonFiniteLiterals(text) {
    return text.replace(/([:[,]\s*)(-?Infinity|NaN)(?=\s*[,\]}])/g, '$1"$2"');
}
/**
 * Parses a whole JSON document (a leading BOM and Python's NaN/Infinity literals allowed).
 * Throws a PlateauDoctorError naming `file:line:column` of a syntax error, or saying the file is empty.
 */
export function parseJson(file, text) {
    const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (clean.trim() === '')
        throw new PlateauDoctorError(`${file}: the file is empty`);
    try {
        return JSON.parse(clean);
    }
    catch (first) {
        // Python's json module writes NaN / Infinity literals (a diverged run): read them as strings.
        if (/\b(NaN|Infinity)\b/.test(clean)) {
            try {
                return JSON.parse(quoteNonFiniteLiterals(clean));
            }
            catch {
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
 * scan, used only after JSON.parse has failed, to name the line and column.
 * NaN and (-)Infinity literals are accepted (Python writes them).
 *
 * jsonErrorOffset('{"a": [1,2,\n  3,, 4]}'); // => 16 (the second comma)
 */
export function jsonErrorOffset(text) {
    // Iterative (an explicit stack of open brackets), so 500,000 nested '[' cannot overflow the call stack.
    let i = 0;
    const open = [];
    const ws = () => {
        while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r'))
            i++;
    };
    /** Skips a string starting at i; false when it is not closed or holds a control character. */
    const string = () => {
        i++;
        while (i < text.length) {
            const c = text[i];
            if (c === '\\')
                i += 2;
            else if (c === '"') {
                i++;
                return true;
            }
            else if (c < ' ')
                return false;
            else
                i++;
        }
        i = Math.min(i, text.length);
        return false;
    };
    /** After an object's '{' or ',': a key and its ':'. */
    const key = () => {
        ws();
        if (text[i] !== '"' || !string())
            return false;
        ws();
        if (text[i] !== ':')
            return false;
        i++;
        return true;
    };
    for (;;) {
        // A value.
        ws();
        const c = text[i];
        if (c === '{' || c === '[') {
            i++;
            ws();
            if (text[i] === (c === '{' ? '}' : ']'))
                i++;
            else {
                open.push(c);
                if (c === '{' && !key())
                    return Math.min(i, text.length);
                continue;
            }
        }
        else if (c === '"') {
            if (!string())
                return Math.min(i, text.length);
        }
        else {
            const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|NaN|-?Infinity)/.exec(text.slice(i, i + 400));
            if (!m)
                return Math.min(i, text.length);
            i += m[0].length;
        }
        // After a value: close brackets, or a ',' before the next value.
        for (;;) {
            ws();
            const top = open[open.length - 1];
            if (top === undefined)
                return i < text.length ? i : -1;
            if (text[i] === ',') {
                i++;
                if (top === '{' && !key())
                    return Math.min(i, text.length);
                break;
            }
            if (text[i] !== (top === '{' ? '}' : ']'))
                return Math.min(i, text.length);
            i++;
            open.pop();
        }
    }
}
//# sourceMappingURL=json-text.js.map