import { PlateauDoctorError, rejectUnknownOptions } from '../errors.js';
import type { EpochRecord } from '../logs/run-log.js';
import type { LrController, LrDecision } from './controller.js';
import { PlateauDetector, type DetectorState } from '../detect/detector.js';
import { DETECTOR_OPTION_KEYS, type DetectorOptions } from '../detect/options.js';
import type { Diagnosis } from '../detect/types.js';
import { num, xValue } from '../numbers.js';
import { closeWindow, explainStuck, explainWindow, judgeStuck, newStuckTracker, noteStuckCut, observeStuckStep, stuckDefaults, type StuckTrackerState } from './stuck.js';
import { averageGapDefaults, explainAverageGap, judgeAverageGap, type GapJudgement, type GapObservation } from './average-gap.js';
import { explainAveragedOverfitting, judgeAveragedOverfitting, type AveragedValRow } from './averaged-overfitting.js';

/**
 * Options of the `doctor` schedule: what to do on each verdict, plus any detector threshold.
 * CLI flags (kebab-case) map one to one: --decay-factor, --min-lr, --cooldown, --confirmations,
 * --max-stuck-cuts, --plateau-rate, --val-window ...
 */
export interface DoctorOptions extends DetectorOptions {
  /** LR multiplier on a plateau where a decay is expected to help. Default 0.1 (the seed's gamma). */
  decayFactor?: number;
  /** The LR never goes below this. Default 0. */
  minLr?: number;
  /** Steps after a cut during which no other cut happens. Default: 2 epochs when steps per epoch are known, else 20% of the steps done at the cut. */
  cooldown?: number;
  /** Consecutive plateau assessments (one per completed block) needed before a cut. Default 2. */
  confirmations?: number;
  /** Trial cuts on `stuck` before any cut showed an effect (0: never cut on `stuck`). Later cuts are made only while each lowered the loss (bouncing). Default 1. */
  maxStuckCuts?: number;
  /** `stuck` with step-to-step noise below this fraction of the level is dead (pinned): no cut. Default 1e-4. */
  deadNoise?: number;
  /** A cut on `stuck` helped when the smoothed loss fell at least this fraction below its level at the cut. Default 0.03. */
  responseDrop?: number;
  /** The epoch-level bouncing check: an epoch's mean loss above this fraction of ln C, falling less than `responseDrop` per epoch, is cut at the epoch end. Default 0.6. */
  bouncingLevel?: number;
  /** Cut when the validation loss rises beyond doubt after its best while the training loss still falls (`overfitting`). Default true. */
  useValidation?: boolean;
  /** Changes smaller than this are skipped (PyTorch's eps). Default 1e-8. */
  eps?: number;
  /** With the weight-average gap (EpochRecord.average.gap): a cut needs the gap's 95% interval above this fraction of the averaged loss. Default 0.03. */
  gapThreshold?: number;
  /** When the averaged weights' validation loss rises beyond doubt after its best while training loss falls: stop the run and keep the best epoch's averaged weights (LrDecision.stop). Default false (advice only). */
  earlyStop?: boolean;
}

export const doctorDefaults = {
  decayFactor: 0.1,
  minLr: 0,
  confirmations: 2,
  maxStuckCuts: 1,
  ...stuckDefaults,
  useValidation: true,
  eps: 1e-8,
  ...averageGapDefaults,
  earlyStop: false,
} as const;

/** The gap rule's memory (plain JSON). */
export interface DoctorGapState {
  /** Every epoch with a weight-average gap, oldest first. */
  history: GapObservation[];
  /** Epochs with the averaged weights' validation loss. */
  averaged: AveragedValRow[];
  /** Epoch of the last cut (any rule), or null. */
  lastCutEpoch: number | null;
  /** Planned epochs (0 when unknown). */
  epochs: number;
  /** Kind of the last gap judgement (a message is printed when it changes). */
  lastKind: GapJudgement['kind'] | null;
  /** Best epoch of the last overfitting advice (said again only for a new best). */
  overfitBest: number | null;
}

