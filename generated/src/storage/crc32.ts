// generated — do not edit; edit spec/ and run `npm run generate`
// CRC-32 as spec/storage.yaml defines it (polynomial 0x04C11DB7, reflected, init and final XOR
// 0xFFFFFFFF: zlib's), from node:zlib, which has it on every Node this package supports
// (20.15 and later); bench/src/crc32.ts measured it against pure-JavaScript tables, which win
// only on a few bytes (record headers). Only this module knows where the CRC comes from, so
// another implementation drops in here.
import { crc32 as zlibCrc32 } from 'node:zlib';

/** CRC-32 of `data`, continuing from `previous` (the CRC of the bytes before it) when given. */
export function crc32(data: Uint8Array, previous?: number): number {
  return zlibCrc32(data, previous);
}

// A host whose zlib computed another CRC would misread every file; refuse to load instead.
if (crc32(new TextEncoder().encode('123456789')) !== 0xCBF43926) {
  throw new Error('node:zlib crc32 is not CRC-32 (IEEE) on this host');
}

// For short ranges (record headers) a table in JavaScript is faster than a call into zlib, and it
// works on a running state, so a CRC over bytes 0..24 continues the one over bytes 0..20.
const TABLE = new Int32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
  TABLE[n] = c;
}

/** The running state of a CRC over no bytes yet. */
export const CRC32_INITIAL = 0xFFFFFFFF | 0;

/** The running state after bytes[from, to), continuing from `state`. */
export function crc32Update(state: number, bytes: Uint8Array, from: number, to: number): number {
  let s = state;
  for (let i = from; i < to; i++) s = TABLE[(s ^ bytes[i]) & 0xff] ^ (s >>> 8);
  return s;
}

/** The CRC-32 a running state stands for; crc32(data, crc32Final(state)) continues it over data. */
export function crc32Final(state: number): number {
  return (state ^ 0xFFFFFFFF) >>> 0;
}
