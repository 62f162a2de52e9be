export const SIMPLE_NN = { inputs: 784, hidden: 128, classes: 10 };
/**
 * Initial weights exactly like PyTorch's `nn.Linear` defaults (kaiming_uniform with
 * a = sqrt(5), i.e. weights and biases uniform in +-1/sqrt(fan_in)), drawn from `rng` in
 * PyTorch's order: fc1.weight (row by row over [out][in]), fc1.bias, fc2.weight, fc2.bias.
 * The same seed gives the same weights for every schedule.
 *
 * initMlpWeights(new Rng(0)).w1.length; // => 100352
 */
export function initMlpWeights(rng, shape = SIMPLE_NN) {
    const { inputs, hidden, classes } = shape;
    const layer = (fanIn, fanOut) => {
        const bound = 1 / Math.sqrt(fanIn);
        const w = new Float32Array(fanIn * fanOut);
        for (let out = 0; out < fanOut; out++) {
            for (let inp = 0; inp < fanIn; inp++)
                w[inp * fanOut + out] = rng.uniformIn(-bound, bound);
        }
        const b = new Float32Array(fanOut);
        for (let out = 0; out < fanOut; out++)
            b[out] = rng.uniformIn(-bound, bound);
        return { w, b };
    };
    const l1 = layer(inputs, hidden);
    const l2 = layer(hidden, classes);
    return { shape: { ...shape }, w1: l1.w, b1: l1.b, w2: l2.w, b2: l2.b };
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
export class SimpleNN {
    shape;
    /** Floats per input row `trainStep` reads fastest: the inputs followed by a 1. */
    rowStride;
    tf;
    /** `hidden x (inputs + 1)`: fc1's weights as PyTorch stores them ([out][in]), fc1's bias as the last column. */
    w1t;
    w2;
    b2;
    evalBatchSize;
    staging = new Float32Array(0);
    disposed = false;
    constructor(tf, weights, options = {}) {
        this.tf = tf;
        this.shape = { ...weights.shape };
        const { inputs, hidden, classes } = this.shape;
        this.rowStride = inputs + 1;
        const stride = inputs + 1;
        const w1t = new Float32Array(hidden * stride);
        for (let j = 0; j < hidden; j++) {
            for (let i = 0; i < inputs; i++)
                w1t[j * stride + i] = weights.w1[i * hidden + j];
            w1t[j * stride + inputs] = weights.b1[j];
        }
        // tidy disposes the initial tensors; the variables keep their own reference to the data.
        this.w1t = tf.tidy(() => tf.variable(tf.tensor2d(w1t, [hidden, stride]), false));
        this.w2 = tf.tidy(() => tf.variable(tf.tensor2d(weights.w2, [hidden, classes]), false));
        this.b2 = Float32Array.from(weights.b2);
        this.evalBatchSize = options.evalBatchSize ?? 2000;
        if (!(Number.isInteger(this.evalBatchSize) && this.evalBatchSize > 0)) {
            throw new RangeError(`evalBatchSize must be a positive integer, got ${this.evalBatchSize}`);
        }
    }
    /**
     * One SGD step on a batch of `labels.length` rows. `x` holds either `rowStride` floats per
     * row (the inputs then a 1: the fast path, see EpochBatches) or `inputs` floats per row
     * (copied into a staging buffer first). Returns the batch's mean cross-entropy before the
     * update (what PyTorch's loss.item() gives). A non-finite loss is returned as is; the
     * weights are then not to be trusted.
     */
    trainStep(x, labels, lr) {
        const tf = this.tf;
        const { classes } = this.shape;
        const stride = this.rowStride;
        const rows = labels.length;
        const xa = x.length === rows * stride ? x : this.augment(x, rows);
        let loss = 0;
        tf.tidy(() => {
            const xt = tf.transpose(tf.tensor2d(xa, [rows, stride]));
            const ht = tf.fused.matMul({ a: this.w1t, b: xt, activation: 'relu' });
            const h = tf.transpose(ht);
            const logits = tf.matMul(h, this.w2).dataSync();
            addRowBias(logits, this.b2);
            const grad = new Float32Array(rows * classes);
            loss = softmaxCrossEntropy(logits, labels, classes, grad, lr / rows);
            for (let c = 0; c < classes; c++) {
                let sum = 0;
                for (let r = 0; r < rows; r++)
                    sum += grad[r * classes + c];
                this.b2[c] -= sum;
            }
            const g = tf.tensor2d(grad, [rows, classes]);
            const dW2 = tf.matMul(ht, g);
            const d = tf.mul(tf.matMul(g, tf.transpose(this.w2)), tf.step(h));
            const dW1 = tf.matMul(xt, d);
            this.w1t.assign(tf.sub(this.w1t, tf.transpose(dW1)));
            this.w2.assign(tf.sub(this.w2, dW2));
        });
        return loss;
    }
    augment(x, rows) {
        const { inputs } = this.shape;
        const stride = this.rowStride;
        if (x.length !== rows * inputs) {
            throw new RangeError(`trainStep: x has ${x.length} values, expected ${rows} rows of ${inputs} (or ${stride})`);
        }
        if (this.staging.length < rows * stride)
            this.staging = new Float32Array(rows * stride);
        const out = this.staging.subarray(0, rows * stride);
        for (let r = 0; r < rows; r++) {
            out.set(x.subarray(r * inputs, (r + 1) * inputs), r * stride);
            out[r * stride + inputs] = 1;
        }
        return out;
    }
    /** Mean cross-entropy and accuracy over `labels.length` rows of `images` (`inputs` floats each), in large batches. */
    evaluate(images, labels) {
        const tf = this.tf;
        const { inputs, hidden, classes } = this.shape;
        const n = labels.length;
        if (images.length !== n * inputs)
            throw new RangeError(`evaluate: images have ${images.length} values, expected ${n} x ${inputs}`);
        if (n === 0)
            return { loss: Number.NaN, accuracy: Number.NaN };
        // Once per evaluation: W1 input-major for `x @ W1 + b1` in large batches. The wasm
        // FusedMatMul wants a bias tensor created rank-1 (a reshaped slice keeps its rank-2
        // buffer), so b1 is uploaded from the CPU copy.
        const { b1 } = this.weights();
        const w = tf.tidy(() => tf.slice(tf.transpose(this.w1t), [0, 0], [inputs, hidden]));
        const b = tf.tensor1d(b1);
        let lossSum = 0;
        let correct = 0;
        try {
            for (let start = 0; start < n; start += this.evalBatchSize) {
                const end = Math.min(n, start + this.evalBatchSize);
                const logitsTensor = tf.tidy(() => {
                    const xb = tf.tensor2d(images.subarray(start * inputs, end * inputs), [end - start, inputs]);
                    const h = tf.fused.matMul({ a: xb, b: w, bias: b, activation: 'relu' });
                    return tf.matMul(h, this.w2);
                });
                const values = logitsTensor.dataSync();
                logitsTensor.dispose();
                addRowBias(values, this.b2);
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
                    for (let c = 0; c < classes; c++)
                        sum += Math.exp(values[o + c] - max);
                    lossSum += Math.log(sum) + max - values[o + label];
                    if (arg === label)
                        correct++;
                }
            }
        }
        finally {
            w.dispose();
            b.dispose();
        }
        return { loss: lossSum / n, accuracy: correct / n };
    }
    /** A copy of the current parameters. */
    weights() {
        const { inputs, hidden } = this.shape;
        const stride = inputs + 1;
        const w1t = this.w1t.dataSync();
        const w1 = new Float32Array(inputs * hidden);
        const b1 = new Float32Array(hidden);
        for (let j = 0; j < hidden; j++) {
            for (let i = 0; i < inputs; i++)
                w1[i * hidden + j] = w1t[j * stride + i];
            b1[j] = w1t[j * stride + inputs];
        }
        return {
            shape: { ...this.shape },
            w1,
            b1,
            w2: this.w2.dataSync().slice(),
            b2: this.b2.slice(),
        };
    }
    dispose() {
        if (this.disposed)
            return;
        this.disposed = true;
        this.w1t.dispose();
        this.w2.dispose();
    }
}
/** Adds `bias[c]` to every row of a row-major `rows x bias.length` array, in place. */
function addRowBias(values, bias) {
    const classes = bias.length;
    for (let i = 0; i < values.length; i += classes) {
        for (let c = 0; c < classes; c++)
            values[i + c] += bias[c];
    }
}
/**
 * Mean softmax cross-entropy of `rows = labels.length` rows of logits (computed in float64,
 * log-sum-exp with the row maximum subtracted), and into `grad` the gradient of the mean loss
 * times `scale * rows`, i.e. `scale * (softmax - onehot)` per row. Returns the mean loss
 * (NaN or Infinity when the logits are not finite).
 */
export function softmaxCrossEntropy(logits, labels, classes, grad, scale) {
    const rows = labels.length;
    let lossSum = 0;
    for (let r = 0; r < rows; r++) {
        const o = r * classes;
        let max = logits[o];
        for (let c = 1; c < classes; c++)
            if (logits[o + c] > max)
                max = logits[o + c];
        let sum = 0;
        for (let c = 0; c < classes; c++) {
            const e = Math.exp(logits[o + c] - max);
            grad[o + c] = e;
            sum += e;
        }
        const label = labels[r];
        lossSum += Math.log(sum) + max - logits[o + label];
        const k = scale / sum;
        for (let c = 0; c < classes; c++)
            grad[o + c] *= k;
        grad[o + label] -= scale;
    }
    return lossSum / rows;
}
//# sourceMappingURL=model.js.map