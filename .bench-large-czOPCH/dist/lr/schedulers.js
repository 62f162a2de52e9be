/**
 * Learning-rate schedulers with PyTorch's exact semantics (torch.optim.lr_scheduler, 1.13):
 * ReduceLROnPlateau, StepLR, MultiStepLR, ExponentialLR. All arithmetic is float64 and
 * chained (the LR is multiplied in place), so a run reproduces PyTorch's LRs bit for bit
 * (checked against ../shared/golden/schedulers.json).
 *
 * Usage, once per epoch like PyTorch:
 *
 *   const scheduler = new StepLR(0.01, { stepSize: 5 });
 *   for (let epoch = 1; epoch <= 10; epoch++) {
 *     train(scheduler.lr);
 *     scheduler.step();
 *   }
 *   // epochs 1-5 run at 0.01, epochs 6-10 at 0.001 (0.01 * 0.1 in float64)
 */
import { PlateauDoctorError, rejectUnknownOptions } from '../errors.js';
/**
 * What the schedulers share (like PyTorch's `_LRScheduler`): the initial LR, the current
 * LR and `lastEpoch`, the number of `step()` calls so far. Subclasses say how one step
 * changes the LR.
 */
export class LrScheduler {
    initialLr;
    currentLr;
    epochs = 0;
    constructor(initialLr) {
        if (typeof initialLr !== 'number' || !Number.isFinite(initialLr) || initialLr < 0) {
            throw new PlateauDoctorError(`initialLr must be a finite number >= 0, got ${String(initialLr)}`);
        }
        this.initialLr = initialLr;
        this.currentLr = initialLr;
    }
    /** The LR after the last `step()` (the initial LR before any). */
    get lr() {
        return this.currentLr;
    }
    /** How many times `step()` has been called (PyTorch's `last_epoch`). */
    get lastEpoch() {
        return this.epochs;
    }
    /**
     * Advances one epoch and returns the new LR. `metric` is the monitored value for
     * ReduceLROnPlateau (required there) and ignored by the other schedulers.
     */
    step(metric) {
        this.epochs += 1;
        this.currentLr = this.nextLr(this.currentLr, this.epochs, metric);
        return this.currentLr;
    }
    /** Restores a state from `stateDict()` of a scheduler of the same class. */
    loadStateDict(state) {
        if (!state || state.kind !== this.kind) {
            throw new PlateauDoctorError(`cannot load a ${String(state?.kind)} state into a ${this.kind} scheduler`);
        }
        if (!Number.isInteger(state.lastEpoch) || state.lastEpoch < 0 || !Number.isFinite(state.lr)) {
            throw new PlateauDoctorError(`invalid ${this.kind} state: lastEpoch ${state.lastEpoch}, lr ${state.lr}`);
        }
        this.epochs = state.lastEpoch;
        this.currentLr = state.lr;
    }
    baseState() {
        return { lastEpoch: this.epochs, lr: this.currentLr, initialLr: this.initialLr };
    }
}
function checkNumber(owner, name, value, rule) {
    const ok = typeof value === 'number' &&
        Number.isFinite(value) &&
        (!rule.integer || Number.isInteger(value)) &&
        (rule.min === undefined || (rule.minExclusive ? value > rule.min : value >= rule.min)) &&
        (rule.maxExclusive === undefined || value < rule.maxExclusive);
    if (!ok) {
        const parts = [rule.integer ? 'an integer' : 'a finite number'];
        if (rule.min !== undefined)
            parts.push(`${rule.minExclusive ? '>' : '>='} ${rule.min}`);
        if (rule.maxExclusive !== undefined)
            parts.push(`< ${rule.maxExclusive}`);
        throw new PlateauDoctorError(`${owner}: ${name} must be ${parts.join(' and ')}, got ${String(value)}`);
    }
    return value;
}
/**
 * `x ** k` for an integer k >= 1, correctly rounded (round half to even), computed exactly
 * with BigInt. PyTorch's `gamma ** count` is C `pow()` (glibc), which is correctly rounded
 * for practically every input, while V8's `**` is not (0.9 ** 4 differs in the last bit).
 * Falls back to `x ** k` for k < 1, non-finite or non-positive x, or a subnormal/overflowing result.
 *
 * powInt(0.9, 4); // => 0.6561 (CPython: 0.9 ** 4 == 0.6561; V8: 0.9 ** 4 == 0.6561000000000001)
 */
