/** CRC-16/DNP (polynomial 0x3D65, reflected, initial 0, final complement), as DNP3 link frames carry it. */

const TABLE = new Uint16Array(256);
for (let i = 0; i < 256; i++) {
  let c = i;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xa6bc : c >>> 1;
  TABLE[i] = c;
}

/** CRC of b[o, o+len). */
export function crcDnp(b: Uint8Array, o: number, len: number): number {
  let crc = 0;
  const end = o + len;
  for (let i = o; i < end; i++) crc = (crc >>> 8) ^ TABLE[(crc ^ b[i]) & 0xff];
  return ~crc & 0xffff;
}
