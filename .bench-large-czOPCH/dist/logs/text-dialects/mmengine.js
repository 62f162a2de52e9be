import { isLrName } from '../columns.js';
import { parseCell } from '../values.js';
import { isLossSetting } from './generic.js';
import { NUM, enoughLines } from './types.js';
/** `Epoch(train) [1][50/263]` (mmengine) or `Epoch [1][50/263]` (mmcv 1.x). */
const EPOCH_HEAD = /\bEpoch(?:\((?<mode>train|val|test)\))?\s*\[\s*(?<epoch>\d+)\s*\]\s*\[\s*(?<i>\d+)\s*\/\s*(?<n>\d+)\s*\]/;
/** `Iter(train) [  50/20000]` (mmengine) or `Iter [50/20000]` (mmcv 1.x). */
const ITER_HEAD = /\bIter(?:\((?<mode>train|val|test)\))?\s*\[\s*(?<i>\d+)\s*\/\s*(?<n>\d+)\s*\]/;
/** `key: value` pairs: `loss: 0.42`, `loss_kpt: 0.42`, `decode.loss_ce: 0.3` (not `eta: 4:59:11`). */
const PAIR = new RegExp(String.raw `(?<![\w/.])(?<key>[A-Za-z][\w./-]*):\s*(?<v>${NUM})(?![\w.:])`, 'g');
/**
 * OpenMMLab's text logs (mmengine's `<timestamp>.log`, mmcv 1.x's `*.log`): every `loss*` value
 * of an `Epoch(train) [e][i/n]` or `Iter(train) [i/n]` line; x = the iteration, counted on across epochs.
 */
export const mmengineLog = {
    name: 'OpenMMLab (mmengine) log',
    detect: (lines) => enoughLines(lines, /\b(?:Epoch|Iter)(?:\((?:train|val|test)\))?\s*\[[\d\s/\]\[]+\]\s+.*\bloss\w*: /, 2),
    matcher: () => (line) => {
        const e = EPOCH_HEAD.exec(line);
        const it = e ? null : ITER_HEAD.exec(line);
        const head = e ?? it;
        if (!head)
            return [];
        const g = head.groups;
        const perEpoch = Number(g.n);
        const step = e ? (Number(g.epoch) - 1) * perEpoch + Number(g.i) : Number(g.i);
        const prefix = g.mode === 'val' || g.mode === 'test' ? `${g.mode} ` : '';
        const out = [];
        let lr;
        PAIR.lastIndex = head.index + head[0].length;
        for (let m = PAIR.exec(line); m; m = PAIR.exec(line)) {
            const key = m.groups.key;
            const v = parseCell(m.groups.v);
            if (typeof v !== 'number')
                continue;
            if (lr === undefined && isLrName(key))
                lr = v;
            else if (/loss/i.test(key) && !isLossSetting(key))
                out.push({ series: prefix + key, loss: v, step, role: prefix ? (g.mode === 'val' ? 'validation' : 'other') : 'train' });
        }
        for (const m of out) {
            if (lr !== undefined)
                m.lr = lr;
            if (e)
                m.stepsPerEpoch = perEpoch;
        }
        return out;
    },
};
//# sourceMappingURL=mmengine.js.map