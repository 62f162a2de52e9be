import { PlateauDoctorError } from '../errors.js';
/**
 * Turns a controller's decision into the LR change both loops apply and log (the trainer and
 * the tfjs callbacks): `undefined` when there is nothing to change (no decision, or the same
 * LR). The one rule for a new LR: a finite number >= 0 (0 freezes the weights, as SGD allows);
 * anything else is a PlateauDoctorError naming the controller and the step.
 *
 *   lrChange('step', { lr: 0.001, reason: 'StepLR: ...' }, { step: 4690, epoch: 5, lr: 0.01 });
 *   // => { step: 4690, epoch: 5, oldLr: 0.01, newLr: 0.001, reason: 'StepLR: ...' }
 */
export function lrChange(controller, decision, at) {
    if (!decision || decision.lr === at.lr)
        return undefined;
    if (!(Number.isFinite(decision.lr) && decision.lr >= 0)) {
        throw new PlateauDoctorError(`LR controller "${controller}" asked for an invalid learning rate ${decision.lr} at step ${at.step}; a learning rate must be a finite number >= 0`);
    }
    const event = { step: at.step, epoch: at.epoch, oldLr: at.lr, newLr: decision.lr, reason: decision.reason };
    if (decision.verdict !== undefined)
        event.verdict = decision.verdict;
    if (decision.evidence !== undefined)
        event.evidence = decision.evidence;
    return event;
}
//# sourceMappingURL=lr-change.js.map