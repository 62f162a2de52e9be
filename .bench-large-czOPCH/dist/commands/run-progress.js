import cliProgress from 'cli-progress';
import { xValue } from '../detect/format.js';
/**
 * What `plateau-doctor run` shows while training: one progress bar per run on a terminal,
 * otherwise one line per epoch and per LR change (log-friendly). Everything goes to stderr;
 * stdout is kept for the final table.
 */
export class RunProgress {
    io;
    epochs;
    bars = new Map();
    multi;
    totals = new Map();
    lastMessage = new Map();
    constructor(io, epochs) {
        this.io = io;
        this.epochs = epochs;
        this.multi = io.isTTY
            ? new cliProgress.MultiBar({
                format: ' {name} |{bar}| epoch {epoch}/{epochs} | step {value}/{total} | loss {loss} | lr {lr} | {status}',
                hideCursor: true,
                clearOnComplete: false,
                stopOnComplete: false,
                fps: 5,
                stream: process.stderr,
            }, cliProgress.Presets.shades_classic)
            : undefined;
    }
    start(meta, stepsPerEpoch) {
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
        }
        else {
            const skipped = meta.backendSkipped?.length ? ` (skipped ${meta.backendSkipped.join('; ')})` : '';
            this.io.stderr(`[${meta.name}] training on ${meta.dataset.name} (${meta.dataset.trainSize} train / ${meta.dataset.valSize} val / ${meta.dataset.testSize} test), backend ${meta.backend}${skipped}\n`);
        }
    }
    steps(run, lastStep, epoch, loss, lr) {
        this.bars.get(run)?.update(lastStep, { epoch, loss: loss.toFixed(4), lr: formatLr(lr) });
    }
    epoch(run, r) {
        const val = r.valLoss === null ? '' : ` val_loss ${r.valLoss.toFixed(4)} val_acc ${pct(r.valAccuracy)}`;
        const line = `[${run}] epoch ${r.epoch}/${this.epochs}: train_loss ${r.trainLoss.toFixed(4)}${val} test_acc ${pct(r.testAccuracy)} lr ${formatLr(r.lr)} (${r.seconds.toFixed(1)} s)`;
        if (this.multi)
            this.bars.get(run)?.update({ status: `test acc ${pct(r.testAccuracy)}` });
        else
            this.io.stderr(line + '\n');
    }
    message(run, text) {
        this.lastMessage.set(run, text);
        const line = `[${run}] ${text}`;
        if (this.multi)
            this.multi.log(line + '\n');
        else
            this.io.stderr(line + '\n');
    }
    lrChange(run, e) {
        this.message(run, `step ${xValue(e.step)} (epoch ${e.epoch}): lr ${formatLr(e.oldLr)} -> ${formatLr(e.newLr)}: ${e.reason}`);
    }
    end(meta) {
        const bar = this.bars.get(meta.name);
        if (bar) {
            if (meta.status === 'completed')
                bar.update(this.totals.get(meta.name) ?? 0);
            bar.update({ status: meta.status === 'completed' ? `done, test acc ${pct(meta.final.testAccuracy)}` : meta.status });
        }
        else {
            const repeated = meta.message === undefined || this.lastMessage.get(meta.name) === meta.message;
            this.io.stderr(`[${meta.name}] ${meta.status}${repeated ? '' : ': ' + meta.message}\n`);
        }
    }
    stop() {
        this.multi?.stop();
    }
}
export function pct(v) {
    return v === null || v === undefined ? '-' : (100 * v).toFixed(2) + '%';
}
export function formatLr(lr) {
    return Number(lr.toPrecision(4)).toString();
}
//# sourceMappingURL=run-progress.js.map