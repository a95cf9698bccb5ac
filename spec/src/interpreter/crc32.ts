// CRC-32 computed from the spec's checksum parameters with a plain lookup table. It shares no
// code with the generated codec (which uses node:zlib), so each checks the other.
import type { StorageSpec } from '../model.js';

const tables = new Map<number, Uint32Array>();

function reflect32(n: number): number {
  let out = 0;
  for (let i = 0; i < 32; i++) if (n & (1 << i)) out |= 1 << (31 - i);
  return out >>> 0;
}

function tableOf(polynomial: number): Uint32Array {
  let table = tables.get(polynomial);
  if (table) return table;
  const reversed = reflect32(polynomial);
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? reversed ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  tables.set(polynomial, table);
  return table;
}

/** The CRC of the parts one after another, as the spec's checksum section defines it. */
export function storageCrc32(checksum: StorageSpec['checksum'], parts: readonly Uint8Array[]): number {
  if (!checksum.reflected) throw new Error('the interpreter computes reflected CRCs only');
  const table = tableOf(checksum.polynomial);
  let c = checksum.init >>> 0;
  for (const part of parts) for (const b of part) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ checksum.xor_out) >>> 0;
}
