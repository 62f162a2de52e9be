import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pairedDifference, runOutcome, summarizeHalf, summarizeScenario, type CellResult, type RunOutcome } from '../../bench/grid-results.js';
import { formatCuts, formatDifference, formatGridTable, formatHalfSummary, replaceDocsSection } from '../../bench/grid-report.js';
import type { Half, Scenario } from '../../bench/scenario-grid.js';
import type { EpochRecord, RunLog, RunStatus } from '../../src/logs/run-log.js';
import { repoRoot } from '../helpers/shared.js';

const T_975_2 = 4.302653; // t quantile 0.975 at 2 df (R: qt(0.975, 2))

const scenario = (id: string, extra: Partial<Scenario> = {}): Scenario => ({ id, dataset: 'mnist', lr: 0.1, batchSize: 64, epochs: 10, valSize: 5000, ...extra });
const run = (testAccuracy: number, cuts: Array<[number, string]> = [], extra: Partial<RunOutcome> = {}): RunOutcome => ({
  status: 'completed',
  testAccuracy,
  averagedTestAccuracy: null,
  cuts: cuts.map(([epoch, verdict]) => ({ epoch, step: epoch * 10, verdict })),
  earlyStop: null,
  seconds: 1,
  ...extra,
});
/** One cell with the four schedules' accuracies (points) and the doctor's cuts. */
const cell = (id: string, seed: number, [none, step, plateau, doctor]: number[], cuts: Array<[number, string]> = []): CellResult => ({
  scenario: id,
  seed,
  runs: { none: run(none!), step: run(step!), plateau: run(plateau!), doctor: run(doctor!, cuts) },
  wallSeconds: 10,
});

describe('pairedDifference', () => {
  it('mean of a - b with the 95% t interval at n - 1 df', () => {
    const d = pairedDifference([91, 92, 93], [90, 90, 90]); // differences 1, 2, 3: sd 1
    expect(d.mean).toBeCloseTo(2, 10);
    expect(d.high! - d.mean).toBeCloseTo(T_975_2 / Math.sqrt(3), 5);
    expect(d.low! - d.mean).toBeCloseTo(-T_975_2 / Math.sqrt(3), 5);
    expect(d.n).toBe(3);
  });

  it('one seed: the difference, no interval', () => {
    expect(pairedDifference([91], [90.5])).toEqual({ mean: 0.5, low: null, high: null, n: 1 });
  });
});

