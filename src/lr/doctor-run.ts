/**
 * The `doctor` schedule's memory: one typed object (`DoctorRun`) that every rule reads and
 * updates, its plain-JSON state dict (`DoctorState`, version 3) and the small helpers the step
 * and epoch rules share (the detector, the cooldown, verdict-change messages).
 */
import { PlateauDoctorError } from '../errors.js';
import type { LrControllerStart } from './controller.js';
import { PlateauDetector, type DetectorState } from '../detect/detector.js';
import type { Assessment } from '../detect/assess.js';
import type { Diagnosis } from '../detect/types.js';
import { xValue } from '../numbers.js';
import { newStuckTracker, type StuckTrackerState } from './stuck.js';
import type { GapJudgement, GapObservation } from './average-gap.js';
import type { AveragedValRow } from './averaged-overfitting.js';
import type { DoctorSettings } from './doctor-options.js';

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

/** Everything the doctor remembers: the state dict's fields, live, plus what is not saved. */
export interface DoctorRun extends Omit<DoctorState, 'version' | 'detector'> {
  readonly settings: DoctorSettings;
  /** Created at `start`, or at the first step. */
  detector: PlateauDetector | undefined;
  /** The detector's assessment at the previous step: a different object is a fresh assessment (a block completed). */
  lastAssessment: Assessment | null;
  /** Lines for `drainMessages`. */
  messages: string[];
}

export function newDoctorRun(settings: DoctorSettings): DoctorRun {
  return {
    settings,
    detector: undefined,
    lastAssessment: null,
    messages: [],
    lr: Number.NaN,
    lastStep: 0,
    lastEpoch: 0,
    lastCutStep: null,
    lastValCutEpoch: null,
    stuckCuts: 0,
    plateauStreak: 0,
    stuckStreak: 0,
    lastVerdict: null,
    stepsPerEpoch: settings.detector.stepsPerEpoch ?? null,
    stuck: newStuckTracker(),
    gap: { history: [], averaged: [], lastCutEpoch: null, epochs: 0, lastKind: null, overfitBest: null },
    classes: settings.detector.classes ?? 0,
  };
}

/** `start`: the run's shape (options given by the user win) and a detector that knows it. */
export function startDoctorRun(run: DoctorRun, info: LrControllerStart): void {
  const user = run.settings.detector;
  run.lr = info.initialLr;
  run.gap.epochs = info.epochs;
  if (user.classes === undefined) run.classes = info.classes;
  const stepsPerEpoch = user.stepsPerEpoch ?? (info.stepsPerEpoch > 0 ? info.stepsPerEpoch : null);
  run.stepsPerEpoch = stepsPerEpoch;
  run.detector = new PlateauDetector({
    ...user,
    ...(stepsPerEpoch ? { stepsPerEpoch } : {}),
    ...(user.totalSteps === undefined && stepsPerEpoch && info.epochs > 0 ? { totalSteps: stepsPerEpoch * info.epochs } : {}),
    ...(user.classes === undefined && info.classes >= 2 ? { classes: info.classes } : {}),
  });
}

export function doctorStateDict(run: DoctorRun): DoctorState {
  const { detector, lr, lastStep, lastEpoch, lastCutStep, lastValCutEpoch, stuckCuts, plateauStreak, stuckStreak, lastVerdict, stepsPerEpoch, stuck, gap, classes } = run;
  return { version: 3, detector: detector ? detector.stateDict() : null, lr, lastStep, lastEpoch, lastCutStep, lastValCutEpoch, stuckCuts, plateauStreak, stuckStreak, lastVerdict, stepsPerEpoch, stuck: structuredClone(stuck), gap: structuredClone(gap), classes };
}

export function loadDoctorState(run: DoctorRun, state: DoctorState): void {
  if (state.version !== 3) throw new PlateauDoctorError(`doctor: unknown state version ${String(state.version)}`);
  run.detector = undefined;
  if (state.detector) {
    run.detector = new PlateauDetector(state.detector.options);
    run.detector.loadStateDict(state.detector);
  }
  run.lastAssessment = run.detector?.assessment ?? null;
  ({ lr: run.lr, lastStep: run.lastStep, lastEpoch: run.lastEpoch, lastCutStep: run.lastCutStep, lastValCutEpoch: run.lastValCutEpoch, stuckCuts: run.stuckCuts, plateauStreak: run.plateauStreak, stuckStreak: run.stuckStreak, lastVerdict: run.lastVerdict, stepsPerEpoch: run.stepsPerEpoch } = state);
  run.stuck = structuredClone(state.stuck);
  run.gap = structuredClone(state.gap);
  run.classes = state.classes;
}

export function ensureDetector(run: DoctorRun): PlateauDetector {
  return (run.detector ??= new PlateauDetector(run.settings.detector));
}

/** Steps after a cut at `step` without another: `cooldown`, else 2 epochs, else 20% of the steps done. */
export function cooldownSteps(run: DoctorRun, step: number): number {
  return run.settings.cooldown ?? (run.stepsPerEpoch ? 2 * run.stepsPerEpoch : 0.2 * step);
}

export function inCooldown(run: DoctorRun, step: number): boolean {
  return run.lastCutStep !== null && step - run.lastCutStep < cooldownSteps(run, run.lastCutStep);
}

/** Gap mode: once an epoch record carried the weight-average gap, the gap rule replaces the plateau and validation triggers. */
export function inGapMode(run: DoctorRun): boolean {
  return run.gap.history.length > 0;
}

/** One message per change of verdict (not for warmup or too little data). */
export function noteVerdict(run: DoctorRun, step: number, d: Diagnosis): void {
  if (d.verdict === run.lastVerdict || d.verdict === 'warmup' || d.verdict === 'insufficient_data') return;
  run.lastVerdict = d.verdict;
  run.messages.push(`doctor: step ${xValue(step)}: ${d.summary}`);
}
