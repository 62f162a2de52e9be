/**
 * The scenario grid's numbers (issue 12): per scenario, the mean final test accuracy of each
 * schedule over seeds, the paired differences doctor - none and doctor - best fixed schedule
 * with their 95% t intervals over seeds, the doctor's cuts and its regret; per half, the mean
 * and the largest regret against the acceptance bounds, and the seed pipeline's check.
 * Pure functions over typed results; the statistics are src/report/stats.ts's (one copy).
 */
import type { RunLog } from '../src/logs/run-log.js';
import { mean, pairedTTest } from '../src/report/stats.js';
import { GRID_SCHEDULES, type Half, type Scenario } from './scenario-grid.js';

/** Acceptance of issue 12 on a half: mean regret at most this many points... */
export const MAX_MEAN_REGRET = 0.1;
/** ...and no scenario's regret above this. */
export const MAX_SCENARIO_REGRET = 0.3;
/** Accuracies closer than this (points) are equal: less than one image of the 10,000-image test set. */
const EQUAL_POINTS = 0.005;
/** Float noise allowed at the acceptance bounds (90.2 - 90 is 0.20000000000000284). */
const ROUNDING = 1e-9;

/** One LR cut of a run, as the table shows it ("9: overfitting"). */
export interface Cut {
  epoch: number;
  step: number;
  verdict: string | null;
}

/** One schedule's run of one scenario and seed. Accuracies in percent. */
export interface RunOutcome {
  status: string;
  /** Raw weights' final test accuracy (even when `final` holds the averaged weights'); a diverged run counts at chance level (its weights are unusable). */
  testAccuracy: number;
  /** The averaged weights after the last epoch, when the run kept an average; null otherwise. */
  averagedTestAccuracy: number | null;
  cuts: Cut[];
  /** The controller ended the run early (the doctor's --early-stop): after which epoch, and which epoch's weights the final numbers are; null otherwise. */
  earlyStop: { afterEpoch: number; keepEpoch: number; weights: 'averaged' | 'raw' } | null;
  seconds: number;
}

/** One scenario and seed: one comparison of the grid's schedules. */
export interface CellResult {
  scenario: string;
  seed: number;
  runs: Partial<Record<string, RunOutcome>>;
  /** Wall seconds of the whole comparison, or null when not recorded. */
  wallSeconds: number | null;
  /** The code that trained it (`git describe --always --dirty`), or null when not recorded. */
  commit?: string | null;
}

/** What a run directory says, as grid numbers. Interrupted (or still running) runs are refused: redo the cell. */
export function runOutcome(log: RunLog): RunOutcome {
  const { meta } = log;
  if (meta.status !== 'completed' && meta.status !== 'diverged') throw new Error(`${meta.name}: status ${meta.status}, not a finished run`);
  const classes = meta.dataset.classes ?? 10;
  // `final` holds the averaged weights' numbers when the run was told to (--final-weights averaged, or an early stop keeping them); the raw ones are beside.
  const rawAccuracy = meta.final.weights === 'averaged' ? meta.final.raw?.testAccuracy ?? null : meta.final.testAccuracy;
  const raw = meta.status === 'diverged' || rawAccuracy === null ? 100 / classes : 100 * rawAccuracy;
  const averaged = meta.final.averaged?.testAccuracy ?? log.epochs.at(-1)?.average?.testAccuracy;
  const stop = meta.earlyStop;
  return {
    status: meta.status,
    testAccuracy: raw,
    averagedTestAccuracy: meta.status === 'completed' && typeof averaged === 'number' ? 100 * averaged : null,
    cuts: log.lrChanges.map((c) => ({ epoch: c.epoch, step: c.step, verdict: c.verdict ?? ruleOf(c.evidence) })),
    earlyStop: stop ? { afterEpoch: stop.afterEpoch, keepEpoch: stop.keepEpoch, weights: stop.weights } : null,
    seconds: meta.timings.totalSeconds,
  };
}

/** A paired difference a - b over seeds: mean, and its 95% t interval (n - 1 df; null with one seed). */
export interface PairedDifference {
  mean: number;
  low: number | null;
  high: number | null;
  n: number;
}

export function pairedDifference(a: readonly number[], b: readonly number[]): PairedDifference {
  const test = pairedTTest(a, b);
  const m = mean(a.map((x, i) => x - b[i]!));
  return { mean: m, low: test?.low ?? null, high: test?.high ?? null, n: a.length };
}

export interface SeedPipelineCheck {
  /** Every seed: the doctor made no cut and ended with none's accuracy. */
  holds: boolean;
  cutSeeds: number[];
  /** Largest |doctor - none| over seeds, points. */
  maxDifference: number;
}

export interface ScenarioSummary {
  id: string;
  half: Half;
  seedPipeline: boolean;
  /** Seeds with a finished run of every schedule, ascending. */
  seeds: number[];
  /** Mean over `seeds` of each schedule's raw test accuracy (points). */
  accuracy: Record<string, number>;
  /** The same for the averaged weights, per schedule; null when a run kept no average. */
  averagedAccuracy: Record<string, number | null>;
  doctorMinusNone: PairedDifference;
  /** The better of none and step by mean (none on a tie). */
  bestFixed: 'none' | 'step';
  doctorMinusBestFixed: PairedDifference;
  /** max(0, best fixed - doctor), means over seeds. */
  regret: number;
  /** The doctor's cuts per seed, and its early stop when it made one. */
  doctorCuts: Array<{ seed: number; cuts: Cut[]; earlyStop?: RunOutcome['earlyStop'] }>;
  /** Runs that diverged ("doctor seed 1"): counted at chance level. */
  diverged: string[];
  seedPipelineCheck: SeedPipelineCheck | null;
}

