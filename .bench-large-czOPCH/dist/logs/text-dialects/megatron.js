import { isLrName } from '../columns.js';
import { parseCell } from '../values.js';
import { isLossSetting } from './generic.js';
import { NUM, enoughLines } from './types.js';
/** ` iteration      100/  500000 | consumed samples: ... | learning rate: 1.499E-05 | ... | lm loss: 8.123E+00 | loss scale: 65536.0 |` */
const TRAIN_HEAD = /\biteration\s+(?<step>\d+)\s*\/\s*\d+\s*\|/;
/** ` validation loss at iteration 1000 | lm loss value: 5.1E+00 | lm loss PPL: 1.6E+02 |` (also `... on validation set |`). */
const VALID_HEAD = /\bvalidation loss at iteration (?<step>\d+)\b/;
/** `| name: value |` fields of a training line. */
const FIELD = new RegExp(String.raw `\|\s*(?<key>[A-Za-z][\w ./()-]*?):\s*(?<v>${NUM})\s*(?=\|)`, 'g');
/** `| lm loss value: X |` fields of a validation line. */
const VALUE_FIELD = new RegExp(String.raw `\|\s*(?<key>[A-Za-z][\w ./()-]*?) value:\s*(?<v>${NUM})\s*(?=\|)`, 'g');
function fields(line, re, from) {
    const out = [];
    re.lastIndex = from;
    for (let m = re.exec(line); m; m = re.exec(line)) {
        const v = parseCell(m.groups.v);
        if (typeof v === 'number')
            out.push([m.groups.key.trim(), v]);
    }
    return out;
}
/**
 * Megatron-LM (and NeMo's Megatron path, Megatron-DeepSpeed) stdout: `iteration N/M | ... | lm loss: X |`
 * lines (every `... loss: X` field a series, LR from `learning rate:`) and
 * `validation loss at iteration N | lm loss value: X |` lines (`validation lm loss`).
 */
export const megatronLog = {
    name: 'Megatron-LM log',
    detect: (lines) => enoughLines(lines, /\biteration\s+\d+\s*\/\s*\d+\s*\|.*\bloss: /, 2) || enoughLines(lines, VALID_HEAD, 1),
    matcher: () => (line) => {
        const train = TRAIN_HEAD.exec(line);
        if (train) {
            const step = Number(train.groups.step);
            const found = fields(line, FIELD, train.index + train[0].length - 1);
            const lr = found.find(([k]) => isLrName(k))?.[1];
            const out = [];
            for (const [key, v] of found) {
                if (!/loss/i.test(key) || isLossSetting(key.replace(/ /g, '_')))
                    continue;
                const match = { series: key, loss: v, step, role: 'train' };
                if (lr !== undefined)
                    match.lr = lr;
                out.push(match);
            }
            return out;
        }
        const valid = VALID_HEAD.exec(line);
        if (!valid)
            return [];
        const step = Number(valid.groups.step);
        return fields(line, VALUE_FIELD, valid.index).map(([key, v]) => ({ series: `validation ${key}`, loss: v, step, role: 'validation' }));
    },
};
//# sourceMappingURL=megatron.js.map