import type { SeriesRole, XUnit } from './loss-log.js';
/**
 * Column roles, detected by name. Names are compared case-insensitively after trimming.
 *
 * columnKind('val_loss')      // => 'loss'
 * columnKind('lr-Adam')       // => 'lr'
 * columnKind('Wall time')     // => 'time'
 * columnKind('trainer/global_step') // => 'step'
 */
export type ColumnKind = XUnit | 'lr' | 'loss' | 'other';
export declare function columnKind(name: string): ColumnKind;
/** `lr`, `learning_rate`, `lr-Adam`, `lr/pg0`, `train/learning_rate`, `lr_0`. */
export declare function isLrName(name: string): boolean;
/** Train, validation or other, from a series name: `val_loss` -> validation, `loss` -> train. */
export declare function roleOf(name: string): SeriesRole;
/** A column whose name ends in `_epoch` / `/epoch` holds values logged once per epoch (Lightning). */
export declare function isPerEpochName(name: string): boolean;
/**
 * `--column` selection: the items any of the wanted names matches (case-insensitive), in the
 * order of `wanted`. Names that match nothing in this file are fine (`analyze a.csv b.json
 * --column loss --column eval_loss`) as long as one matches; otherwise a user error listing
 * what the file has.
 */
export declare function selectByName<T>(file: string, items: readonly T[], namesOf: (item: T) => string[], wanted: readonly string[], what: {
    one: string;
    many: string;
    all: string[];
}): T[];
