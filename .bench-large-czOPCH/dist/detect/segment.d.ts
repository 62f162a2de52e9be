import type { PlateauSpan, Segment, SegmentKind } from './types.js';
export interface SegmentInput {
    x: ArrayLike<number>;
    xFirst: ArrayLike<number>;
    m: ArrayLike<number>;
    count: number;
    xStart: number;
    xEnd: number;
}
export interface SegmentOptions {
    /** Flat when |rate| per 10% of the run is below this. Default 0.02. */
    plateauRate?: number;
    /** A segment falling faster than this per 10% of the run is a 'drop'. Default 0.2. */
    dropRate?: number;
    /** A segment rising faster than this per 10% of the run is a 'rise'. Default 0.05. */
    riseRate?: number;
    /** PELT penalty in units of σ²·ln(n), σ = robust noise of the block means. Default 4. */
    penalty?: number;
}
/**
 * Splits block means into segments (PELT over a piecewise-linear cost) and names each by its
 * rate per 10% of the elapsed x relative to its mean level: drop (fast fall), descent, plateau
 * (flat after a fall), flat (flat from the start), rise. Adjacent segments of one kind merge.
 */
export declare function segmentBlocks(input: SegmentInput, options?: SegmentOptions): Segment[];
/** Builds a Segment over blocks [from, to) with the fitted levels at its ends. */
export declare function toSegment(input: SegmentInput, from: number, to: number, kind: SegmentKind): Segment;
/** Mean block level over [start, end) in x. */
export declare function meanLevel(input: SegmentInput, start: number, end: number): number;
/** Plateau spans: every 'plateau' segment (a stretch that is flat after a fall). */
export declare function plateauSpans(input: SegmentInput, segments: Segment[]): PlateauSpan[];
