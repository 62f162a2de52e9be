/** Serialisable scheduler state (`stateDict()`); `kind` names the class. */
export type SchedulerState = {
    kind: 'StepLR';
    lastEpoch: number;
    lr: number;
    initialLr: number;
    options: Required<StepLROptions>;
} | {
    kind: 'MultiStepLR';
    lastEpoch: number;
    lr: number;
    initialLr: number;
    options: {
        milestones: number[];
        gamma: number;
    };
} | {
    kind: 'ExponentialLR';
    lastEpoch: number;
    lr: number;
    initialLr: number;
    options: Required<ExponentialLROptions>;
} | {
    kind: 'ReduceLROnPlateau';
    lastEpoch: number;
    lr: number;
    initialLr: number;
    options: Required<ReduceLROnPlateauOptions>;
    /** null stands for the initial +-Infinity (JSON has no Infinity). */
    best: number | null;
    numBadEpochs: number;
    cooldownCounter: number;
};
/**
 * What the schedulers share (like PyTorch's `_LRScheduler`): the initial LR, the current
 * LR and `lastEpoch`, the number of `step()` calls so far. Subclasses say how one step
 * changes the LR.
 */
export declare abstract class LrScheduler {
    abstract readonly kind: SchedulerState['kind'];
    readonly initialLr: number;
    protected currentLr: number;
    protected epochs: number;
    constructor(initialLr: number);
    /** The LR after the last `step()` (the initial LR before any). */
    get lr(): number;
    /** How many times `step()` has been called (PyTorch's `last_epoch`). */
    get lastEpoch(): number;
    /**
     * Advances one epoch and returns the new LR. `metric` is the monitored value for
     * ReduceLROnPlateau (required there) and ignored by the other schedulers.
     */
    step(metric?: number): number;
    /** The LR after step number `epoch` (1-based), given the LR before it. */
    protected abstract nextLr(lr: number, epoch: number, metric: number | undefined): number;
    abstract stateDict(): SchedulerState;
    /** Restores a state from `stateDict()` of a scheduler of the same class. */
    loadStateDict(state: SchedulerState): void;
    protected baseState(): {
        lastEpoch: number;
        lr: number;
        initialLr: number;
    };
}
/**
 * `x ** k` for an integer k >= 1, correctly rounded (round half to even), computed exactly
 * with BigInt. PyTorch's `gamma ** count` is C `pow()` (glibc), which is correctly rounded
 * for practically every input, while V8's `**` is not (0.9 ** 4 differs in the last bit).
 * Falls back to `x ** k` for k < 1, non-finite or non-positive x, or a subnormal/overflowing result.
 *
 * powInt(0.9, 4); // => 0.6561 (CPython: 0.9 ** 4 == 0.6561; V8: 0.9 ** 4 == 0.6561000000000001)
 */
export declare function powInt(x: number, k: number): number;
export interface StepLROptions {
    /** Multiply the LR by gamma every stepSize steps (a positive integer; required). */
    stepSize: number;
    /** Default 0.1. */
    gamma?: number;
}
/** PyTorch's StepLR: on the k-th step, if k % stepSize == 0 then lr = lr * gamma. */
export declare class StepLR extends LrScheduler {
    readonly kind: 'StepLR';
    stepSize: number;
    gamma: number;
    constructor(initialLr: number, options: StepLROptions);
    private setOptions;
    loadStateDict(state: SchedulerState): void;
    protected nextLr(lr: number, epoch: number): number;
    stateDict(): SchedulerState;
}
export interface MultiStepLROptions {
    /** Steps (positive integers, any order; a repeated one applies gamma twice) after which the LR is multiplied by gamma. Required. */
    milestones: readonly number[];
    /** Default 0.1. */
    gamma?: number;
}
/**
 * PyTorch's MultiStepLR: on the k-th step, if k occurs `count` times in milestones then
 * lr = lr * gamma ** count (the power correctly rounded, like C pow(); see powInt).
 */
