import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
/** True for `-` and for paths that are pipes or character devices (not files or folders). */
export async function isStreamInput(arg, abs) {
    if (arg === '-')
        return true;
    try {
        const st = await stat(abs);
        return st.isFIFO() || st.isCharacterDevice() || st.isSocket();
    }
    catch {
        return false;
    }
}
/** Starts copying `-` (from `stdin`) or a pipe/device path into a temporary file. */
export function openStreamInput(arg, abs, stdin) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'plateau-doctor-stdin-'));
    const file = path.join(dir, arg === '-' ? 'stdin' : path.basename(abs) || 'input');
    const source = arg === '-' ? stdin : createReadStream(abs);
    writeFileSync(file, ''); // exists from the start (--follow polls it at once)
    const out = createWriteStream(file, { flags: 'a' });
    const done = new Promise((resolve) => {
        const finish = () => out.end(() => resolve());
        if (!source)
            return finish();
        source.on('error', finish);
        source.on('end', finish);
        source.pipe(out, { end: false });
    });
    return { name: arg === '-' ? '<stdin>' : arg, file, done, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
//# sourceMappingURL=stdin-input.js.map