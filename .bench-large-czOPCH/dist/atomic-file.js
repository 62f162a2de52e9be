import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
/**
 * Writes `data` to `file` atomically: a temporary file in the same directory, flushed, then
 * renamed over the target. A reader never sees a half-written file, and an interrupted
 * write leaves the previous content (or nothing) in place.
 */
export function writeFileAtomic(file, data) {
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
    const fd = openSync(tmp, 'w');
    try {
        writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
        fsyncSync(fd);
    }
    catch (error) {
        closeSync(fd);
        rmSync(tmp, { force: true });
        throw error;
    }
    closeSync(fd);
    try {
        renameSync(tmp, file);
    }
    catch (error) {
        rmSync(tmp, { force: true });
        throw error;
    }
}
//# sourceMappingURL=atomic-file.js.map