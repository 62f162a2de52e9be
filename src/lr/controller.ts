import type { Verdict } from '../detect/types.js';
import type { EpochRecord } from '../logs/run-log.js';

/**
 * The seam between the training loop and anything that sets the learning rate: the
 * PyTorch-style schedulers (wrapped), and the detector-driven `doctor` schedule.
 *
 * The trainer calls `onStep` after every optimizer step with that step's batch loss (it
 * may deliver them in small blocks for speed, always in order, before the next epoch's
 * evaluation), and `onEpoch` after each epoch's evaluation. A returned decision changes
 * the LR from the next optimizer step on and is logged as an LR-change event.
 * Controllers must never see the test set: `onEpoch` receives the record with test
 * fields, but decisions may only use train and validation fields.
 */
export interface LrDecision {
  lr: number;
  /** One human line: why the LR changes. */
  reason: string;
  /** The detector's verdict behind the change (the `doctor` schedule). */
  verdict?: Verdict;
  /** The numbers behind the change, kept in run.json. */
  evidence?: Record<string, unknown>;
  /**
   * Ends the run after this epoch (only from `onEpoch`; `lr` is then the current LR): early
   * stopping. The run's final evaluation is that of epoch `keepEpoch`'s weights as already
   * evaluated then: the averaged weights (`EpochRecord.average`) or the raw ones.
   */
  stop?: { keepEpoch: number; weights: 'averaged' | 'raw' };
}

/** What `start` tells a controller about the run. */
export interface LrControllerStart {
  initialLr: number;
  stepsPerEpoch: number;
  epochs: number;
  /** Number of classes of the task (0 when unknown). */
  classes: number;
}

export interface LrController {
  readonly name: string;
  /** Called once before training with the initial LR and the run's shape. */
  start?(info: LrControllerStart): void;
  onStep?(step: number, loss: number, lr: number): LrDecision | undefined;
  onEpoch?(record: EpochRecord): LrDecision | undefined;
  /** Optional one-line messages the run should print (e.g. a verdict change), drained by the trainer. */
  drainMessages?(): string[];
}
