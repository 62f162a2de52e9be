import type { SeriesRole } from '../loss-log.js';
/** One loss value found on a line of a text log. */
export interface TextMatch {
    /** Series key, e.g. "loss", "val_loss", "VAL loss". */
    series: string;
    loss: number;
    step?: number;
    epoch?: number;
    time?: number;
    /** The learning rate printed on the same line (`lr: 0.01`, `'learning_rate': 5e-05`). */
    lr?: number;
    /** The series' role when the dialect knows it (default: from the name, `roleOf`). */
    role?: SeriesRole;
    /** Optimizer steps per epoch, when the line shows it (`iter: 10/112` within an epoch). */
    stepsPerEpoch?: number;
    /**
     * The text between the x number and the loss key with numbers blanked, e.g. ": #s, ".
     * Lines of one kind share it; a test phase printing "Step 1 (0.5s). Accuracy: ..., loss:"
     * gets a separate series from the training lines "Step 1: 3.3s, loss:".
     */
    shape?: string;
}
/** Reads the loss values of one line; it may keep state from earlier lines (a table header, the current epoch). */
export type LineMatcher = (line: string) => TextMatch[];
/**
 * A text-log dialect a training tool prints (llm.c's main.log, nanoGPT's stdout, ...),
 * recognised from the content of the first lines.
 */
export interface TextDialect {
    /** What the notes call it: "llm.c main.log". */
    name: string;
    /** True when these first non-blank lines (ANSI codes removed, CR-separated updates apart) are in this dialect. */
    detect(lines: readonly string[]): boolean;
    /** A fresh matcher for one file. */
    matcher(): LineMatcher;
}
/** Numbers as training tools print them, `nan` and `inf` included. */
export declare const NUM: string;
/** True when at least `min` of the lines match `re`. */
export declare function enoughLines(lines: readonly string[], re: RegExp, min?: number): boolean;
