/**
 * Block aggregation with a bounded history: points are summed into blocks of `blockSize`
 * consecutive points; when `capacity` blocks are full, neighbours are merged pairwise and the
 * block size doubles. Memory is O(capacity) and an update is O(1) amortised (a merge of
 * `capacity` blocks happens once per `capacity/2` new blocks). Block means of batch losses are
 * nearly independent and nearly normal, which keeps the detector's intervals honest.
 */
export class BlockSeries {
    capacity;
    blockSize = 1;
    /** Completed blocks. */
    count = 0;
    xFirst;
    xSum;
    ySum;
    n;
    /** Sum of squared first differences of the points in the block (for the noise level). */
    d2Sum;
    d2n;
    curXFirst = 0;
    curXSum = 0;
    curYSum = 0;
    curN = 0;
    curD2Sum = 0;
    curD2n = 0;
    lastY = null;
    constructor(capacity = 128) {
        if (!Number.isInteger(capacity) || capacity < 8 || capacity % 2 !== 0) {
            throw new RangeError(`BlockSeries: capacity must be an even integer >= 8, got ${capacity}`);
        }
        this.capacity = capacity;
        this.xFirst = new Float64Array(capacity);
        this.xSum = new Float64Array(capacity);
        this.ySum = new Float64Array(capacity);
        this.n = new Float64Array(capacity);
        this.d2Sum = new Float64Array(capacity);
        this.d2n = new Float64Array(capacity);
    }
    /** Adds one finite point; returns true when it completed a block. */
    push(x, y) {
        if (this.curN === 0)
            this.curXFirst = x;
        this.curXSum += x;
        this.curYSum += y;
        this.curN++;
        if (this.lastY !== null) {
            const d = y - this.lastY;
            this.curD2Sum += d * d;
            this.curD2n++;
        }
        this.lastY = y;
        if (this.curN < this.blockSize)
            return false;
        if (this.count === this.capacity)
            this.halve();
        const i = this.count++;
        this.xFirst[i] = this.curXFirst;
        this.xSum[i] = this.curXSum;
        this.ySum[i] = this.curYSum;
        this.n[i] = this.curN;
        this.d2Sum[i] = this.curD2Sum;
        this.d2n[i] = this.curD2n;
        this.curXSum = this.curYSum = this.curN = this.curD2Sum = this.curD2n = 0;
        return true;
    }
    /** Points in the incomplete current block. */
    get pending() {
        return this.curN;
    }
    /** Merges neighbouring blocks pairwise and doubles the block size. */
    halve() {
        const half = this.count >> 1;
        for (let j = 0; j < half; j++) {
            const a = 2 * j;
            const b = a + 1;
            this.xFirst[j] = this.xFirst[a];
            this.xSum[j] = this.xSum[a] + this.xSum[b];
            this.ySum[j] = this.ySum[a] + this.ySum[b];
            this.n[j] = this.n[a] + this.n[b];
            this.d2Sum[j] = this.d2Sum[a] + this.d2Sum[b];
            this.d2n[j] = this.d2n[a] + this.d2n[b];
        }
        this.count = half;
        this.blockSize *= 2;
    }
    /**
     * Block means as arrays (`includePending` adds the incomplete block when it holds at least half
     * a block): x = mean x of the block, m = mean y, noise = RMS first difference / sqrt 2.
     */
    snapshot(includePending = false) {
        const extra = includePending && this.curN > 0 && this.curN * 2 >= this.blockSize ? 1 : 0;
        const count = this.count + extra;
        const x = new Float64Array(count);
        const xFirst = new Float64Array(count);
        const m = new Float64Array(count);
        const noise = new Float64Array(count);
        const points = new Float64Array(count);
        for (let i = 0; i < this.count; i++) {
            x[i] = this.xSum[i] / this.n[i];
            xFirst[i] = this.xFirst[i];
            m[i] = this.ySum[i] / this.n[i];
            noise[i] = this.d2n[i] > 0 ? Math.sqrt(this.d2Sum[i] / this.d2n[i] / 2) : Number.NaN;
            points[i] = this.n[i];
        }
        if (extra) {
            const i = this.count;
            x[i] = this.curXSum / this.curN;
            xFirst[i] = this.curXFirst;
            m[i] = this.curYSum / this.curN;
            noise[i] = this.curD2n > 0 ? Math.sqrt(this.curD2Sum / this.curD2n / 2) : Number.NaN;
            points[i] = this.curN;
        }
        return { x, xFirst, m, noise, points, count };
    }
    stateDict() {
        const c = this.count;
        return {
            capacity: this.capacity,
            blockSize: this.blockSize,
            count: c,
            xFirst: Array.from(this.xFirst.subarray(0, c)),
            xSum: Array.from(this.xSum.subarray(0, c)),
            ySum: Array.from(this.ySum.subarray(0, c)),
            n: Array.from(this.n.subarray(0, c)),
            d2Sum: Array.from(this.d2Sum.subarray(0, c)),
            d2n: Array.from(this.d2n.subarray(0, c)),
            current: { xFirst: this.curXFirst, xSum: this.curXSum, ySum: this.curYSum, n: this.curN, d2Sum: this.curD2Sum, d2n: this.curD2n },
            lastY: this.lastY,
        };
    }
    static fromState(state) {
        const series = new BlockSeries(state.capacity);
        series.blockSize = state.blockSize;
        series.count = state.count;
        series.xFirst.set(state.xFirst);
        series.xSum.set(state.xSum);
        series.ySum.set(state.ySum);
        series.n.set(state.n);
        series.d2Sum.set(state.d2Sum);
        series.d2n.set(state.d2n);
        series.curXFirst = state.current.xFirst;
        series.curXSum = state.current.xSum;
        series.curYSum = state.current.ySum;
        series.curN = state.current.n;
        series.curD2Sum = state.current.d2Sum;
        series.curD2n = state.current.d2n;
        series.lastY = state.lastY;
        return series;
    }
}
//# sourceMappingURL=blocks.js.map