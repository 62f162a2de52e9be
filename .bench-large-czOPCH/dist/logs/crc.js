/** A 256-entry table for a reflected CRC-32 with the given polynomial (0xedb88320 IEEE, 0x82f63b78 Castagnoli). */
export function crcTable(polynomial) {
    const t = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
        let c = i;
        for (let k = 0; k < 8; k++)
            c = c & 1 ? polynomial ^ (c >>> 1) : c >>> 1;
        t[i] = c >>> 0;
    }
    return t;
}
/** Continues a CRC (start with 0xffffffff, finish with `^ 0xffffffff`) over `bytes`. */
export function crcUpdate(table, crc, bytes) {
    let c = crc;
    for (let i = 0; i < bytes.length; i++)
        c = table[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return c;
}
//# sourceMappingURL=crc.js.map