describe('summarizeScenario', () => {
  it('best fixed is the better of none and step by mean; regret is how far the doctor falls below it', () => {
    const s = scenario('a');
    const cells = [cell('a', 0, [90, 91, 90, 90.5], [[5, 'plateau']]), cell('a', 1, [90.2, 91.2, 90.2, 90.9]), cell('a', 2, [89.8, 90.8, 89.8, 90.4])];
    const r = summarizeScenario(s, 'tune', cells)!;
    expect(r.bestFixed).toBe('step');
    expect(r.accuracy.step).toBeCloseTo(91, 10);
    expect(r.accuracy.doctor).toBeCloseTo(90.6, 10);
    expect(r.regret).toBeCloseTo(0.4, 10);
    expect(r.doctorMinusBestFixed.mean).toBeCloseTo(-0.4, 10);
    expect(r.doctorMinusNone.mean).toBeCloseTo(0.6, 10);
    // doctor - step per seed: -0.5, -0.3, -0.4: sd 0.1
    expect(r.doctorMinusBestFixed.high! - r.doctorMinusBestFixed.mean).toBeCloseTo((T_975_2 * 0.1) / Math.sqrt(3), 5);
    expect(r.doctorCuts).toEqual([
      { seed: 0, cuts: [{ epoch: 5, step: 50, verdict: 'plateau' }] },
      { seed: 1, cuts: [] },
      { seed: 2, cuts: [] },
    ]);
    expect(r.seedPipelineCheck).toBeNull();
  });

  it('a doctor above the best fixed schedule has regret 0, and none wins a tie', () => {
    const r = summarizeScenario(scenario('b'), 'confirm', [cell('b', 0, [95, 95, 95, 96]), cell('b', 1, [95, 95, 95, 95.5])])!;
    expect(r.bestFixed).toBe('none');
    expect(r.regret).toBe(0);
    expect(r.doctorMinusBestFixed.mean).toBeCloseTo(0.75, 10);
  });

  it('uses only seeds with every schedule finished, and other scenarios\' cells never', () => {
    const partial: CellResult = { scenario: 'c', seed: 1, runs: { none: run(10), step: run(10) }, wallSeconds: 1 };
    const r = summarizeScenario(scenario('c'), 'tune', [cell('c', 2, [90, 89, 90, 90]), partial, cell('x', 0, [1, 1, 1, 1]), cell('c', 0, [92, 91, 92, 92])])!;
    expect(r.seeds).toEqual([0, 2]);
    expect(r.accuracy.none).toBeCloseTo(91, 10);
    expect(summarizeScenario(scenario('d'), 'tune', [partial])).toBeNull();
  });

  it('the seed pipeline holds only with no cut on any seed and the doctor equal to none', () => {
    const s = scenario('seed', { seedPipeline: true });
    const holds = summarizeScenario(s, 'tune', [cell('seed', 0, [94, 92.9, 94, 94]), cell('seed', 1, [93.9, 92.8, 93.9, 93.9])])!;
    expect(holds.seedPipelineCheck).toEqual({ holds: true, cutSeeds: [], maxDifference: 0 });
    const cut = summarizeScenario(s, 'tune', [cell('seed', 0, [94, 92.9, 94, 94]), cell('seed', 1, [93.9, 92.8, 93.9, 93.9], [[8, 'plateau']])])!;
    expect(cut.seedPipelineCheck).toMatchObject({ holds: false, cutSeeds: [1] });
    const differs = summarizeScenario(s, 'tune', [cell('seed', 0, [94, 92.9, 94, 94.02])])!;
    expect(differs.seedPipelineCheck!.holds).toBe(false);
    expect(differs.seedPipelineCheck!.maxDifference).toBeCloseTo(0.02, 10);
  });

  it('averaged-weight accuracy is a mean when every seed has it, null otherwise', () => {
    const withAvg = (c: CellResult, v: number): CellResult => ({ ...c, runs: Object.fromEntries(Object.entries(c.runs).map(([k, r]) => [k, { ...r!, averagedTestAccuracy: v }])) });
    const r = summarizeScenario(scenario('e'), 'tune', [withAvg(cell('e', 0, [90, 90, 90, 90]), 91), withAvg(cell('e', 1, [90, 90, 90, 90]), 92)])!;
    expect(r.averagedAccuracy.doctor).toBeCloseTo(91.5, 10);
    const mixed = summarizeScenario(scenario('e'), 'tune', [withAvg(cell('e', 0, [90, 90, 90, 90]), 91), cell('e', 1, [90, 90, 90, 90])])!;
    expect(mixed.averagedAccuracy.doctor).toBeNull();
    expect(formatGridTable({ ...summarizeHalf('tune', [scenario('e')], new Map([['e', 'tune' as Half]]), []), scenarios: [r] })).toMatch(/Averaged weights[^]*\| e \| 91\.50 \| 91\.50 \| 91\.50 \| 91\.50 \|/);
    expect(formatGridTable({ ...summarizeHalf('tune', [scenario('e')], new Map([['e', 'tune' as Half]]), []), scenarios: [mixed] })).not.toMatch(/Averaged weights/);
  });
});

