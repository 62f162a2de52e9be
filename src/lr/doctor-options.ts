/**
 * The `doctor` schedule's options: their declaration and defaults (one copy), and the one place
 * they are validated and resolved into `DoctorSettings`, the typed values the rules read.
 */
import { PlateauDoctorError, rejectUnknownOptions } from '../errors.js';
import { PlateauDetector } from '../detect/detector.js';
import { DETECTOR_OPTION_KEYS, type DetectorOptions } from '../detect/options.js';
import { stuckDefaults } from './stuck.js';
import { averageGapDefaults } from './average-gap.js';

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

/** Every key of DoctorOptions (a typo is an error, not a silent default). */
export const DOCTOR_OPTION_KEYS: readonly string[] = [...Object.keys(doctorDefaults), 'cooldown', ...DETECTOR_OPTION_KEYS];

/** DoctorOptions with every default filled in and checked: what the rules read. */
export interface DoctorSettings {
  decayFactor: number;
  minLr: number;
  /** undefined: 2 epochs, or 20% of the steps done at the cut (`cooldownSteps`). */
  cooldown: number | undefined;
  confirmations: number;
  maxStuckCuts: number;
  deadNoise: number;
  responseDrop: number;
  bouncingLevel: number;
  useValidation: boolean;
  eps: number;
  gapThreshold: number;
  earlyStop: boolean;
  /** The detector fields the user gave (only those). */
  detector: DetectorOptions;
}

/** One option's range check: `doctor: <flag> must be <need>, got <value>`. */
interface RangeCheck {
  flag: string;
  value: number | undefined;
  ok: (v: number) => boolean;
  need: string;
}

/** The range checks, in the order they are reported (the first failing one is the error). */
function rangeChecks(s: DoctorSettings): RangeCheck[] {
  const isInt = Number.isInteger;
  return [
    { flag: '--decay-factor', value: s.decayFactor, ok: (v) => v > 0 && v < 1, need: 'in (0, 1)' },
    { flag: '--min-lr', value: s.minLr, ok: (v) => v >= 0, need: '>= 0' },
    { flag: '--cooldown', value: s.cooldown, ok: (v) => v >= 0, need: '>= 0 steps' },
    { flag: '--confirmations', value: s.confirmations, ok: (v) => isInt(v) && v >= 1, need: 'an integer >= 1' },
    { flag: '--max-stuck-cuts', value: s.maxStuckCuts, ok: (v) => isInt(v) && v >= 0, need: 'an integer >= 0' },
    { flag: '--dead-noise', value: s.deadNoise, ok: (v) => v >= 0 && v < 1, need: 'in [0, 1)' },
    { flag: '--bouncing-level', value: s.bouncingLevel, ok: (v) => v > 0, need: '> 0 (a fraction of ln C)' },
    { flag: '--response-drop', value: s.responseDrop, ok: (v) => v > 0 && v < 1, need: 'in (0, 1)' },
    { flag: '--gap-threshold', value: s.gapThreshold, ok: (v) => v >= 0 && v < 1, need: 'in [0, 1)' },
  ];
}

/**
 * Fills in the defaults and checks every option (unknown keys, ranges, the detector's own
 * options), so a bad flag fails before training with one line.
 *
 * @example
 *   resolveDoctorSettings({ decayFactor: 0.5 }).minLr; // => 0
 *   resolveDoctorSettings({ decayFactor: 1.5 }); // throws "doctor: --decay-factor must be in (0, 1), got 1.5"
 */
export function resolveDoctorSettings(options: DoctorOptions): DoctorSettings {
  rejectUnknownOptions('doctor', options, DOCTOR_OPTION_KEYS);
  const detector: DetectorOptions = {};
  for (const key of DETECTOR_OPTION_KEYS) {
    if (options[key] !== undefined) (detector as Record<string, unknown>)[key] = options[key];
  }
  const d = doctorDefaults;
  const settings: DoctorSettings = {
    decayFactor: options.decayFactor ?? d.decayFactor,
    minLr: options.minLr ?? d.minLr,
    cooldown: options.cooldown,
    confirmations: options.confirmations ?? d.confirmations,
    maxStuckCuts: options.maxStuckCuts ?? d.maxStuckCuts,
    deadNoise: options.deadNoise ?? d.deadNoise,
    responseDrop: options.responseDrop ?? d.responseDrop,
    bouncingLevel: options.bouncingLevel ?? d.bouncingLevel,
    useValidation: options.useValidation ?? d.useValidation,
    eps: options.eps ?? d.eps,
    gapThreshold: options.gapThreshold ?? d.gapThreshold,
    earlyStop: options.earlyStop ?? d.earlyStop,
    detector,
  };
  const failed = rangeChecks(settings).find((c) => c.value !== undefined && !c.ok(c.value));
  if (failed) throw new PlateauDoctorError(`doctor: ${failed.flag} must be ${failed.need}, got ${failed.value}`);
  // Validate detector options now, so a bad flag fails before training.
  new PlateauDetector(detector);
  return settings;
}

/** The settings as the controller shows them (`DoctorController.options`: plain data, cooldown null when derived). */
export function publicDoctorOptions(s: DoctorSettings): Readonly<Record<string, unknown>> {
  const { decayFactor, minLr, confirmations, maxStuckCuts, deadNoise, responseDrop, bouncingLevel, useValidation, eps, gapThreshold, earlyStop } = s;
  return Object.freeze({ decayFactor, minLr, cooldown: s.cooldown ?? null, confirmations, maxStuckCuts, deadNoise, responseDrop, bouncingLevel, useValidation, eps, gapThreshold, earlyStop, ...s.detector });
}
