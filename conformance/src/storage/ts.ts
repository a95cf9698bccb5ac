// The generated TypeScript storage codec (@felix/generated/storage) as a conformance decoder and
// encoder: values in and out in the storage notation.
import {
  decodeIndexEntry,
  decodeIndexFile,
  decodeIndexHeader,
  decodeRecord,
  decodeSegmentFile,
  decodeSegmentHeader,
  encodeIndexFile,
  encodeRecord,
  encodeSegmentFile,
  encodeSegmentHeader,
  isStorageFormatError,
} from '@felix/generated/storage';
import type { Spec, StorageStruct } from '@felix/spec';
import { fromHex, project, toHex, type Value } from '../notation.js';
import type { StorageOutcome, StorageVector } from './vectors.js';

function decode(kind: string, bytes: Uint8Array, companion: StorageVector['companion']): unknown {
  switch (kind) {
    case 'segment_header':
      return decodeSegmentHeader(bytes);
    case 'record':
      return decodeRecord(bytes);
    case 'index_header':
      return decodeIndexHeader(bytes);
    case 'index_entry':
      return decodeIndexEntry(bytes);
    case 'segment':
      return decodeSegmentFile(bytes);
    case 'index': {
      const base = companion?.segment_header?.base_offset;
      return decodeIndexFile(bytes, base === undefined ? {} : { expected_base_offset: BigInt(base as number) });
    }
    default:
      throw new Error(`no storage decoder for ${kind}`);
  }
}

export function decodeStorageWithTs(spec: Spec, vector: StorageVector): StorageOutcome {
  const bytes = fromHex(vector.bytesHex);
  try {
    const value = decode(vector.kind, bytes, vector.companion);
    const struct = spec.storage.structs[vector.kind];
    const structSize = struct && struct.size + ((value as { payload?: Uint8Array }).payload?.length ?? 0);
    if (structSize !== undefined && structSize !== bytes.length)
      return { error: { code: `internal:${bytes.length - structSize} bytes after the ${vector.kind}` } };
    return { value: project(value) as Value };
  } catch (err) {
    if (isStorageFormatError(err)) return { error: { code: err.code, field: err.field, position: err.position } };
    return { error: { code: `internal:${(err as Error).message}` } };
  }
}

/** A struct's value in notation → what its encoder takes (u64 as bigint, bytes from hex). */
function init(s: StorageStruct, v: Value): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of s.fields) {
    const x = v[f.name];
    if (x === undefined) continue;
    out[f.name] = f.type === 'u64' ? BigInt(x as number | string) : f.type === 'bytes' ? fromHex(String(x)) : x;
  }
  return out;
}

/** The bytes the generated encoders write for a vector's value. */
export function encodeStorageWithTs(spec: Spec, kind: string, value: Value): string {
  const S = spec.storage.structs;
  const list = (name: string) => (value[name] ?? []) as Value[];
  switch (kind) {
    case 'segment_header':
      return toHex(encodeSegmentHeader(init(S.segment_header, value) as never));
    case 'record':
      return toHex(encodeRecord(init(S.record, value) as never));
    case 'index_header':
      return toHex(encodeIndexFile(init(S.index_header, value) as never, []));
    case 'index_entry':
      return toHex(
        encodeIndexFile({ base_offset: 0n }, [init(S.index_entry, value) as never]).subarray(S.index_header.size),
      );
    case 'segment':
      return toHex(
        encodeSegmentFile(
          init(S.segment_header, value.header as Value) as never,
          list('records').map((r) => init(S.record, r) as never),
        ),
      );
    case 'index':
      return toHex(
        encodeIndexFile(
          init(S.index_header, value.header as Value) as never,
          list('entries').map((e) => init(S.index_entry, e) as never),
        ),
      );
    default:
      throw new Error(`no storage encoder for ${kind}`);
  }
}
