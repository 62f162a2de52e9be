import path from 'node:path';
import { columnKind, roleOf } from './columns.js';
/** Roles by column name: `step`/`epoch`/`time` columns, an `lr` column and `*loss*` columns (else every other numeric column). */
export function rolesByName(usable, notes) {
    const roles = { x: {}, losses: [] };
    for (const c of usable) {
        const kind = columnKind(c.name);
        if (kind === 'step' || kind === 'epoch' || kind === 'time')
            roles.x[kind] ??= c;
        else if (kind === 'lr')
            roles.lr ??= c;
        else if (kind === 'loss')
            roles.losses.push(c);
    }
    if (roles.losses.length === 0) {
        roles.losses = usable.filter((c) => columnKind(c.name) === 'other');
        if (roles.losses.length > 0)
            notes.push(`no column is named like a loss: analysing every numeric column (${roles.losses.map((c) => c.name).join(', ')}); choose with --column`);
    }
    return roles;
}
/** TensorBoard's "Download CSV": `Wall time,Step,Value`; the tag is in the file name (`run-.-tag-loss.csv`). */
export const tensorboardCsv = {
    format: 'tensorboard-csv',
    name: 'TensorBoard CSV export',
    detect: (_h, lower) => lower.includes('wall time') && lower.includes('value'),
    roles: (usable) => {
        const roles = { x: {}, losses: [] };
        for (const c of usable) {
            const k = c.name.toLowerCase();
            if (k === 'step')
                roles.x.step = c;
            else if (k === 'wall time')
                roles.x.time = c;
            else if (k === 'value')
                roles.losses.push(c);
        }
        return roles;
    },
    series: (col, file) => {
        const tag = tensorboardTag(file);
        return { name: tag ?? col.name, role: roleOf(tag ?? col.name) };
    },
};
/** `run-.-tag-loss.csv` -> "loss"; `train_loss.csv` -> "train_loss". */
function tensorboardTag(file) {
    const base = path.basename(file).replace(/\.(csv|tsv)$/i, '');
    const m = /tag-(.+)$/.exec(base);
    return m ? m[1] : base;
}
/** A W&B panel export: `Step,<run> - <metric>,<run> - <metric>__MIN,...`; one series per run and metric. */
export const wandbCsv = {
    format: 'wandb',
    name: 'W&B CSV export',
    detect: (header) => header.some((h) => / - .+__(MIN|MAX)$/.test(h)) || (header.length >= 2 && header.slice(1).every((h) => h.includes(' - '))),
    parsed: (columns) => columns.filter((c, i) => i === 0 || (!/__(MIN|MAX)$/.test(c.name) && !/ - _/.test(c.name))),
    roles: (usable, parsed) => {
        const first = parsed[0];
        const x = { [/epoch/i.test(first.name) ? 'epoch' : /time/i.test(first.name) ? 'time' : 'step']: first };
        const metrics = usable.filter((c) => c !== first);
        const losses = metrics.filter((c) => /loss/i.test(metricOf(c.name)));
        return { x, losses: losses.length > 0 ? losses : metrics };
    },
    aliases: (col) => [col.name, col.name.split(' - ')[0], metricOf(col.name)],
    series: (col, _file, count) => {
        const [run, ...metric] = col.name.split(' - ');
        return { name: count > 1 && metric.length > 0 ? `${run} - ${metric.join(' - ')}` : col.name, role: roleOf(col.name) };
    },
};
function metricOf(name) {
    return name.split(' - ').slice(1).join(' - ');
}
/** PyTorch Lightning's CSVLogger `metrics.csv`: `epoch` and `step` columns, `*_step`/`*_epoch`/`lr-*` columns, sparse rows. */
export const lightningCsv = {
    format: 'lightning',
    name: 'Lightning metrics.csv',
    detect: (_h, lower, file) => lower.includes('epoch') && lower.includes('step') && (path.basename(file).endsWith('metrics.csv') || lower.some((h) => /_(step|epoch)$/.test(h) || h.startsWith('lr-'))),
};
/** Keras's CSVLogger: first column `epoch`, a `loss`/`val_loss` column, no `step`. */
export const kerasCsv = {
    format: 'keras',
    name: 'Keras CSVLogger',
    detect: (_h, lower) => lower[0] === 'epoch' && !lower.includes('step') && (lower.includes('loss') || lower.includes('val_loss')),
};
/** fastai's CSVLogger `history.csv`: `epoch,train_loss,valid_loss,<metrics>,time` (time as mm:ss, not an x). */
export const fastaiHistory = {
    format: 'csv',
    name: 'fastai history.csv',
    detect: (_h, lower) => lower[0] === 'epoch' && lower.includes('train_loss') && lower.includes('valid_loss') && lower[lower.length - 1] === 'time',
};
/** timm's `summary.csv`: `epoch,train_loss,eval_loss,eval_top1,eval_top5,lr`. */
export const timmSummary = {
    format: 'csv',
    name: 'timm summary.csv',
    detect: (_h, lower) => lower[0] === 'epoch' && lower.includes('train_loss') && lower.includes('eval_loss') && lower.some((h) => h.startsWith('eval_top')),
};
/** Ultralytics YOLOv5/v8 `results.csv`: space-padded `epoch, train/box_loss, ..., val/box_loss, ..., lr/pg0`. */
export const yoloResults = {
    format: 'csv',
    name: 'Ultralytics results.csv',
    detect: (_h, lower) => lower[0] === 'epoch' && lower.includes('train/box_loss'),
};
/** simpletransformers' `training_progress_scores.csv`: `global_step,...,train_loss,eval_loss`. */
export const simpletransformersScores = {
    format: 'csv',
    name: 'simpletransformers training_progress_scores.csv',
    detect: (_h, lower) => lower[0] === 'global_step' && lower.includes('train_loss') && lower.includes('eval_loss'),
};
/** Any other table with a header: columns by name. */
export const genericCsv = {
    format: 'csv',
    name: 'CSV',
    detect: () => true,
};
/** A table without a header: a first column that counts up is the x; every other column is a series. */
export const headerlessTable = {
    format: 'csv',
    name: 'table without a header',
    detect: () => false,
    roles: (usable, _parsed, notes) => {
        const first = usable[0];
        if (usable.length >= 2 && first.index === 0 && looksLikeCounter(first.values)) {
            notes.push(`no header: column 1 counts up, so it is the x axis (read as steps; pass --x epoch if it counts epochs)`);
            return { x: { step: first }, losses: usable.slice(1) };
        }
        notes.push(`no header: every column is a series; x is the row number`);
        return { x: {}, losses: usable };
    },
    series: (col) => ({ name: col.name, role: 'other' }),
};
/** A column of integers that mostly go up (restarts allowed): a step or epoch counter. */
function looksLikeCounter(values) {
    let ups = 0;
    let downs = 0;
    for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (!Number.isInteger(v))
            return false;
        if (i > 0) {
            if (v > values[i - 1])
                ups++;
            else if (v < values[i - 1])
                downs++;
        }
    }
    return values.length >= 2 && ups >= 1 && downs <= Math.max(2, values.length / 20);
}
/** The flavours a header is tried against, in order; the generic CSV takes the rest. */
export const CSV_FLAVOURS = [
    tensorboardCsv,
    wandbCsv,
    lightningCsv,
    kerasCsv,
    fastaiHistory,
    timmSummary,
    yoloResults,
    simpletransformersScores,
    genericCsv,
];
/** The flavour of a table from its header (none: a headerless table), or the one `--format` forces. */
export function csvFlavourOf(header, file, forced) {
    if (forced && forced !== 'csv')
        return CSV_FLAVOURS.find((f) => f.format === forced);
    if (!header)
        return headerlessTable;
    if (forced)
        return genericCsv;
    const lower = header.map((h) => h.toLowerCase());
    return CSV_FLAVOURS.find((f) => f.detect(header, lower, file)) ?? genericCsv;
}
//# sourceMappingURL=csv-flavours.js.map