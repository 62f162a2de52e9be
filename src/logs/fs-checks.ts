import { statSync } from 'node:fs';

/** True when `p` is a directory (false when it is anything else or does not exist). */
export function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
