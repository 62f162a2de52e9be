import yargs from 'yargs';
import { PlateauDoctorError, isUserError } from './errors.js';
import { processIO, type CliIO } from './commands/io.js';
import { runCommand } from './commands/run.js';
import { analyzeCommand } from './commands/analyze.js';
import { reportCommand } from './commands/report.js';
import { VERSION } from './version.js';

/**
 * Parses argv and runs one command. Returns the exit code: 0 ok, 1 a `--fail-on` match,
 * 2 bad usage or bad input, 130 interrupted. User errors print one line, never a stack.
 */
export async function main(argv: string[], io?: CliIO): Promise<number> {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  const ownIO = io === undefined;
  if (ownIO) process.on('SIGINT', onSigint);
  const cliIO = io ?? processIO(controller.signal);
  const state = { exitCode: 0 };
  try {
    const parser = yargs(argv)
      .scriptName('plateau-doctor')
      .usage('$0 <command> [options]\n\nDiagnose learning-rate plateaus: train and compare LR schedules, or analyse any loss log.')
      .command(runCommand(cliIO, state))
      .command(analyzeCommand(cliIO, state))
      .command(reportCommand(cliIO, state))
      .demandCommand(1, 'Name a command: run, analyze or report (see --help).')
      .strict()
      .version(VERSION)
      .alias('h', 'help')
      .wrap(Math.min(110, process.stdout.columns ?? 100))
      .exitProcess(false)
      .fail((msg, err) => {
        if (err) throw err;
        throw new PlateauDoctorError(msg);
      })
      .showHelpOnFail(false);
    let helpOrVersion = false;
    await parser.parseAsync(argv, {}, (err, _parsed, output) => {
      if (output && !err) {
        helpOrVersion = true;
        cliIO.stdout(output.endsWith('\n') ? output : output + '\n');
      }
    });
    if (helpOrVersion) return 0;
    return state.exitCode;
  } catch (error) {
    if (isUserError(error)) {
      cliIO.stderr(`plateau-doctor: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    cliIO.stderr(`plateau-doctor: internal error (please report it):\n${message}\n`);
    return 70;
  } finally {
    if (ownIO) process.off('SIGINT', onSigint);
  }
}

export { PlateauDoctorError };
