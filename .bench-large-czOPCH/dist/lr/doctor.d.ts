import type { LrController } from './controller.js';
import { PlateauDetector, type DetectorState } from '../detect/detector.js';
import { type DetectorOptions } from '../detect/options.js';
/**
 * Options of the `doctor` schedule: what to do on each verdict, plus any detector threshold.
 * CLI flags (kebab-case) map one to one: --decay-factor, --min-lr, --cooldown, --confirmations,
 * --max-stuck-cuts, --plateau-rate, --val-patience ...
 */
export interface DoctorOptions extends DetectorOptions {
    /** LR multiplier on a plateau where a decay is expected to help. Default 0.1 (the seed's gamma). */
    decayFactor?: number;
    /** The LR never goes below this. Default 0. */
    minLr?: number;
    /** Steps after a cut during which no other cut happens. Default: 2 epochs when steps per epoch are known, else 20% of the steps done at the cut. */
    cooldown?: number;
    /** Consecutive plateau assessments (one per completed block) needed before a cut. Default 2. */
    confirmations?: number;
    /** Cuts allowed on `stuck` (a trial; decaying rarely revives a dead network). Default 1. */
    maxStuckCuts?: number;
    /** Cut when the validation loss stalls while the training loss still falls (`overfitting`). Default true. */
    useValidation?: boolean;
    /** Changes smaller than this are skipped (PyTorch's eps). Default 1e-8. */
    eps?: number;
}
export declare const doctorDefaults: {
    readonly decayFactor: 0.1;
    readonly minLr: 0;
    readonly confirmations: 2;
    readonly maxStuckCuts: 1;
    readonly useValidation: true;
    readonly eps: 1e-8;
};
export interface DoctorState {
    version: 1;
    detector: DetectorState | null;
    lr: number;
    lastStep: number;
    lastEpoch: number;
    lastCutStep: number | null;
    lastValCutEpoch: number | null;
    stuckCuts: number;
    plateauStreak: number;
    stuckStreak: number;
    lastVerdict: string | null;
    stepsPerEpoch: number | null;
}
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
 * is expected to help:
 *
 * - `plateau` (training loss fell, then flat), confirmed `confirmations` times in a row, and the
 *   flat stretch began after the previous cut (a cut that changed nothing is not repeated);
 * - `overfitting` (validation loss stalled while training loss falls), checked after each epoch;
 *   repeated only if the validation loss made a new best since the previous such cut;
 * - `stuck`: at most `maxStuckCuts` trial cuts (the verdict says what would help instead).
 *
 * Never on `descending`, `insufficient_data`, `warmup` or `diverging`. After a cut, `cooldown`
 * steps pass before the next. Each decision's reason is one line with the numbers, e.g.
 * "step 5630: plateau since step 4100, trend -0.3%/epoch (95% CI -0.9..+0.2), noise 18% of level; lr 0.1 -> 0.01".
 *
 * @example
 *   const doctor = createDoctorController({ decayFactor: 0.1 });
 *   doctor.start?.({ initialLr: 0.1, stepsPerEpoch: 938, epochs: 30, classes: 10 });
 *   doctor.onStep?.(1, 2.31, 0.1); // undefined until a decay is expected to help
 */
export declare function createDoctorController(options?: DoctorOptions): DoctorController;
