/**
 * Writes `data` to `file` atomically: a temporary file in the same directory, flushed, then
 * renamed over the target. A reader never sees a half-written file, and an interrupted
 * write leaves the previous content (or nothing) in place.
 */
export declare function writeFileAtomic(file: string, data: string | Uint8Array): void;