export function powInt(x, k) {
    if (!Number.isInteger(k) || k < 1 || !(x > 0) || !Number.isFinite(x))
        return x ** k;
    if (k === 1)
        return x;
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, x);
    const hi = view.getUint32(0);
    const lo = view.getUint32(4);
    const biased = (hi >>> 20) & 0x7ff;
    let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
    let exponent;
    if (biased === 0)
        exponent = -1074;
    else {
        mantissa |= 1n << 52n;
        exponent = biased - 1075;
    }
    // x = mantissa * 2^exponent exactly, so x^k = mantissa^k * 2^(k * exponent) exactly.
    let m = mantissa ** BigInt(k);
    let e = exponent * k;
    const bits = m.toString(2).length;
    if (bits > 53) {
        const shift = BigInt(bits - 53);
        const kept = m >> shift;
        const rest = m - (kept << shift);
        const half = 1n << (shift - 1n);
        m = rest > half || (rest === half && (kept & 1n) === 1n) ? kept + 1n : kept;
        e += bits - 53;
    }
    const leading = m.toString(2).length - 1 + e; // exponent of the result's leading bit
    if (leading < -1022 || leading > 1023)
        return x ** k;
    return Number(m) * 2 ** e;
}
/** PyTorch's StepLR: on the k-th step, if k % stepSize == 0 then lr = lr * gamma. */
export class StepLR extends LrScheduler {
    kind = 'StepLR';
    stepSize;
    gamma;
    constructor(initialLr, options) {
        super(initialLr);
        this.setOptions(options);
    }
    setOptions(options) {
        rejectUnknownOptions('StepLR', options, ['stepSize', 'gamma']);
        this.stepSize = checkNumber('StepLR', 'stepSize (step_size)', options?.stepSize, { min: 1, integer: true });
        this.gamma = checkNumber('StepLR', 'gamma', options.gamma ?? 0.1, { min: 0 });
    }
    loadStateDict(state) {
        super.loadStateDict(state);
        if (state.kind === 'StepLR')
            this.setOptions(state.options);
    }
    nextLr(lr, epoch) {
        return epoch % this.stepSize === 0 ? lr * this.gamma : lr;
    }
    stateDict() {
        return { kind: this.kind, ...this.baseState(), options: { stepSize: this.stepSize, gamma: this.gamma } };
    }
}
/**
 * PyTorch's MultiStepLR: on the k-th step, if k occurs `count` times in milestones then
 * lr = lr * gamma ** count (the power correctly rounded, like C pow(); see powInt).
 */
