import { describe, expect, it } from 'vitest';
import { SCENARIOS, gridStepSize, splitHalves, type Scenario } from '../../bench/scenario-grid.js';

describe('the scenario grid (issue 12), fixed before any result', () => {
  it('spans what the issue asks: both data sets, LR 0.003..0.5, batch 32/64/256, 10..30 epochs, >= 2 without validation, the seed pipeline', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length);
    expect(new Set(SCENARIOS.map((s) => s.dataset))).toEqual(new Set(['mnist', 'fashion-mnist']));
    const lrs = SCENARIOS.map((s) => s.lr);
    expect([Math.min(...lrs), Math.max(...lrs)]).toEqual([0.003, 0.5]);
    expect(new Set(SCENARIOS.map((s) => s.batchSize))).toEqual(new Set([32, 64, 256]));
    const epochs = SCENARIOS.map((s) => s.epochs);
    expect([Math.min(...epochs), Math.max(...epochs)]).toEqual([10, 30]);
    expect(SCENARIOS.filter((s) => s.valSize === 0).length).toBeGreaterThanOrEqual(2);
    expect(SCENARIOS.filter((s) => s.seedPipeline)).toMatchObject([{ dataset: 'mnist', lr: 0.01, batchSize: 64, epochs: 10, valSize: 5000 }]);
  });

  it('StepLR decays after about a third of the run', () => {
    expect([10, 15, 20, 30].map(gridStepSize)).toEqual([3, 5, 7, 10]);
    expect(gridStepSize(1)).toBe(1);
  });
});

describe('splitHalves: sha1 rank within data set x validation', () => {
  it('is the split recorded before the grid ran (a change of ids or rule shows here)', () => {
    const halves = splitHalves(SCENARIOS);
    const tune = SCENARIOS.filter((s) => halves.get(s.id) === 'tune').map((s) => s.id);
    expect(tune).toEqual(['mnist-lr0.01-b64-e10', 'mnist-lr0.3-b64-e15', 'mnist-lr0.1-b256-e20-val0', 'fashion-lr0.1-b64-e30', 'fashion-lr0.03-b256-e20', 'fashion-lr0.01-b32-e10-val0']);
    expect(SCENARIOS.filter((s) => halves.get(s.id) === 'confirm')).toHaveLength(6);
  });

  it('balances every group (data set x validation) and does not depend on the order of the list', () => {
    const halves = splitHalves(SCENARIOS);
    for (const dataset of ['mnist', 'fashion-mnist']) {
      for (const withVal of [true, false]) {
        const group = SCENARIOS.filter((s) => s.dataset === dataset && s.valSize > 0 === withVal);
        const tune = group.filter((s) => halves.get(s.id) === 'tune').length;
        expect(tune).toBe(Math.ceil(group.length / 2));
      }
    }
    expect(splitHalves([...SCENARIOS].reverse())).toEqual(halves);
  });

  it('an odd group gives the extra scenario to tune', () => {
    const s = (id: string): Scenario => ({ id, dataset: 'mnist', lr: 0.1, batchSize: 64, epochs: 10, valSize: 0 });
    const halves = splitHalves([s('a'), s('b'), s('c')]);
    expect([...halves.values()].filter((h) => h === 'tune')).toHaveLength(2);
  });
});
