import type { AveragedEvaluation } from '../logs/run-log.js';
import { averageGap } from '../lr/weight-average.js';
import { probeSubset, type DataSplit, type TrainingData } from './batches.js';
import type { Evaluation, SimpleNN } from './model.js';

/** One epoch end's evaluations: the raw weights on validation (when split off) and test, and the averaged weights' beside them. */
export interface EpochEvaluations {
  val: Evaluation | null;
  test: Evaluation;
  /** Absent when the model keeps no average. */
  average?: AveragedEvaluation;
}

/**
 * Evaluates a model at the end of every epoch. The raw weights: validation (when the data
 * has a split) and test, exactly as without averaging. When the model keeps an average: the
 * averaged weights on the same sets, and the weight-average gap (`averageGap`) over the
 * validation images, or, without a validation split, over the fixed probe subset of the
 * training images (`probeSubset`, from the run's seed).
 */
export class EpochEvaluator {
  private readonly probe: DataSplit | null;
  private readonly rawLosses: Float64Array;
  private readonly averagedLosses: Float64Array;

  constructor(
    private readonly data: TrainingData,
    seed: number,
    averaging: boolean,
  ) {
    this.probe = averaging && !data.val ? probeSubset(data.train, data.inputs, seed) : null;
    const gapExamples = averaging ? (data.val ?? this.probe)!.count : 0;
    this.rawLosses = new Float64Array(gapExamples);
    this.averagedLosses = new Float64Array(gapExamples);
  }

  evaluate(model: SimpleNN): EpochEvaluations {
    const { val: valSplit, test: testSplit } = this.data;
    const averaging = model.averaging;
    const withLosses = averaging && valSplit !== null;
    const val = valSplit ? model.evaluate(valSplit.images, valSplit.labels, withLosses ? { losses: this.rawLosses } : {}) : null;
    const test = model.evaluate(testSplit.images, testSplit.labels);
    if (!averaging) return { val, test };

    const valAvg = valSplit ? model.evaluate(valSplit.images, valSplit.labels, { averaged: true, losses: this.averagedLosses }) : null;
    const testAvg = model.evaluate(testSplit.images, testSplit.labels, { averaged: true });
    if (this.probe) {
      model.evaluate(this.probe.images, this.probe.labels, { losses: this.rawLosses });
      model.evaluate(this.probe.images, this.probe.labels, { averaged: true, losses: this.averagedLosses });
    }
    const gap = averageGap(this.rawLosses, this.averagedLosses, valSplit ? 'validation' : 'probe');
    return {
      val,
      test,
      average: {
        valLoss: valAvg ? valAvg.loss : null,
        valAccuracy: valAvg ? valAvg.accuracy : null,
        testLoss: testAvg.loss,
        testAccuracy: testAvg.accuracy,
        gap,
      },
    };
  }
}
