export interface DownloadOptions {
    /** The fetch to use. Default: the global `fetch`. */
    fetchImpl?: typeof fetch;
    /** Abort when no response headers arrived after this many ms. Default 5,000. */
    connectTimeoutMs?: number;
    /** Abort when the body stalls for this many ms. Default 30,000. */
    idleTimeoutMs?: number;
    /** Aborts the download (Ctrl-C): the partial file is deleted and a PlateauDoctorError with exit code 130 is thrown. */
    signal?: AbortSignal;
}
/** The network could not deliver the file (unreachable, timeout, HTTP error): try elsewhere. */
export declare class DownloadUnavailableError extends Error {
    readonly url: string;
    constructor(url: string, message: string);
}
/**
 * Downloads `url` to `dest`, computing the MD5 as the bytes arrive. The bytes go to a
 * temporary file next to `dest`, renamed to `dest` only when the MD5 equals `expectedMd5`.
 * A mismatch deletes the temporary file and throws a PlateauDoctorError; a network failure
 * deletes it and throws DownloadUnavailableError (the caller may try another mirror).
 */
export declare function downloadVerified(url: string, dest: string, expectedMd5: string, options?: DownloadOptions): Promise<void>;