/** Aggregates one scenario's cells; null when no seed has every schedule finished. */
export function summarizeScenario(scenario: Scenario, half: Half, cells: readonly CellResult[]): ScenarioSummary | null {
  const complete = cells
    .filter((c) => c.scenario === scenario.id && GRID_SCHEDULES.every((s) => c.runs[s] !== undefined))
    .sort((a, b) => a.seed - b.seed);
  if (complete.length === 0) return null;
  const acc = (s: string) => complete.map((c) => c.runs[s]!.testAccuracy);
  const accuracy = Object.fromEntries(GRID_SCHEDULES.map((s) => [s, mean(acc(s))]));
  const averagedAccuracy = Object.fromEntries(
    GRID_SCHEDULES.map((s) => {
      const values = complete.map((c) => c.runs[s]!.averagedTestAccuracy);
      return [s, values.every((v): v is number => v !== null) ? mean(values) : null];
    }),
  );
  const bestFixed = accuracy.step! > accuracy.none! ? 'step' : 'none';
  const doctorCuts = complete.map((c) => {
    const d = c.runs.doctor!;
    return d.earlyStop ? { seed: c.seed, cuts: d.cuts, earlyStop: d.earlyStop } : { seed: c.seed, cuts: d.cuts };
  });
  return {
    id: scenario.id,
    half,
    seedPipeline: scenario.seedPipeline === true,
    seeds: complete.map((c) => c.seed),
    accuracy,
    averagedAccuracy,
    doctorMinusNone: pairedDifference(acc('doctor'), acc('none')),
    bestFixed,
    doctorMinusBestFixed: pairedDifference(acc('doctor'), acc(bestFixed)),
    regret: Math.max(0, accuracy[bestFixed]! - accuracy.doctor!),
    doctorCuts,
    diverged: complete.flatMap((c) => GRID_SCHEDULES.filter((s) => c.runs[s]!.status === 'diverged').map((s) => `${s} seed ${c.seed}`)),
    seedPipelineCheck: scenario.seedPipeline ? seedPipelineCheck(complete) : null,
  };
}

/** The seed's pipeline: no cut on any seed, and the doctor's accuracy equal to none's on each. */
function seedPipelineCheck(cells: readonly CellResult[]): SeedPipelineCheck {
  const cutSeeds = cells.filter((c) => c.runs.doctor!.cuts.length > 0).map((c) => c.seed);
  const maxDifference = Math.max(...cells.map((c) => Math.abs(c.runs.doctor!.testAccuracy - c.runs.none!.testAccuracy)));
  return { holds: cutSeeds.length === 0 && maxDifference < EQUAL_POINTS, cutSeeds, maxDifference };
}

export interface HalfSummary {
  half: Half | 'all';
  scenarios: ScenarioSummary[];
  /** Scenarios of the half with no finished seed yet. */
  missing: string[];
  /** Mean of the scenarios' regrets (points); NaN with none measured. */
  meanRegret: number;
  maxRegret: { id: string; regret: number } | null;
  /** The acceptance of issue 12, meaningful only when `missing` is empty. */
  meanRegretHolds: boolean;
  maxRegretHolds: boolean;
  seedPipeline: { id: string; check: SeedPipelineCheck } | null;
}

/**
 * The half's summary lines' numbers: mean and largest regret over its scenarios against the
 * acceptance bounds, and the seed pipeline's check (from its cells, whichever half it is in).
 */
export function summarizeHalf(half: Half | 'all', scenarios: readonly Scenario[], halves: ReadonlyMap<string, Half>, cells: readonly CellResult[]): HalfSummary {
  const chosen = scenarios.filter((s) => half === 'all' || halves.get(s.id) === half);
  const summaries = chosen.flatMap((s) => {
    const summary = summarizeScenario(s, halves.get(s.id) ?? 'tune', cells);
    return summary ? [summary] : [];
  });
  const regrets = summaries.map((s) => s.regret);
  const worst = summaries.reduce<ScenarioSummary | null>((w, s) => (w === null || s.regret > w.regret ? s : w), null);
  const meanRegret = regrets.length === 0 ? Number.NaN : mean(regrets);
  // The seed pipeline's check is reported with every half, whichever half it belongs to.
  const pipelineScenario = scenarios.find((s) => s.seedPipeline);
  const pipeline = pipelineScenario ? summarizeScenario(pipelineScenario, halves.get(pipelineScenario.id) ?? 'tune', cells) : null;
  return {
    half,
    scenarios: summaries,
    missing: chosen.filter((s) => !summaries.some((m) => m.id === s.id)).map((s) => s.id),
    meanRegret,
    maxRegret: worst ? { id: worst.id, regret: worst.regret } : null,
    meanRegretHolds: meanRegret <= MAX_MEAN_REGRET + ROUNDING,
    maxRegretHolds: worst !== null && worst.regret <= MAX_SCENARIO_REGRET + ROUNDING,
    seedPipeline: pipeline ? { id: pipeline.id, check: pipeline.seedPipelineCheck! } : null,
  };
}

/** The rule behind a cut without a detector verdict (the doctor's gap rule: evidence.rule 'average_gap'). */
function ruleOf(evidence: Record<string, unknown> | undefined): string | null {
  return typeof evidence?.rule === 'string' ? evidence.rule : null;
}