export class MultiStepLR extends LrScheduler {
    kind = 'MultiStepLR';
    milestones;
    gamma;
    counts = new Map();
    constructor(initialLr, options) {
        super(initialLr);
        this.setOptions(options);
    }
    loadStateDict(state) {
        super.loadStateDict(state);
        if (state.kind === 'MultiStepLR')
            this.setOptions(state.options);
    }
    setOptions(options) {
        rejectUnknownOptions('MultiStepLR', options, ['milestones', 'gamma']);
        const milestones = options?.milestones;
        if (!Array.isArray(milestones)) {
            throw new PlateauDoctorError(`MultiStepLR: milestones must be a list of positive integers, got ${String(milestones)}`);
        }
        milestones.forEach((m, i) => checkNumber('MultiStepLR', `milestones[${i}]`, m, { min: 1, integer: true }));
        this.milestones = [...milestones];
        this.gamma = checkNumber('MultiStepLR', 'gamma', options.gamma ?? 0.1, { min: 0 });
        this.counts = new Map();
        for (const m of milestones)
            this.counts.set(m, (this.counts.get(m) ?? 0) + 1);
    }
    nextLr(lr, epoch) {
        const count = this.counts.get(epoch);
        return count === undefined ? lr : lr * powInt(this.gamma, count);
    }
    stateDict() {
        return { kind: this.kind, ...this.baseState(), options: { milestones: [...this.milestones], gamma: this.gamma } };
    }
}
/** PyTorch's ExponentialLR: lr = lr * gamma on every step. */
export class ExponentialLR extends LrScheduler {
    kind = 'ExponentialLR';
    gamma;
    constructor(initialLr, options) {
        super(initialLr);
        this.setOptions(options);
    }
    setOptions(options) {
        rejectUnknownOptions('ExponentialLR', options, ['gamma']);
        this.gamma = checkNumber('ExponentialLR', 'gamma', options?.gamma, { min: 0 });
    }
    loadStateDict(state) {
        super.loadStateDict(state);
        if (state.kind === 'ExponentialLR')
            this.setOptions(state.options);
    }
    nextLr(lr) {
        return lr * this.gamma;
    }
    stateDict() {
        return { kind: this.kind, ...this.baseState(), options: { gamma: this.gamma } };
    }
}
/** PyTorch's defaults for ReduceLROnPlateau. */
export const REDUCE_LR_ON_PLATEAU_DEFAULTS = {
    mode: 'min',
    factor: 0.1,
    patience: 10,
    threshold: 1e-4,
    thresholdMode: 'rel',
    cooldown: 0,
    minLr: 0,
    eps: 1e-8,
};
/**
 * PyTorch's ReduceLROnPlateau. On step(m):
 * 1. better = m < best * (1 - threshold) (min/rel), m < best - threshold (min/abs),
 *    m > best * (1 + threshold) (max/rel) or m > best + threshold (max/abs), strictly;
 * 2. better: best = m and numBadEpochs = 0; else numBadEpochs += 1;
 * 3. in cooldown: cooldownCounter -= 1 and numBadEpochs = 0;
 * 4. numBadEpochs > patience: new = max(lr * factor, minLr), applied only when
 *    lr - new > eps; then cooldownCounter = cooldown and numBadEpochs = 0.
 */
