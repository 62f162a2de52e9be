import type { Tf } from './backend.js';
import type { Rng } from '../rng.js';
/** Layer sizes of the seed's SimpleNN: `Linear(784,128) -> ReLU -> Linear(128,10)`. */
export interface MlpShape {
    inputs: number;
    hidden: number;
    classes: number;
}
export declare const SIMPLE_NN: MlpShape;
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
export declare function initMlpWeights(rng: Rng, shape?: MlpShape): MlpWeights;
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
 */
export declare class SimpleNN {
    readonly shape: MlpShape;
    /** Floats per input row `trainStep` reads fastest: the inputs followed by a 1. */
    readonly rowStride: number;
    private readonly tf;
    /** `hidden x (inputs + 1)`: fc1's weights as PyTorch stores them ([out][in]), fc1's bias as the last column. */
    private readonly w1t;
    private readonly w2;
    private readonly b2;
    private readonly evalBatchSize;
    private staging;
    private disposed;
    constructor(tf: Tf, weights: MlpWeights, options?: SimpleNNOptions);
    /**
     * One SGD step on a batch of `labels.length` rows. `x` holds either `rowStride` floats per
     * row (the inputs then a 1: the fast path, see EpochBatches) or `inputs` floats per row
     * (copied into a staging buffer first). Returns the batch's mean cross-entropy before the
     * update (what PyTorch's loss.item() gives). A non-finite loss is returned as is; the
     * weights are then not to be trusted.
     */
    trainStep(x: Float32Array, labels: ArrayLike<number>, lr: number): number;
    private augment;
    /** Mean cross-entropy and accuracy over `labels.length` rows of `images` (`inputs` floats each), in large batches. */
    evaluate(images: Float32Array, labels: ArrayLike<number>): Evaluation;
    /** A copy of the current parameters. */
    weights(): MlpWeights;
    dispose(): void;
}
/**
 * Mean softmax cross-entropy of `rows = labels.length` rows of logits (computed in float64,
 * log-sum-exp with the row maximum subtracted), and into `grad` the gradient of the mean loss
 * times `scale * rows`, i.e. `scale * (softmax - onehot)` per row. Returns the mean loss
 * (NaN or Infinity when the logits are not finite).
 */
export declare function softmaxCrossEntropy(logits: Float32Array, labels: ArrayLike<number>, classes: number, grad: Float32Array, scale: number): number;
