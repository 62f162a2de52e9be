import { Rng } from '../rng.js';
/**
 * Seeded synthetic training-loss curves with their true category and change points. Batch
 * noise is multiplicative log-normal, y = L(t)·exp(σε - σ²/2), so its mean is L(t) and its
 * spread is σ of the level, like batch losses.
 *
 * - drop-then-flat: L = floor + (L0 - floor)·e^{-t/τ}; the flat stretch starts where the excess
 *   over the floor falls to 1% of the floor, at 10%..60% of the run. Tolerance: from where the
 *   excess is 30% of the floor (minus 5% of the run) to 5% of the run after the true start.
 * - steady-descent: L = L0·(1 + t/t0)^-α with α in [0.3, 1.2] (no plateau).
 * - flat: constant at a random level (a third at ln 10) from the first step.
 * - diverging: a drop, then from 35%..75% of the run a growth to 1.5x..6x the low by the end
 *   (a quarter of them end in NaN).
 * - slow-descent: a power law with α in [0.05, 0.3], i.e. falling 0.5-3% per 10% of the run at
 *   the end: the boundary region of the plateau threshold (2% per 10%), for reporting, not a target.
 * - seed-like: the reference seed pipeline (2.30 -> ~0.7 in 400 steps, then -6.5%/epoch of 938
 *   steps), 10 epochs, noise 20-30%.
 *
 * @example generateCurve('flat', 7).expected; // => 'stuck'
 */
export function generateCurve(category, seed, options = {}) {
    const rng = new Rng(seed * 7919 + categoryIndex(category));
    const [tMin, tMax] = options.steps ?? [500, 20000];
    const [nMin, nMax] = options.noise ?? [0.02, 0.3];
    // Log-uniform length and noise so short and quiet curves are as common as long and noisy ones.
    let T = Math.round(Math.exp(rng.uniformIn(Math.log(tMin), Math.log(tMax))));
    let sigma = Math.exp(rng.uniformIn(Math.log(nMin), Math.log(nMax)));
    const L0 = Math.exp(rng.uniformIn(Math.log(0.5), Math.log(5)));
    const params = { T, sigma, L0 };
    const shape = shapeOf(category, rng, T, L0, params);
    T = shape.T ?? T;
    sigma = shape.sigma ?? sigma;
    const { f, expected, changeAt, tolerance, nanFrom } = shape;
    const steps = new Array(T);
    const losses = new Array(T);
    const clean = new Array(T);
    for (let i = 0; i < T; i++) {
        const t = i + 1;
        const level = f(t);
        steps[i] = t;
        clean[i] = level;
        losses[i] = t >= nanFrom ? Number.NaN : level * Math.exp(sigma * rng.normal() - (sigma * sigma) / 2);
    }
    if (Number.isFinite(nanFrom))
        params.nanFrom = nanFrom;
    return { category, expected, seed, steps, losses, noise: sigma, changeAt, tolerance, clean, params };
}
/** Draws a category's parameters from `rng` (recording them in `params`) and returns its shape. */
function shapeOf(category, rng, T, L0, params) {
    let f;
    let changeAt = null;
    let tolerance = null;
    let expected;
    let nanFrom = Infinity;
    let sigma;
    switch (category) {
        case 'drop-then-flat': {
            const floorFrac = rng.uniformIn(0.05, 0.5);
            const floor = L0 * floorFrac;
            const flatFrac = rng.uniformIn(0.1, 0.6);
            const tFlat = flatFrac * T;
            const tau = tFlat / Math.log((L0 - floor) / (0.01 * floor));
            f = (t) => floor + (L0 - floor) * Math.exp(-t / tau);
            changeAt = tFlat;
            const t30 = tau * Math.log((L0 - floor) / (0.3 * floor));
            tolerance = [Math.max(0, t30 - 0.05 * T), tFlat + 0.05 * T];
            expected = 'plateau';
            Object.assign(params, { floor, tau, flatFrac });
            break;
        }
        case 'steady-descent': {
            const alpha = rng.uniformIn(0.3, 1.2);
            const t0 = T * Math.exp(rng.uniformIn(Math.log(0.003), Math.log(0.1)));
            f = (t) => L0 * Math.pow(1 + t / t0, -alpha);
            expected = 'descending';
            Object.assign(params, { alpha, t0 });
            break;
        }
        case 'slow-descent': {
            const alpha = rng.uniformIn(0.05, 0.3);
            const t0 = T * Math.exp(rng.uniformIn(Math.log(0.003), Math.log(0.1)));
            f = (t) => L0 * Math.pow(1 + t / t0, -alpha);
            expected = alpha >= 0.2 ? 'descending' : 'plateau';
            Object.assign(params, { alpha, t0 });
            break;
        }
        case 'flat': {
            const level = rng.uniform() < 1 / 3 ? Math.log(10) : L0;
            f = () => level;
            expected = 'stuck';
            params.level = level;
            break;
        }
        case 'diverging': {
            const floor = L0 * rng.uniformIn(0.1, 0.5);
            const tau = T * rng.uniformIn(0.02, 0.1);
            const tRise = T * rng.uniformIn(0.35, 0.75);
            const growth = rng.uniformIn(1.5, 6);
            const rate = Math.log(growth) / (T - tRise);
            const base = (t) => floor + (L0 - floor) * Math.exp(-t / tau);
            f = (t) => (t <= tRise ? base(t) : base(t) * Math.exp(rate * (t - tRise)));
            changeAt = tRise;
            tolerance = [tRise - 0.15 * T, tRise + 0.15 * T];
            if (rng.uniform() < 0.25)
                nanFrom = Math.round(T * rng.uniformIn(0.9, 0.99));
            expected = 'diverging';
            Object.assign(params, { floor, tau, tRise, growth });
            break;
        }
        case 'seed-like': {
            T = 9380;
            sigma = rng.uniformIn(0.2, 0.3);
            f = (t) => 1.25 * Math.exp(-t / 120) + 1.05 * Math.pow(1 + t / 400, -0.55);
            expected = 'descending';
            Object.assign(params, { T, sigma, stepsPerEpoch: 938 });
            break;
        }
    }
    return { f, expected, changeAt, tolerance, nanFrom, ...(category === 'seed-like' ? { T, sigma } : {}) };
}
function categoryIndex(category) {
    return ['drop-then-flat', 'steady-descent', 'flat', 'diverging', 'seed-like', 'slow-descent'].indexOf(category) + 1;
}
/** `count` curves of each category, seeds `firstSeed`.. (use another firstSeed for a held-out set). */
export function generateSet(count, firstSeed, categories = ['drop-then-flat', 'steady-descent', 'flat', 'diverging', 'seed-like'], options = {}) {
    const out = [];
    for (const category of categories)
        for (let k = 0; k < count; k++)
            out.push(generateCurve(category, firstSeed + k, options));
    return out;
}
//# sourceMappingURL=synthetic.js.map