import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
/**
 * Streams a text file as batches of lines without holding the whole file as one string.
 * Handles LF, CRLF and the Windows CSVLogger's `\r\r\n` (trailing `\r`s are stripped, so no
 * empty line appears between rows), CR-only line ends (a first chunk with CRs and no LF), a
 * UTF-8 BOM, and a missing final newline.
 */
export async function* readLineBatches(file, options = {}) {
    const keepPartial = options.keepPartialLastLine ?? true;
    if (options.end === 0)
        return;
    const stream = createReadStream(file, { highWaterMark: options.chunkSize ?? 1 << 20, ...(options.end !== undefined ? { end: options.end - 1 } : {}) });
    const decoder = new StringDecoder('utf8');
    let carry = '';
    let lineNo = 1;
    let first = true;
    let eol = '\n';
    for await (const chunk of stream) {
        let text = carry + decoder.write(chunk);
        if (first && text.length > 0) {
            if (text.charCodeAt(0) === 0xfeff)
                text = text.slice(1);
            first = false;
            // Classic Mac line ends: a CR followed by text, and not one LF in the first chunk.
            if (text.indexOf('\n') < 0 && /\r[^\r\n]/.test(text))
                eol = '\r';
        }
        const parts = text.split(eol);
        carry = parts.pop() ?? '';
        if (parts.length === 0)
            continue;
        for (let i = 0; i < parts.length; i++)
            parts[i] = stripCR(parts[i]);
        yield { lines: parts, firstLine: lineNo };
        lineNo += parts.length;
    }
    carry += decoder.end();
    if (first && carry.charCodeAt(0) === 0xfeff)
        carry = carry.slice(1);
    if (carry.length > 0 && keepPartial)
        yield { lines: [stripCR(carry)], firstLine: lineNo };
}
function stripCR(line) {
    let end = line.length;
    while (end > 0 && line.charCodeAt(end - 1) === 13)
        end--;
    return end === line.length ? line : line.slice(0, end);
}
/**
 * Splits one delimited line. Fast path for lines without quotes; otherwise RFC 4180 quoting
 * within the line (`"a,b"` and `""` escapes). Cells are not trimmed.
 */
export function splitDelimited(line, delimiter) {
    if (line.indexOf('"') < 0)
        return line.split(delimiter);
    const cells = [];
    let cell = '';
    let inQuotes = false;
    for (let i = 0; i < line.length; i++) {
        const ch = line[i];
        if (inQuotes) {
            if (ch === '"') {
                if (line[i + 1] === '"') {
                    cell += '"';
                    i++;
                }
                else
                    inQuotes = false;
            }
            else
                cell += ch;
        }
        else if (ch === '"' && cell.trim() === '') {
            inQuotes = true;
            cell = '';
        }
        else if (ch === delimiter) {
            cells.push(cell);
            cell = '';
        }
        else
            cell += ch;
    }
    cells.push(cell);
    return cells;
}
//# sourceMappingURL=line-reader.js.map