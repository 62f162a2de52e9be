import type { Tensor2D, Variable } from '@tensorflow/tfjs';
import type { Tf } from './backend.js';
import type { Rng } from './rng.js';

/** Layer sizes of the seed's SimpleNN: `Linear(784,128) -> ReLU -> Linear(128,10)`. */
export interface MlpShape {
  inputs: number;
  hidden: number;
  classes: number;
}

export const SIMPLE_NN: MlpShape = { inputs: 784, hidden: 128, classes: 10 };

/**
 * The parameters as plain arrays (they cross thread boundaries and go into tests).
 * Weights are stored input-major, `w1[i * hidden + j]` (the transpose of PyTorch's
 * `fc1.weight[j][i]`), so that the forward pass is `x @ w1` without a transposed matMul.
 */
export interface MlpWeights {
  shape: MlpShape;
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
}

/**
 * Initial weights exactly like PyTorch's `nn.Linear` defaults (kaiming_uniform with
 * a = sqrt(5), i.e. weights and biases uniform in +-1/sqrt(fan_in)), drawn from `rng` in
 * PyTorch's order: fc1.weight (row by row over [out][in]), fc1.bias, fc2.weight, fc2.bias.
 * The same seed gives the same weights for every schedule.
 *
 * initMlpWeights(new Rng(0)).w1.length; // => 100352
 */
export function initMlpWeights(rng: Rng, shape: MlpShape = SIMPLE_NN): MlpWeights {
  const { inputs, hidden, classes } = shape;
  const layer = (fanIn: number, fanOut: number) => {
    const bound = 1 / Math.sqrt(fanIn);
    const w = new Float32Array(fanIn * fanOut);
    for (let out = 0; out < fanOut; out++) {
      for (let inp = 0; inp < fanIn; inp++) w[inp * fanOut + out] = rng.uniformIn(-bound, bound);
    }
    const b = new Float32Array(fanOut);
    for (let out = 0; out < fanOut; out++) b[out] = rng.uniformIn(-bound, bound);
    return { w, b };
  };
  const l1 = layer(inputs, hidden);
  const l2 = layer(hidden, classes);
  return { shape: { ...shape }, w1: l1.w, b1: l1.b, w2: l2.w, b2: l2.b };
}

/** Mean softmax cross-entropy and accuracy over a data set. */
export interface Evaluation {
  loss: number;
  accuracy: number;
}

export interface SimpleNNOptions {
  /** Rows per forward pass when evaluating. Default 2000. */
  evalBatchSize?: number;
}

/**
 * The seed's MLP on a tfjs backend, trained with plain SGD on the mean softmax cross-entropy.
 *
 * One step, with B the batch's size and lr folded into the output gradient so that every
 * gradient comes out already scaled (no separate multiply per parameter):
 *
 *   h      = relu(x W1 + b1)                 fused matMul (bias + relu in one kernel)
 *   logits = h W2 + b2                       fused matMul
 *   loss, g = lr * (softmax(logits) - onehot(y)) / B     on the CPU, 10 * B numbers
 *   W2 -= h^T g;  b2 -= sum_rows(g)
 *   d  = (g W2^T) * [h > 0]
 *   W1 -= x^T d;  b1 -= sum_rows(d)
 *
 * Transposes are explicit `tf.transpose` ops: on the wasm backend a matMul with
 * transposeA/transposeB leaves XNNPACK for a naive loop and runs ~10x slower.
 * Reading the logits back costs nothing on the wasm and cpu backends (same memory, no
 * device), and gives every step's loss exactly, for the LR controller.
 */
export class SimpleNN {
  readonly shape: MlpShape;
  private readonly tf: Tf;
  private readonly w1: Variable;
  private readonly b1: Variable;
  private readonly w2: Variable;
  private readonly b2: Variable;
  private readonly evalBatchSize: number;
  private disposed = false;

  constructor(tf: Tf, weights: MlpWeights, options: SimpleNNOptions = {}) {
    this.tf = tf;
    this.shape = { ...weights.shape };
    const { inputs, hidden, classes } = this.shape;
    // tidy disposes the initial tensors; the variables keep their own reference to the data.
    this.w1 = tf.tidy(() => tf.variable(tf.tensor2d(weights.w1, [inputs, hidden]), false));
    this.b1 = tf.tidy(() => tf.variable(tf.tensor1d(weights.b1), false));
    this.w2 = tf.tidy(() => tf.variable(tf.tensor2d(weights.w2, [hidden, classes]), false));
    this.b2 = tf.tidy(() => tf.variable(tf.tensor1d(weights.b2), false));
    this.evalBatchSize = options.evalBatchSize ?? 2000;
    if (!(Number.isInteger(this.evalBatchSize) && this.evalBatchSize > 0)) {
      throw new RangeError(`evalBatchSize must be a positive integer, got ${this.evalBatchSize}`);
    }
  }

