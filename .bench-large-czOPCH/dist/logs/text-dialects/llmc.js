import { parseCell } from '../values.js';
import { NUM, enoughLines } from './types.js';
/** llm.c's main.log (`-o DIR`): `s:0 tel:11.0095`, `s:1 trl:10.9586 lr:0.000002 norm:15.18`, `s:250 eval:0.2437` (HellaSwag accuracy). */
const MAIN_LOG_LINE = new RegExp(String.raw `^s:(?<step>\d+)\s+(?<key>trl|tel):(?<v>${NUM})(?:\s+lr:(?<lr>${NUM}))?`);
/** llm.c's stdout: `step    1/19560 | loss 11.009662 (+nanz)| norm ... | lr 8.57e-07 | ...` (newer: `train loss`). */
const STDOUT_STEP = new RegExp(String.raw `^step\s+(?<step>\d+)\s*/\s*\d+\s*\|\s*(?:train )?loss\s+(?<v>${NUM})(?:.*?\|\s*lr\s+(?<lr>${NUM}))?`);
/** `val loss 6.202221`, printed before the step it was measured at is trained. */
const STDOUT_VAL = new RegExp(String.raw `^val loss\s+(?<v>${NUM})\s*$`);
function num(s) {
    const v = s === undefined ? undefined : parseCell(s);
    return typeof v === 'number' ? v : undefined;
}
/** llm.c / modded-nanogpt's `main.log`: one `s:<step> <key>:<value>` record per line. */
export const llmcMainLog = {
    name: 'llm.c main.log',
    detect: (lines) => enoughLines(lines, /^s:\d+ (?:trl|tel|eval):/, 3),
    matcher: () => (line) => {
        const m = MAIN_LOG_LINE.exec(line);
        const v = num(m?.groups?.v);
        if (!m || v === undefined)
            return [];
        const train = m.groups.key === 'trl';
        const match = { series: train ? 'train loss (trl)' : 'val loss (tel)', loss: v, step: Number(m.groups.step), role: train ? 'train' : 'validation' };
        const lr = num(m.groups.lr);
        if (lr !== undefined)
            match.lr = lr;
        return [match];
    },
};
/** llm.c's `train_gpt2cu` stdout: `step N/M | loss X | ... | lr Y` lines and `val loss X` lines between them. */
export const llmcStdout = {
    name: 'llm.c stdout',
    detect: (lines) => enoughLines(lines, /^step\s+\d+\s*\/\s*\d+\s*\|\s*(?:train )?loss\s/, 3),
    matcher: () => {
        let lastStep = 0;
        return (line) => {
            const s = STDOUT_STEP.exec(line);
            if (s) {
                const v = num(s.groups.v);
                if (v === undefined)
                    return [];
                lastStep = Number(s.groups.step);
                const match = { series: 'loss', loss: v, step: lastStep, role: 'train' };
                const lr = num(s.groups.lr);
                if (lr !== undefined)
                    match.lr = lr;
                return [match];
            }
            const val = STDOUT_VAL.exec(line);
            const v = num(val?.groups?.v);
            // Measured on the weights after the last printed step (before step 1: at step 0).
            return v === undefined ? [] : [{ series: 'val loss', loss: v, step: lastStep, role: 'validation' }];
        };
    },
};
//# sourceMappingURL=llmc.js.map