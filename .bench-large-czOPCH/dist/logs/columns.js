import { PlateauDoctorError } from '../errors.js';
const STEP_NAMES = new Set(['step', 'steps', 'global_step', 'globalstep', 'global step', 'iteration', 'iterations', 'iter', 'it', 'batch', '_step', 'trainer/global_step', 'train/global_step']);
const EPOCH_NAMES = new Set(['epoch', 'epochs', 'epoch/epoch', 'train/epoch', '_epoch']);
const TIME_NAMES = new Set(['wall time', 'wall_time', 'walltime', 'time', 'timestamp', '_timestamp', '_runtime', 'relative time', 'relative time (process)', 'relative time (wall)', 'elapsed', 'seconds', 'time_s', 'elapsed_s']);
export function columnKind(name) {
    const n = name.trim().toLowerCase();
    if (STEP_NAMES.has(n))
        return 'step';
    if (EPOCH_NAMES.has(n))
        return 'epoch';
    if (TIME_NAMES.has(n))
        return 'time';
    if (isLrName(n))
        return 'lr';
    if (/loss/.test(n))
        return 'loss';
    return 'other';
}
/** `lr`, `learning_rate`, `lr-Adam`, `lr/pg0`, `train/learning_rate`, `lr_0`. */
export function isLrName(name) {
    const n = name.trim().toLowerCase();
    return (/^(lr|learning[ _-]?rate)$/.test(n) ||
        /^lr[-/_ ]/.test(n) ||
        /^learning[ _-]?rate[-/_ ]/.test(n) ||
        /[/_ -](lr|learning[ _-]?rate)$/.test(n));
}
/** Train, validation or other, from a series name: `val_loss` -> validation, `loss` -> train. */
export function roleOf(name) {
    const n = name.toLowerCase();
    if (/(^|[^a-z])(val|valid|validation|eval|evaluation|dev)([^a-z]|$)/.test(n) || /^val/.test(n))
        return 'validation';
    if (/(^|[^a-z])test([^a-z]|$)/.test(n))
        return 'other';
    return 'train';
}
/** A column whose name ends in `_epoch` / `/epoch` holds values logged once per epoch (Lightning). */
export function isPerEpochName(name) {
    return /[_/ -]epoch$/i.test(name.trim()) && columnKind(name) === 'loss';
}
/**
 * `--column` selection: the items any of the wanted names matches (case-insensitive), in the
 * order of `wanted`. Names that match nothing in this file are fine (`analyze a.csv b.json
 * --column loss --column eval_loss`) as long as one matches; otherwise a user error listing
 * what the file has.
 */
export function selectByName(file, items, namesOf, wanted, what) {
    const chosen = [];
    for (const want of wanted) {
        const w = want.trim().toLowerCase();
        for (const item of items)
            if (namesOf(item).some((n) => n.toLowerCase() === w) && !chosen.includes(item))
                chosen.push(item);
    }
    if (chosen.length === 0) {
        throw new PlateauDoctorError(`${file}: no ${what.one} named ${wanted.map((w) => `"${w}"`).join(' or ')} (${what.many}: ${what.all.join(', ')}); pass one of those to --column`);
    }
    return chosen;
}
//# sourceMappingURL=columns.js.map