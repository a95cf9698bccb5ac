// Loads our vectors and upstream's into one shape. Upstream vectors describe their fields in
// their own format; they are turned into the value notation using the spec's field types.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JsonField, Spec } from '@felix/spec';
import type { Value } from './notation.js';

export interface Vector {
  name: string;
  source: 'felix' | 'upstream';
  description: string;
  tags: string[];
  frameHex: string;
  expect: { value: Value } | { error: string };
}

const here = fileURLToPath(new URL('..', import.meta.url));
export const OUR_VECTORS_DIR = join(here, 'vectors');
export const UPSTREAM_VECTORS_DIR = join(here, 'upstream-vectors');
/** Frames the fuzzers found (npm run fuzz), kept as vectors once the bug is fixed. */
export const REGRESSIONS_DIR = join(here, 'regressions');

function readJsonFiles(dir: string): Record<string, any>[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
}

/**
 * `v` with every long-hex object (README, "Long hex") written out: `{"$hex": [piece, …]}`, each
 * piece hex text or `{"repeat": hex, "times": n}`, is the pieces' hex one after another.
 */
export function expandLongHex(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(expandLongHex);
  if (v === null || typeof v !== 'object') return v;
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0] === '$hex') {
    const pieces = (v as { $hex: unknown }).$hex;
    if (!Array.isArray(pieces)) throw new Error('long hex: $hex is not an array');
    return pieces
      .map((p) => {
        if (typeof p === 'string') return p;
        if (typeof p?.repeat === 'string' && Number.isSafeInteger(p.times) && p.times >= 0)
          return p.repeat.repeat(p.times);
        throw new Error(`long hex: ${JSON.stringify(p).slice(0, 80)} is neither hex nor a repeat`);
      })
      .join('');
  }
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expandLongHex(x)]));
}

export function loadOurVectors(dir = OUR_VECTORS_DIR): Vector[] {
  return readJsonFiles(dir).map((v) => ({
    name: v.name,
    source: 'felix',
    description: v.description,
    tags: v.tags ?? [],
    frameHex: expandLongHex(v.frame_hex) as string,
    expect: expandLongHex(v.expect) as Vector['expect'],
  }));
}

const b64ToHex = (s: string) => Buffer.from(s, 'base64').toString('hex');

function upstreamJsonField(f: JsonField, v: unknown): unknown {
  if (v === null) return null;
  if (f.type === 'bytes') return b64ToHex(String(v));
  if (f.type === 'list' && f.items === 'bytes') return (v as string[]).map(b64ToHex);
  return v;
}

function upstreamValue(spec: Spec, v: Record<string, any>): Value {
  switch (v.kind) {
    case undefined: {
      const parsed = JSON.parse(v.payload_json);
      const message = spec.messages.find((m) => m.name === parsed.type);
      if (!message) throw new Error(`upstream vector ${v.name}: unknown type ${parsed.type}`);
      const out: Value = { type: message.name };
      for (const f of message.fields) {
        if (f.name in parsed) out[f.name] = upstreamJsonField(f, parsed[f.name]);
        else if (f.presence === 'nullable') out[f.name] = null;
      }
      return out;
    }
    case 'binary_acked_publish_batch':
      return {
        type: 'binary_publish_batch',
        request_id: v.request_id,
        ack_mode: v.ack_mode,
        tenant_id: v.tenant_id,
        namespace: v.namespace,
        stream: v.stream,
        payloads: (v.payloads_utf8 as string[]).map((p) => Buffer.from(p, 'utf8').toString('hex')),
      };
    case 'binary_publish_ack':
      // Upstream writes an ok ack's empty message as null; on the wire it is a zero-length string.
      return { type: 'binary_publish_ack', status: v.status, request_id: v.request_id, message: v.message ?? '' };
    default:
      throw new Error(`upstream vector ${v.name}: unknown kind ${v.kind}`);
  }
}

export function loadUpstreamVectors(spec: Spec, dir = UPSTREAM_VECTORS_DIR): Vector[] {
  return readJsonFiles(dir).map((v) => ({
    name: `upstream/${v.name}`,
    source: 'upstream',
    description: v.note ?? `upstream vector ${v.name}`,
    tags: ['source:upstream'],
    frameHex: v.frame_hex,
    expect: { value: upstreamValue(spec, v) },
  }));
}
