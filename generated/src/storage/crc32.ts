// generated — do not edit; edit spec/ and run `npm run generate`
// CRC-32 as spec/storage.yaml defines it (polynomial 0x04C11DB7, reflected, init and final XOR
// 0xFFFFFFFF: zlib's), from node:zlib, which has it on every Node this package supports
// (20.15 and later); bench/src/crc32.ts measured it against pure-JavaScript tables. Only this
// module knows where the CRC comes from, so another implementation drops in here.
import { crc32 as zlibCrc32 } from 'node:zlib';

/** CRC-32 of `data`, continuing from `previous` (the CRC of the bytes before it) when given. */
export function crc32(data: Uint8Array, previous?: number): number {
  return zlibCrc32(data, previous);
}

// A host whose zlib computed another CRC would misread every file; refuse to load instead.
if (crc32(new TextEncoder().encode('123456789')) !== 0xCBF43926) {
  throw new Error('node:zlib crc32 is not CRC-32 (IEEE) on this host');
}
