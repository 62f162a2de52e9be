import { PlateauDoctorError } from '../errors.js';
import { BlockSeries, type BlockState } from './blocks.js';
import { assess, type Assessment } from './assess.js';
import { resolveDetectorOptions, type DetectorOptions, type ResolvedDetectorOptions } from './options.js';
import type { Diagnosis, Evidence, TrendEstimate } from './types.js';
import { explosionDefaults, findExplosion, RangeWatch, TailRing, type RangeWatchState, type TailRingState } from './explosion.js';
import { diagnosePair, type PairDiagnosis } from './pair.js';
import { explainPair } from './pair-explain.js';

/** Per-epoch metrics the detector may use. Never pass test-set numbers. */
export interface EpochObservation {
  epoch: number;
  trainLoss?: number | null;
  valLoss?: number | null;
  valAccuracy?: number | null;
}

/** Where the validation curve stands (from the pair diagnosis of the per-epoch losses). */
export interface ValidationStatus {
  bestEpoch: number;
  bestLoss: number;
  lastLoss: number;
  lastEpoch: number;
  /** Epochs since the best. */
  epochsSinceBest: number;
  /** Theil-Sen trend of the validation loss per epoch over the epochs after the best (Sen's interval), when judged. */
  trend: TrendEstimate | null;
  /**
   * Rising beyond doubt: the pair diagnosis says `overfitting` (Sen's interval above 0 over at
   * least `valWindow` epochs after the best, fitted rise >= max(valMinDelta, 2 x noise)), and
   * `valWindow` epochs have passed since the last LR change (the new LR had time to show its effect).
   */
  rising: boolean;
  /** The training/validation pair diagnosis over every epoch seen (src/detect/pair.ts). */
  pair: PairDiagnosis;
}

