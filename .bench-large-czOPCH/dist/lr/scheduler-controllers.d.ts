import type { LrController, LrDecision } from './controller.js';
import { ReduceLROnPlateau, type ReduceLROnPlateauOptions, type Scheduler } from './schedulers.js';
export type SchedulerScheduleName = 'none' | 'step' | 'multistep' | 'exponential' | 'plateau';
export declare const SCHEDULER_SCHEDULES: readonly SchedulerScheduleName[];
/** What ReduceLROnPlateau watches in `plateau-doctor run`. */
export type Monitor = 'val_loss' | 'train_loss' | 'val_accuracy';
export declare const MONITORS: readonly Monitor[];
/**
 * Options of the scheduler schedules; each only reads its own fields and fills the others'
 * defaults. Defaults are the seed pipeline's (step) and PyTorch's (plateau).
 */
export interface SchedulerControllerOptions extends ReduceLROnPlateauOptions {
    /** step: multiply the LR by gamma every stepSize epochs. Default 5. */
    stepSize?: number;
    /** step and multistep: default 0.1; exponential: default 0.9. */
    gamma?: number;
    /** multistep: epochs after which the LR is multiplied by gamma. Default [5, 8]. */
    milestones?: number[];
    /**
     * plateau: the metric watched. Default 'val_loss', which falls back to 'train_loss' when the
     * run has no validation set (--val-size 0). 'val_accuracy' uses mode 'max' unless mode is given.
     */
    monitor?: Monitor;
}
export declare const SCHEDULER_CONTROLLER_DEFAULTS: {
    readonly step: {
        readonly stepSize: 5;
        readonly gamma: 0.1;
    };
    readonly multistep: {
        readonly milestones: readonly [5, 8];
        readonly gamma: 0.1;
    };
    readonly exponential: {
        readonly gamma: 0.9;
    };
    readonly plateau: {
        readonly mode: 'min' | 'max';
        readonly factor: number;
        readonly patience: number;
        readonly threshold: number;
        readonly thresholdMode: 'rel' | 'abs';
        readonly cooldown: number;
        readonly minLr: number;
        readonly eps: number;
        readonly monitor: Monitor;
    };
};
/** An LrController driven by one of the schedulers. */
export interface SchedulerController extends LrController {
    readonly name: SchedulerScheduleName;
    /** The effective options, defaults filled in (for run.json). */
    readonly options: Readonly<Record<string, unknown>>;
    /** The scheduler, once `start()` has given the initial LR (undefined for 'none'). */
    readonly scheduler: Scheduler | undefined;
}
/** Formats an LR or metric compactly: 6 significant digits, float noise removed (0.0010000000000000002 -> 0.001). */
export declare function formatNumber(x: number): string;
/**
 * Builds the LrController for a scheduler schedule. Options are checked here (so a bad
 * option fails before training); the scheduler itself is built in `start()` with the
 * run's initial LR.
 *
 *   const c = createSchedulerController('step', { stepSize: 5 });
 *   c.start?.({ initialLr: 0.01, stepsPerEpoch: 938, epochs: 10, classes: 10 });
 *   // after epoch 5: { lr: 0.001, reason: 'StepLR: epoch 5 is a multiple of step_size 5; lr 0.01 -> 0.001' }
 */
export declare function createSchedulerController(schedule: SchedulerScheduleName, options?: SchedulerControllerOptions): SchedulerController;
/**
 * Steps a ReduceLROnPlateau with one value of the watched metric and, when it cuts the LR,
 * returns the decision with its one-line reason and evidence. The one adapter of
 * ReduceLROnPlateau to an LrDecision: the `plateau` schedule and the tfjs
 * `reduceLROnPlateau` callback both use it. `note` is appended to the reason.
 */
export declare function stepPlateau(scheduler: ReduceLROnPlateau, watched: string, value: number, note?: string): LrDecision | undefined;
