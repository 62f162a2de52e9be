import type { Tensor2D, Variable } from '@tensorflow/tfjs';
import type { Tf } from './backend.js';
import type { Rng } from '../rng.js';
import { averageWeight } from '../lr/weight-average.js';

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

/**
 * Everything a model's training state holds, bit for bit, to continue it elsewhere (a fork
 * of a shared trunk, possibly in another thread): the parameters in the model's own layout,
 * averaged parameters when the model keeps them, and the optimizer's slots (plain SGD has
 * none). Plain typed arrays, so it crosses thread boundaries.
 */
export interface ModelState {
  shape: MlpShape;
  params: Record<string, Float32Array>;
  /** The averaged parameters and their bookkeeping (see SimpleNN's averaging); null when the model keeps no average. */
  averaged: AveragedState | null;
  /** Optimizer slots by name (momentum buffers, ...); plain SGD has none. */
  optimizer: Record<string, Float32Array>;
}

/**
 * A SimpleNN's exponential moving average of its parameters, θ̄ (plain data: it crosses
 * threads in a fork's snapshot).
 */
export interface AveragedState {
  /** θ̄ with the same names and layout as `ModelState.params`. */
  params: Record<string, Float32Array>;
  /** Steps averaged so far, n (the start-up correction needs it). */
  updates: number;
  /** The horizon H in steps (see `averageWeight`). */
  horizonSteps: number;
}

/** Mean softmax cross-entropy and accuracy over a data set. */
export interface Evaluation {
  loss: number;
  accuracy: number;
}

export interface SimpleNNOptions {
  /** Rows per forward pass when evaluating. Default 2000. */
  evalBatchSize?: number;
  /**
   * Keep an exponential moving average θ̄ of the parameters over about this many steps
   * (H >= 1; the weight per step is `averageWeight`), updated after every step. Default: none. A snapshot that
   * holds an average brings its own horizon (this option must then agree or be absent).
   */
  averageHorizonSteps?: number;
}

/** Which weights `evaluate` uses, and where it writes each example's loss. */
export interface EvaluateOptions {
  /** Evaluate the averaged weights θ̄ instead of the raw ones (the model must keep an average). Default false. */
  averaged?: boolean;
  /** Receives each example's cross-entropy (length = the number of examples). */
  losses?: Float64Array;
}

/**
 * The seed's MLP on a tfjs backend, trained with plain SGD on the mean softmax cross-entropy.
 *
 * Layout chosen for the wasm backend, where the two 64x785x128 products are the real work,
 * XNNPACK re-packs a product's right-hand operand whenever it is a new tensor (every step,
 * since the weights change), and each tfjs op costs ~10 us of overhead:
 *
 * - fc1 is stored transposed with its bias as an extra column, `W1t` = `hidden x (inputs+1)`,
 *   and each input row carries a trailing 1 (`rowStride = inputs + 1`). The forward product
 *   is `W1t @ xt` (xt = the batch transposed), so XNNPACK packs the 50k-float batch instead
 *   of the 100k-float weight matrix (~190 us instead of ~270 us per step), and the bias
 *   comes with the product.
 * - fc2's bias lives in JavaScript: the logits (10 per row) are read back every step anyway
 *   for the loss, so adding b2 and updating it there costs nothing.
 * - lr is folded into the output gradient, so every gradient comes out already scaled.
 *
 * One step, with B the batch's size and x the batch with its column of ones:
 *
 *   xt     = transpose(x)                     785 x B
 *   ht     = relu(W1t @ xt);  h = transpose(ht)        fused matMul (relu in the kernel)
 *   logits = h @ W2 (+ b2 on the CPU)
 *   loss, g = lr * (softmax(logits) - onehot(y)) / B     on the CPU, 10 * B numbers
 *   b2 -= colsum(g);  W2 -= ht @ g
 *   d  = (g @ transpose(W2)) * [h > 0]
 *   W1t -= transpose(xt @ d)
 *
 * Every transpose is an explicit `tf.transpose`: on the wasm backend a matMul with
 * transposeA/transposeB leaves XNNPACK for a naive loop and runs ~10x slower. Reading the
 * logits back costs nothing on the wasm and cpu backends (same memory, no device), and
 * gives every step's loss exactly, for the LR controller.
 *
 * Averaging (optional, `averageHorizonSteps` = H): after the n-th step, θ̄ ← θ̄ + α_n (θ - θ̄)
 * with α_n = max(1/H, 1/n) (`averageWeight`, the one rule shared with the tfjs callback): the
 * plain mean of the iterates θ_1..θ_n while n <= H, then an EMA with decay 1 - 1/H. The
 * initial weights get no weight (α_1 = 1 copies θ_1): with θ̄_0 = θ_0 they would still weigh
 * e^-1 = 37% after one horizon (the average would measure the distance from the random start,
 * not what a decay buys), and TensorFlow's `num_updates` warm-up (decay min(β, (1+n)/(10+n)))
 * averages over only ~n/9 steps until n ~ 9H, most of a short run. θ̄ lives in tfjs variables
 * and is updated with 3 element-wise ops per weight tensor (b2 on the CPU); the raw weights'
 * arithmetic is untouched.
 */
