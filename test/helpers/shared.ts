import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root (this file is test/helpers/shared.ts). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The shared data folder (`../shared` next to the repository, or $PLATEAU_DOCTOR_SHARED), or
 * undefined when it is absent. Tests that need it use `describe.skipIf(!shared)` and say so.
 */
export const sharedDir: string | undefined = (() => {
  const candidates = [process.env.PLATEAU_DOCTOR_SHARED, path.resolve(repoRoot, '..', 'shared')];
  for (const c of candidates) if (c && existsSync(path.join(c, 'mnist'))) return c;
  return undefined;
})();

export function sharedPath(...parts: string[]): string {
  if (!sharedDir) throw new Error('shared data folder absent');
  return path.join(sharedDir, ...parts);
}

/** A reason string for skipped suites, printed once per suite. */
export function skipNote(what: string): string {
  const note = `skipped: ${what} needs ../shared (absent on this machine)`;
  if (!sharedDir) console.warn(note);
  return note;
}
