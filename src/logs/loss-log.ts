/**
 * LossLog: what every reader (CSV, Keras, Lightning, TensorBoard, Hugging Face, W&B, text,
 * plateau-doctor run directories) produces. One file may hold several series.
 */

export type SeriesRole = 'train' | 'validation' | 'test' | 'other';
export type XUnit = 'step' | 'epoch' | 'time';

export interface LossSeries {
  /** Column or tag name, e.g. "train_loss", "run-a - loss". */
  name: string;
  role: SeriesRole;
  x: XUnit;
  /** x values in the series' own units, same length as `ys`, non-decreasing after stitching. */
  xs: number[];
  /** Loss values; may contain NaN/Infinity exactly as logged (the detector treats them). */
  ys: number[];
  /** Learning rate per point when the log has one (same length as xs), else undefined. */
  lrs?: number[];
  /** Notes about cleaning done by the reader (duplicates dropped, restarts stitched, ...). */
  notes?: string[];
  /** Optimizer steps per epoch when the log shows both (x = 'step' only). */
  stepsPerEpoch?: number;
}

export interface LossLog {
  file: string;
  /** Detected or forced format name, e.g. 'csv', 'keras', 'lightning', 'tensorboard-csv'. */
  format: string;
  series: LossSeries[];
  /** Notes about the file as a whole (e.g. columns skipped, the pattern used). */
  notes?: string[];
  /** The run's name when the format records one (MLflow `mlflow.runName`, W&B display name). */
  run?: string;
  /** The files of a run stitched from several (oldest first); `file` is the first. */
  parts?: string[];
  /** A very long log was sampled to bound memory: one row (or scalar per tag) in this many was kept. */
  sampled?: number;
}
