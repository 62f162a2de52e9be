import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { captureIO } from './helpers/io.js';

describe('cli', () => {
  it('prints the version from package.json', async () => {
    const io = captureIO();
    expect(await main(['--version'], io)).toBe(0);
    expect(io.out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('rejects an unknown option with one line and exit code 2', async () => {
    const io = captureIO();
    expect(await main(['run', '--bogus-flag'], io)).toBe(2);
    expect(io.err.trim().split('\n')).toHaveLength(1);
    expect(io.err).toMatch(/bogus-flag/);
  });

  it('asks for a command when none is given', async () => {
    const io = captureIO();
    expect(await main([], io)).toBe(2);
    expect(io.err).toMatch(/command/);
  });
});