/** Everything needed to resume a detector exactly (plain JSON). */
export interface DetectorState {
  version: 1;
  options: DetectorOptions;
  blocks: BlockState;
  first: number[];
  xStart: number | null;
  xEnd: number | null;
  pointCount: number;
  updates: number;
  nonFiniteAt: number | null;
  blockEndX: number | null;
  /** The last step passed to update (null before the first). */
  lastStep: number | null;
  epochs: Array<{ epoch: number; trainLoss: number | null; valLoss: number | null }>;
  resetEpoch: number;
  /** The last raw points, the range watch and the explosion flag (absent in older states). */
  tail?: TailRingState;
  range?: RangeWatchState;
  blownUp?: boolean;
}

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
  readonly options: ResolvedDetectorOptions;
  private readonly userOptions: DetectorOptions;
  private blocks: BlockSeries;
  private first: number[] = [];
  private xStart = Number.NaN;
  private xEnd = Number.NaN;
  private pointCount = 0;
  private updates = 0;
  private nonFiniteAt: number | null = null;
  /** The last step seen (steps must not decrease). */
  private lastStep = -Infinity;
  /** x of the last point of the last complete block. */
  private blockEndX = Number.NaN;
  private epochs: Array<{ epoch: number; trainLoss: number | null; valLoss: number | null }> = [];
  private resetEpoch = 0;
  private trainAssessment: Assessment | null = null;
  private current: Diagnosis;
  /** The last raw points and the range watch, for explosions (judged at every point). */
  private ring = new TailRing();
  private range: RangeWatch;
  /** True while the last check found an explosion or an out-of-range loss. */
  private blownUp = false;

  constructor(options: DetectorOptions = {}) {
    this.userOptions = { ...options };
    this.options = resolveDetectorOptions(options);
    this.blocks = new BlockSeries(this.options.capacity);
    this.range = new RangeWatch(this.options.classes);
    this.current = this.warmupDiagnosis(Number.NaN);
  }

  /** The latest diagnosis (same object `update` returned last). */
  get diagnosis(): Diagnosis {
    return this.current;
  }

  /** The latest train-loss assessment, with plateau start, knee and divergence start. */
  get assessment(): Assessment | null {
    return this.trainAssessment;
  }

  /** Adds one step's loss and returns the diagnosis at this step. */
  update(step: number, loss: number): Diagnosis {
    if (!Number.isFinite(step) || step < this.lastStep) {
      throw new PlateauDoctorError(
        `PlateauDetector.update: step ${step} after step ${this.lastStep}; steps must be finite and must not decrease (a restarted run needs a new detector)`,
      );
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
    if (this.nonFiniteAt !== null) return this.at(step);
    if (this.pointCount === 0) this.xStart = step;
    this.xEnd = step;
    this.pointCount++;
    if (this.first.length < 5) this.first.push(loss);
    const completed = this.blocks.push(step, loss);
    if (completed) this.blockEndX = step;
    this.ring.push(step, loss);
    this.range.push(step, loss);
    // Explosions are judged at every point, warmup or not, like a non-finite loss.
    const wasBlownUp = this.blownUp;
    this.blownUp = this.range.finding() !== null || (this.ring.size >= 6 && loss >= explosionDefaults.riseFactor * this.recentFloor() && this.tailExplodes());
    if (this.blownUp) {
      this.reassess();
      return this.at(step);
    }
    if (this.updates <= this.options.warmup) {
      this.current = this.warmupDiagnosis(step);
      return this.current;
    }
    if (completed || wasBlownUp || this.trainAssessment === null) this.reassess();
    return this.at(step);
  }

  /**
   * Adds one epoch's metrics (train and validation loss; never test). A validation loss that rises
   * beyond doubt after its best (see `ValidationStatus.rising`) while the training loss still falls
   * gives the verdict `overfitting`; a wobble whose interval spans 0 gives nothing.
   */
  observeEpoch(observation: EpochObservation): Diagnosis {
    const valLoss = observation.valLoss ?? null;
    this.epochs.push({ epoch: observation.epoch, trainLoss: observation.trainLoss ?? null, valLoss: valLoss !== null && Number.isFinite(valLoss) ? valLoss : null });
    this.combine();
    return this.current;
  }

  /** The lowest of the last few block means (and the pending block's): a cheap floor before the explosion test. */
  private recentFloor(): number {
    const b = this.blocks;
    let floor = b.pending > 0 ? b.pendingMean : Number.POSITIVE_INFINITY;
    for (let i = Math.max(0, b.count - 4); i < b.count; i++) floor = Math.min(floor, b.ySum[i] / b.n[i]);
    return Number.isFinite(floor) ? floor : Number.NEGATIVE_INFINITY;
  }

  private tailExplodes(): boolean {
    const { x, y } = this.ring.toArrays();
    return findExplosion(x, y, y.length, { confidence: this.options.confidence }) !== null;
  }

  /** Tells the detector the LR changed after `epoch`: a validation rise is judged `valWindow` epochs later at the earliest. */
  noteLrChange(epoch: number): void {
    this.resetEpoch = epoch;
    this.combine();
  }

  /** Where the validation curve stands, or null without validation losses. */
  validationStatus(): ValidationStatus | null {
    const seen = this.epochs.filter((e) => e.valLoss !== null && e.trainLoss !== null) as Array<{ epoch: number; trainLoss: number; valLoss: number }>;
    if (seen.length === 0) return null;
    const o = this.options;
    const pair = diagnosePair(
      { x: 'epoch', xs: seen.map((e) => e.epoch), val: seen.map((e) => e.valLoss), train: seen.map((e) => e.trainLoss) },
      { minAfterBest: o.valWindow, minRise: o.valMinDelta, plateauRate: o.plateauRate, confidence: o.confidence },
    );
    const last = seen[seen.length - 1];
    const best = pair.best ?? { at: last.epoch, val: last.valLoss };
    const rising = pair.kind === 'overfitting' && last.epoch - this.resetEpoch >= o.valWindow;
    return {
      bestEpoch: best.at,
      bestLoss: best.val,
      lastLoss: last.valLoss,
      lastEpoch: last.epoch,
      epochsSinceBest: last.epoch - best.at,
      trend: pair.kind === 'overfitting' && pair.valTrend ? pair.valTrend.trend : null,
      rising,
      pair,
    };
  }

  stateDict(): DetectorState {
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
      tail: this.ring.toArrays(),
      range: this.range.stateDict(),
      blownUp: this.blownUp,
    };
  }

  loadStateDict(state: DetectorState): void {
    if (state.version !== 1) throw new RangeError(`PlateauDetector.loadStateDict: unknown state version ${String(state.version)}`);
    (this as { options: ResolvedDetectorOptions }).options = resolveDetectorOptions(state.options);
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
    // States written before explosions were judged have no tail: start it empty.
    this.ring = TailRing.fromState(state.tail ?? { x: [], y: [] });
    this.range = new RangeWatch(this.options.classes);
    if (state.range) this.range.loadStateDict(state.range);
    this.blownUp = state.blownUp ?? false;
    this.trainAssessment = null;
    if (this.updates <= this.options.warmup && this.nonFiniteAt === null && !this.blownUp) this.current = this.warmupDiagnosis(this.xEnd);
    else this.reassess();
  }

  private at(step: number): Diagnosis {
    const c = this.current;
    if (c.at === step) return c;
    // A fresh monomorphic literal (not a spread): callers may keep the returned object.
    return (this.current = { verdict: c.verdict, at: step, evidence: c.evidence, summary: c.summary, suggestion: c.suggestion });
  }

  private reassess(): void {
    const snap = this.blocks.snapshot(false);
    const sorted = [...this.first].sort((a, b) => a - b);
    this.trainAssessment = assess(
      {
        ...snap,
        blockSize: this.blocks.blockSize,
        xStart: this.xStart,
        // The analysis covers complete blocks only; the pending points join with their block.
        xEnd: this.blockEndX,
        startLevel: sorted.length ? sorted[sorted.length >> 1] : Number.NaN,
        pointCount: this.pointCount - this.blocks.pending,
        nonFiniteAt: this.nonFiniteAt,
        tail: this.ring.toArrays(),
        outOfRange: this.range.finding(),
      },
      this.options,
    );
    this.combine();
  }

  private combine(): void {
    const train = this.trainAssessment;
    if (!train) return;
    const { plateauStart: _p, knee: _k, divergenceStart: _d, ...base } = train;
    let diagnosis: Diagnosis = { ...base, at: Number.isFinite(this.xEnd) ? this.xEnd : base.at };
    const val = this.validationStatus();
    if (val && val.rising && (train.verdict === 'descending' || train.verdict === 'insufficient_data')) {
      const evidence: Evidence | null = train.evidence ? { ...train.evidence } : null;
      if (evidence) evidence.validation = { bestEpoch: val.bestEpoch, bestLoss: val.bestLoss, lastLoss: val.lastLoss, epochsSinceBest: val.epochsSinceBest, trend: val.trend };
      const text = explainPair(val.pair, { train: 'training loss', val: 'validation loss' });
      diagnosis = { verdict: 'overfitting', at: diagnosis.at, evidence, summary: text.summary, suggestion: text.suggestion };
    }
    this.current = diagnosis;
  }

  private warmupDiagnosis(step: number): Diagnosis {
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
function toJson(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
