// The CLI from source, for tests that spawn it (bin/plateau-doctor.js runs the built dist/).
import { main } from '../../src/cli.js';

process.exitCode = await main(process.argv.slice(2));
