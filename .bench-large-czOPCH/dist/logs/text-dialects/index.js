import { fairseqLog } from './fairseq.js';
import { llmcMainLog, llmcStdout } from './llmc.js';
import { megatronLog } from './megatron.js';
import { mmengineLog } from './mmengine.js';
import { nanogptStdout } from './nanogpt.js';
import { yoloConsole } from './yolo-console.js';
export { defaultMatcher, matchDefault } from './generic.js';
/**
 * The text dialects recognised from content, tried in this order; a log none of them claims is
 * read with the built-in `loss: <number>` matcher (`defaultMatcher`). One file per dialect.
 */
export const TEXT_DIALECTS = [llmcMainLog, llmcStdout, nanogptStdout, fairseqLog, megatronLog, mmengineLog, yoloConsole];
/** How many first lines of a file the dialects look at. */
export const DIALECT_SAMPLE_LINES = 2000;
/** The dialect of a text log from its first non-blank lines (as `visibleLines` gives them), or undefined. */
export function detectTextDialect(lines) {
    return TEXT_DIALECTS.find((d) => d.detect(lines));
}
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
/**
 * What a terminal would have shown as separate lines: ANSI colour codes removed and tqdm's
 * CR-separated updates apart (each a line of its own).
 */
export function visibleLines(line) {
    const plain = line.indexOf('\x1b') >= 0 ? line.replace(ANSI, '') : line;
    return plain.indexOf('\r') >= 0 ? plain.split('\r').filter((s) => s.trim() !== '') : [plain];
}
//# sourceMappingURL=index.js.map