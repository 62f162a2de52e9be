import { describe, expect, it } from 'vitest';
import { createDoctorController } from '../../src/lr/doctor.js';
import { simulateDoctor } from '../helpers/simulate-doctor.js';
import { Rng } from '../../src/rng.js';

const LN10 = Math.log(10);

/** Runs the doctor over `epochs` x `spe` steps (no epoch records); `lossAt(step, lr, sinceCut)` gives the batch loss. */
function simulate(lossAt: (step: number, lr: number, sinceCut: number) => number, initialLr: number, epochs = 8, spe = 500, options = {}) {
  return simulateDoctor(lossAt, initialLr, { epochs, spe, options, epochRecords: false });
}

describe('doctor: stuck split into dead and bouncing', () => {
  it('dead, pinned exactly at ln C (no noise): no cut, says a cut changes nothing and what to do instead', () => {
    const { cuts, messages } = simulate(() => LN10, 0.5);
    expect(cuts).toEqual([]);
    const text = messages.join('\n');
    expect(text).toMatch(/dead: the loss is pinned at 2\.303 \(step noise 0(\.0+)?% of level, under 0\.01%\): no gradient moves the weights, so no LR cut can revive it; restart with a lower initial LR or another initialisation; no cut/);
  });

  it('dead after a trial cut that changed nothing (loss at ln C with 1% noise whatever the LR): one cut, then says so', () => {
    const rng = new Rng(8);
    const { cuts, messages } = simulate(() => LN10 * Math.exp(0.01 * rng.normal()), 0.5);
    expect(cuts).toHaveLength(1);
    expect(cuts[0].decision.verdict).toBe('stuck');
    expect(cuts[0].decision.reason).toMatch(/bouncing: the loss stays noisy near its stuck level 2\.\d+ \(step noise [\d.]+% of level\), as when the LR is too high; a trial cut/);
    expect(cuts[0].decision.evidence).toMatchObject({ stuck: { kind: 'bouncing', cut: null } });
    expect(messages.join('\n')).toMatch(/dead: the cut at step [\d,]+ \(lr 0\.5 -> 0\.05\) took the smoothed loss from 2\.\d+ to 2\.\d+ at lowest \([-+]\d\.\d+%\), less than the 3\.0% a revival needs .*further cuts will not revive it; restart with a lower initial LR \(e\.g\. 0\.05\)/);
  });

  it('bouncing: cuts again while each cut lowered the loss, stops at the first that did not', () => {
    // Above lr 0.05 the loss bounces around ln 10 (10% noise). A cut to 0.5 gives a brief dip
    // (to 1.8, back within ~300 steps); a cut to 0.05 revives it for good.
    const rng = new Rng(3);
    const lossAt = (_s: number, lr: number, sinceCut: number) => {
      let level = LN10;
      if (lr <= 0.05) level = 0.4 + (LN10 - 0.4) * Math.exp(-sinceCut / 150);
      else if (lr < 5) level = LN10 - 0.5 * Math.exp(-sinceCut / 300);
      return level * Math.exp(0.1 * rng.normal());
    };
    const { cuts } = simulate(lossAt, 5, 12);
    // Two cuts on stuck (5 -> 0.5 -> 0.05); what follows is the revived network's own business (a plateau).
    const onStuck = cuts.filter((c) => c.decision.verdict === 'stuck');
    expect(onStuck.map((c) => c.decision.lr)).toEqual([0.5, 0.05]);
    expect(onStuck[1].decision.reason).toMatch(/bouncing: the cut at step [\d,]+ \(lr 5 -> 0\.5\) took the smoothed loss from 2\.\d+ to 1\.\d+ at lowest \(-\d+%\) \(at least 3\.0% needed\) and it is stuck again/);
    expect(onStuck[1].decision.evidence).toMatchObject({ stuck: { kind: 'bouncing', cut: { oldLr: 5, newLr: 0.5 } } });
    // And the dip was no fluke of the test: with a cut to 0.5 that changes nothing, one trial cut only.
    const rng2 = new Rng(3);
    const flat = simulate((_s, lr) => (lr <= 0.05 ? 0.4 : LN10) * Math.exp(0.1 * rng2.normal()), 5, 12);
    expect(flat.cuts.map((c) => c.decision.lr)).toEqual([0.5]);
    expect(flat.messages.join('\n')).toMatch(/dead: the cut at step [\d,]+ \(lr 5 -> 0\.5\)/);
  });

  it('refuses invalid stuck options with one line', () => {
    expect(() => createDoctorController({ deadNoise: -1 })).toThrow(/^doctor: --dead-noise must be in \[0, 1\), got -1$/);
    expect(() => createDoctorController({ responseDrop: 0 })).toThrow(/^doctor: --response-drop must be in \(0, 1\), got 0$/);
  });
});
