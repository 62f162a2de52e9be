import type { SeriesRole, XUnit } from './loss-log.js';
/** The `--format` values of delimited files. */
export type TabularFormat = 'csv' | 'keras' | 'lightning' | 'tensorboard-csv' | 'wandb';
/** One parsed column of a table (or one key of JSON records). */
export interface Column {
    name: string;
    index: number;
    values: number[];
    /** Rows whose cell was a logged NaN (values[] uses NaN for missing too). */
    nanRows: Set<number> | undefined;
    textCells: number;
    /** The first cell that was text, as it stands in the file (untrimmed). */
    firstText?: {
        line: number;
        cell: string;
    };
    present: number;
}
/** What the columns of a table are for. */
export interface ColumnRoles {
    x: Partial<Record<XUnit, Column>>;
    lr?: Column;
    losses: Column[];
}
/**
 * One kind of delimited loss log (Keras CSVLogger, Lightning metrics.csv, a W&B export, ...):
 * how it is recognised from its header and what its columns mean. Everything a flavour does
 * differently from a plain CSV is here, in its object.
 */
export interface CsvFlavour {
    /** The LossLog format it gives (the `--format` value that forces it). */
    format: TabularFormat;
    /** What the notes call it. */
    name: string;
    /** True when a header (`lower`: trimmed, lower-cased) and the file name are this flavour's. */
    detect(header: readonly string[], lower: readonly string[], file: string): boolean;
    /** The columns worth parsing (default: all). */
    parsed?(columns: Column[]): Column[];
    /** x, LR and loss columns among the usable ones (default: by column name); notes say what was assumed. */
    roles?(usable: Column[], parsed: Column[], notes: string[]): ColumnRoles;
    /** The names `--column` matches a column by (default: its name). */
    aliases?(col: Column): string[];
    /** A loss column's series name and role (default: the column name, role from the name). */
    series?(col: Column, file: string, lossColumns: number): {
        name: string;
        role: SeriesRole;
    };
}
/** Roles by column name: `step`/`epoch`/`time` columns, an `lr` column and `*loss*` columns (else every other numeric column). */
export declare function rolesByName(usable: Column[], notes: string[]): ColumnRoles;
/** TensorBoard's "Download CSV": `Wall time,Step,Value`; the tag is in the file name (`run-.-tag-loss.csv`). */
export declare const tensorboardCsv: CsvFlavour;
/** A W&B panel export: `Step,<run> - <metric>,<run> - <metric>__MIN,...`; one series per run and metric. */
export declare const wandbCsv: CsvFlavour;
/** PyTorch Lightning's CSVLogger `metrics.csv`: `epoch` and `step` columns, `*_step`/`*_epoch`/`lr-*` columns, sparse rows. */
export declare const lightningCsv: CsvFlavour;
/** Keras's CSVLogger: first column `epoch`, a `loss`/`val_loss` column, no `step`. */
export declare const kerasCsv: CsvFlavour;
/** fastai's CSVLogger `history.csv`: `epoch,train_loss,valid_loss,<metrics>,time` (time as mm:ss, not an x). */
export declare const fastaiHistory: CsvFlavour;
/** timm's `summary.csv`: `epoch,train_loss,eval_loss,eval_top1,eval_top5,lr`. */
export declare const timmSummary: CsvFlavour;
/** Ultralytics YOLOv5/v8 `results.csv`: space-padded `epoch, train/box_loss, ..., val/box_loss, ..., lr/pg0`. */
export declare const yoloResults: CsvFlavour;
/** simpletransformers' `training_progress_scores.csv`: `global_step,...,train_loss,eval_loss`. */
export declare const simpletransformersScores: CsvFlavour;
/** Any other table with a header: columns by name. */
export declare const genericCsv: CsvFlavour;
/** A table without a header: a first column that counts up is the x; every other column is a series. */
export declare const headerlessTable: CsvFlavour;
/** The flavours a header is tried against, in order; the generic CSV takes the rest. */
export declare const CSV_FLAVOURS: readonly CsvFlavour[];
/** The flavour of a table from its header (none: a headerless table), or the one `--format` forces. */
export declare function csvFlavourOf(header: readonly string[] | undefined, file: string, forced?: TabularFormat): CsvFlavour;