describe('summarizeHalf: regret against the acceptance (mean <= 0.1, none > 0.3)', () => {
  const halves = new Map<string, Half>([['p', 'tune'], ['q', 'confirm'], ['r', 'confirm'], ['seed', 'tune']]);
  const grid = [scenario('p'), scenario('q'), scenario('r'), scenario('seed', { seedPipeline: true })];

  it('mean and largest regret over the half only; the seed pipeline reported from the other half', () => {
    const cells = [cell('p', 0, [90, 91, 90, 89]), cell('q', 0, [90, 90.2, 90, 90]), cell('r', 0, [90, 90, 90, 90.5]), cell('seed', 0, [94, 93, 94, 94])];
    const h = summarizeHalf('confirm', grid, halves, cells);
    expect(h.scenarios.map((s) => s.id)).toEqual(['q', 'r']);
    expect(h.meanRegret).toBeCloseTo(0.1, 10);
    expect(h.maxRegret).toEqual({ id: 'q', regret: expect.closeTo(0.2, 10) });
    expect(h.meanRegretHolds).toBe(true);
    expect(h.maxRegretHolds).toBe(true);
    expect(h.seedPipeline).toMatchObject({ id: 'seed', check: { holds: true } });
    expect(h.missing).toEqual([]);
    expect(formatHalfSummary(h)).toEqual([
      'confirm half (2 scenario(s) measured): mean regret 0.10 points (acceptance <= 0.1: holds); largest 0.20 (q; acceptance <= 0.3: holds)',
      'seed pipeline (seed): holds: no cut on any seed, accuracy equal to none',
    ]);
  });

  it('fails when one scenario is above 0.3 or the mean above 0.1', () => {
    const h = summarizeHalf('confirm', grid, halves, [cell('q', 0, [90, 90.31, 90, 90]), cell('r', 0, [90, 90, 90, 90])]);
    expect(h.maxRegretHolds).toBe(false);
    expect(h.meanRegretHolds).toBe(false);
    expect(formatHalfSummary(h)[0]).toMatch(/mean regret 0\.16 points \(acceptance <= 0\.1: FAILS\); largest 0\.31 \(q; acceptance <= 0\.3: FAILS\)/);
    expect(formatHalfSummary(h)[1]).toBe('seed pipeline: not measured yet');
  });

  it('an incomplete half is not judged, and says what is missing', () => {
    const h = summarizeHalf('confirm', grid, halves, [cell('q', 0, [90, 90, 90, 90])]);
    expect(h.missing).toEqual(['r']);
    const lines = formatHalfSummary(h);
    expect(lines[0]).toMatch(/not judged: half incomplete/);
    expect(lines[0]).not.toMatch(/holds|FAILS/);
    expect(lines[1]).toBe('not measured yet: r');
  });

  it('the seed pipeline check names the seeds the doctor cut on', () => {
    const h = summarizeHalf('tune', grid, halves, [cell('seed', 0, [94, 93, 94, 94]), cell('seed', 1, [94, 93, 94, 93.5], [[6, 'plateau']])]);
    expect(formatHalfSummary(h).at(-1)).toBe('seed pipeline (seed): FAILS: the doctor cut on seed(s) 1, largest |doctor - none| 0.50 points');
  });
});

