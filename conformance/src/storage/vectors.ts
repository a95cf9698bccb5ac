// Storage vectors, ours (storage-vectors/, generated from the spec) and upstream's golden ones
// (upstream-vectors/storage/), in one shape. Upstream's name the fields it encoded, not every
// field, so their expected value is partial: a decoder must agree on the fields given.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Value } from '../notation.js';

export interface StorageError {
  code: string;
  field?: string;
  position?: number;
}

export interface StorageVector {
  name: string;
  source: 'felix' | 'upstream';
  description: string;
  tags: string[];
  /** A file kind (segment, index) or a struct name (segment_header, record, …). */
  kind: string;
  bytesHex: string;
  /** Fields of the companion file's header a `matches` rule compares with. */
  companion?: Record<string, Value>;
  expect: { value: Value; partial?: boolean } | { error: StorageError };
}

export type StorageOutcome = { value: Value } | { error: StorageError };

const here = fileURLToPath(new URL('../..', import.meta.url));
export const STORAGE_VECTORS_DIR = join(here, 'storage-vectors');
export const UPSTREAM_STORAGE_VECTORS_DIR = join(here, 'upstream-vectors', 'storage');

function readJsonFiles(dir: string): Record<string, any>[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
}

export function loadStorageVectors(dir = STORAGE_VECTORS_DIR): StorageVector[] {
  return readJsonFiles(dir).map((v) => ({
    name: v.name,
    source: 'felix',
    description: v.description,
    tags: v.tags ?? [],
    kind: v.kind,
    bytesHex: v.bytes_hex,
    ...(v.companion ? { companion: v.companion } : {}),
    expect: v.expect,
  }));
}

/** An ASCII magic ("FLSG") as the u32 it is on disk. */
const asciiNumber = (s: string) => Buffer.from(s, 'latin1').readUInt32BE(0);

function upstreamFields(v: Record<string, any>): Value {
  const out: Value = {};
  for (const [k, x] of Object.entries(v.fields as Record<string, unknown>)) {
    if (k === 'payload_utf8') out.payload = Buffer.from(String(x), 'utf8').toString('hex');
    else if (k === 'magic' && typeof x === 'string') out.magic = asciiNumber(x);
    else out[k] = x;
  }
  return out;
}

export function loadUpstreamStorageVectors(dir = UPSTREAM_STORAGE_VECTORS_DIR): StorageVector[] {
  return readJsonFiles(dir).map((v) => ({
    name: `upstream/${v.name}`,
    source: 'upstream',
    description: `upstream's golden ${v.kind}`,
    tags: ['source:upstream', `kind:${v.kind}`],
    kind: v.kind,
    bytesHex: v.hex,
    expect: { value: upstreamFields(v), partial: true },
  }));
}