/** Every key of DoctorOptions (a typo is an error, not a silent default). */
export const DOCTOR_OPTION_KEYS: readonly string[] = [...Object.keys(doctorDefaults), 'cooldown', ...DETECTOR_OPTION_KEYS];

export interface DoctorState {
  version: 3;
  detector: DetectorState | null;
  lr: number;
  lastStep: number;
  lastEpoch: number;
  lastCutStep: number | null;
  lastValCutEpoch: number | null;
  stuckCuts: number;
  plateauStreak: number;
  stuckStreak: number;
  lastVerdict: string | null;
  stepsPerEpoch: number | null;
  stuck: StuckTrackerState;
  gap: DoctorGapState;
  /** Number of classes (ln C: the bouncing check's scale); 0 when unknown. */
  classes: number;
}

/** The doctor as an LrController, with its detector and state for resuming. */
export interface DoctorController extends LrController {
  readonly name: 'doctor';
  readonly options: Readonly<Record<string, unknown>>;
  /** The detector (created at `start`, or at the first step). */
  readonly detector: PlateauDetector | undefined;
  stateDict(): DoctorState;
  loadStateDict(state: DoctorState): void;
}

/**
 * The `doctor` schedule: feeds every step's loss (and each epoch's training and validation
 * loss; never test fields) to a PlateauDetector and cuts the LR by `decayFactor` when a decay
 * is expected to help.
 *
 * Gap mode (epoch records carry `average.gap`, the weight-average gap): the cut rule is
 * `judgeAverageGap` (average-gap.ts: the gap's interval above `gapThreshold` of the averaged loss
 * for `confirmations` epochs, unless the averaged curve's forecast outruns it); `plateau` and the
 * raw-validation `overfitting` no longer cut; `stuck` as below; real overfitting of the averaged
 * weights (averaged-overfitting.ts) is advice to stop early, or with `earlyStop` a stop decision.
 *
 * Without averaged weights:
 *
 * - `plateau` (training loss fell, then flat), confirmed `confirmations` times in a row, and the
 *   flat stretch began after the previous cut (a cut that changed nothing is not repeated);
 * - `overfitting` (validation loss rising after its best beyond doubt: Sen's interval above 0 over
 *   at least `valWindow` epochs, while training loss falls), checked after each epoch; repeated
 *   only if the validation loss made a new best since the previous such cut. A wobble whose
 *   interval spans 0 never cuts;
 * - `stuck`, split in two (`stuck.ts`): `dead` (step noise ~0, or the last cut did not lower the
 *   loss): no cut, the reason says to restart with a lower initial LR or another initialisation;
 *   `bouncing` (noisy near the stuck level): `maxStuckCuts` trial cuts, then more only while each
 *   cut lowered the smoothed loss by `responseDrop`.
 *
 * Never on `descending`, `insufficient_data`, `warmup` or `diverging`. After a cut, `cooldown`
 * steps pass before the next. Each decision's reason is one line with the numbers, e.g.
 * "step 5630: plateau since step 4100, trend -0.3%/epoch (95% CI -0.9..+0.2), noise 18% of level; lr 0.1 -> 0.01".
 *
 * @example
 *   const doctor = createDoctorController({ decayFactor: 0.1 });
 *   doctor.start?.({ initialLr: 0.1, stepsPerEpoch: 938, epochs: 30, classes: 10 });
 *   doctor.onStep?.(1, 2.31, 0.1); // undefined until a decay is expected to help
 */
