/**
 * Real overfitting, judged on the averaged weights (issue 12): the validation loss of θ̄ (the EMA
 * of the weights, far less noisy than the raw weights') rises beyond doubt after its best while the
 * training loss still falls. The advice is to stop early and keep the best weights, not to cut:
 * a cut lowers the noise, it does not undo memorisation. The doctor says so, and with
 * `--early-stop` ends the run there and keeps the averaged weights of the best epoch.
 *
 * The test is the pair diagnosis of src/detect/pair.ts (Sen's interval of the trend after the
 * minimum above 0 over at least `minAfterBest` epochs, a fitted rise of at least max(minRise,
 * twice the noise)), on (training loss, averaged validation loss), plus "training loss falls"
 * (its interval below -plateauRate/4 per 10% of the run).
 */
import { diagnosePair, type PairDiagnosis } from '../detect/pair.js';
import { explainPair } from '../detect/pair-explain.js';

/** One epoch: the raw weights' training loss and the averaged weights' validation loss. */
export interface AveragedValRow {
  epoch: number;
  trainLoss: number;
  avgValLoss: number;
}

export interface AveragedOverfittingOptions {
  minAfterBest: number;
  minRise: number;
  plateauRate: number;
  confidence: number;
}

/** The pair diagnosis when it is `overfitting` with the training loss still falling, else null. */
export function judgeAveragedOverfitting(rows: readonly AveragedValRow[], o: AveragedOverfittingOptions): PairDiagnosis | null {
  const pair = diagnosePair(
    { x: 'epoch', xs: rows.map((r) => r.epoch), val: rows.map((r) => r.avgValLoss), train: rows.map((r) => r.trainLoss) },
    { minAfterBest: o.minAfterBest, minRise: o.minRise, plateauRate: o.plateauRate, confidence: o.confidence },
  );
  return pair.kind === 'overfitting' && pair.trainFalls === true && pair.best !== null ? pair : null;
}

/** The summary line and the advice, built from the diagnosis only. */
export function explainAveragedOverfitting(pair: PairDiagnosis, earlyStop: boolean): string {
  const text = explainPair(pair, { train: 'training loss', val: "the averaged weights' validation loss" });
  const action = earlyStop
    ? `stopping early (--early-stop): the final evaluation uses the averaged weights of epoch ${pair.best!.at}`
    : `stop early and keep the averaged weights of epoch ${pair.best!.at} (--early-stop does this); a cut would not undo it`;
  return `${text.summary}; ${action}`;
}