export class SimpleNN {
  readonly shape: MlpShape;
  /** Floats per input row `trainStep` reads fastest: the inputs followed by a 1. */
  readonly rowStride: number;
  private readonly tf: Tf;
  /** `hidden x (inputs + 1)`: fc1's weights as PyTorch stores them ([out][in]), fc1's bias as the last column. */
  private readonly w1t: Variable;
  private readonly w2: Variable;
  private readonly b2: Float32Array;
  private readonly evalBatchSize: number;
  /** θ̄ (see the class comment), or null without averaging. */
  private readonly average: { w1t: Variable; w2: Variable; b2: Float32Array; horizonSteps: number; updates: number } | null;
  private staging = new Float32Array(0);
  private disposed = false;

  /** From initial weights (`initMlpWeights`), or from a `snapshot()` to continue training exactly where it was taken. */
  constructor(tf: Tf, weights: MlpWeights | ModelState, options: SimpleNNOptions = {}) {
    this.tf = tf;
    this.shape = { ...weights.shape };
    const { inputs, hidden, classes } = this.shape;
    this.rowStride = inputs + 1;
    const stride = inputs + 1;
    const state = 'params' in weights ? checkState(weights, options.averageHorizonSteps) : null;
    const { w1t, w2, b2 } = state ?? { w1t: transposeWithBias(weights as MlpWeights), w2: (weights as MlpWeights).w2, b2: (weights as MlpWeights).b2 };
    this.evalBatchSize = options.evalBatchSize ?? 2000;
    if (!(Number.isInteger(this.evalBatchSize) && this.evalBatchSize > 0)) {
      throw new RangeError(`evalBatchSize must be a positive integer, got ${this.evalBatchSize}`);
    }
    const horizonSteps = state ? state.averaged?.horizonSteps : options.averageHorizonSteps;
    if (horizonSteps !== undefined && !(Number.isFinite(horizonSteps) && horizonSteps >= 1)) {
      throw new RangeError(`averageHorizonSteps must be a number >= 1, got ${horizonSteps}`);
    }
    // tidy disposes the initial tensors; the variables keep their own reference to the data.
    const variable = (values: Float32Array, rows: number, cols: number) => tf.tidy(() => tf.variable(tf.tensor2d(values, [rows, cols]), false));
    this.w1t = variable(w1t, hidden, stride);
    this.w2 = variable(w2, hidden, classes);
    this.b2 = Float32Array.from(b2);
    if (horizonSteps === undefined) {
      this.average = null;
    } else {
      // Before the first step θ̄ is unused (α_1 = 1 replaces it); it starts as a copy of θ.
      const from = state?.averaged?.params ?? { w1t, w2, b2 };
      this.average = {
        w1t: variable(from.w1t!, hidden, stride),
        w2: variable(from.w2!, hidden, classes),
        b2: Float32Array.from(from.b2!),
        horizonSteps,
        updates: state?.averaged?.updates ?? 0,
      };
    }
  }

  /** Whether the model keeps an average of its parameters (see the class comment). */
  get averaging(): boolean {
    return this.average !== null;
  }

  /**
   * One SGD step on a batch of `labels.length` rows. `x` holds either `rowStride` floats per
   * row (the inputs then a 1: the fast path, see EpochBatches) or `inputs` floats per row
   * (copied into a staging buffer first). Returns the batch's mean cross-entropy before the
   * update (what PyTorch's loss.item() gives). A non-finite loss is returned as is; the
   * weights are then not to be trusted.
   */
  trainStep(x: Float32Array, labels: ArrayLike<number>, lr: number): number {
    const tf = this.tf;
    const { classes } = this.shape;
    const stride = this.rowStride;
    const rows = labels.length;
    const xa = x.length === rows * stride ? x : this.augment(x, rows);
    let loss = 0;
    tf.tidy(() => {
      const xt = tf.transpose(tf.tensor2d(xa, [rows, stride]));
      const ht = tf.fused.matMul({ a: this.w1t as Tensor2D, b: xt, activation: 'relu' });
      const h = tf.transpose(ht);
      const logits = tf.matMul(h, this.w2).dataSync() as Float32Array;
      addRowBias(logits, this.b2);
      const grad = new Float32Array(rows * classes);
      loss = softmaxCrossEntropy(logits, labels, classes, grad, lr / rows);
      for (let c = 0; c < classes; c++) {
        let sum = 0;
        for (let r = 0; r < rows; r++) sum += grad[r * classes + c];
        this.b2[c] -= sum;
      }
      const g = tf.tensor2d(grad, [rows, classes]);
      const dW2 = tf.matMul(ht, g);
      const d = tf.mul(tf.matMul(g, tf.transpose(this.w2)), tf.step(h));
      const dW1 = tf.matMul(xt, d);
      this.w1t.assign(tf.sub(this.w1t, tf.transpose(dW1)));
      this.w2.assign(tf.sub(this.w2, dW2));
    });
    if (this.average) this.updateAverage(this.average);
    return loss;
  }

