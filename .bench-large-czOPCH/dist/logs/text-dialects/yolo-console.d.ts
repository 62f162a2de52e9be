import { type TextDialect } from './types.js';
/**
 * Ultralytics YOLOv5 / YOLOv8 console captures: a header line, then per epoch a row rewritten
 * by tqdm (CR-separated updates, the final one printed twice); each loss column becomes a series
 * over epochs (the last row of each epoch wins).
 */
export declare const yoloConsole: TextDialect;
