import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** A batch of consecutive lines; `firstLine` is the 1-based line number of `lines[0]`. */
export interface LineBatch {
  lines: string[];
  firstLine: number;
}

export interface ReadLinesOptions {
  /**
   * Keep a last line that has no final newline. Default true (many real logs lack the final
   * newline); `--follow` passes false because a writer may be half-way through that line.
   */
  keepPartialLastLine?: boolean;
  /** Bytes per read. Default 1 MiB. */
  chunkSize?: number;
  /** Read only the bytes before this offset (`--follow` reads the rest later). */
  end?: number;
}

/**
 * Splits bytes into lines as they arrive, whatever the chunk boundaries (mid-line, mid-UTF-8
 * character): the lines are those of the whole byte stream. Handles LF, CRLF and the Windows
 * CSVLogger's `\r\r\n` (trailing `\r`s are stripped, so no empty line appears between rows),
 * CR-only line ends (a first chunk with CRs and no LF), a UTF-8 BOM. `readLineBatches` reads a
 * file through one; `--follow` keeps one to continue a text log after its last complete line.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private carry = '';
  private first = true;
  private eol = '\n';
  /** How many lines were returned so far (the next line's number is `lines + 1`). */
  lines = 0;
  /**
   * False when the line end was chosen from a first chunk without any LF: a longer first chunk
   * could choose otherwise, so what follows cannot be continued exactly.
   */
  eolSettled = true;

  /** `continued`: the bytes start inside a file (after a line end): no BOM, and lines end at LF. */
  constructor(options: { continued?: boolean } = {}) {
    if (options.continued) this.first = false;
  }

  /** The complete lines that `chunk` ends (a line still being written is kept for the next push). */
  push(chunk: Buffer): string[] {
    let text = this.carry + this.decoder.write(chunk);
    if (this.first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.first = false;
      // Classic Mac line ends: a CR followed by text, and not one LF in the first chunk.
      if (text.indexOf('\n') < 0) {
        this.eolSettled = false;
        if (/\r[^\r\n]/.test(text)) this.eol = '\r';
      }
    }
    const parts = text.split(this.eol);
    this.carry = parts.pop() ?? '';
    for (let i = 0; i < parts.length; i++) parts[i] = stripCR(parts[i]);
    this.lines += parts.length;
    return parts;
  }

  /** The last line when it has no newline (empty when there is none). */
  end(): string[] {
    let last = this.carry + this.decoder.end();
    this.carry = '';
    if (this.first && last.charCodeAt(0) === 0xfeff) last = last.slice(1);
    if (last.length === 0) return [];
    this.lines++;
    return [stripCR(last)];
  }
}

/**
 * Streams a text file as batches of lines without holding the whole file as one string (see
 * `LineSplitter` for line ends), keeping a missing final newline's last line unless told not to.
 */
export async function* readLineBatches(file: string, options: ReadLinesOptions = {}): AsyncGenerator<LineBatch> {
  const keepPartial = options.keepPartialLastLine ?? true;
  if (options.end === 0) return;
  const stream = createReadStream(file, { highWaterMark: options.chunkSize ?? 1 << 20, ...(options.end !== undefined ? { end: options.end - 1 } : {}) });
  const splitter = new LineSplitter();
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const firstLine = splitter.lines + 1;
    const lines = splitter.push(chunk);
    if (lines.length > 0) yield { lines, firstLine };
  }
  const firstLine = splitter.lines + 1;
  const last = splitter.end();
  if (last.length > 0 && keepPartial) yield { lines: last, firstLine };
}

function stripCR(line: string): string {
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) === 13) end--;
  return end === line.length ? line : line.slice(0, end);
}

/**
 * Splits one delimited line. Fast path for lines without quotes; otherwise RFC 4180 quoting
 * within the line (`"a,b"` and `""` escapes). Cells are not trimmed.
 */
export function splitDelimited(line: string, delimiter: string): string[] {
  if (line.indexOf('"') < 0) return line.split(delimiter);
  const cells: string[] = [];
  let cell = '';
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (inQuotes) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      inQuotes = true;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}
