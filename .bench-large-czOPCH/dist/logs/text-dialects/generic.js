import { parseCell } from '../values.js';
import { NUM } from './types.js';
function shapeOf(between) {
    return between.replace(/[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/g, '#').replace(/\s+/g, ' ').slice(0, 80);
}
// A loss key: `loss`, `val_loss`, `Train Loss`, `lm loss`, `reduced_train_loss`, `train/box_loss`, and per-term keys `loss_kpt`, `decode.loss_ce`.
const LOSS_RE = new RegExp(String.raw `(?<![\w/])(?<key>(?:[A-Za-z][A-Za-z0-9]*[_/.-])*(?:[A-Za-z][A-Za-z0-9]*[ -])?loss(?:[_.][A-Za-z0-9]+)*)(?![\w(])["']?\s*(?:[:=]|\s)\s*(?<v>${NUM})(?![\w.])`, 'gi');
/** Settings named after a loss, not loss values: `loss_scale`, `loss_weight=1.0`, `annealing_loss_improvement_pct`. */
const NOT_A_LOSS = /[_.](?:scale|weights?|coef+|factor|pct|percent|ratio|thr|threshold|eps|type|fn|func|name)$/i;
/** True for a key named after a loss that holds a setting (`loss_scale`, `loss_weight`), not a loss value. */
export function isLossSetting(key) {
    return NOT_A_LOSS.test(key);
}
/** An argparse dump (`Namespace(lr=0.1, loss_weight=1.0, ...)`) holds settings, not values. */
const ARGS_DUMP = /\bNamespace\(/;
const STEP_RE = /(?<![\w/])(?<q>global )?(?<kind>global_step|step|iter(?:ation)?|it|batch)\b["']?\s*[:=#]?\s*\[?\s*(?<n>\d+)(?:\.0+(?![\d.]))?(?!\.?\d)(?:\s*\/\s*(?<total>\d+))?/i;
/** PyTorch's word_language_model: `| epoch 1 |   200/ 2983 batches |`. */
const BATCHES_RE = /(?<![\w/])(?<n>\d+)\s*\/\s*(?<total>\d+)\s+batches\b/i;
const EPOCH_RE = /(?<![\w/])epoch\b["']?\s*[:=#]?\s*\[?\s*(?<n>\d+)(?!\.?\d)/i;
const LR_RE = new RegExp(String.raw `(?<![\w/])(?:lr|learning[ _]rate)\b["']?\s*[:=]?\s*(?<v>${NUM})(?![\w.])`, 'i');
const ROLE_RE = /\b(train|training|val|valid|validation|eval|evaluation|test|dev)\b/i;
/** Keras prints "Epoch 3/10" on its own line before the metrics line (others "epoch 3"). */
const KERAS_EPOCH_LINE = /^\s*epoch\s*[:=]?\s*(\d+)\s*(?:\/\s*\d+\s*)?$/i;
/**
 * The built-in matcher for one line: every `<name>loss: <number>` / `loss=<number>` on a line
 * is a value; the x is the line's `step N` / `iter N` (or `epoch N`). A `train`/`val`/`test`
 * word on the line names the series when the loss key does not. A "Global step" is a separate
 * counter (TensorFlow test phases). `defaultMatcher` adds what needs earlier lines.
 *
 * matchDefault('Step 120: loss: 0.53')  // => [{ series: 'loss', loss: 0.53, step: 120 }]
 * matchDefault('epoch 3 loss=0.41')     // => [{ series: 'loss', loss: 0.41, epoch: 3 }]
 */
export function matchDefault(line) {
    return matchLine(line).matches;
}
function matchLine(line) {
    if ((line.indexOf('oss') < 0 && line.indexOf('OSS') < 0) || ARGS_DUMP.test(line))
        return { matches: [] };
    const out = [];
    const step = STEP_RE.exec(line);
    const batches = step ? null : BATCHES_RE.exec(line);
    const epoch = EPOCH_RE.exec(line);
    const roleWord = ROLE_RE.exec(line)?.[1];
    const lrMatch = LR_RE.exec(line);
    const lr = lrMatch ? parseCell(lrMatch.groups.v) : undefined;
    LOSS_RE.lastIndex = 0;
    for (let m = LOSS_RE.exec(line); m; m = LOSS_RE.exec(line)) {
        const v = parseCell(m.groups.v);
        if (typeof v !== 'number')
            continue;
        let key = m.groups.key.replace(/\s+/g, ' ');
        if (isLossSetting(key))
            continue;
        if (key.toLowerCase() === 'loss' && roleWord)
            key = `${roleWord.toLowerCase()} loss`;
        if (step?.groups?.q)
            key = `global step ${key}`;
        // Lines without their own x (Keras progress lines under "Epoch 3/10") all share one shape.
        const xEnd = step ? step.index + step[0].length : epoch ? epoch.index + epoch[0].length : -1;
        const between = xEnd >= 0 && m.index > xEnd ? line.slice(xEnd, m.index) : '';
        const match = { series: key, loss: v, shape: shapeOf(between) };
        if (step)
            match.step = Number(step.groups.n);
        if (epoch)
            match.epoch = Number(epoch.groups.n);
        if (typeof lr === 'number')
            match.lr = lr;
        out.push(match);
    }
    const counter = step?.groups?.total ? step : batches;
    const inEpoch = counter && epoch && out.length > 0 ? { n: Number(counter.groups.n), total: Number(counter.groups.total) } : undefined;
    return inEpoch ? { matches: out, inEpoch } : { matches: out };
}
/**
 * The built-in matcher with what it learns from earlier lines: Keras's `Epoch 3/10` line gives
 * the epoch of the lines below it without one, and a counter that starts over at each epoch
 * (`epoch: 2/20, iter: 10/112`, `| epoch 2 | 200/ 2983 batches |`) becomes a step that runs on
 * across epochs (`(epoch - first epoch) * 112 + 10`).
 */
export function defaultMatcher() {
    let lastEpoch;
    let firstEpoch;
    let perEpoch = false;
    let previous;
    return (line) => {
        const { matches, inEpoch } = matchLine(line);
        if (matches.length === 0) {
            const e = KERAS_EPOCH_LINE.exec(line);
            if (e)
                lastEpoch = Number(e[1]);
            return matches;
        }
        const epoch = matches[0].epoch;
        if (inEpoch && epoch !== undefined) {
            firstEpoch ??= epoch;
            // The counter went back when the epoch went up: it counts within an epoch.
            if (previous && epoch > previous.epoch && inEpoch.n <= previous.n)
                perEpoch = true;
            previous = { epoch, n: inEpoch.n };
            const step = perEpoch ? (epoch - firstEpoch) * inEpoch.total + inEpoch.n : inEpoch.n;
            for (const m of matches) {
                m.step = step;
                if (perEpoch)
                    m.stepsPerEpoch = inEpoch.total;
            }
        }
        for (const m of matches)
            if (m.epoch === undefined && m.step === undefined && lastEpoch !== undefined)
                m.epoch = lastEpoch;
        return matches;
    };
}
//# sourceMappingURL=generic.js.map