export function createDoctorController(options: DoctorOptions = {}): DoctorController {
  rejectUnknownOptions('doctor', options, DOCTOR_OPTION_KEYS);
  const decayFactor = options.decayFactor ?? doctorDefaults.decayFactor;
  const minLr = options.minLr ?? doctorDefaults.minLr;
  const confirmations = options.confirmations ?? doctorDefaults.confirmations;
  const maxStuckCuts = options.maxStuckCuts ?? doctorDefaults.maxStuckCuts;
  const useValidation = options.useValidation ?? doctorDefaults.useValidation;
  const eps = options.eps ?? doctorDefaults.eps;
  if (!(decayFactor > 0 && decayFactor < 1)) throw new PlateauDoctorError(`doctor: --decay-factor must be in (0, 1), got ${decayFactor}`);
  if (!(minLr >= 0)) throw new PlateauDoctorError(`doctor: --min-lr must be >= 0, got ${minLr}`);
  if (options.cooldown !== undefined && !(options.cooldown >= 0)) throw new PlateauDoctorError(`doctor: --cooldown must be >= 0 steps, got ${options.cooldown}`);
  if (!(Number.isInteger(confirmations) && confirmations >= 1)) throw new PlateauDoctorError(`doctor: --confirmations must be an integer >= 1, got ${confirmations}`);
  if (!(Number.isInteger(maxStuckCuts) && maxStuckCuts >= 0)) throw new PlateauDoctorError(`doctor: --max-stuck-cuts must be an integer >= 0, got ${maxStuckCuts}`);
  const deadNoise = options.deadNoise ?? doctorDefaults.deadNoise;
  const responseDrop = options.responseDrop ?? doctorDefaults.responseDrop;
  if (!(deadNoise >= 0 && deadNoise < 1)) throw new PlateauDoctorError(`doctor: --dead-noise must be in [0, 1), got ${deadNoise}`);
  const bouncingLevel = options.bouncingLevel ?? doctorDefaults.bouncingLevel;
  if (!(bouncingLevel > 0)) throw new PlateauDoctorError(`doctor: --bouncing-level must be > 0 (a fraction of ln C), got ${bouncingLevel}`);
  if (!(responseDrop > 0 && responseDrop < 1)) throw new PlateauDoctorError(`doctor: --response-drop must be in (0, 1), got ${responseDrop}`);
  const gapThreshold = options.gapThreshold ?? doctorDefaults.gapThreshold;
  const earlyStop = options.earlyStop ?? doctorDefaults.earlyStop;
  if (!(gapThreshold >= 0 && gapThreshold < 1)) throw new PlateauDoctorError(`doctor: --gap-threshold must be in [0, 1), got ${gapThreshold}`);
  const detectorOptions: DetectorOptions = {};
  for (const key of DETECTOR_OPTION_KEYS) {
    if (options[key] !== undefined) (detectorOptions as Record<string, unknown>)[key] = options[key];
  }
  // Validate detector options now, so a bad flag fails before training.
  new PlateauDetector(detectorOptions);

  let detector: PlateauDetector | undefined;
  let stepsPerEpoch: number | null = options.stepsPerEpoch ?? null;
  let lr = Number.NaN;
  let lastStep = 0;
  let lastEpoch = 0;
  let lastCutStep: number | null = null;
  let lastValCutEpoch: number | null = null;
  let stuckCuts = 0;
  let plateauStreak = 0;
  let stuckStreak = 0;
  let lastAssessment: unknown = null;
  let lastVerdict: string | null = null;
  let stuck = newStuckTracker();
  let classes = options.classes ?? 0;
  let gapState: DoctorGapState = { history: [], averaged: [], lastCutEpoch: null, epochs: 0, lastKind: null, overfitBest: null };
  const messages: string[] = [];

  const ensureDetector = (): PlateauDetector => (detector ??= new PlateauDetector(detectorOptions));
  const cooldownSteps = (step: number): number => options.cooldown ?? (stepsPerEpoch ? 2 * stepsPerEpoch : 0.2 * step);
  const inCooldown = (step: number): boolean => lastCutStep !== null && step - lastCutStep < cooldownSteps(lastCutStep);
  const note = (step: number, d: Diagnosis) => {
    if (d.verdict === lastVerdict || d.verdict === 'warmup' || d.verdict === 'insufficient_data') return;
    lastVerdict = d.verdict;
    messages.push(`doctor: step ${xValue(step)}: ${d.summary}`);
  };
  /** Cuts the LR by decayFactor (not below minLr): the decision with `reason` (the numbers) and `evidence`. */
  const cutWith = (step: number, reason: string, evidence: Record<string, unknown>, currentLr: number, verdict?: Diagnosis['verdict']): LrDecision | undefined => {
    // Rounded to 12 significant digits so 0.1 x 0.1 is 0.01, not 0.010000000000000002.
    const newLr = Math.max(minLr, Number((currentLr * decayFactor).toPrecision(12)));
    if (!(currentLr - newLr > eps)) {
      messages.push(`doctor: step ${xValue(step)}: ${reason}; lr ${num(currentLr)} is already at --min-lr ${num(minLr)}, no cut`);
      lastCutStep = step; // do not repeat the message every step
      return undefined;
    }
    lastCutStep = step;
    plateauStreak = 0;
    stuckStreak = 0;
    const epoch = Math.max(stepsPerEpoch ? Math.ceil(step / stepsPerEpoch) : lastEpoch, lastEpoch);
    detector?.noteLrChange(epoch);
    gapState.lastCutEpoch = epoch;
    gapState.lastKind = null;
    lr = newLr;
    return { lr: newLr, reason: `step ${xValue(step)}: ${reason}; lr ${num(currentLr)} -> ${num(newLr)}`, ...(verdict ? { verdict } : {}), evidence: { step, ...evidence } };
  };
  const cut = (step: number, d: Diagnosis, why: string, currentLr: number): LrDecision | undefined =>
    cutWith(step, `${d.summary}${why}`, { verdict: d.verdict, summary: d.summary, ...(d.evidence ?? {}) }, currentLr, d.verdict);

  /** Gap mode: once an epoch record carried the weight-average gap, the gap rule replaces the plateau and validation triggers. */
  const gapMode = (): boolean => gapState.history.length > 0;

  /** Keeps the epoch's averaged-weights numbers (validation or probe fields only). */
  const observeAverage = (record: EpochRecord): void => {
    const avg = record.average;
    const g = avg?.gap;
    if (g && [g.mean, g.low, g.high, g.averagedLoss].every(Number.isFinite) && g.averagedLoss > 0 && Number.isFinite(record.trainLoss)) {
      gapState.history.push({ epoch: record.epoch, trainLoss: record.trainLoss, gap: { ...g } });
    }
    if (avg && avg.valLoss !== null && Number.isFinite(avg.valLoss) && Number.isFinite(record.trainLoss)) {
      gapState.averaged.push({ epoch: record.epoch, trainLoss: record.trainLoss, avgValLoss: avg.valLoss });
    }
  };

  /** Real overfitting of the averaged weights: advice once per best; with earlyStop, the stop decision. */
  const onAveragedOverfitting = (epoch: number, currentLr: number): LrDecision | undefined => {
    const o = ensureDetector().options;
    const pair = judgeAveragedOverfitting(gapState.averaged, { minAfterBest: o.valWindow, minRise: o.valMinDelta, plateauRate: o.plateauRate, confidence: o.confidence });
    if (!pair || gapState.overfitBest === pair.best!.at) return undefined;
    gapState.overfitBest = pair.best!.at;
    // After the last epoch there is nothing left to stop: advice only (the run ends anyway).
    const stopping = earlyStop && (gapState.epochs === 0 || epoch < gapState.epochs);
    const text = explainAveragedOverfitting(pair, stopping);
    if (!stopping) {
      messages.push(`doctor: epoch ${epoch}: ${text}`);
      return undefined;
    }
    const evidence = { rule: 'averaged_overfitting', epoch, summary: text, pair };
    return { lr: currentLr, reason: `epoch ${epoch}: ${text}`, verdict: 'overfitting', evidence, stop: { keepEpoch: pair.best!.at, weights: 'averaged' } };
  };

  /** The gap rule after an epoch (gap mode). */
  const onGapEpoch = (record: EpochRecord, currentLr: number): LrDecision | undefined => {
    const stop = onAveragedOverfitting(record.epoch, currentLr);
    if (stop) return stop;
    const since = gapState.lastCutEpoch === null ? 0 : gapState.lastCutEpoch + 1;
    const history = gapState.history.filter((h) => h.epoch > since);
    if (history.length === 0 || history[history.length - 1].epoch !== record.epoch) return undefined;
    const j = judgeAverageGap(history, gapState.epochs, { gapThreshold, confirmations });
    const text = explainAverageGap(j);
    if (j.kind !== 'cut' || inCooldown(lastStep)) {
      if (j.kind !== gapState.lastKind) messages.push(`doctor: epoch ${record.epoch}: ${text}`);
      gapState.lastKind = j.kind;
      return undefined;
    }
    return cutWith(lastStep, `after epoch ${record.epoch}: ${text}`, { rule: 'average_gap', epoch: record.epoch, summary: text, averageGap: j }, currentLr);
  };

  /** A confirmed `stuck`: dead (say so once, never cut) or bouncing (trial cuts, then more only while each helped). */
  const onStuck = (step: number, d: Diagnosis, currentLr: number): LrDecision | undefined => {
    if (stuck.dead) return undefined;
    const level = d.evidence?.level ?? stuck.ema ?? Number.NaN;
    const j = judgeStuck(stuck, level, { deadNoise, responseDrop });
    if (j.kind === 'dead') {
      stuck.dead = true;
      messages.push(`doctor: step ${xValue(step)}: ${d.summary}; ${explainStuck(j)}; no cut`);
      return undefined;
    }
    if (j.cut === null && stuckCuts >= maxStuckCuts) return undefined;
    const decision = cut(step, d, ` (${explainStuck(j)})`, currentLr);
    if (decision) {
      stuckCuts++;
      noteStuckCut(stuck, step, currentLr, decision.lr, level);
      decision.evidence = { ...decision.evidence, stuck: j };
    }
    return decision;
  };

  /** The epoch-level bouncing check (stuck.ts closeWindow): far above any useful loss and not falling. */
  const onWindow = (epoch: number, currentLr: number): LrDecision | undefined => {
    const j = closeWindow(stuck, epoch, classes, { responseDrop, deadNoise, bouncingLevel });
    if (j.kind === 'learning' || stuck.dead) return undefined;
    const text = explainWindow(j);
    if (j.kind === 'dead') {
      stuck.dead = true;
      messages.push(`doctor: epoch ${epoch}: ${text}; no cut`);
      return undefined;
    }
    if (inCooldown(lastStep) || (gapState.epochs > 0 && epoch >= gapState.epochs)) return undefined;
    if (stuck.lastCut === null && stuckCuts >= maxStuckCuts) return undefined; // trial cuts used up (0: never)
    const decision = cutWith(lastStep, `after epoch ${epoch}: ${text}`, { rule: 'bouncing', epoch, summary: text, bouncing: j }, currentLr, 'stuck');
    if (decision) {
      stuckCuts++;
      noteStuckCut(stuck, lastStep, currentLr, decision.lr, j.level, epoch);
    }
    return decision;
  };

  const controller: DoctorController = {
    name: 'doctor',
    options: Object.freeze({ decayFactor, minLr, cooldown: options.cooldown ?? null, confirmations, maxStuckCuts, deadNoise, responseDrop, bouncingLevel, useValidation, eps, gapThreshold, earlyStop, ...detectorOptions }),
    get detector() {
      return detector;
    },
    start(info) {
      lr = info.initialLr;
      gapState.epochs = info.epochs;
      if (options.classes === undefined) classes = info.classes;
      stepsPerEpoch = options.stepsPerEpoch ?? (info.stepsPerEpoch > 0 ? info.stepsPerEpoch : null);
      detector = new PlateauDetector({
        ...detectorOptions,
        ...(stepsPerEpoch ? { stepsPerEpoch } : {}),
        ...(options.totalSteps === undefined && stepsPerEpoch && info.epochs > 0 ? { totalSteps: stepsPerEpoch * info.epochs } : {}),
        ...(options.classes === undefined && info.classes >= 2 ? { classes: info.classes } : {}),
      });
    },
    onStep(step, loss, currentLr) {
      lr = currentLr;
      lastStep = step;
      const det = ensureDetector();
      const d = det.update(step, loss);
      const assessment = det.assessment;
      const fresh = assessment !== lastAssessment;
      lastAssessment = assessment;
      observeStuckStep(stuck, loss);
      // The middle of epoch 1 closes the first window of the epoch-level bouncing check.
      if (stepsPerEpoch && stepsPerEpoch >= 4 && step === Math.floor(stepsPerEpoch / 2)) closeWindow(stuck, 0.5, classes, { responseDrop, deadNoise, bouncingLevel });
      note(step, d);
      if (!fresh) return undefined;
      plateauStreak = d.verdict === 'plateau' ? plateauStreak + 1 : 0;
      stuckStreak = d.verdict === 'stuck' ? stuckStreak + 1 : 0;
      if (inCooldown(step)) return undefined;
      if (d.verdict === 'plateau' && plateauStreak >= confirmations && !gapMode()) {
        const start = assessment?.plateauStart ?? null;
        if (lastCutStep !== null && start !== null && start <= lastCutStep) return undefined; // the last cut did not restart progress
        return cut(step, d, '', currentLr);
      }
      if (d.verdict === 'stuck' && stuckStreak >= confirmations) return onStuck(step, d, currentLr);
      return undefined;
    },
    onEpoch(record: EpochRecord) {
      lastEpoch = record.epoch;
      if (Number.isFinite(record.lr)) lr = record.lr;
      const det = ensureDetector();
      // Only train and validation fields: the test set must never steer the LR.
      const d = det.observeEpoch({ epoch: record.epoch, trainLoss: record.trainLoss, valLoss: record.valLoss, valAccuracy: record.valAccuracy });
      note(lastStep, d);
      observeAverage(record);
      const bouncing = onWindow(record.epoch, lr);
      if (bouncing) return bouncing;
      if (gapMode()) return onGapEpoch(record, lr);
      if (!useValidation || d.verdict !== 'overfitting' || inCooldown(lastStep)) return undefined;
      const val = det.validationStatus();
      if (lastValCutEpoch !== null && val && val.bestEpoch <= lastValCutEpoch) return undefined; // no new best since the last cut
      const decision = cut(lastStep, d, ` (after epoch ${record.epoch}; early stopping would keep epoch ${val!.bestEpoch})`, lr);
      if (decision) lastValCutEpoch = record.epoch;
      return decision;
    },
    drainMessages() {
      return messages.splice(0, messages.length);
    },
    stateDict(): DoctorState {
      return { version: 3, detector: detector ? detector.stateDict() : null, lr, lastStep, lastEpoch, lastCutStep, lastValCutEpoch, stuckCuts, plateauStreak, stuckStreak, lastVerdict, stepsPerEpoch, stuck: structuredClone(stuck), gap: structuredClone(gapState), classes };
    },
    loadStateDict(state: DoctorState) {
      if (state.version !== 3) throw new PlateauDoctorError(`doctor: unknown state version ${String(state.version)}`);
      detector = undefined;
      if (state.detector) {
        detector = new PlateauDetector(state.detector.options);
        detector.loadStateDict(state.detector);
      }
      lastAssessment = detector?.assessment ?? null;
      ({ lr, lastStep, lastEpoch, lastCutStep, lastValCutEpoch, stuckCuts, plateauStreak, stuckStreak, lastVerdict, stepsPerEpoch } = state);
      stuck = structuredClone(state.stuck);
      gapState = structuredClone(state.gap);
      classes = state.classes;
    },
  };
  return controller;
}
