/**
 * Per-example cross-entropy and accuracy of a tfjs classifier on a held-out set, for the weight
 * average's paired gap (`EpochRecord.average`). Supported: a model with one output of shape
 * [batch, C] (C >= 2) whose rows are probabilities (a softmax output), and labels that are
 * either class indices (shape [N] or [N, 1], integers in 0..C-1: sparse) or rows of C class
 * probabilities (shape [N, C], e.g. one-hot: categorical). The loss is tfjs-layers'
 * categorical cross-entropy (probabilities clipped to [1e-7, 1 - 1e-7]), so its mean is the
 * `val_loss` fit reports for a model compiled with (sparse) categorical cross-entropy and no
 * regularisers.
 */
import * as tf from '@tensorflow/tfjs';
import { PlateauDoctorError } from '../errors.js';
import { num } from '../numbers.js';

/** Inputs and labels of a held-out set: `[x, y]`, as fit's `validationData`. */
export type LabelledSet = [tf.Tensor | tf.Tensor[], tf.Tensor];

/** Rows predicted per `model.predict` batch. */
const EVAL_BATCH_SIZE = 256;
/** How far a probability row's sum may be from 1 (float32 softmax rounding is ~1e-6). */
const ROW_SUM_TOLERANCE = 1e-3;

/** The checked shape of a labelled set against the model. */
export interface ClassifierSet {
  x: tf.Tensor | tf.Tensor[];
  y: tf.Tensor;
  examples: number;
  classes: number;
  labels: 'sparse' | 'categorical';
}

/** Per-example losses (`losses[i]` for example i) with their mean and the accuracy. */
export interface ClassifierEvaluation {
  losses: Float32Array;
  loss: number;
  accuracy: number;
}

/**
 * Checks the form of a `[x, y]` option before training (tensors, same number of rows, at least
 * 2): one-line PlateauDoctorError naming `owner` and `option` otherwise.
 */
export function checkLabelledSet(owner: string, option: string, value: unknown): LabelledSet {
  const where = `${owner}: ${option}`;
  if (!Array.isArray(value) || value.length !== 2) throw new PlateauDoctorError(`${where} must be [x, y], two tensors as in fit's validationData`);
  const [x, y] = value as unknown[];
  const xs = Array.isArray(x) ? x : [x];
  if (xs.length === 0 || !xs.every((t) => t instanceof tf.Tensor) || !(y instanceof tf.Tensor)) {
    throw new PlateauDoctorError(`${where} must be [x, y] with x a tf.Tensor (or one per model input) and y a tf.Tensor`);
  }
  const n = y.shape[0] ?? 0;
  const mismatch = (xs as tf.Tensor[]).find((t) => t.shape[0] !== n);
  if (mismatch) throw new PlateauDoctorError(`${where}: x has ${mismatch.shape[0]} rows but y has ${n}; they must match`);
  if (n < 2) throw new PlateauDoctorError(`${where} needs at least 2 examples (the gap's interval needs 2), got ${n}`);
  return [x as tf.Tensor | tf.Tensor[], y];
}

/**
 * Checks that `model` is a supported classifier for `set` (see the module comment): one output
 * [batch, C], labels sparse or categorical with C classes, sparse labels integers in 0..C-1,
 * and a prediction on the first rows that is a probability distribution. Throws a one-line
 * PlateauDoctorError saying what is supported otherwise. Disposes everything it creates.
 */
export function checkClassifier(owner: string, option: string, model: tf.LayersModel, set: LabelledSet): ClassifierSet {
  const where = `${owner}: ${option}`;
  const supported = 'supported: one softmax output of shape [batch, C] with labels as class indices [N] or [N, 1], or one-hot/probability rows [N, C]';
  if (model.outputs.length !== 1) throw new PlateauDoctorError(`${where}: the model has ${model.outputs.length} outputs; ${supported}`);
  const outShape = model.outputs[0]!.shape;
  const classes = Number(outShape[1]);
  if (outShape.length !== 2 || !(classes >= 2)) {
    throw new PlateauDoctorError(`${where}: the model's output shape is [${outShape.map(String).join(', ')}], not a classifier's [batch, C >= 2]; ${supported}`);
  }
  const [x, y] = set;
  const examples = y.shape[0]!;
  let labels: ClassifierSet['labels'];
  if (y.rank === 1 || (y.rank === 2 && y.shape[1] === 1)) labels = 'sparse';
  else if (y.rank === 2 && y.shape[1] === classes) labels = 'categorical';
  else throw new PlateauDoctorError(`${where}: y has shape [${y.shape.join(', ')}] but the model has ${classes} classes; ${supported}`);
  if (labels === 'sparse') {
    const values = y.dataSync();
    const bad = values.findIndex((v) => !(Number.isInteger(v) && v >= 0 && v < classes));
    if (bad >= 0) throw new PlateauDoctorError(`${where}: label ${values[bad]} at row ${bad} is not a class index in 0..${classes - 1}; ${supported}`);
  }
  const rows = Math.min(examples, EVAL_BATCH_SIZE);
  const sums = tf.tidy(() => {
    const head = (t: tf.Tensor) => t.slice(0, rows);
    const p = model.predict(Array.isArray(x) ? x.map(head) : head(x), { batchSize: EVAL_BATCH_SIZE }) as tf.Tensor;
    return [tf.sum(p, 1).dataSync(), tf.min(p).dataSync()[0]!, tf.max(p).dataSync()[0]!] as const;
  });
  const [rowSums, min, max] = sums;
  const off = rowSums.findIndex((s) => !(Math.abs(s - 1) <= ROW_SUM_TOLERANCE));
  if (off >= 0 || !(min >= 0 && max <= 1)) {
    const what = off >= 0 ? `row ${off} of model.predict sums to ${num(rowSums[off]!)}` : `model.predict gives values in ${num(min)}..${num(max)}`;
    throw new PlateauDoctorError(`${where}: ${what}, not probabilities (a logits or regression output is not supported); ${supported}`);
  }
  return { x, y, examples, classes, labels };
}

/**
 * The model's per-example cross-entropy and accuracy on `set` with its current weights.
 * Every tensor it creates is disposed.
 */
export async function evaluateClassifier(model: tf.LayersModel, set: ClassifierSet): Promise<ClassifierEvaluation> {
  const [lossTensor, correctTensor] = tf.tidy(() => {
    const p = model.predict(set.x, { batchSize: EVAL_BATCH_SIZE }) as tf.Tensor2D;
    const indices = set.labels === 'sparse' ? tf.cast(tf.reshape(set.y, [-1]), 'int32') : tf.argMax(set.y, 1);
    const target = set.labels === 'sparse' ? tf.oneHot(indices as tf.Tensor1D, set.classes) : set.y;
    const losses = tf.metrics.categoricalCrossentropy(target, p);
    const correct = tf.sum(tf.cast(tf.equal(tf.argMax(p, 1), indices), 'float32'));
    return [losses, correct];
  });
  try {
    const losses = (await lossTensor.data()) as Float32Array;
    const correct = (await correctTensor.data())[0]!;
    let sum = 0;
    for (const l of losses) sum += l;
    return { losses, loss: sum / losses.length, accuracy: correct / set.examples };
  } finally {
    tf.dispose([lossTensor, correctTensor]);
  }
}
