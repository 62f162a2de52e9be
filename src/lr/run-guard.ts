import { lossOutOfRange, lossReference } from '../detect/explosion.js';
import { num } from '../numbers.js';

/** Why a run must stop: its loss became non-finite, or left every sane range. */
export type DivergedLoss =
  | { kind: 'non-finite'; loss: number }
  | { kind: 'out-of-range'; loss: number; reference: number; factor: number };

/**
 * The training loop's stop rule, one copy for every schedule: a non-finite loss, or a loss 1000
 * times its reference or more (the first loss, or ln C when larger: detect/explosion.ts), ends the
 * run with status `diverged`. The reference is fixed by the run's first loss.
 *
 * @example const guard = new RunGuard(10); guard.check(2.34); guard.check(6582)?.kind; // => 'out-of-range'
 */
export class RunGuard {
  private reference: number | null = null;
  /** The run's first loss (null before it), kept so a run resumed elsewhere keeps its reference. */
  firstLoss: number | null = null;

  constructor(
    private readonly classes?: number,
    firstLoss?: number,
  ) {
    if (firstLoss !== undefined && Number.isFinite(firstLoss)) {
      this.firstLoss = firstLoss;
      this.reference = lossReference(firstLoss, classes);
    }
  }

  /** Checks one step's loss; null while the run is sane. */
  check(loss: number): DivergedLoss | null {
    if (!Number.isFinite(loss)) return { kind: 'non-finite', loss };
    if (this.reference === null) {
      this.firstLoss = loss;
      this.reference = lossReference(loss, this.classes);
      return null;
    }
    const out = lossOutOfRange(loss, this.reference);
    return out ? { kind: 'out-of-range', ...out, loss } : null;
  }
}

/** The one line a diverged run reports (run.json `message`, the progress output). */
export function divergedMessage(d: DivergedLoss, where: { step: number; epoch: number; lr: number }, classes?: number): string {
  const at = `at step ${where.step} (epoch ${where.epoch}, lr ${where.lr})`;
  if (d.kind === 'non-finite') return `diverged: the training loss became ${d.loss} ${at}; try a smaller --lr`;
  const ref = classes !== undefined && classes >= 2 ? `the larger of the first loss and ln ${classes}` : 'the first loss';
  return `diverged: the training loss reached ${num(d.loss)} ${at}, ${num(d.factor)} times ${ref} (${num(d.reference)}): out of any sane range; try a smaller --lr`;
}
