import yargs from 'yargs';
import { PlateauDoctorError, isUserError } from './errors.js';
import { STDIN_TOKEN, interruptedExitCode, processIO, signalExitCode, terminalSafe } from './commands/io.js';
import { VERSION } from './version.js';
/**
 * The commands. Each module is imported only when its command is named, so `--version`,
 * `--help` and `analyze` never load what `run` needs (a test checks that none of them loads
 * TensorFlow.js).
 */
const COMMANDS = {
    run: {
        command: 'run',
        describe: 'Train the seed pipeline under several LR schedules and compare them',
        load: async () => (await import('./commands/run.js')).runCommand,
    },
    analyze: {
        command: 'analyze [files..]',
        describe: 'Diagnose loss logs from any framework (CSV, Keras, Lightning, TensorBoard, Hugging Face, W&B, text)',
        load: async () => (await import('./commands/analyze.js')).analyzeCommand,
    },
    report: {
        command: 'report <dirs..>',
        describe: 'Write a self-contained HTML report comparing saved runs (run directories or output directories of `run`)',
        load: async () => (await import('./commands/report.js')).reportCommand,
    },
};
/** The command named on the command line (the first argument that names one), if any. */
function requestedCommand(argv) {
    return argv.find((arg) => Object.hasOwn(COMMANDS, arg));
}
/**
 * Parses argv and runs one command. Returns the exit code: 0 ok, 1 a `--fail-on` match,
 * 2 bad usage or bad input, 130 interrupted (Ctrl-C), 143 terminated (SIGTERM). User errors print one
 * line, never a stack.
 */
export async function main(argv, io) {
    const controller = new AbortController();
    // SIGTERM (kill, Slurm, Kubernetes) is handled like Ctrl-C: finish the step, flush, mark the
    // runs interrupted, write the summary and report; the exit code says which signal (128 + n).
    const onSignal = (signal) => {
        if (controller.signal.aborted)
            process.exit(signalExitCode(signal));
        controller.abort(signal);
    };
    const onSigint = () => onSignal('SIGINT');
    const onSigterm = () => onSignal('SIGTERM');
    const ownIO = io === undefined;
    if (ownIO) {
        process.on('SIGINT', onSigint);
        process.on('SIGTERM', onSigterm);
    }
    const cliIO = terminalSafe(io ?? processIO(controller.signal));
    const state = { exitCode: 0 };
    try {
        // A lone `-` (standard input) would be dropped by yargs: pass it as a token analyze knows.
        argv = argv.map((a) => (a === '-' ? STDIN_TOKEN : a));
        const parser = yargs(argv)
            .scriptName('plateau-doctor')
            .usage('$0 <command> [options]\n\nDiagnose learning-rate plateaus: train and compare LR schedules, or analyse any loss log.')
            .demandCommand(1, 'Name a command: run, analyze or report (see --help).')
            .strict()
            .version(VERSION)
            .alias('h', 'help')
            .wrap(Math.min(110, process.stdout.columns ?? 100))
            .exitProcess(false)
            .fail((msg, err) => {
            // yargs' own validation errors (YError) are usage errors; anything else is ours.
            if (err && err.name !== 'YError')
                throw err;
            throw new PlateauDoctorError(usageMessage(msg ?? err?.message ?? 'bad usage'));
        })
            .showHelpOnFail(false);
        const requested = requestedCommand(argv);
        for (const [name, { command, describe, load }] of Object.entries(COMMANDS)) {
            // A command not named needs only its name and description (for --help).
            const module = name === requested ? (await load())(cliIO, state) : { handler: () => undefined };
            parser.command({ ...module, command, describe });
        }
        let helpOrVersion = false;
        await parser.parseAsync(argv, {}, (err, _parsed, output) => {
            if (output && !err) {
                helpOrVersion = true;
                cliIO.stdout(output.endsWith('\n') ? output : output + '\n');
            }
        });
        if (helpOrVersion)
            return 0;
        return interruptedExitCode(state.exitCode, cliIO.signal);
    }
    catch (error) {
        if (isUserError(error)) {
            cliIO.stderr(`plateau-doctor: ${error.message}\n`);
            return interruptedExitCode(error.exitCode, cliIO.signal);
        }
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        cliIO.stderr(`plateau-doctor: internal error (please report it):\n${message}\n`);
        return 70;
    }
    finally {
        if (ownIO) {
            process.off('SIGINT', onSigint);
            process.off('SIGTERM', onSigterm);
        }
    }
}
/** yargs' wording for a value-less option, as plateau-doctor says it: "--lr needs a value". */
function usageMessage(msg) {
    const m = /^Not enough arguments following: (.+)$/.exec(msg);
    return m ? `--${m[1]} needs a value (e.g. --${m[1]} VALUE); it was followed by nothing or by another option` : msg;
}
export { PlateauDoctorError };
//# sourceMappingURL=cli.js.map