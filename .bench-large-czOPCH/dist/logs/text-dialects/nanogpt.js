import { parseCell } from '../values.js';
import { NUM, enoughLines } from './types.js';
const ITER_LINE = new RegExp(String.raw `^iter (?<step>\d+): loss (?<v>${NUM}),`);
const EVAL_LINE = new RegExp(String.raw `^step (?<step>\d+): train loss (?<train>${NUM}), val loss (?<val>${NUM})`);
/**
 * nanoGPT's train.py stdout: `iter N: loss X, time ..ms, mfu ..%` every iteration and
 * `step N: train loss X, val loss Y` at each evaluation (losses estimated over eval_iters batches).
 */
export const nanogptStdout = {
    name: 'nanoGPT stdout',
    detect: (lines) => enoughLines(lines, /^(?:iter \d+: loss \S+, time|step \d+: train loss \S+, val loss)/, 2),
    matcher: () => (line) => {
        const it = ITER_LINE.exec(line);
        if (it) {
            const v = parseCell(it.groups.v);
            return typeof v === 'number' ? [{ series: 'iter loss', loss: v, step: Number(it.groups.step), role: 'train' }] : [];
        }
        const ev = EVAL_LINE.exec(line);
        if (!ev)
            return [];
        const step = Number(ev.groups.step);
        const out = [];
        const train = parseCell(ev.groups.train);
        const val = parseCell(ev.groups.val);
        if (typeof train === 'number')
            out.push({ series: 'train loss', loss: train, step, role: 'train' });
        if (typeof val === 'number')
            out.push({ series: 'val loss', loss: val, step, role: 'validation' });
        return out;
    },
};
//# sourceMappingURL=nanogpt.js.map