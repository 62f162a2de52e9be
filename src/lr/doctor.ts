import type { LrController } from './controller.js';
import type { PlateauDetector } from '../detect/detector.js';
import { publicDoctorOptions, resolveDoctorSettings, type DoctorOptions } from './doctor-options.js';
import { doctorStateDict, loadDoctorState, newDoctorRun, startDoctorRun, type DoctorState } from './doctor-run.js';
import { doctorStep } from './doctor-step.js';
import { doctorEpoch } from './doctor-epoch.js';

export { doctorDefaults, DOCTOR_OPTION_KEYS, type DoctorOptions } from './doctor-options.js';
export type { DoctorGapState, DoctorState } from './doctor-run.js';

/** The doctor as an LrController, with its detector and state for resuming. */
export interface DoctorController extends LrController {
  readonly name: 'doctor';
  readonly options: Readonly<Record<string, unknown>>;
  /** The detector (created at `start`, or at the first step). */
  readonly detector: PlateauDetector | undefined;
  stateDict(): DoctorState;
  loadStateDict(state: DoctorState): void;
}

/**
 * The `doctor` schedule: feeds every step's loss (and each epoch's training and validation
 * loss; never test fields) to a PlateauDetector and cuts the LR by `decayFactor` when a decay
 * is expected to help.
 *
 * Gap mode (epoch records carry `average.gap`, the weight-average gap): the cut rule is
 * `judgeAverageGap` (average-gap.ts: the gap's interval above `gapThreshold` of the averaged loss
 * for `confirmations` epochs, unless the averaged curve's forecast outruns it); `plateau` and the
 * raw-validation `overfitting` no longer cut; `stuck` as below; real overfitting of the averaged
 * weights (averaged-overfitting.ts) is advice to stop early, or with `earlyStop` a stop decision.
 *
 * Without averaged weights:
 *
 * - `plateau` (training loss fell, then flat), confirmed `confirmations` times in a row, and the
 *   flat stretch began after the previous cut (a cut that changed nothing is not repeated);
 * - `overfitting` (validation loss rising after its best beyond doubt: Sen's interval above 0 over
 *   at least `valWindow` epochs, while training loss falls), checked after each epoch; repeated
 *   only if the validation loss made a new best since the previous such cut. A wobble whose
 *   interval spans 0 never cuts;
 * - `stuck`, split in two (`stuck.ts`): `dead` (step noise ~0, or the last cut did not lower the
 *   loss): no cut, the reason says to restart with a lower initial LR or another initialisation;
 *   `bouncing` (noisy near the stuck level): `maxStuckCuts` trial cuts, then more only while each
 *   cut lowered the smoothed loss by `responseDrop`.
 *
 * Never on `descending`, `insufficient_data`, `warmup` or `diverging`. After a cut, `cooldown`
 * steps pass before the next. Each decision's reason is one line with the numbers, e.g.
 * "step 5630: plateau since step 4100, trend -0.3%/epoch (95% CI -0.9..+0.2), noise 18% of level; lr 0.1 -> 0.01".
 *
 * The pieces: `doctor-options.ts` (defaults, validation), `doctor-run.ts` (the state, one typed
 * object, and its state dict), `doctor-step.ts` (the step feed, plateau and stuck rules),
 * `doctor-epoch.ts` (the epoch rules), `doctor-cut.ts` (the cut and its reason line).
 *
 * @example
 *   const doctor = createDoctorController({ decayFactor: 0.1 });
 *   doctor.start?.({ initialLr: 0.1, stepsPerEpoch: 938, epochs: 30, classes: 10 });
 *   doctor.onStep?.(1, 2.31, 0.1); // undefined until a decay is expected to help
 */
export function createDoctorController(options: DoctorOptions = {}): DoctorController {
  const settings = resolveDoctorSettings(options);
  const run = newDoctorRun(settings);
  return {
    name: 'doctor',
    options: publicDoctorOptions(settings),
    get detector() {
      return run.detector;
    },
    start: (info) => startDoctorRun(run, info),
    onStep: (step, loss, currentLr) => doctorStep(run, step, loss, currentLr),
    onEpoch: (record) => doctorEpoch(run, record),
    drainMessages: () => run.messages.splice(0, run.messages.length),
    stateDict: () => doctorStateDict(run),
    loadStateDict: (state) => loadDoctorState(run, state),
  };
}
