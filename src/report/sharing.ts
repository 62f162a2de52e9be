import type { RunFork, RunMeta } from '../logs/run-log.js';

/** How much of a comparison's training was shared between runs (see `RunSharing`). */
export interface SharingSummary {
  /** Epochs in all the runs' logs together (steps / steps per epoch; a fork mid-epoch gives fractions). */
  loggedEpochs: number;
  /** Epochs actually trained: the logged ones minus the shared ones. */
  trainedEpochs: number;
  /** Epochs of the logs trained once for several runs and counted on another run. */
  sharedEpochs: number;
  /** Every fork, in run order: the run, where it left and whom. */
  forks: Array<RunFork & { run: string }>;
}

/**
 * Adds up the runs' `sharing` records; null when no run shared its training (`--no-share`,
 * or runs written before sharing existed). `steps` is the number of steps in the run's log.
 *
 *   sharingSummary([{ meta: none, steps: 9380 }, { meta: step, steps: 9380 }, ...]);
 *   // => { loggedEpochs: 40, trainedEpochs: 15, sharedEpochs: 25, forks: [{ run: 'step', from: 'none', step: 4690, epoch: 5 }] }
 */
export function sharingSummary(runs: ReadonlyArray<{ meta: RunMeta; steps: number }>): SharingSummary | null {
  if (!runs.some((r) => r.meta.sharing)) return null;
  let logged = 0;
  let shared = 0;
  const forks: SharingSummary['forks'] = [];
  for (const { meta, steps } of runs) {
    const perEpoch = Number(meta.config?.stepsPerEpoch);
    if (!(perEpoch > 0)) continue;
    logged += steps / perEpoch;
    shared += (meta.sharing?.sharedSteps ?? 0) / perEpoch;
    for (const fork of meta.sharing?.forks ?? []) forks.push({ run: meta.name, ...fork });
  }
  return { loggedEpochs: logged, trainedEpochs: logged - shared, sharedEpochs: shared, forks };
}

/** "15 of 40 epochs trained; 25 shared" (whole numbers, else one decimal). */
export function formatSharing(s: SharingSummary): string {
  const n = (x: number) => String(Number(x.toFixed(1)));
  return `${n(s.trainedEpochs)} of ${n(s.loggedEpochs)} epochs trained; ${n(s.sharedEpochs)} shared`;
}

/** "step from none after step 4690 (epoch 5)" */
export function formatFork(run: string, fork: RunFork): string {
  return `${run} from ${fork.from} after step ${fork.step} (epoch ${fork.epoch})`;
}