export class ReduceLROnPlateau extends LrScheduler {
    kind = 'ReduceLROnPlateau';
    /** The options in force, defaults filled in. */
    options;
    /** Best metric so far (+Infinity in min mode / -Infinity in max mode before any step). */
    best;
    numBadEpochs = 0;
    cooldownCounter = 0;
    last;
    constructor(initialLr, options = {}) {
        super(initialLr);
        this.setOptions(options);
        this.best = this.worst();
    }
    setOptions(options) {
        const o = { ...REDUCE_LR_ON_PLATEAU_DEFAULTS };
        for (const [key, value] of Object.entries(options ?? {})) {
            if (value !== undefined)
                o[key] = value;
        }
        rejectUnknownOptions('ReduceLROnPlateau', options, Object.keys(REDUCE_LR_ON_PLATEAU_DEFAULTS));
        if (o.mode !== 'min' && o.mode !== 'max') {
            throw new PlateauDoctorError(`ReduceLROnPlateau: mode must be 'min' or 'max', got ${String(o.mode)}`);
        }
        if (o.thresholdMode !== 'rel' && o.thresholdMode !== 'abs') {
            throw new PlateauDoctorError(`ReduceLROnPlateau: thresholdMode must be 'rel' or 'abs', got ${String(o.thresholdMode)}`);
        }
        checkNumber('ReduceLROnPlateau', 'factor', o.factor, { min: 0, maxExclusive: 1 });
        checkNumber('ReduceLROnPlateau', 'patience', o.patience, { min: 0, integer: true });
        checkNumber('ReduceLROnPlateau', 'threshold', o.threshold, { min: 0 });
        checkNumber('ReduceLROnPlateau', 'cooldown', o.cooldown, { min: 0, integer: true });
        checkNumber('ReduceLROnPlateau', 'minLr', o.minLr, { min: 0 });
        checkNumber('ReduceLROnPlateau', 'eps', o.eps, { min: 0 });
        this.options = Object.freeze(o);
    }
    worst() {
        return this.options.mode === 'min' ? Infinity : -Infinity;
    }
    /** Whether `metric` improves on `best` by more than the threshold (PyTorch's is_better). */
    isBetter(metric, best = this.best) {
        const { mode, thresholdMode, threshold } = this.options;
        if (mode === 'min' && thresholdMode === 'rel')
            return metric < best * (1 - threshold);
        if (mode === 'min')
            return metric < best - threshold;
        if (thresholdMode === 'rel')
            return metric > best * (threshold + 1);
        return metric > best + threshold;
    }
    /** True while bad epochs are not being counted after a reduction. */
    get inCooldown() {
        return this.cooldownCounter > 0;
    }
    /** What the last step() saw and did, or undefined before the first step. */
    get lastStep() {
        return this.last;
    }
    /** Advances one epoch with the monitored value (required, finite) and returns the new LR. */
    step(metric) {
        if (typeof metric !== 'number' || !Number.isFinite(metric)) {
            throw new PlateauDoctorError(`ReduceLROnPlateau.step needs the monitored metric as a finite number, got ${String(metric)}; pass the epoch's validation or training loss`);
        }
        return super.step(metric);
    }
    nextLr(lr, _epoch, metric) {
        const m = metric;
        const previousBest = this.best;
        const improved = this.isBetter(m);
        if (improved) {
            this.best = m;
            this.numBadEpochs = 0;
        }
        else {
            this.numBadEpochs += 1;
        }
        const inCooldown = this.cooldownCounter > 0;
        if (inCooldown) {
            this.cooldownCounter -= 1;
            this.numBadEpochs = 0;
        }
        const numBadEpochs = this.numBadEpochs;
        let newLr = lr;
        let reduced = false;
        if (this.numBadEpochs > this.options.patience) {
            const candidate = Math.max(lr * this.options.factor, this.options.minLr);
            if (lr - candidate > this.options.eps) {
                newLr = candidate;
                reduced = true;
            }
            this.cooldownCounter = this.options.cooldown;
            this.numBadEpochs = 0;
        }
        this.last = { metric: m, previousBest, improved, numBadEpochs, inCooldown, reduced, oldLr: lr, newLr };
        return newLr;
    }
    stateDict() {
        return {
            kind: this.kind,
            ...this.baseState(),
            options: { ...this.options },
            best: Number.isFinite(this.best) ? this.best : null,
            numBadEpochs: this.numBadEpochs,
            cooldownCounter: this.cooldownCounter,
        };
    }
    loadStateDict(state) {
        super.loadStateDict(state);
        if (state.kind !== 'ReduceLROnPlateau')
            return;
        this.setOptions(state.options);
        this.best = state.best === null ? this.worst() : state.best;
        this.numBadEpochs = state.numBadEpochs;
        this.cooldownCounter = state.cooldownCounter;
        this.last = undefined;
    }
}
/**
 * Builds a scheduler from PyTorch's class name and keyword arguments, spelled as PyTorch
 * spells them (`step_size`, `threshold_mode`, `min_lr`, ...), e.g. from a config file or
 * the golden vectors:
 *
 *   schedulerFromPyTorch('StepLR', 0.01, { step_size: 5, gamma: 0.1 });
 *
 * Unknown class names or keyword arguments throw a PlateauDoctorError naming them.
 */
export function schedulerFromPyTorch(className, initialLr, params) {
    const take = (allowed) => {
        const out = {};
        for (const [key, value] of Object.entries(params)) {
            const name = allowed[key];
            if (name === undefined) {
                throw new PlateauDoctorError(`${className}: unknown PyTorch argument ${key}; known: ${Object.keys(allowed).join(', ')}`);
            }
            out[name] = value;
        }
        return out;
    };
    switch (className) {
        case 'StepLR':
            return new StepLR(initialLr, take({ step_size: 'stepSize', gamma: 'gamma' }));
        case 'MultiStepLR':
            return new MultiStepLR(initialLr, take({ milestones: 'milestones', gamma: 'gamma' }));
        case 'ExponentialLR':
            return new ExponentialLR(initialLr, take({ gamma: 'gamma' }));
        case 'ReduceLROnPlateau':
            return new ReduceLROnPlateau(initialLr, take({
                mode: 'mode',
                factor: 'factor',
                patience: 'patience',
                threshold: 'threshold',
                threshold_mode: 'thresholdMode',
                cooldown: 'cooldown',
                min_lr: 'minLr',
                eps: 'eps',
            }));
        default:
            throw new PlateauDoctorError(`unknown scheduler class ${className}; use StepLR, MultiStepLR, ExponentialLR or ReduceLROnPlateau`);
    }
}
//# sourceMappingURL=schedulers.js.map