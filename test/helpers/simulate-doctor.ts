import { createDoctorController } from '../../src/lr/doctor.js';
import type { LrDecision } from '../../src/lr/controller.js';

/**
 * Runs the doctor over `epochs` x `spe` steps of a 10-class task; `lossAt(step, lr, sinceCut)`
 * gives the batch loss. With `epochRecords`, each epoch ends with an EpochRecord whose train loss
 * is the epoch's mean step loss (no validation, no average), as the trainer sends it.
 */
export function simulateDoctor(
  lossAt: (step: number, lr: number, sinceCut: number) => number,
  initialLr: number,
  o: { epochs: number; spe: number; options?: Record<string, unknown>; epochRecords: boolean },
) {
  const doctor = createDoctorController(o.options ?? {});
  doctor.start?.({ initialLr, stepsPerEpoch: o.spe, epochs: o.epochs, classes: 10 });
  let lr = initialLr;
  let lastCut = 0;
  const cuts: Array<{ step: number; decision: LrDecision }> = [];
  const messages: string[] = [];
  const take = (step: number, d: LrDecision | undefined) => {
    if (d) (cuts.push({ step, decision: d }), (lr = d.lr), (lastCut = step));
    messages.push(...(doctor.drainMessages?.() ?? []));
  };
  for (let e = 1; e <= o.epochs; e++) {
    let sum = 0;
    for (let i = 1; i <= o.spe; i++) {
      const step = (e - 1) * o.spe + i;
      const loss = lossAt(step, lr, step - lastCut);
      sum += loss;
      take(step, doctor.onStep?.(step, loss, lr));
    }
    if (o.epochRecords) {
      take(e * o.spe, doctor.onEpoch?.({ epoch: e, trainLoss: sum / o.spe, valLoss: null, valAccuracy: null, testLoss: Number.NaN, testAccuracy: Number.NaN, lr, seconds: 0 }));
    }
  }
  return { cuts, messages, lr };
}
