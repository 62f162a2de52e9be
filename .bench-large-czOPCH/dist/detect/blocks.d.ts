/**
 * Block aggregation with a bounded history: points are summed into blocks of `blockSize`
 * consecutive points; when `capacity` blocks are full, neighbours are merged pairwise and the
 * block size doubles. Memory is O(capacity) and an update is O(1) amortised (a merge of
 * `capacity` blocks happens once per `capacity/2` new blocks). Block means of batch losses are
 * nearly independent and nearly normal, which keeps the detector's intervals honest.
 */
export interface BlockState {
    capacity: number;
    blockSize: number;
    count: number;
    xFirst: number[];
    xSum: number[];
    ySum: number[];
    n: number[];
    d2Sum: number[];
    d2n: number[];
    current: {
        xFirst: number;
        xSum: number;
        ySum: number;
        n: number;
        d2Sum: number;
        d2n: number;
    };
    lastY: number | null;
}
export declare class BlockSeries {
    readonly capacity: number;
    blockSize: number;
    /** Completed blocks. */
    count: number;
    readonly xFirst: Float64Array;
    readonly xSum: Float64Array;
    readonly ySum: Float64Array;
    readonly n: Float64Array;
    /** Sum of squared first differences of the points in the block (for the noise level). */
    readonly d2Sum: Float64Array;
    readonly d2n: Float64Array;
    private curXFirst;
    private curXSum;
    private curYSum;
    private curN;
    private curD2Sum;
    private curD2n;
    private lastY;
    constructor(capacity?: number);
    /** Adds one finite point; returns true when it completed a block. */
    push(x: number, y: number): boolean;
    /** Points in the incomplete current block. */
    get pending(): number;
    /** Merges neighbouring blocks pairwise and doubles the block size. */
    private halve;
    /**
     * Block means as arrays (`includePending` adds the incomplete block when it holds at least half
     * a block): x = mean x of the block, m = mean y, noise = RMS first difference / sqrt 2.
     */
    snapshot(includePending?: boolean): {
        x: Float64Array;
        xFirst: Float64Array;
        m: Float64Array;
        noise: Float64Array;
        points: Float64Array;
        count: number;
    };
    stateDict(): BlockState;
    static fromState(state: BlockState): BlockSeries;
}
