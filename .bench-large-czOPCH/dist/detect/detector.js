import { PlateauDoctorError } from '../errors.js';
import { BlockSeries } from './blocks.js';
import { assess } from './assess.js';
import { resolveDetectorOptions } from './options.js';
import { olsSlope } from './stats/ols.js';
import { formatTrend, num, pct } from './format.js';
/**
 * The online plateau detector. Feed it every step's loss with `update(step, loss)` (and,
 * optionally, each epoch's validation loss with `observeEpoch`); it returns the current
 * Diagnosis. Steps are aggregated into blocks (see BlockSeries), and the verdict is re-assessed
 * only when a block completes, so an update costs O(1) amortised and memory is bounded.
 * The same decision (`assess`) drives the offline `diagnoseSeries`.
 *
 * @example
 *   const detector = new PlateauDetector({ stepsPerEpoch: 938, classes: 10 });
 *   for (const [step, loss] of losses) detector.update(step, loss).verdict; // 'warmup', ..., 'descending'
 */
export class PlateauDetector {
    options;
    userOptions;
    blocks;
    first = [];
    xStart = Number.NaN;
    xEnd = Number.NaN;
    pointCount = 0;
    updates = 0;
    nonFiniteAt = null;
    /** The last step seen (steps must not decrease). */
    lastStep = -Infinity;
    /** x of the last point of the last complete block. */
    blockEndX = Number.NaN;
    epochs = [];
    resetEpoch = 0;
    trainAssessment = null;
    current;
    constructor(options = {}) {
        this.userOptions = { ...options };
        this.options = resolveDetectorOptions(options);
        this.blocks = new BlockSeries(this.options.capacity);
        this.current = this.warmupDiagnosis(Number.NaN);
    }
    /** The latest diagnosis (same object `update` returned last). */
    get diagnosis() {
        return this.current;
    }
    /** The latest train-loss assessment, with plateau start, knee and divergence start. */
    get assessment() {
        return this.trainAssessment;
    }
    /** Adds one step's loss and returns the diagnosis at this step. */
    update(step, loss) {
        if (!Number.isFinite(step) || step < this.lastStep) {
            throw new PlateauDoctorError(`PlateauDetector.update: step ${step} after step ${this.lastStep}; steps must be finite and must not decrease (a restarted run needs a new detector)`);
        }
        this.lastStep = step;
        this.updates++;
        if (!Number.isFinite(loss)) {
            if (this.nonFiniteAt === null) {
                this.nonFiniteAt = step;
                this.reassess();
            }
            return this.at(step);
        }
        if (this.nonFiniteAt !== null)
            return this.at(step);
        if (this.pointCount === 0)
            this.xStart = step;
        this.xEnd = step;
        this.pointCount++;
        if (this.first.length < 5)
            this.first.push(loss);
        const completed = this.blocks.push(step, loss);
        if (completed)
            this.blockEndX = step;
        if (this.updates <= this.options.warmup) {
            this.current = this.warmupDiagnosis(step);
            return this.current;
        }
        if (completed || this.trainAssessment === null)
            this.reassess();
        return this.at(step);
    }
    /**
     * Adds one epoch's metrics (train and validation loss; never test). The validation curve counts
     * as stalled after `valPatience` epochs without beating its best by `valMinDelta`; a stall while
     * the training loss still falls gives the verdict `overfitting`.
     */
    observeEpoch(observation) {
        const valLoss = observation.valLoss ?? null;
        this.epochs.push({ epoch: observation.epoch, trainLoss: observation.trainLoss ?? null, valLoss: valLoss !== null && Number.isFinite(valLoss) ? valLoss : null });
        this.combine();
        return this.current;
    }
    /** Tells the detector the LR changed after `epoch`: validation patience counts from there. */
    noteLrChange(epoch) {
        this.resetEpoch = epoch;
        this.combine();
    }
    /** Where the validation curve stands, or null without validation losses. */
    validationStatus() {
        const vals = this.epochs.filter((e) => e.valLoss !== null);
        if (vals.length === 0)
            return null;
        let best = vals[0];
        for (const e of vals)
            if (e.valLoss < best.valLoss * (1 - this.options.valMinDelta))
                best = e;
        const last = vals[vals.length - 1];
        const since = last.epoch - Math.max(best.epoch, this.resetEpoch);
        // Trend of ln(validation loss) per epoch over the last valWindow epochs since the last LR change.
        const recent = vals.filter((e) => e.epoch > this.resetEpoch).slice(-this.options.valWindow);
        let trend = null;
        if (recent.length >= this.options.valWindow && recent.every((e) => e.valLoss > 0)) {
            const fit = olsSlope(recent.map((e) => e.epoch), recent.map((e) => Math.log(e.valLoss)), { confidence: this.options.confidence, autocorrelation: false });
            if (fit)
                trend = { relative: Math.expm1(fit.slope), low: Math.expm1(fit.low), high: Math.expm1(fit.high), unit: 'epoch' };
        }
        // Stalled: no new best for the last 2 epochs, and over the last valWindow epochs (since the
        // last LR change) no significant fall and an average fall under valMinDelta per epoch. Before
        // there are valWindow epochs: valPatience epochs without a new best (first LR only; after an
        // LR change the curve gets valWindow epochs to show what the new LR does).
        const stalled = since >= 2 &&
            (trend !== null ? trend.high >= 0 && trend.relative > -this.options.valMinDelta : this.resetEpoch === 0 && since >= this.options.valPatience);
        return {
            bestEpoch: best.epoch,
            bestLoss: best.valLoss,
            lastLoss: last.valLoss,
            lastEpoch: last.epoch,
            epochsSinceBest: since,
            trend,
            stalled,
        };
    }
    stateDict() {
        return {
            version: 1,
            options: { ...this.userOptions },
            blocks: this.blocks.stateDict(),
            first: [...this.first],
            xStart: toJson(this.xStart),
            xEnd: toJson(this.xEnd),
            pointCount: this.pointCount,
            updates: this.updates,
            nonFiniteAt: this.nonFiniteAt,
            blockEndX: toJson(this.blockEndX),
            lastStep: toJson(this.lastStep),
            epochs: this.epochs.map((e) => ({ ...e })),
            resetEpoch: this.resetEpoch,
        };
    }
    loadStateDict(state) {
        if (state.version !== 1)
            throw new RangeError(`PlateauDetector.loadStateDict: unknown state version ${String(state.version)}`);
        this.options = resolveDetectorOptions(state.options);
        Object.assign(this.userOptions, state.options);
        this.blocks = BlockSeries.fromState(state.blocks);
        this.first = [...state.first];
        this.xStart = state.xStart ?? Number.NaN;
        this.xEnd = state.xEnd ?? Number.NaN;
        this.pointCount = state.pointCount;
        this.updates = state.updates;
        this.nonFiniteAt = state.nonFiniteAt;
        this.blockEndX = state.blockEndX ?? Number.NaN;
        this.lastStep = state.lastStep ?? -Infinity;
        this.epochs = state.epochs.map((e) => ({ ...e }));
        this.resetEpoch = state.resetEpoch;
        this.trainAssessment = null;
        if (this.updates <= this.options.warmup && this.nonFiniteAt === null)
            this.current = this.warmupDiagnosis(this.xEnd);
        else
            this.reassess();
    }
    at(step) {
        const c = this.current;
        if (c.at === step)
            return c;
        // A fresh monomorphic literal (not a spread): callers may keep the returned object.
        return (this.current = { verdict: c.verdict, at: step, evidence: c.evidence, summary: c.summary, suggestion: c.suggestion });
    }
    reassess() {
        const snap = this.blocks.snapshot(false);
        const sorted = [...this.first].sort((a, b) => a - b);
        this.trainAssessment = assess({
            ...snap,
            blockSize: this.blocks.blockSize,
            xStart: this.xStart,
            // The analysis covers complete blocks only; the pending points join with their block.
            xEnd: this.blockEndX,
            startLevel: sorted.length ? sorted[sorted.length >> 1] : Number.NaN,
            pointCount: this.pointCount - this.blocks.pending,
            nonFiniteAt: this.nonFiniteAt,
        }, this.options);
        this.combine();
    }
    combine() {
        const train = this.trainAssessment;
        if (!train)
            return;
        const { plateauStart: _p, knee: _k, divergenceStart: _d, ...base } = train;
        let diagnosis = { ...base, at: Number.isFinite(this.xEnd) ? this.xEnd : base.at };
        const val = this.validationStatus();
        if (val && val.stalled && (train.verdict === 'descending' || train.verdict === 'insufficient_data')) {
            const evidence = train.evidence ? { ...train.evidence } : null;
            const validation = { bestEpoch: val.bestEpoch, bestLoss: val.bestLoss, lastLoss: val.lastLoss, epochsSinceBest: val.epochsSinceBest, trend: val.trend };
            if (evidence)
                evidence.validation = validation;
            const rising = val.lastLoss > val.bestLoss * (1 + this.options.valMinDelta);
            const trainText = train.evidence ? `training loss ${formatTrend(train.evidence.trend, this.options.confidence)}` : 'training loss still falling';
            diagnosis = {
                verdict: 'overfitting',
                at: diagnosis.at,
                evidence,
                summary: `overfitting: validation loss ${rising ? 'rising' : 'stalled'} since epoch ${val.bestEpoch} (best ${num(val.bestLoss)}, now ${num(val.lastLoss)}, ${val.epochsSinceBest} epochs without a ${pct(this.options.valMinDelta)}% gain${val.trend ? `, last ${this.options.valWindow} epochs ${formatTrend(val.trend, this.options.confidence)}` : ''}) while ${trainText}`,
                suggestion: 'the validation loss stopped improving while the training loss falls: a decay here would likely help (or stop early / regularise)',
            };
        }
        this.current = diagnosis;
    }
    warmupDiagnosis(step) {
        return {
            verdict: 'warmup',
            at: step,
            evidence: null,
            summary: `warmup: ${this.pointCount} of ${this.options.warmup} steps seen before the first verdict`,
            suggestion: 'too early to judge',
        };
    }
}
/** NaN is not JSON: store it as null. */
function toJson(v) {
    return Number.isFinite(v) ? v : null;
}
//# sourceMappingURL=detector.js.map