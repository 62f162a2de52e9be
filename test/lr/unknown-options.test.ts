import { describe, expect, it } from 'vitest';
import {
  createDoctorController,
  createSchedulerController,
  diagnoseSeries,
  ExponentialLR,
  MultiStepLR,
  PlateauDetector,
  PlateauDoctorError,
  ReduceLROnPlateau,
  StepLR,
} from '../../src/index.js';
import { lrControllerCallback, plateauDoctor, reduceLROnPlateau } from '../../src/tfjs/index.js';

// Issue 11: a typo in an options object (`gama`) silently kept the default. Every scheduler,
// controller and detector options object now rejects keys it does not know.
describe('unknown option keys throw PlateauDoctorError naming the key', () => {
  it.each([
    ['StepLR', () => new StepLR(0.01, { stepSize: 5, gama: 0.1 } as never), /StepLR: unknown option gama \(did you mean gamma\?\)/],
    ['MultiStepLR', () => new MultiStepLR(0.01, { milestones: [5], gammma: 0.1 } as never), /MultiStepLR: unknown option gammma/],
    ['ExponentialLR', () => new ExponentialLR(0.01, { gamma: 0.9, step: 1 } as never), /ExponentialLR: unknown option step/],
    ['ReduceLROnPlateau', () => new ReduceLROnPlateau(0.01, { patiense: 3 } as never), /ReduceLROnPlateau: unknown option patiense/],
    ['createSchedulerController step', () => createSchedulerController('step', { stepSize: 5, gama: 0.1 } as never), /schedule step: unknown option gama/],
    ['createSchedulerController none', () => createSchedulerController('none', { gamma: 0.1 }), /schedule none: unknown option gamma/],
    ['createSchedulerController plateau', () => createSchedulerController('plateau', { monitr: 'val_loss' } as never), /unknown option monitr/],
    ['PlateauDetector', () => new PlateauDetector({ plateauRat: 0.01 } as never), /detector: unknown option plateauRat/],
    ['createDoctorController', () => createDoctorController({ decayFactr: 0.5 } as never), /doctor: unknown option decayFactr/],
    ['plateauDoctor callback', () => plateauDoctor({ confirmation: 3 } as never), /^plateauDoctor: unknown option confirmation \(did you mean confirmations\?\)/],
    ['lrControllerCallback', () => lrControllerCallback(createSchedulerController('none'), { onLrchange: () => undefined } as never), /unknown option onLrchange/],
    ['reduceLROnPlateau callback', () => reduceLROnPlateau({ patients: 2 } as never), /unknown option patients/],
    ['diagnoseSeries', () => diagnoseSeries([1, 2, 3], [1, 2, 3], { stepsPerEpock: 10 } as never), /unknown option stepsPerEpock/],
  ])('%s', (_name, make, message) => {
    expect(make).toThrow(PlateauDoctorError);
    expect(make).toThrow(message);
  });

  it('known options still work', () => {
    expect(new StepLR(0.01, { stepSize: 5, gamma: 0.5 }).gamma).toBe(0.5);
    expect(() => createDoctorController({ decayFactor: 0.5, cooldown: 10, plateauRate: 0.01, stepsPerEpoch: 10 })).not.toThrow();
    expect(diagnoseSeries([1, 2, 3], [3, 2, 1], { lrs: [0.1, 0.1, 0.1], x: 'epoch', plateauRate: 0.01 }).verdict).toBeDefined();
  });
});

describe('diagnoseSeries rejects series of different lengths', () => {
  it('xs and ys', () => {
    expect(() => diagnoseSeries([1, 2, 3], [1, 2])).toThrow(PlateauDoctorError);
    expect(() => diagnoseSeries([1, 2, 3], [1, 2])).toThrow(/xs has 3 values but ys has 2/);
    expect(() => diagnoseSeries([1, 2], [1, 2, 3])).toThrow(/xs has 2 values but ys has 3/);
  });
  it('lrs', () => {
    expect(() => diagnoseSeries([1, 2, 3], [3, 2, 1], { lrs: [0.1] })).toThrow(/lrs has 1 values but xs has 3/);
  });
});
