/**
 * The scenario grid of issue 12, fixed before any of its results existed, and the rule that
 * splits it into a tuning half (look at it while designing) and a confirmation half (run once
 * at the end, quoted in the closing note). Pure data and one hash: no training here.
 *
 * Every scenario is one `plateau-doctor run` comparison of the schedules `none,step,plateau,doctor`
 * per seed, with `step` = StepLR(step_size = a third of the run, rounded; gamma 0.1) and every
 * other option at the CLI's default.
 */
import { createHash } from 'node:crypto';

export type GridDataset = 'mnist' | 'fashion-mnist';
export type Half = 'tune' | 'confirm';

export interface Scenario {
  /** Stable name; the split hashes it, so it never changes once results exist. */
  id: string;
  dataset: GridDataset;
  lr: number;
  batchSize: number;
  epochs: number;
  /** Training images held out for validation; 0 = none (the doctor then watches the training loss only). */
  valSize: number;
  /** The seed's pipeline (MNIST, lr 0.01, batch 64, 10 epochs): its check (no cut, accuracy equal to none) is always reported. */
  seedPipeline?: boolean;
  /** Where the IDX files are; default: `<shared>/<dataset>`. Set only by tests (the tiny fixture data). */
  dataDir?: string;
}

export const GRID_SCHEDULES = ['none', 'step', 'plateau', 'doctor'] as const;
export type GridSchedule = (typeof GRID_SCHEDULES)[number];
/** Seeds 0..N-1 per scenario unless `--seeds N` says otherwise. */
export const DEFAULT_GRID_SEEDS = 3;
/** StepLR's decay factor in the grid. */
export const GRID_STEP_GAMMA = 0.1;
/** Validation images held out when a scenario has a validation split (the CLI's default). */
const VAL = 5000;

/** StepLR's step size for a run of `epochs` epochs: about a third of the run. */
export function gridStepSize(epochs: number): number {
  return Math.max(1, Math.round(epochs / 3));
}

function scenario(dataset: GridDataset, lr: number, batchSize: number, epochs: number, valSize: number, extra: Partial<Scenario> = {}): Scenario {
  const prefix = dataset === 'mnist' ? 'mnist' : 'fashion';
  return { id: `${prefix}-lr${lr}-b${batchSize}-e${epochs}${valSize === 0 ? '-val0' : ''}`, dataset, lr, batchSize, epochs, valSize, ...extra };
}

/**
 * The grid (written 2026-12-03 before any result of it existed). Initial LR 0.003..0.5, batch
 * 32/64/256, 10..30 epochs, four scenarios without a validation split.
 */
export const SCENARIOS: readonly Scenario[] = [
  scenario('mnist', 0.01, 64, 10, VAL, { seedPipeline: true }),
  scenario('mnist', 0.003, 32, 20, 0),
  scenario('mnist', 0.1, 64, 30, VAL),
  scenario('mnist', 0.3, 64, 15, VAL),
  scenario('mnist', 0.5, 64, 10, VAL),
  scenario('mnist', 0.1, 256, 20, 0),
  scenario('fashion-mnist', 0.01, 64, 30, VAL),
  scenario('fashion-mnist', 0.1, 64, 30, VAL),
  scenario('fashion-mnist', 0.03, 256, 20, VAL),
  scenario('fashion-mnist', 0.3, 256, 15, VAL),
  scenario('fashion-mnist', 0.01, 32, 10, 0),
  scenario('fashion-mnist', 0.1, 32, 15, 0),
];

function idHash(id: string): string {
  return createHash('sha1').update(`scenario-grid/${id}`).digest('hex');
}

/**
 * The split, a rule fixed before any result: scenarios are grouped by data set and by whether
 * they hold out a validation split (so both halves have both kinds); within a group they are
 * ranked by sha1("scenario-grid/" + id), the first ceil(n/2) are 'tune', the rest 'confirm'.
 * Adding a scenario can move others of its group, so the grid above is closed.
 */
export function splitHalves(scenarios: readonly Scenario[]): Map<string, Half> {
  const out = new Map<string, Half>();
  const stratum = (s: Scenario) => `${s.dataset}/${s.valSize > 0 ? 'validation' : 'no validation'}`;
  for (const group of [...new Set(scenarios.map(stratum))]) {
    const ids = scenarios.filter((s) => stratum(s) === group).map((s) => s.id);
    ids.sort((a, b) => (idHash(a) < idHash(b) ? -1 : 1));
    const cut = Math.ceil(ids.length / 2);
    ids.forEach((id, i) => out.set(id, i < cut ? 'tune' : 'confirm'));
  }
  return out;
}
