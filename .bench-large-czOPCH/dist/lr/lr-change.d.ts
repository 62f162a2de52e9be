import type { LrChangeEvent } from '../logs/run-log.js';
import type { LrDecision } from './controller.js';
/** Where the loop is when a controller decides: the last step done, its epoch and the LR it used. */
export interface LrPosition {
    step: number;
    epoch: number;
    lr: number;
}
/**
 * Turns a controller's decision into the LR change both loops apply and log (the trainer and
 * the tfjs callbacks): `undefined` when there is nothing to change (no decision, or the same
 * LR). The one rule for a new LR: a finite number >= 0 (0 freezes the weights, as SGD allows);
 * anything else is a PlateauDoctorError naming the controller and the step.
 *
 *   lrChange('step', { lr: 0.001, reason: 'StepLR: ...' }, { step: 4690, epoch: 5, lr: 0.01 });
 *   // => { step: 4690, epoch: 5, oldLr: 0.01, newLr: 0.001, reason: 'StepLR: ...' }
 */
export declare function lrChange(controller: string, decision: LrDecision | undefined, at: LrPosition): LrChangeEvent | undefined;
