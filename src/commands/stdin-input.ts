import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Input that is not a regular file: `-` (standard input), a FIFO, `/dev/stdin`, `<(...)`.
 * Their size is 0 and they can be read once, so they are copied to a temporary file (streamed,
 * never held in memory) that the readers then read like any log; `name` is what messages say.
 */
export interface StreamInput {
  name: string;
  /** The temporary copy. */
  file: string;
  /** Resolves when the source has ended (everything is in `file`). */
  done: Promise<void>;
  /** Removes the temporary copy. */
  dispose(): void;
}

/** True for `-` and for paths that are pipes or character devices (not files or folders). */
export async function isStreamInput(arg: string, abs: string): Promise<boolean> {
  if (arg === '-') return true;
  try {
    const st = await stat(abs);
    return st.isFIFO() || st.isCharacterDevice() || st.isSocket();
  } catch {
    return false;
  }
}

/** Starts copying `-` (from `stdin`) or a pipe/device path into a temporary file. */
export function openStreamInput(arg: string, abs: string, stdin: NodeJS.ReadableStream | undefined): StreamInput {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plateau-doctor-stdin-'));
  const file = path.join(dir, arg === '-' ? 'stdin' : path.basename(abs) || 'input');
  const source: NodeJS.ReadableStream | undefined = arg === '-' ? stdin : createReadStream(abs);
  writeFileSync(file, ''); // exists from the start (--follow polls it at once)
  const out = createWriteStream(file, { flags: 'a' });
  const done = new Promise<void>((resolve) => {
    const finish = () => out.end(() => resolve());
    if (!source) return finish();
    source.on('error', finish);
    source.on('end', finish);
    source.pipe(out, { end: false });
  });
  return { name: arg === '-' ? '<stdin>' : arg, file, done, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
