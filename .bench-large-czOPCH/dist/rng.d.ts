/**
 * A small seeded pseudo-random generator (xoshiro128**, seeded through splitmix32), so that
 * initial weights, data order and validation split are the same on every machine for the
 * same seed. Not cryptographic.
 */
export declare class Rng {
    private s0;
    private s1;
    private s2;
    private s3;
    constructor(seed: number);
    /** A uniform 32-bit unsigned integer. */
    nextUint32(): number;
    /** Uniform in [0, 1) with 32 bits of resolution. */
    uniform(): number;
    /** Uniform in [low, high). */
    uniformIn(low: number, high: number): number;
    /** Standard normal (Box-Muller). */
    normal(): number;
    /** Uniform integer in [0, n). */
    int(n: number): number;
    /** A permutation of 0..n-1 (Fisher-Yates). */
    permutation(n: number): Uint32Array;
    /** The generator's state, to resume it exactly. */
    state(): [number, number, number, number];
    setState(state: readonly [number, number, number, number]): void;
}