export declare class MultiStepLR extends LrScheduler {
    readonly kind: 'MultiStepLR';
    milestones: readonly number[];
    gamma: number;
    private counts;
    constructor(initialLr: number, options: MultiStepLROptions);
    loadStateDict(state: SchedulerState): void;
    private setOptions;
    protected nextLr(lr: number, epoch: number): number;
    stateDict(): SchedulerState;
}
export interface ExponentialLROptions {
    /** Multiply the LR by gamma on every step. Required. */
    gamma: number;
}
/** PyTorch's ExponentialLR: lr = lr * gamma on every step. */
export declare class ExponentialLR extends LrScheduler {
    readonly kind: 'ExponentialLR';
    gamma: number;
    constructor(initialLr: number, options: ExponentialLROptions);
    private setOptions;
    loadStateDict(state: SchedulerState): void;
    protected nextLr(lr: number): number;
    stateDict(): SchedulerState;
}
export interface ReduceLROnPlateauOptions {
    /** 'min': the metric should fall (a loss); 'max': it should rise (an accuracy). Default 'min'. */
    mode?: 'min' | 'max';
    /** New LR = LR * factor; must be in [0, 1). Default 0.1. */
    factor?: number;
    /** Epochs without improvement tolerated; the LR drops on the (patience + 1)-th. Integer >= 0. Default 10. */
    patience?: number;
    /** Minimum improvement that counts (relative or absolute, see thresholdMode). >= 0. Default 1e-4. */
    threshold?: number;
    /** 'rel': better than best * (1 -/+ threshold); 'abs': better than best -/+ threshold. Default 'rel'. */
    thresholdMode?: 'rel' | 'abs';
    /** Epochs after a reduction during which bad epochs are not counted. Integer >= 0. Default 0. */
    cooldown?: number;
    /** The LR never goes below this. >= 0. Default 0. */
    minLr?: number;
    /** A reduction smaller than eps is skipped. >= 0. Default 1e-8. */
    eps?: number;
}
/** PyTorch's defaults for ReduceLROnPlateau. */
export declare const REDUCE_LR_ON_PLATEAU_DEFAULTS: Required<ReduceLROnPlateauOptions>;
/** What the last ReduceLROnPlateau.step() saw and did (for readable log lines). */
export interface PlateauStepInfo {
    metric: number;
    /** Best value before this step. */
    previousBest: number;
    improved: boolean;
    /** Bad epochs counted before the reduction check (after any cooldown reset). */
    numBadEpochs: number;
    inCooldown: boolean;
    reduced: boolean;
    oldLr: number;
    newLr: number;
}
/**
 * PyTorch's ReduceLROnPlateau. On step(m):
 * 1. better = m < best * (1 - threshold) (min/rel), m < best - threshold (min/abs),
 *    m > best * (1 + threshold) (max/rel) or m > best + threshold (max/abs), strictly;
 * 2. better: best = m and numBadEpochs = 0; else numBadEpochs += 1;
 * 3. in cooldown: cooldownCounter -= 1 and numBadEpochs = 0;
 * 4. numBadEpochs > patience: new = max(lr * factor, minLr), applied only when
 *    lr - new > eps; then cooldownCounter = cooldown and numBadEpochs = 0.
 */
export declare class ReduceLROnPlateau extends LrScheduler {
    readonly kind: 'ReduceLROnPlateau';
    /** The options in force, defaults filled in. */
    options: Readonly<Required<ReduceLROnPlateauOptions>>;
    /** Best metric so far (+Infinity in min mode / -Infinity in max mode before any step). */
    best: number;
    numBadEpochs: number;
    cooldownCounter: number;
    private last;
    constructor(initialLr: number, options?: ReduceLROnPlateauOptions);
    private setOptions;
    private worst;
    /** Whether `metric` improves on `best` by more than the threshold (PyTorch's is_better). */
    isBetter(metric: number, best?: number): boolean;
    /** True while bad epochs are not being counted after a reduction. */
    get inCooldown(): boolean;
    /** What the last step() saw and did, or undefined before the first step. */
    get lastStep(): PlateauStepInfo | undefined;
    /** Advances one epoch with the monitored value (required, finite) and returns the new LR. */
    step(metric?: number): number;
    protected nextLr(lr: number, _epoch: number, metric: number | undefined): number;
    stateDict(): SchedulerState;
    loadStateDict(state: SchedulerState): void;
}
export type SchedulerClassName = SchedulerState['kind'];
export type Scheduler = StepLR | MultiStepLR | ExponentialLR | ReduceLROnPlateau;
/**
 * Builds a scheduler from PyTorch's class name and keyword arguments, spelled as PyTorch
 * spells them (`step_size`, `threshold_mode`, `min_lr`, ...), e.g. from a config file or
 * the golden vectors:
 *
 *   schedulerFromPyTorch('StepLR', 0.01, { step_size: 5, gamma: 0.1 });
 *
 * Unknown class names or keyword arguments throw a PlateauDoctorError naming them.
 */
export declare function schedulerFromPyTorch(className: string, initialLr: number, params: Record<string, unknown>): Scheduler;