describe('runOutcome: a run directory as grid numbers', () => {
  const epoch = (average?: EpochRecord['average']): EpochRecord => ({ epoch: 1, trainLoss: 0.3, valLoss: 0.3, valAccuracy: 0.9, testLoss: 0.3, testAccuracy: 0.9, lr: 0.1, seconds: 1, ...(average ? { average } : {}) });
  const log = (status: RunStatus, testAccuracy: number | null, epochs: EpochRecord[]): RunLog => ({
    meta: {
      name: 'doctor', schedule: 'doctor', seed: 0, status, config: {}, backend: 'wasm', versions: {},
      dataset: { name: 'mnist', source: '', trainSize: 55000, valSize: 5000, testSize: 10000, checksum: '', classes: 10 },
      startedAt: '', finishedAt: '', timings: { totalSeconds: 12, trainSeconds: 10 }, samplesPerSecond: 1,
      final: { trainLoss: 0.3, valLoss: 0.3, valAccuracy: 0.9, testLoss: 0.3, testAccuracy },
    },
    steps: [],
    epochs,
    lrChanges: [{ step: 860, epoch: 1, oldLr: 0.1, newLr: 0.01, reason: 'r', verdict: 'plateau' }],
  });

  it('percent points, the cuts, and the averaged weights when the run kept them', () => {
    const avg = { valLoss: 0.29, valAccuracy: 0.91, testLoss: 0.29, testAccuracy: 0.915, gap: null };
    expect(runOutcome(log('completed', 0.9234, [epoch(avg)]))).toEqual({
      status: 'completed', testAccuracy: expect.closeTo(92.34, 10), averagedTestAccuracy: expect.closeTo(91.5, 10), cuts: [{ epoch: 1, step: 860, verdict: 'plateau' }], earlyStop: null, seconds: 12,
    });
    expect(runOutcome(log('completed', 0.9234, [epoch()])).averagedTestAccuracy).toBeNull();
  });

  it('the final averaged numbers win over the last epoch row (an early stop keeps an earlier epoch), and the stop is reported', () => {
    const l = log('completed', 0.93, [epoch({ valLoss: 0.29, valAccuracy: 0.91, testLoss: 0.29, testAccuracy: 0.915, gap: null })]);
    // As `run` writes an early stop that keeps the averaged weights: `final` is theirs, the raw weights' beside.
    l.meta.final = { ...l.meta.final, testAccuracy: 0.925, weights: 'averaged', averaged: { valLoss: 0.28, valAccuracy: 0.92, testLoss: 0.28, testAccuracy: 0.925 }, raw: { valLoss: 0.3, valAccuracy: 0.9, testLoss: 0.3, testAccuracy: 0.921 } };
    l.meta.earlyStop = { afterEpoch: 12, keepEpoch: 10, weights: 'averaged', reason: 'r' };
    const o = runOutcome(l);
    expect(o.averagedTestAccuracy).toBeCloseTo(92.5, 10);
    expect(o.testAccuracy).toBeCloseTo(92.1, 10);
    expect(o.earlyStop).toEqual({ afterEpoch: 12, keepEpoch: 10, weights: 'averaged' });
    const s = summarizeScenario(scenario('f'), 'tune', [{ scenario: 'f', seed: 0, runs: { none: run(90), step: run(90), plateau: run(90), doctor: o }, wallSeconds: 1 }])!;
    expect(formatCuts(s.doctorCuts)).toBe('s0: 1 plateau, stopped after 12 (kept epoch 10, averaged)');
  });

  it('a diverged run counts at chance level; an interrupted one is refused', () => {
    expect(runOutcome(log('diverged', 0.8, [epoch()])).testAccuracy).toBeCloseTo(10, 10);
    expect(() => runOutcome(log('interrupted', 0.8, [epoch()]))).toThrow(/interrupted, not a finished run/);
  });
});

describe('grid words', () => {
  it('differences, cuts, the docs section', () => {
    expect(formatDifference({ mean: -0.123, low: -0.5, high: 0.25, n: 3 })).toBe('-0.12 (95% CI -0.50..+0.25)');
    expect(formatDifference({ mean: 0.1, low: null, high: null, n: 1 })).toBe('+0.10 (one seed, no interval)');
    expect(formatCuts([{ seed: 0, cuts: [{ epoch: 9, step: 1, verdict: 'overfitting' }, { epoch: 16, step: 2, verdict: null }] }, { seed: 1, cuts: [] }])).toBe('s0: 9 overfitting, 16 ?; s1: none');
    const doc = 'intro\n<!-- grid:tune:start -->\nold\n<!-- grid:tune:end -->\nrest\n';
    expect(replaceDocsSection(doc, 'tune', 'new table')).toBe('intro\n<!-- grid:tune:start -->\nnew table\n<!-- grid:tune:end -->\nrest\n');
    expect(() => replaceDocsSection(doc, 'confirm', 'x')).toThrow(/no <!-- grid:confirm:start -->/);
  });

  it('docs/scenarios.md has a section for each half, so --write-docs can fill it', () => {
    const doc = readFileSync(path.join(repoRoot, 'docs', 'scenarios.md'), 'utf8');
    for (const half of ['tune', 'confirm']) expect(replaceDocsSection(doc, half, 'X')).toContain(`<!-- grid:${half}:start -->\nX\n<!-- grid:${half}:end -->`);
  });
});
