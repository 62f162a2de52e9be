import cliProgress from 'cli-progress';
import type { EpochRecord, LrChangeEvent, RunFork, RunMeta } from '../logs/run-log.js';
import type { CliIO } from './io.js';
import { formatDuration, formatMetric, formatPoints, formatSigned, num, xValue } from '../numbers.js';

/**
 * What `plateau-doctor run` shows while training: one progress bar per run on a terminal,
 * otherwise one line per epoch and per LR change (log-friendly). Everything goes to stderr;
 * stdout is kept for the final table.
 */
export class RunProgress {
  private readonly bars = new Map<string, cliProgress.SingleBar>();
  private readonly multi: cliProgress.MultiBar | undefined;
  private readonly totals = new Map<string, number>();
  private readonly lastMessage = new Map<string, string>();

  constructor(
    private readonly io: CliIO,
    private readonly epochs: number,
  ) {
    this.multi = io.isTTY
      ? new cliProgress.MultiBar(
          {
            format: ' {name} |{bar}| epoch {epoch}/{epochs} | step {value}/{total} | loss {loss} | lr {lr} | {status}',
            hideCursor: true,
            clearOnComplete: false,
            stopOnComplete: false,
            fps: 5,
            stream: process.stderr,
          },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
  }

  start(meta: RunMeta, stepsPerEpoch: number): void {
    const total = stepsPerEpoch * this.epochs;
    this.totals.set(meta.name, total);
    if (this.multi) {
      const bar = this.multi.create(total, 0, {
        name: meta.name.padEnd(12),
        epoch: 1,
        epochs: this.epochs,
        loss: '-',
        lr: '-',
        status: meta.backend,
      });
      this.bars.set(meta.name, bar);
    } else {
      const skipped = meta.backendSkipped?.length ? ` (skipped ${meta.backendSkipped.join('; ')})` : '';
      this.io.stderr(`[${meta.name}] training on ${meta.dataset.name} (${meta.dataset.trainSize} train / ${meta.dataset.valSize} val / ${meta.dataset.testSize} test), backend ${meta.backend}${skipped}\n`);
    }
  }

  steps(run: string, lastStep: number, epoch: number, loss: number, lr: number): void {
    this.bars.get(run)?.update(lastStep, { epoch, loss: formatMetric(loss), lr: num(lr) });
  }

  epoch(run: string, r: EpochRecord): void {
    const val = r.valLoss === null ? '' : ` val_loss ${formatMetric(r.valLoss)} val_acc ${accuracyText(r.valAccuracy)}`;
    const line = `[${run}] epoch ${r.epoch}/${this.epochs}: train_loss ${formatMetric(r.trainLoss)}${val} test_acc ${accuracyText(r.testAccuracy)}${averagedText(r)} lr ${num(r.lr)} (${formatDuration(r.seconds)})`;
    if (this.multi) this.bars.get(run)?.update({ status: `test acc ${accuracyText(r.testAccuracy)}` });
    else this.io.stderr(line + '\n');
  }

  message(run: string, text: string): void {
    this.lastMessage.set(run, text);
    const line = `[${run}] ${text}`;
    if (this.multi) this.multi.log(line + '\n');
    else this.io.stderr(line + '\n');
  }

  lrChange(run: string, e: LrChangeEvent): void {
    this.message(run, `step ${xValue(e.step)} (epoch ${e.epoch}): lr ${num(e.oldLr)} -> ${num(e.newLr)}: ${e.reason}`);
  }

  /** The run leaves the training it shared with others: its LR differs from here on. */
  fork(run: string, fork: RunFork): void {
    this.message(run, `leaves the shared training after step ${fork.step} (epoch ${fork.epoch}), where its LR first differs from ${fork.from}'s`);
  }

  end(meta: RunMeta): void {
    const bar = this.bars.get(meta.name);
    if (bar) {
      if (meta.status === 'completed') bar.update(this.totals.get(meta.name) ?? 0);
      bar.update({ status: meta.status === 'completed' ? `done, test acc ${accuracyText(meta.final.testAccuracy)}` : meta.status });
    } else {
      const repeated = meta.message === undefined || this.lastMessage.get(meta.name) === meta.message;
      this.io.stderr(`[${meta.name}] ${meta.status}${repeated ? '' : ': ' + meta.message}\n`);
    }
  }

  stop(): void {
    this.multi?.stop();
  }
}

/** The averaged weights in an epoch line: their test accuracy and the gap with its interval, e.g. " avg_test_acc 97.30% gap +0.0123 (95% +0.0101..+0.0145)". */
function averagedText(r: EpochRecord): string {
  if (!r.average) return '';
  const g = r.average.gap;
  const gap = g ? ` gap ${formatSigned(g.mean, 4)} (95% ${formatSigned(g.low, 4)}..${formatSigned(g.high, 4)})` : '';
  return ` avg_test_acc ${accuracyText(r.average.testAccuracy)}${gap}`;
}

/** An accuracy (a fraction) as a percentage with 2 decimals, '-' when absent: 0.9712 -> '97.12%'. */
export function accuracyText(v: number | null | undefined): string {
  return v === null || v === undefined ? '-' : formatPoints(100 * v) + '%';
}