  /** θ̄ ← θ̄ + α_n (θ - θ̄), α_n = `averageWeight(n, H)` (see the class comment); α_n = 1 copies θ. */
  private updateAverage(avg: NonNullable<SimpleNN['average']>): void {
    const tf = this.tf;
    avg.updates++;
    const alpha = averageWeight(avg.updates, avg.horizonSteps);
    if (alpha >= 1) {
      avg.w1t.assign(this.w1t);
      avg.w2.assign(this.w2);
      avg.b2.set(this.b2);
      return;
    }
    tf.tidy(() => {
      const a = tf.scalar(alpha);
      avg.w1t.assign(tf.add(avg.w1t, tf.mul(tf.sub(this.w1t, avg.w1t), a)));
      avg.w2.assign(tf.add(avg.w2, tf.mul(tf.sub(this.w2, avg.w2), a)));
    });
    const a32 = Math.fround(alpha);
    for (let c = 0; c < avg.b2.length; c++) avg.b2[c] += a32 * (this.b2[c] - avg.b2[c]);
  }

  private augment(x: Float32Array, rows: number): Float32Array {
    const { inputs } = this.shape;
    const stride = this.rowStride;
    if (x.length !== rows * inputs) {
      throw new RangeError(`trainStep: x has ${x.length} values, expected ${rows} rows of ${inputs} (or ${stride})`);
    }
    if (this.staging.length < rows * stride) this.staging = new Float32Array(rows * stride);
    const out = this.staging.subarray(0, rows * stride);
    for (let r = 0; r < rows; r++) {
      out.set(x.subarray(r * inputs, (r + 1) * inputs), r * stride);
      out[r * stride + inputs] = 1;
    }
    return out;
  }

  /**
   * Mean cross-entropy and accuracy over `labels.length` rows of `images` (`inputs` floats
   * each), in large batches; of the raw weights, or of the averaged ones with `averaged`.
   * `losses` receives each example's cross-entropy (for paired comparisons).
   */
  evaluate(images: Float32Array, labels: ArrayLike<number>, options: EvaluateOptions = {}): Evaluation {
    const tf = this.tf;
    const { inputs, hidden, classes } = this.shape;
    const n = labels.length;
    if (images.length !== n * inputs) throw new RangeError(`evaluate: images have ${images.length} values, expected ${n} x ${inputs}`);
    if (options.losses && options.losses.length !== n) throw new RangeError(`evaluate: losses holds ${options.losses.length} values for ${n} examples`);
    if (options.averaged && !this.average) throw new RangeError('evaluate: this model keeps no averaged weights');
    if (n === 0) return { loss: Number.NaN, accuracy: Number.NaN };
    const params: { w1t: Variable; w2: Variable; b2: Float32Array } = options.averaged ? this.average! : { w1t: this.w1t, w2: this.w2, b2: this.b2 };
    // Once per evaluation: W1 input-major for `x @ W1 + b1` in large batches. The wasm
    // FusedMatMul wants a bias tensor created rank-1 (a reshaped slice keeps its rank-2
    // buffer), so b1 is uploaded from the CPU copy.
    const b1 = columnOf(params.w1t.dataSync() as Float32Array, inputs + 1, inputs);
    const w = tf.tidy(() => tf.slice(tf.transpose(params.w1t), [0, 0], [inputs, hidden]) as Tensor2D);
    const b = tf.tensor1d(b1);
    let lossSum = 0;
    let correct = 0;
    try {
      for (let start = 0; start < n; start += this.evalBatchSize) {
        const end = Math.min(n, start + this.evalBatchSize);
        const logitsTensor = tf.tidy(() => {
          const xb = tf.tensor2d(images.subarray(start * inputs, end * inputs), [end - start, inputs]);
          const h = tf.fused.matMul({ a: xb, b: w, bias: b, activation: 'relu' });
          return tf.matMul(h, params.w2);
        });
        const values = logitsTensor.dataSync() as Float32Array;
        logitsTensor.dispose();
        addRowBias(values, params.b2);
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
          const loss = Math.log(sum) + max - values[o + label];
          lossSum += loss;
          if (options.losses) options.losses[start + r] = loss;
          if (arg === label) correct++;
        }
      }
    } finally {
      w.dispose();
      b.dispose();
    }
    return { loss: lossSum / n, accuracy: correct / n };
  }

  /** A copy of the current parameters. */
  weights(): MlpWeights {
    const { inputs, hidden } = this.shape;
    const stride = inputs + 1;
    const w1t = this.w1t.dataSync() as Float32Array;
    const w1 = new Float32Array(inputs * hidden);
    const b1 = new Float32Array(hidden);
    for (let j = 0; j < hidden; j++) {
      for (let i = 0; i < inputs; i++) w1[i * hidden + j] = w1t[j * stride + i];
      b1[j] = w1t[j * stride + inputs];
    }
    return {
      shape: { ...this.shape },
      w1,
      b1,
      w2: this.w2.dataSync().slice() as Float32Array,
      b2: this.b2.slice(),
    };
  }

  /** The training state, bit for bit (a copy): `new SimpleNN(tf, model.snapshot())` continues exactly where this one is. */
  snapshot(): ModelState {
    return {
      shape: { ...this.shape },
      params: {
        w1t: (this.w1t.dataSync() as Float32Array).slice(),
        w2: (this.w2.dataSync() as Float32Array).slice(),
        b2: this.b2.slice(),
      },
      averaged: this.average
        ? {
            params: {
              w1t: (this.average.w1t.dataSync() as Float32Array).slice(),
              w2: (this.average.w2.dataSync() as Float32Array).slice(),
              b2: this.average.b2.slice(),
            },
            updates: this.average.updates,
            horizonSteps: this.average.horizonSteps,
          }
        : null,
      optimizer: {},
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.w1t.dispose();
    this.w2.dispose();
    this.average?.w1t.dispose();
    this.average?.w2.dispose();
  }
}

