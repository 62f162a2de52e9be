/**
 * The detector's view of trained runs: one offline diagnosis of each run's step losses, for
 * the run report (which draws the plateaus and the knee it is given, and never runs the detector).
 */
import { diagnoseSeries } from '../detect/diagnose.js';
import type { DiagnoseOptions, SeriesDiagnosis } from '../detect/types.js';
import type { RunLog } from '../logs/run-log.js';

/** The offline diagnosis (src/detect `diagnoseSeries`, the default); tests may pass another function of the same shape. */
export type DiagnoseRunFn = (xs: number[], ys: number[], options: DiagnoseOptions) => SeriesDiagnosis;

export interface RunDiagnoses {
  /** One per run, in the runs' order; null for a run with no steps or where the detector failed. */
  diagnoses: Array<SeriesDiagnosis | null>;
  /** One line per run the detector failed on. */
  notes: string[];
}

/**
 * Diagnoses every run's step losses with the run's own shape: steps per epoch (from its first
 * epoch, when it has more than one) and the class count its run.json records (none when not
 * recorded), and the LR of every step. A detector failure becomes a note, not an error.
 *
 * @example diagnoseRuns(readRunDirs('runs/x')).diagnoses[0]?.verdict; // => 'descending'
 */
export function diagnoseRuns(runs: readonly RunLog[], diagnose: DiagnoseRunFn = diagnoseSeries): RunDiagnoses {
  const notes: string[] = [];
  const diagnoses = runs.map((log) => {
    if (log.steps.length === 0) return null;
    const firstEpoch = log.steps[0].epoch;
    const stepsPerEpoch = log.steps.filter((s) => s.epoch === firstEpoch).length;
    const options: DiagnoseOptions = { x: 'step', stepsPerEpoch: log.epochs.length > 1 ? stepsPerEpoch : undefined, lrs: log.steps.map((s) => s.lr) };
    if (log.meta.dataset?.classes !== undefined) options.classes = log.meta.dataset.classes;
    try {
      return diagnose(log.steps.map((s) => s.step), log.steps.map((s) => s.loss), options);
    } catch (error) {
      notes.push(`The detector failed on run ${log.meta.name}: ${(error as Error).message}`);
      return null;
    }
  });
  return { diagnoses, notes };
}
