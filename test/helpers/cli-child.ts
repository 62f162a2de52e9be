// Entry point for tests that need the CLI as a real process (signals, hangs): `main` from the sources.
import { main } from '../../src/cli.js';

process.exitCode = await main(process.argv.slice(2));
