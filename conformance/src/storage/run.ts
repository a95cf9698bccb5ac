// Checks the storage vectors against every storage decoder and the generated encoders. A
// negative vector passes when the decoder reports its code, and its field and position where
// the decoder reports them (the Kaitai decoders cannot tell positions); an upstream vector
// when the decoder agrees on every field upstream named.
import { isDeepStrictEqual } from 'node:util';
import type { Spec } from '@felix/spec';
import { type CellResult, ENCODE_COLUMN } from '../run.js';
import { decodeStorageWithKaitaiJs, decodeStorageWithKaitaiPython } from './kaitai.js';
import { decodeStorageWithTs, encodeStorageWithTs } from './ts.js';
import type { StorageOutcome, StorageVector } from './vectors.js';

export interface StorageDecoder {
  name: string;
  decodeAll(vectors: StorageVector[]): Promise<Map<string, StorageOutcome>>;
}

export interface StorageResult {
  vector: StorageVector;
  cells: Map<string, CellResult>;
}

/** Tag of a valid input the encoders do not write (a non-zero reserved field, a torn entry). */
const NONCANONICAL_TAG = 'noncanonical';

export function storageDecoders(spec: Spec): StorageDecoder[] {
  const each = (name: string, decode: (v: StorageVector) => StorageOutcome): StorageDecoder => ({
    name,
    decodeAll: async (vectors) => new Map(vectors.map((v) => [v.name, decode(v)])),
  });
  return [
    each('ts', (v) => decodeStorageWithTs(spec, v)),
    each('kaitai-js', (v) => decodeStorageWithKaitaiJs(spec, v)),
    { name: 'kaitai-py', decodeAll: decodeStorageWithKaitaiPython },
  ];
}

const short = (v: unknown) => JSON.stringify(v).slice(0, 200);

function judge(vector: StorageVector, outcome: StorageOutcome | undefined): CellResult {
  if (!outcome) return { ok: false, detail: 'no answer' };
  if ('error' in vector.expect) {
    const want = vector.expect.error;
    if (!('error' in outcome)) return { ok: false, detail: `expected error ${short(want)}, got ${short(outcome)}` };
    const got = outcome.error;
    const same =
      got.code === want.code &&
      (got.field === undefined || got.field === want.field) &&
      (got.position === undefined || got.position === want.position);
    return same ? { ok: true } : { ok: false, detail: `expected error ${short(want)}, got ${short(got)}` };
  }
  if (!('value' in outcome)) return { ok: false, detail: `expected a value, got ${short(outcome)}` };
  const want = vector.expect.value;
  const got = vector.expect.partial
    ? Object.fromEntries(Object.keys(want).map((k) => [k, outcome.value[k]]))
    : outcome.value;
  return isDeepStrictEqual(got, want)
    ? { ok: true }
    : { ok: false, detail: `expected ${short(want)}, got ${short(outcome.value)}` };
}

function reencode(spec: Spec, vector: StorageVector): CellResult | undefined {
  if (!('value' in vector.expect) || vector.tags.includes(NONCANONICAL_TAG)) return undefined;
  try {
    const bytes = encodeStorageWithTs(spec, vector.kind, vector.expect.value);
    return bytes === vector.bytesHex ? { ok: true } : { ok: false, detail: `encoder wrote ${bytes.slice(0, 120)}…` };
  } catch (err) {
    return { ok: false, detail: `encoder threw ${(err as Error).message}` };
  }
}

export async function runStorageConformance(
  spec: Spec,
  vectors: StorageVector[],
  decoders: StorageDecoder[],
  encode: boolean,
): Promise<StorageResult[]> {
  const answers = new Map<string, Map<string, StorageOutcome>>();
  for (const d of decoders) answers.set(d.name, await d.decodeAll(vectors));
  return vectors.map((vector) => {
    const cells = new Map<string, CellResult>();
    for (const d of decoders) cells.set(d.name, judge(vector, answers.get(d.name)!.get(vector.name)));
    const enc = encode ? reencode(spec, vector) : undefined;
    if (enc) cells.set(ENCODE_COLUMN, enc);
    return { vector, cells };
  });
}
