import { describe, expect, it } from 'vitest';
import { selectBackend, type BackendName } from '../../src/train/backend.js';
import { initMlpWeights, SimpleNN, SIMPLE_NN, softmaxCrossEntropy, type MlpShape, type MlpWeights } from '../../src/train/model.js';
import { Rng } from '../../src/rng.js';

/** Straightforward float64 forward/backward/SGD of the same MLP, written from the maths. */
function referenceStep(w: MlpWeights, x: Float32Array, labels: number[], lr: number) {
  const { inputs: I, hidden: H, classes: C } = w.shape;
  const B = labels.length;
  const z = new Float64Array(B * H);
  const h = new Float64Array(B * H);
  const logits = new Float64Array(B * C);
  for (let r = 0; r < B; r++) {
    for (let j = 0; j < H; j++) {
      let s = w.b1[j];
      for (let i = 0; i < I; i++) s += x[r * I + i] * w.w1[i * H + j];
      z[r * H + j] = s;
      h[r * H + j] = Math.max(0, s);
    }
    for (let c = 0; c < C; c++) {
      let s = w.b2[c];
      for (let j = 0; j < H; j++) s += h[r * H + j] * w.w2[j * C + c];
      logits[r * C + c] = s;
    }
  }
  let loss = 0;
  const g = new Float64Array(B * C);
  for (let r = 0; r < B; r++) {
    const row = Array.from(logits.subarray(r * C, (r + 1) * C));
    const max = Math.max(...row);
    const sum = row.reduce((a, v) => a + Math.exp(v - max), 0);
    loss += Math.log(sum) + max - row[labels[r]];
    for (let c = 0; c < C; c++) g[r * C + c] = (Math.exp(row[c] - max) / sum - (c === labels[r] ? 1 : 0)) / B;
  }
  const next = { w1: Float64Array.from(w.w1), b1: Float64Array.from(w.b1), w2: Float64Array.from(w.w2), b2: Float64Array.from(w.b2) };
  for (let r = 0; r < B; r++) {
    for (let c = 0; c < C; c++) {
      next.b2[c] -= lr * g[r * C + c];
      for (let j = 0; j < H; j++) next.w2[j * C + c] -= lr * h[r * H + j] * g[r * C + c];
    }
    for (let j = 0; j < H; j++) {
      if (z[r * H + j] <= 0) continue;
      let d = 0;
      for (let c = 0; c < C; c++) d += g[r * C + c] * w.w2[j * C + c];
      next.b1[j] -= lr * d;
      for (let i = 0; i < I; i++) next.w1[i * H + j] -= lr * x[r * I + i] * d;
    }
  }
  return { loss: loss / B, next };
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('initMlpWeights', () => {
  it('draws like nn.Linear: uniform within +-1/sqrt(fan_in), same seed same weights', () => {
    const a = initMlpWeights(new Rng(0));
    const b = initMlpWeights(new Rng(0));
    const c = initMlpWeights(new Rng(1));
    expect(a.w1.length).toBe(784 * 128);
    expect(a.w2.length).toBe(128 * 10);
    expect(Array.from(a.w1.subarray(0, 50))).toEqual(Array.from(b.w1.subarray(0, 50)));
    expect(a.w1[0]).not.toBe(c.w1[0]);
    const bound1 = 1 / Math.sqrt(784);
    const bound2 = 1 / Math.sqrt(128);
    const maxAbs = (...arrays: Float32Array[]) => Math.max(...arrays.map((x) => x.reduce((m, v) => Math.max(m, Math.abs(v)), 0)));
    expect(maxAbs(a.w1, a.b1)).toBeLessThanOrEqual(bound1);
    expect(maxAbs(a.w1, a.b1)).toBeGreaterThan(bound1 * 0.999);
    expect(maxAbs(a.w2, a.b2)).toBeLessThanOrEqual(bound2);
    expect(maxAbs(a.w2, a.b2)).toBeGreaterThan(bound2 * 0.99);
    // Uniform: the spread fills the interval (std of U(-b, b) is b / sqrt(3)).
    const mean = a.w1.reduce((s, v) => s + v, 0) / a.w1.length;
    const std = Math.sqrt(a.w1.reduce((s, v) => s + (v - mean) ** 2, 0) / a.w1.length);
    expect(Math.abs(mean)).toBeLessThan(bound1 * 0.01);
    expect(std / (bound1 / Math.sqrt(3))).toBeCloseTo(1, 2);
  });
});

describe('softmaxCrossEntropy', () => {
  it('gives ln(classes) for equal logits and the (softmax - onehot) gradient', () => {
    const grad = new Float32Array(2 * 10);
    const loss = softmaxCrossEntropy(new Float32Array(20), [3, 7], 10, grad, 1);
    expect(loss).toBeCloseTo(Math.log(10), 12);
    expect(grad[0]).toBeCloseTo(0.1, 7);
    expect(grad[3]).toBeCloseTo(-0.9, 7);
    expect(grad[10 + 7]).toBeCloseTo(-0.9, 7);
  });

  it('stays finite for large logits and returns Infinity/NaN for non-finite ones', () => {
    const grad = new Float32Array(3);
    expect(softmaxCrossEntropy(Float32Array.of(1000, 0, -1000), [0], 3, grad, 1)).toBeCloseTo(0, 10);
    expect(Number.isFinite(softmaxCrossEntropy(Float32Array.of(Number.NaN, 0, 0), [0], 3, grad, 1))).toBe(false);
  });
});

describe.each(['wasm', 'cpu'] as BackendName[])('SimpleNN on %s', (backendName) => {
  const shape: MlpShape = { inputs: 7, hidden: 5, classes: 3 };

  it('one SGD step matches a float64 reference of forward, backward and update', async () => {
    const { tf } = await selectBackend(backendName);
    const rng = new Rng(42);
    const weights = initMlpWeights(rng, shape);
    const B = 6;
    const x = new Float32Array(B * shape.inputs).map(() => rng.uniformIn(-1, 1));
    const labels = [0, 1, 2, 2, 1, 0];
    const model = new SimpleNN(tf, weights);
    const loss = model.trainStep(x, Uint8Array.from(labels), 0.5);
    const ref = referenceStep(weights, x, labels, 0.5);
    expect(loss).toBeCloseTo(ref.loss, 6);
    const after = model.weights();
    expect(maxAbsDiff(after.w1, ref.next.w1)).toBeLessThan(1e-6);
    expect(maxAbsDiff(after.b1, ref.next.b1)).toBeLessThan(1e-6);
    expect(maxAbsDiff(after.w2, ref.next.w2)).toBeLessThan(1e-6);
    expect(maxAbsDiff(after.b2, ref.next.b2)).toBeLessThan(1e-6);
    // The update really moved the weights.
    expect(maxAbsDiff(after.w1, weights.w1)).toBeGreaterThan(1e-4);
    model.dispose();
  });

  it('continues bit for bit from a snapshot (weights, biases; no optimizer slots for plain SGD)', async () => {
    const { tf } = await selectBackend(backendName);
    const rng = new Rng(5);
    const batch = () => ({ x: new Float32Array(4 * shape.inputs).map(() => rng.uniformIn(-1, 1)), labels: Uint8Array.from([0, 1, 2, 1]) });
    const model = new SimpleNN(tf, initMlpWeights(new Rng(9), shape));
    for (let i = 0; i < 3; i++) model.trainStep(batch().x, batch().labels, 0.3);
    const state = model.snapshot();
    expect(state.optimizer).toEqual({});
    expect(state.averaged).toBeNull();
    const copy = new SimpleNN(tf, structuredClone(state));
    for (let i = 0; i < 3; i++) {
      const { x, labels } = batch();
      expect(copy.trainStep(x, labels, 0.1)).toBe(model.trainStep(x, labels, 0.1));
    }
    expect(copy.weights()).toEqual(model.weights());
    expect(() => new SimpleNN(tf, { ...state, optimizer: { momentum: new Float32Array(1) } })).toThrow(/optimizer slots/);
    expect(() => new SimpleNN(tf, { ...state, averaged: { params: { w1t: new Float32Array(3) }, updates: 1, horizonSteps: 2 } })).toThrow(/does not fit/);
    expect(() => new SimpleNN(tf, { ...state, shape: { ...shape, hidden: 6 } })).toThrow(/does not fit/);
    model.dispose();
    copy.dispose();
  });

  it('keeps θ̄ = the mean of the iterates up to the horizon, then their EMA, without touching the raw weights', async () => {
    const { tf } = await selectBackend(backendName);
    const rng = new Rng(11);
    const batches = Array.from({ length: 12 }, () => ({ x: new Float32Array(4 * shape.inputs).map(() => rng.uniformIn(-1, 1)), labels: Uint8Array.from([0, 1, 2, 1]) }));
    const horizon = 5;
    const plain = new SimpleNN(tf, initMlpWeights(new Rng(9), shape));
    const averaged = new SimpleNN(tf, initMlpWeights(new Rng(9), shape), { averageHorizonSteps: horizon });
    expect(averaged.averaging).toBe(true);
    expect(plain.averaging).toBe(false);
    // Reference: explicit weights on the raw iterates θ_1..θ_n (θ_0 gets none), in float64: 1/n each
    // while n <= H; after, β^(n-H)/H on each of the first H and β^(n-i)/H on θ_i (i > H), β = 1 - 1/H.
    const iterates: Float32Array[][] = [];
    const flat = (s: ReturnType<SimpleNN['snapshot']>['params']) => [s.w1t!, s.w2!, s.b2!];
    const beta = 1 - 1 / horizon;
    for (const [k, { x, labels }] of batches.entries()) {
      // Raw arithmetic is the same with and without averaging, bit for bit.
      expect(averaged.trainStep(x, labels, 0.4)).toBe(plain.trainStep(x, labels, 0.4));
      iterates.push(flat(plain.snapshot().params));
      const n = k + 1;
      const state = averaged.snapshot();
      expect(state.params).toEqual(plain.snapshot().params);
      expect(state.averaged?.updates).toBe(n);
      const got = flat(state.averaged!.params);
      for (let t = 0; t < 3; t++) {
        const ref = new Float64Array(got[t]!.length);
        let weightSum = 0;
        for (let i = 1; i <= n; i++) {
          const wgt = n <= horizon ? 1 / n : beta ** (n - Math.max(i, horizon)) / horizon;
          weightSum += wgt;
          iterates[i - 1]![t]!.forEach((v, j) => (ref[j] += wgt * v));
        }
        expect(weightSum).toBeCloseTo(1, 12);
        expect(maxAbsDiff(got[t]!, ref), `θ̄ tensor ${t} after ${n} steps`).toBeLessThan(1e-6);
        if (n === 1) expect(Array.from(got[t]!)).toEqual(Array.from(iterates[0]![t]!)); // α_1 = 1: a copy of θ_1
      }
    }
    // The average lags the raw weights: after 12 steps at lr 0.4 it is measurably elsewhere.
    expect(maxAbsDiff(averaged.snapshot().averaged!.params.w1t!, averaged.snapshot().params.w1t!)).toBeGreaterThan(1e-4);
    plain.dispose();
    averaged.dispose();
  });

  it('continues an average bit for bit from a snapshot and evaluates θ̄ per example', async () => {
    const { tf } = await selectBackend(backendName);
    const rng = new Rng(13);
    const batch = () => ({ x: new Float32Array(4 * shape.inputs).map(() => rng.uniformIn(-1, 1)), labels: Uint8Array.from([2, 1, 0, 1]) });
    const model = new SimpleNN(tf, initMlpWeights(new Rng(9), shape), { averageHorizonSteps: 3.5 });
    for (let i = 0; i < 4; i++) model.trainStep(batch().x, batch().labels, 0.3);
    const state = model.snapshot();
    expect(state.averaged?.horizonSteps).toBe(3.5);
    const copy = new SimpleNN(tf, structuredClone(state));
    expect(() => new SimpleNN(tf, structuredClone(state), { averageHorizonSteps: 7 })).toThrow(/does not match/);
    for (let i = 0; i < 3; i++) {
      const { x, labels } = batch();
      expect(copy.trainStep(x, labels, 0.1)).toBe(model.trainStep(x, labels, 0.1));
    }
    expect(copy.snapshot()).toEqual(model.snapshot());
    const images = new Float32Array(9 * shape.inputs).map(() => rng.uniformIn(-1, 1));
    const labels = Uint8Array.from([0, 1, 2, 0, 1, 2, 0, 1, 2]);
    const raw = new Float64Array(9);
    const avg = new Float64Array(9);
    const rawEval = model.evaluate(images, labels, { losses: raw });
    const avgEval = model.evaluate(images, labels, { averaged: true, losses: avg });
    expect(rawEval.loss).toBeCloseTo(raw.reduce((s, v) => s + v, 0) / 9, 12);
    expect(avgEval.loss).toBeCloseTo(avg.reduce((s, v) => s + v, 0) / 9, 12);
    expect(avgEval.loss).not.toBe(rawEval.loss);
    // θ̄ evaluated is the θ̄ the snapshot holds: a model built from it gives the same losses.
    const fromAverage = new SimpleNN(tf, { ...state, params: model.snapshot().averaged!.params, averaged: null });
    const check = new Float64Array(9);
    fromAverage.evaluate(images, labels, { losses: check });
    expect(Array.from(check)).toEqual(Array.from(avg));
    expect(() => fromAverage.evaluate(images, labels, { averaged: true })).toThrow(/no averaged weights/);
    model.dispose();
    copy.dispose();
    fromAverage.dispose();
  });

  it('evaluates loss and accuracy in batches like one big batch, and leaks no tensors', async () => {
    const { tf } = await selectBackend(backendName);
    const rng = new Rng(7);
    const n = 53;
    const images = new Float32Array(n * SIMPLE_NN.inputs).map(() => rng.uniformIn(-1, 1));
    const labels = Uint8Array.from({ length: n }, () => rng.int(10));
    const weights = initMlpWeights(new Rng(3));
    const small = new SimpleNN(tf, weights, { evalBatchSize: 10 });
    const whole = new SimpleNN(tf, weights, { evalBatchSize: 1000 });
    const a = small.evaluate(images, labels);
    const b = whole.evaluate(images, labels);
    expect(a.loss).toBeCloseTo(b.loss, 5);
    expect(a.accuracy).toBe(b.accuracy);
    expect(a.loss).toBeGreaterThan(1.5); // untrained: close to ln(10)
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      small.trainStep(images.subarray(0, 8 * 784), labels.subarray(0, 8), 0.01);
      small.evaluate(images, labels);
    }
    expect(tf.memory().numTensors).toBe(before);
    small.dispose();
    whole.dispose();
    expect(tf.memory().numTensors).toBe(before - 4); // two variables per model
  });
});
