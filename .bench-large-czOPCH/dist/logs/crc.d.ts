/** A 256-entry table for a reflected CRC-32 with the given polynomial (0xedb88320 IEEE, 0x82f63b78 Castagnoli). */
export declare function crcTable(polynomial: number): Uint32Array;
/** Continues a CRC (start with 0xffffffff, finish with `^ 0xffffffff`) over `bytes`. */
export declare function crcUpdate(table: Uint32Array, crc: number, bytes: Uint8Array): number;
