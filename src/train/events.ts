import type { EpochRecord, LrChangeEvent, RunFork, RunMeta, StepRecord } from '../logs/run-log.js';
import { AVERAGE_HORIZON_EPOCHS } from '../lr/weight-average.js';

/**
 * What one run (in this thread or a worker) tells the command that writes its run directory.
 * Events of a run arrive in order; `steps` come in blocks.
 */
export type RunEvent =
  | { kind: 'start'; run: string; meta: RunMeta }
  | { kind: 'steps'; run: string; steps: StepRecord[] }
  | { kind: 'epoch'; run: string; record: EpochRecord }
  | { kind: 'lr-change'; run: string; event: LrChangeEvent }
  | { kind: 'message'; run: string; text: string }
  /** The run leaves a shared trunk: from here on it trains on its own (its next event follows on from the trunk's). */
  | { kind: 'fork'; run: string; fork: RunFork; sharedSteps: number }
  | { kind: 'end'; run: string; meta: RunMeta };

/**
 * A serialisable description of one run (it crosses into worker threads).
 * Defaults are the seed pipeline's.
 */
export interface RunPlan {
  /** Unique name of the run within the invocation (also its directory name). */
  name: string;
  /** Schedule name as given to `--schedules`. */
  schedule: string;
  /** The schedule's own options (stepSize, gamma, milestones, patience, factor, ...). */
  scheduleOptions: Record<string, unknown>;
  seed: number;
  /** Default 10. */
  epochs: number;
  /** Default 0.01. */
  lr: number;
  /** Default 64. */
  batchSize: number;
  /** Training images held out for validation, chosen by the seed. Default 5000. */
  valSize: number;
  dataset: 'mnist' | 'fashion-mnist';
  /** Where to look for (or download) the IDX files. Default './data'. */
  dataDir: string;
  /** Default 'auto': tensorflow, then wasm, then cpu. */
  backend: 'auto' | 'tensorflow' | 'wasm' | 'cpu';
  /**
   * Horizon, in epochs, of the exponential moving average of the weights kept beside the raw
   * ones and evaluated at every epoch end (`EpochRecord.average`); 0 keeps none. Default
   * AVERAGE_HORIZON_EPOCHS (1 epoch, src/lr/weight-average.ts).
   */
  averageHorizon?: number;
  /**
   * Whose metrics `RunMeta.final` (summary.json's `final`, the comparison's headline) holds:
   * the raw weights' (default, like for like across schedules) or the averaged weights'
   * (needs `averageHorizon` > 0). Both are logged either way.
   */
  finalWeights?: 'raw' | 'averaged';
}

/** The plan's averaging horizon in epochs (0: none), its default filled in. */
export function averageHorizonOf(plan: Pick<RunPlan, 'averageHorizon'>): number {
  return plan.averageHorizon ?? AVERAGE_HORIZON_EPOCHS;
}