/** fc1's input-major weights and bias as `W1t` (hidden x (inputs + 1), the bias as the last column). */
function transposeWithBias(weights: MlpWeights): Float32Array {
  const { inputs, hidden } = weights.shape;
  const stride = inputs + 1;
  const w1t = new Float32Array(hidden * stride);
  for (let j = 0; j < hidden; j++) {
    for (let i = 0; i < inputs; i++) w1t[j * stride + i] = weights.w1[i * hidden + j];
    w1t[j * stride + inputs] = weights.b1[j];
  }
  return w1t;
}

/**
 * The parameters of a SimpleNN snapshot; throws on state this model cannot hold (another
 * layout, optimizer slots, an average of another horizon than `horizonSteps` asks for).
 */
function checkState(state: ModelState, horizonSteps: number | undefined): { w1t: Float32Array; w2: Float32Array; b2: Float32Array; averaged: AveragedState | null } {
  const { inputs, hidden, classes } = state.shape;
  const sizesOf = (p: Record<string, Float32Array>) => [p.w1t?.length, p.w2?.length, p.b2?.length].join('/');
  const expected = [hidden * (inputs + 1), hidden * classes, classes].join('/');
  for (const params of [state.params, state.averaged?.params].filter((p) => p !== undefined)) {
    if (sizesOf(params) !== expected) throw new RangeError(`SimpleNN: a snapshot with parameter sizes ${sizesOf(params)} does not fit ${inputs}-${hidden}-${classes}`);
  }
  if (Object.keys(state.optimizer).length > 0) {
    throw new RangeError('SimpleNN: the snapshot holds optimizer slots, which plain SGD does not keep');
  }
  if (horizonSteps !== undefined && state.averaged?.horizonSteps !== horizonSteps) {
    throw new RangeError(`SimpleNN: averageHorizonSteps ${horizonSteps} does not match the snapshot's average (${state.averaged?.horizonSteps ?? 'none'})`);
  }
  const { w1t, w2, b2 } = state.params;
  return { w1t: w1t!, w2: w2!, b2: b2!, averaged: state.averaged };
}

/** Column `column` of a row-major array with `stride` values per row. */
function columnOf(values: Float32Array, stride: number, column: number): Float32Array {
  const out = new Float32Array(values.length / stride);
  for (let j = 0; j < out.length; j++) out[j] = values[j * stride + column];
  return out;
}

/** Adds `bias[c]` to every row of a row-major `rows x bias.length` array, in place. */
function addRowBias(values: Float32Array, bias: Float32Array): void {
  const classes = bias.length;
  for (let i = 0; i < values.length; i += classes) {
    for (let c = 0; c < classes; c++) values[i + c] += bias[c];
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

