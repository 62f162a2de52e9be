import type { CommandModule } from 'yargs';
import { PlateauDoctorError } from '../errors.js';
import type { CliIO } from './io.js';

/** `plateau-doctor report`: placeholder until its issue lands. */
export function reportCommand(io: CliIO, state: { exitCode: number }): CommandModule {
  void io;
  void state;
  return {
    command: 'report',
    describe: '(not yet available)',
    builder: (y) => y,
    handler: () => {
      throw new PlateauDoctorError('report is not available yet');
    },
  };
}
