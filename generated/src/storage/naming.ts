// generated — do not edit; edit spec/ and run `npm run generate`
// File and directory names of a data directory, from spec/storage.yaml (naming).

const DIGITS = 20;
const COMPONENT_CHARS = 32;
const FILE_NAME = /^([0-9]{20})\.(log|index)$/;

function segmentNumber(id: bigint): string {
  if (id < 0n || id > 0xffffffffffffffffn) throw new RangeError(`segment number ${id} is not a u64`);
  return id.toString().padStart(DIGITS, '0');
}

/** Name of segment `id`'s data file: 20 digits and ".log". */
export function segmentFileName(id: bigint): string {
  return `${segmentNumber(id)}.log`;
}

/** Name of segment `id`'s index file: 20 digits and ".index". */
export function indexFileName(id: bigint): string {
  return `${segmentNumber(id)}.index`;
}

/** The segment number and kind a file name gives, or undefined for any other file. */
export function parseStorageFileName(name: string): { id: bigint; kind: 'segment' | 'index' } | undefined {
  const m = FILE_NAME.exec(name);
  if (!m) return undefined;
  const id = BigInt(m[1]);
  if (id > 0xffffffffffffffffn) return undefined;
  return { id, kind: m[2] === "log" ? 'segment' : 'index' };
}

/** A stream shard: the key its directory is named after. */
export interface ShardKey {
  tenant: string;
  namespace: string;
  stream: string;
  shard: number;
}

function readable(component: string): string {
  let out = '';
  let chars = 0;
  for (const ch of component) {
    if (chars++ === COMPONENT_CHARS) break;
    out += /^[A-Za-z0-9-]$/.test(ch) ? ch : '_';
  }
  return out || '_';
}

function fnv1a64(bytes: Uint8Array): bigint {
  let hash = 0xcbf29ce484222325n;
  for (const b of bytes) hash = ((hash ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return hash;
}

/** Each stream shard (tenant, namespace, stream, shard number) has one directory, named `<tenant>_<namespace>_<stream>_<shard>-<hash>`. Each name component is rendered readably: every character outside A-Z, a-z, 0-9 and "-" becomes "_", only its first 32 characters are kept, and an empty component becomes "_". With no dots and no slashes, a component like ".." cannot be represented at all. The rendering is lossy, so `<hash>`, 16 lowercase hex digits, makes the name unique: the 64-bit FNV-1a hash (offset basis 0xcbf29ce484222325, prime 0x100000001b3) of the exact key, each of tenant, namespace and stream as its UTF-8 byte length (u64, big-endian) then its bytes, followed by the shard number (u32, big-endian). */
export function shardDirectoryName(key: ShardKey): string {
  if (!Number.isInteger(key.shard) || key.shard < 0 || key.shard > 0xffffffff)
    throw new RangeError(`shard ${key.shard} is not a u32`);
  const encoder = new TextEncoder();
  const parts = [key.tenant, key.namespace, key.stream].map((s) => encoder.encode(s));
  const material = new Uint8Array(parts.reduce((n, p) => n + 8 + p.length, 4));
  const view = new DataView(material.buffer);
  let at = 0;
  for (const p of parts) {
    view.setBigUint64(at, BigInt(p.length));
    material.set(p, at + 8);
    at += 8 + p.length;
  }
  view.setUint32(at, key.shard);
  const readableName = [key.tenant, key.namespace, key.stream].map(readable).join('_');
  return `${readableName}_${key.shard}-${fnv1a64(material).toString(16).padStart(16, '0')}`;
}
