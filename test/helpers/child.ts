import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './shared.js';

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the process had to be killed after `timeoutMs`. */
  timedOut: boolean;
}

/**
 * Runs the CLI (from the TypeScript sources, through tsx) as a child process. It is killed with
 * SIGKILL after `timeoutMs`, so a hang fails the test instead of hanging it. `onStderr` sees each
 * chunk of stderr as it arrives, with the process (e.g. to send it a signal at the right moment).
 */
export function runCliChild(
  args: string[],
  options: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv; onStderr?: (chunk: string, child: ChildProcess) => void },
): Promise<ChildResult> {
  const loader = pathToFileURL(path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const entry = path.join(repoRoot, 'test', 'helpers', 'cli-child.ts');
  const child = spawn(process.execPath, ['--import', loader, entry, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
    options.onStderr?.(c, child);
  });
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}
