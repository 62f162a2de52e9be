import { PlateauDoctorError } from '../errors.js';
import { averageHorizonOf, type RunPlan } from './events.js';

/**
 * The one check of a plan's numbers (used by `planRuns` for the CLI's options and by the
 * trainer for any plan it is given); throws a PlateauDoctorError naming the option.
 *
 * @example checkPlan({ epochs: 0, batchSize: 64, lr: 0.01, valSize: 5000, seed: 0 }); // throws '--epochs must be a positive integer, got 0'
 */
export function checkPlan(plan: Pick<RunPlan, 'epochs' | 'batchSize' | 'lr' | 'valSize' | 'seed' | 'averageHorizon' | 'finalWeights'>): void {
  positiveInteger('--epochs', plan.epochs);
  positiveInteger('--batch-size', plan.batchSize);
  if (!Number.isInteger(plan.seed) || plan.seed < 0) throw new PlateauDoctorError(`--seed must be a non-negative integer, got ${shown(plan.seed)}`);
  if (!Number.isInteger(plan.valSize) || plan.valSize < 0) throw new PlateauDoctorError(`--val-size must be a non-negative integer, got ${shown(plan.valSize)}`);
  if (!Number.isFinite(plan.lr) || plan.lr <= 0) throw new PlateauDoctorError(`--lr must be a positive number, got ${shown(plan.lr)}`);
  const horizon = averageHorizonOf(plan);
  if (!Number.isFinite(horizon) || horizon < 0) {
    throw new PlateauDoctorError(`--average-horizon must be a number of epochs >= 0 (0: no averaged weights), got ${shown(horizon)}`);
  }
  if (plan.finalWeights === 'averaged' && horizon === 0) {
    throw new PlateauDoctorError('--final-weights averaged needs averaged weights: use --average-horizon N (N > 0)');
  }
}

/** Refuses anything but a whole number >= 1, naming the flag. */
export function positiveInteger(flag: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) throw new PlateauDoctorError(`${flag} must be a positive integer, got ${shown(v)}`);
}

/** How a parsed number is shown in an error: yargs turns "abc" into NaN. */
function shown(v: number): string {
  return Number.isNaN(v) ? 'something that is not a number' : String(v);
}
