// What a durable cache writes to its segment log: one record per put or delete, replayed in
// order at start. Laid out big-endian as
//   op u8 (1 put, 2 delete) | expires_at f64 (milliseconds since the Unix epoch, 0 for never) |
//   key_length u32 | key (UTF-8) | value (the rest; empty for a delete)
// The expiry is absolute, so an entry that expired while the broker was down stays dead.

export type CacheOp =
  | { op: 'put'; key: string; value: Uint8Array; expiresAt: number }
  | { op: 'delete'; key: string; value?: undefined; expiresAt?: undefined };

const HEAD_BYTES = 1 + 8 + 4;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodeCacheOp(op: CacheOp): Uint8Array {
  const key = encoder.encode(op.key);
  const value = op.op === 'put' ? op.value : new Uint8Array(0);
  const bytes = new Uint8Array(HEAD_BYTES + key.length + value.length);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, op.op === 'put' ? 1 : 2);
  view.setFloat64(1, op.op === 'put' && Number.isFinite(op.expiresAt) ? op.expiresAt : 0);
  view.setUint32(9, key.length);
  bytes.set(key, HEAD_BYTES);
  bytes.set(value, HEAD_BYTES + key.length);
  return bytes;
}

/** The operation a record holds; throws RangeError on bytes no writer of this format makes. */
export function decodeCacheOp(bytes: Uint8Array): CacheOp {
  if (bytes.length < HEAD_BYTES) throw new RangeError(`a cache record of ${bytes.length} bytes is too short`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kind = view.getUint8(0);
  const expiresAt = view.getFloat64(1);
  const keyLength = view.getUint32(9);
  if (HEAD_BYTES + keyLength > bytes.length) throw new RangeError('a cache record whose key runs past its end');
  const key = decoder.decode(bytes.subarray(HEAD_BYTES, HEAD_BYTES + keyLength));
  if (kind === 2) return { op: 'delete', key };
  if (kind !== 1 || !(expiresAt >= 0)) throw new RangeError(`a cache record with op ${kind}, expiry ${expiresAt}`);
  return {
    op: 'put',
    key,
    value: bytes.subarray(HEAD_BYTES + keyLength),
    expiresAt: expiresAt === 0 ? Number.POSITIVE_INFINITY : expiresAt,
  };
}
