import { parseCell } from '../values.js';
import { enoughLines } from './types.js';
/** The training table's header: `Epoch gpu_mem box obj cls total labels img_size` (YOLOv5), `Epoch GPU_mem box_loss cls_loss dfl_loss Instances Size` (v8). */
const HEADER = /^\s*Epoch\s+gpu_mem\s+\S/i;
/** A row: `0/99  0.51G  0.01143  0.003271  0  0.0147  10  640: 100%|...`. */
const ROW = /^\s*(?<epoch>\d+)\/(?<last>\d+)\s+\S/;
/** Columns of the table that are not losses. */
const NOT_LOSS = new Set(['epoch', 'gpu_mem', 'labels', 'targets', 'instances', 'img_size', 'size']);
/**
 * Ultralytics YOLOv5 / YOLOv8 console captures: a header line, then per epoch a row rewritten
 * by tqdm (CR-separated updates, the final one printed twice); each loss column becomes a series
 * over epochs (the last row of each epoch wins).
 */
export const yoloConsole = {
    name: 'YOLOv5/YOLOv8 console',
    detect: (lines) => enoughLines(lines, HEADER, 1),
    matcher: () => {
        let columns;
        return (line) => {
            if (HEADER.test(line)) {
                columns = line.trim().split(/\s+/);
                return [];
            }
            const row = columns ? ROW.exec(line) : null;
            // Only finished rows: a tqdm update before 100% is a running mean over part of the epoch.
            if (!row || !columns || (/%\|/.test(line) && !/\b100%\|/.test(line)))
                return [];
            const cells = line.trim().split(/\s+/);
            const out = [];
            for (let c = 1; c < columns.length && c < cells.length; c++) {
                if (NOT_LOSS.has(columns[c].toLowerCase()))
                    continue;
                const v = parseCell(cells[c]);
                if (typeof v === 'number')
                    out.push({ series: columns[c], loss: v, epoch: Number(row.groups.epoch), role: 'train' });
            }
            return out;
        };
    },
};
//# sourceMappingURL=yolo-console.js.map