import type { CommandModule } from 'yargs';
import { PlateauDoctorError } from '../errors.js';
import type { CliIO } from './io.js';

/** `plateau-doctor run`: placeholder until its issue lands. */
export function runCommand(io: CliIO, state: { exitCode: number }): CommandModule {
  void io;
  void state;
  return {
    command: 'run',
    describe: '(not yet available)',
    builder: (y) => y,
    handler: () => {
      throw new PlateauDoctorError('run is not available yet');
    },
  };
}
