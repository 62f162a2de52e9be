import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../atomic-file.js';
import { PlateauDoctorError, location } from '../errors.js';
import { parseJson } from './json-text.js';
/**
 * A plateau-doctor run directory:
 *
 *   RUN/steps.csv   step,epoch,loss,lr             one row per optimizer step, appended as training goes
 *   RUN/epochs.csv  epoch,train_loss,val_loss,val_accuracy,test_loss,test_accuracy,lr,seconds
 *   RUN/run.json    RunMeta plus `lrChanges`, rewritten atomically after every epoch and at the end
 *
 * An output directory holds one RUN per schedule and seed, and `summary.json`.
 */
export const STEPS_HEADER = 'step,epoch,loss,lr';
export const EPOCHS_HEADER = 'epoch,train_loss,val_loss,val_accuracy,test_loss,test_accuracy,lr,seconds';
/** Appends a run's log to its directory as events arrive; every write lands on disk at once. */
export class RunDirWriter {
    dir;
    meta;
    lrChanges = [];
    constructor(dir, meta) {
        this.dir = dir;
        this.meta = meta;
        mkdirSync(dir, { recursive: true });
        writeFileSync(path.join(dir, 'steps.csv'), STEPS_HEADER + '\n', { flag: 'wx' });
        writeFileSync(path.join(dir, 'epochs.csv'), EPOCHS_HEADER + '\n', { flag: 'wx' });
        this.writeMeta();
    }
    appendSteps(steps) {
        if (steps.length === 0)
            return;
        let text = '';
        for (const s of steps)
            text += `${s.step},${s.epoch},${num(s.loss)},${num(s.lr)}\n`;
        appendFileSync(path.join(this.dir, 'steps.csv'), text);
    }
    appendEpoch(r) {
        const row = [r.epoch, r.trainLoss, r.valLoss, r.valAccuracy, r.testLoss, r.testAccuracy, r.lr, r.seconds].map(num).join(',');
        appendFileSync(path.join(this.dir, 'epochs.csv'), row + '\n');
        this.writeMeta();
    }
    addLrChange(event) {
        this.lrChanges.push(event);
        this.writeMeta();
    }
    /** Replaces the metadata (e.g. the final one) and rewrites run.json. */
    updateMeta(meta) {
        this.meta = meta;
        this.writeMeta();
    }
    get currentMeta() {
        return this.meta;
    }
    get changes() {
        return this.lrChanges;
    }
    writeMeta() {
        writeFileAtomic(path.join(this.dir, 'run.json'), JSON.stringify({ ...this.meta, lrChanges: this.lrChanges }, null, 2) + '\n');
    }
}
function num(v) {
    if (v === null)
        return '';
    return String(v);
}
export function summaryEntry(log, dir) {
    const m = log.meta;
    return {
        name: m.name,
        dir,
        schedule: m.schedule,
        seed: m.seed,
        status: m.status,
        final: { test_accuracy: m.final.testAccuracy, test_loss: m.final.testLoss, train_loss: m.final.trainLoss, val_loss: m.final.valLoss },
        lr_changes: log.lrChanges.length,
        lr_change_epochs: log.lrChanges.map((c) => c.epoch),
        samples_per_second: m.samplesPerSecond,
        seconds: m.timings.totalSeconds,
        backend: m.backend,
    };
}
/** Writes `summary.json` (atomically) for an output directory. */
export function writeSummary(outDir, entries, extra = {}) {
    writeFileAtomic(path.join(outDir, 'summary.json'), JSON.stringify({ ...extra, runs: entries }, null, 2) + '\n');
}
/** Reads one run directory (RUN/run.json, steps.csv, epochs.csv) back into a RunLog. */
export function readRunDir(dir) {
    const runJson = path.join(dir, 'run.json');
    if (!existsSync(runJson)) {
        throw new PlateauDoctorError(`${dir}: not a plateau-doctor run directory (no run.json); pass a directory written by \`plateau-doctor run\``);
    }
    const parsed = parseJson(runJson, readFileSync(runJson, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || typeof parsed.name !== 'string' || typeof parsed.schedule !== 'string') {
        throw new PlateauDoctorError(`${runJson}: missing "name" or "schedule"; is this a plateau-doctor run.json?`);
    }
    const { lrChanges = [], ...meta } = parsed;
    const steps = readCsv(path.join(dir, 'steps.csv'), STEPS_HEADER, (c) => ({ step: c[0], epoch: c[1], loss: c[2], lr: c[3] }));
    const epochs = readCsv(path.join(dir, 'epochs.csv'), EPOCHS_HEADER, (c) => ({
        epoch: c[0],
        trainLoss: c[1],
        valLoss: c[2],
        valAccuracy: c[3],
        testLoss: c[4],
        testAccuracy: c[5],
        lr: c[6],
        seconds: c[7],
    }));
    return { meta: meta, steps, epochs: epochs, lrChanges };
}
/**
 * Reads a run directory, or an output directory holding several (every subdirectory with
 * a run.json, in summary.json order when there is one, else by name).
 */
export function readRunDirs(dir) {
    if (!existsSync(dir))
        throw new PlateauDoctorError(`${dir}: no such directory`);
    if (!statSync(dir).isDirectory())
        throw new PlateauDoctorError(`${dir}: not a directory; pass a run directory or an output directory of \`plateau-doctor run\``);
    if (existsSync(path.join(dir, 'run.json')))
        return [readRunDir(dir)];
    let names = readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'run.json')))
        .map((d) => d.name)
        .sort();
    const summaryFile = path.join(dir, 'summary.json');
    if (existsSync(summaryFile)) {
        try {
            const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
            const order = (summary.runs ?? []).map((r) => r.dir).filter((d) => typeof d === 'string');
            names = [...order.filter((d) => names.includes(d)), ...names.filter((n) => !order.includes(n))];
        }
        catch {
            // summary.json is a convenience; the run directories are the truth.
        }
    }
    if (names.length === 0) {
        throw new PlateauDoctorError(`${dir}: holds no run directories (no */run.json); pass a directory written by \`plateau-doctor run\``);
    }
    return names.map((n) => readRunDir(path.join(dir, n)));
}
function readCsv(file, header, build) {
    if (!existsSync(file))
        throw new PlateauDoctorError(`${file}: missing; the run directory is incomplete`);
    const lines = readFileSync(file, 'utf8').split('\n');
    if ((lines[0] ?? '').trim() !== header) {
        throw new PlateauDoctorError(`${location(file, 1)}: expected the header "${header}"`);
    }
    const columns = header.split(',').length;
    const out = [];
    for (let i = 1; i < lines.length; i++) {
        const line = lines[i];
        if (line.trim() === '')
            continue;
        const raw = line.split(',');
        if (raw.length !== columns) {
            // A final line cut short by an interrupted write is dropped; elsewhere it is an error.
            if (i === lines.length - 1)
                break;
            throw new PlateauDoctorError(`${location(file, i + 1)}: expected ${columns} cells, found ${raw.length}`);
        }
        const cells = raw.map((cell, j) => {
            if (cell === '')
                return null;
            const v = Number(cell);
            if (Number.isNaN(v) && cell !== 'NaN') {
                throw new PlateauDoctorError(`${location(file, i + 1, columnOf(raw, j))}: "${cell}" is not a number`);
            }
            return v;
        });
        out.push(build(cells));
    }
    return out;
}
function columnOf(cells, index) {
    let col = 1;
    for (let j = 0; j < index; j++)
        col += cells[j].length + 1;
    return col;
}
//# sourceMappingURL=run-dir.js.map