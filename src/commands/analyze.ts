import type { CommandModule } from 'yargs';
import { PlateauDoctorError } from '../errors.js';
import type { CliIO } from './io.js';

/** `plateau-doctor analyze`: placeholder until its issue lands. */
export function analyzeCommand(io: CliIO, state: { exitCode: number }): CommandModule {
  void io;
  void state;
  return {
    command: 'analyze',
    describe: '(not yet available)',
    builder: (y) => y,
    handler: () => {
      throw new PlateauDoctorError('analyze is not available yet');
    },
  };
}