  /**
   * One SGD step on a batch: `x` holds `labels.length` rows of `inputs` values (row-major).
   * Returns the batch's mean cross-entropy before the update (what PyTorch's loss.item()
   * gives). A non-finite loss is returned as is; the weights are then not to be trusted.
   */
  trainStep(x: Float32Array, labels: ArrayLike<number>, lr: number): number {
    const tf = this.tf;
    const { inputs, classes } = this.shape;
    const rows = labels.length;
    if (x.length !== rows * inputs) throw new RangeError(`trainStep: x has ${x.length} values, expected ${rows} x ${inputs}`);
    let loss = 0;
    tf.tidy(() => {
      const xb = tf.tensor2d(x, [rows, inputs]);
      const h = tf.fused.matMul({ a: xb, b: this.w1 as Tensor2D, bias: this.b1, activation: 'relu' });
      const logits = tf.fused.matMul({ a: h, b: this.w2 as Tensor2D, bias: this.b2 });
      const grad = new Float32Array(rows * classes);
      loss = softmaxCrossEntropy(logits.dataSync() as Float32Array, labels, classes, grad, lr / rows);
      const g = tf.tensor2d(grad, [rows, classes]);
      const dW2 = tf.matMul(tf.transpose(h), g);
      const db2 = tf.sum(g, 0);
      const d = tf.mul(tf.matMul(g, tf.transpose(this.w2)), tf.step(h));
      const dW1 = tf.matMul(tf.transpose(xb), d);
      const db1 = tf.sum(d, 0);
      this.w1.assign(tf.sub(this.w1, dW1));
      this.b1.assign(tf.sub(this.b1, db1));
      this.w2.assign(tf.sub(this.w2, dW2));
      this.b2.assign(tf.sub(this.b2, db2));
    });
    return loss;
  }

  /** Mean cross-entropy and accuracy over `labels.length` rows of `images`, in large batches. */
  evaluate(images: Float32Array, labels: ArrayLike<number>): Evaluation {
    const tf = this.tf;
    const { inputs, classes } = this.shape;
    const n = labels.length;
    if (images.length !== n * inputs) throw new RangeError(`evaluate: images have ${images.length} values, expected ${n} x ${inputs}`);
    if (n === 0) return { loss: Number.NaN, accuracy: Number.NaN };
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < n; start += this.evalBatchSize) {
      const end = Math.min(n, start + this.evalBatchSize);
      const logits = tf.tidy(() => {
        const xb = tf.tensor2d(images.subarray(start * inputs, end * inputs), [end - start, inputs]);
        const h = tf.fused.matMul({ a: xb, b: this.w1 as Tensor2D, bias: this.b1, activation: 'relu' });
        return tf.fused.matMul({ a: h, b: this.w2 as Tensor2D, bias: this.b2 });
      });
      const values = logits.dataSync() as Float32Array;
      logits.dispose();
      for (let r = 0; r < end - start; r++) {
        const label = labels[start + r];
        const o = r * classes;
        let max = values[o];
        let arg = 0;
        for (let c = 1; c < classes; c++) {
          if (values[o + c] > max) {
            max = values[o + c];
            arg = c;
          }
        }
        let sum = 0;
        for (let c = 0; c < classes; c++) sum += Math.exp(values[o + c] - max);
        lossSum += Math.log(sum) + max - values[o + label];
        if (arg === label) correct++;
      }
    }
    return { loss: lossSum / n, accuracy: correct / n };
  }

  /** A copy of the current parameters. */
  weights(): MlpWeights {
    return {
      shape: { ...this.shape },
      w1: this.w1.dataSync().slice() as Float32Array,
      b1: this.b1.dataSync().slice() as Float32Array,
      w2: this.w2.dataSync().slice() as Float32Array,
      b2: this.b2.dataSync().slice() as Float32Array,
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const v of [this.w1, this.b1, this.w2, this.b2]) v.dispose();
  }
}

/**
 * Mean softmax cross-entropy of `rows = labels.length` rows of logits (computed in float64,
 * log-sum-exp with the row maximum subtracted), and into `grad` the gradient of the mean loss
 * times `scale * rows`, i.e. `scale * (softmax - onehot)` per row. Returns the mean loss
 * (NaN or Infinity when the logits are not finite).
 */
export function softmaxCrossEntropy(
  logits: Float32Array,
  labels: ArrayLike<number>,
  classes: number,
  grad: Float32Array,
  scale: number,
): number {
  const rows = labels.length;
  let lossSum = 0;
  for (let r = 0; r < rows; r++) {
    const o = r * classes;
    let max = logits[o];
    for (let c = 1; c < classes; c++) if (logits[o + c] > max) max = logits[o + c];
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      const e = Math.exp(logits[o + c] - max);
      grad[o + c] = e;
      sum += e;
    }
    const label = labels[r];
    lossSum += Math.log(sum) + max - logits[o + label];
    const k = scale / sum;
    for (let c = 0; c < classes; c++) grad[o + c] *= k;
    grad[o + label] -= scale;
  }
  return lossSum / rows;
}

