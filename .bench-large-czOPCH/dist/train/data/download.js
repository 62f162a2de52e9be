import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { PlateauDoctorError } from '../../errors.js';
class Interrupted extends Error {
}
/** The network could not deliver the file (unreachable, timeout, HTTP error): try elsewhere. */
export class DownloadUnavailableError extends Error {
    url;
    constructor(url, message) {
        super(`${url}: ${message}`);
        this.url = url;
        this.name = 'DownloadUnavailableError';
    }
}
/**
 * Downloads `url` to `dest`, computing the MD5 as the bytes arrive. The bytes go to a
 * temporary file next to `dest`, renamed to `dest` only when the MD5 equals `expectedMd5`.
 * A mismatch deletes the temporary file and throws a PlateauDoctorError; a network failure
 * deletes it and throws DownloadUnavailableError (the caller may try another mirror).
 */
export async function downloadVerified(url, dest, expectedMd5, options = {}) {
    const fetchImpl = options.fetchImpl ?? fetch;
    const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
    const idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
    const temp = `${dest}.part-${process.pid}-${randomBytes(4).toString('hex')}`;
    const controller = new AbortController();
    const outer = options.signal;
    const onOuterAbort = () => controller.abort(new Interrupted('interrupted'));
    if (outer?.aborted)
        onOuterAbort();
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    let timer = setTimeout(() => controller.abort(new Error(`no response within ${connectTimeoutMs} ms`)), connectTimeoutMs);
    const hash = createHash('md5');
    let handle;
    let verified = false;
    try {
        let response;
        try {
            response = await fetchImpl(url, { signal: controller.signal });
        }
        catch (error) {
            throw new DownloadUnavailableError(url, describeFetchError(error, controller.signal));
        }
        if (!response.ok || !response.body) {
            throw new DownloadUnavailableError(url, `HTTP ${response.status} ${response.statusText}`.trim());
        }
        await mkdir(path.dirname(dest), { recursive: true });
        handle = await open(temp, 'w');
        const reader = response.body.getReader();
        for (;;) {
            clearTimeout(timer);
            timer = setTimeout(() => controller.abort(new Error(`download stalled for ${idleTimeoutMs} ms`)), idleTimeoutMs);
            let chunk;
            try {
                chunk = await reader.read();
            }
            catch (error) {
                throw new DownloadUnavailableError(url, describeFetchError(error, controller.signal));
            }
            if (chunk.done)
                break;
            hash.update(chunk.value);
            await handle.write(chunk.value);
        }
        await handle.close();
        handle = undefined;
        const md5 = hash.digest('hex');
        if (md5 !== expectedMd5) {
            throw new PlateauDoctorError(`${dest}: MD5 mismatch for the file downloaded from ${url}: expected ${expectedMd5}, got ${md5}; the file was not kept. Try again later, or download it yourself and put it in ${path.dirname(dest)}`);
        }
        await rename(temp, dest);
        verified = true;
    }
    catch (error) {
        if (controller.signal.reason instanceof Interrupted) {
            throw new PlateauDoctorError(`download of ${url} interrupted; nothing was kept in ${path.dirname(dest)}`, { exitCode: 130, cause: error });
        }
        throw error;
    }
    finally {
        outer?.removeEventListener('abort', onOuterAbort);
        clearTimeout(timer);
        if (handle)
            await handle.close().catch(() => undefined);
        if (!verified)
            await rm(temp, { force: true });
    }
}
function describeFetchError(error, signal) {
    if (signal.aborted && signal.reason instanceof Error)
        return signal.reason.message;
    const err = error;
    const cause = err.cause?.code ?? err.cause?.message;
    return cause ? `${err.message} (${cause})` : err.message;
}
//# sourceMappingURL=download.js.map