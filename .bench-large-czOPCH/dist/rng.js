/**
 * A small seeded pseudo-random generator (xoshiro128**, seeded through splitmix32), so that
 * initial weights, data order and validation split are the same on every machine for the
 * same seed. Not cryptographic.
 */
export class Rng {
    s0;
    s1;
    s2;
    s3;
    constructor(seed) {
        let x = (seed >>> 0) ^ 0x9e3779b9;
        const next = () => {
            x = (x + 0x9e3779b9) | 0;
            let z = x;
            z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
            z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
            return (z ^ (z >>> 16)) >>> 0;
        };
        this.s0 = next();
        this.s1 = next();
        this.s2 = next();
        this.s3 = next();
    }
    /** A uniform 32-bit unsigned integer. */
    nextUint32() {
        const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
        const t = this.s1 << 9;
        this.s2 ^= this.s0;
        this.s3 ^= this.s1;
        this.s1 ^= this.s2;
        this.s0 ^= this.s3;
        this.s2 ^= t;
        this.s3 = rotl(this.s3, 11);
        return result;
    }
    /** Uniform in [0, 1) with 32 bits of resolution. */
    uniform() {
        return this.nextUint32() / 4294967296;
    }
    /** Uniform in [low, high). */
    uniformIn(low, high) {
        return low + (high - low) * this.uniform();
    }
    /** Standard normal (Box-Muller). */
    normal() {
        let u = 0;
        while (u === 0)
            u = this.uniform();
        const v = this.uniform();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
    /** Uniform integer in [0, n). */
    int(n) {
        return Math.floor(this.uniform() * n);
    }
    /** A permutation of 0..n-1 (Fisher-Yates). */
    permutation(n) {
        const p = new Uint32Array(n);
        for (let i = 0; i < n; i++)
            p[i] = i;
        for (let i = n - 1; i > 0; i--) {
            const j = this.int(i + 1);
            const t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
    /** The generator's state, to resume it exactly. */
    state() {
        return [this.s0, this.s1, this.s2, this.s3];
    }
    setState(state) {
        [this.s0, this.s1, this.s2, this.s3] = state;
    }
}
function rotl(x, k) {
    return (x << k) | (x >>> (32 - k));
}
//# sourceMappingURL=rng.js.map