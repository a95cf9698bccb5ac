// Converts between the generated codec's values and the conformance value notation
// (conformance/README.md), using the spec for the field types.

import { PayloadList, type WireMessage } from '@felix/generated';
import type { BinaryField, JsonField, Spec } from '@felix/spec';

export type Value = Record<string, unknown>;
export type Outcome = { value: Value } | { error: string };

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

export function fromHex(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'hex'));
}

/** Any decoded value into notation: bytes → hex, bigint → number or decimal string, no undefined. */
export function project(v: unknown): unknown {
  if (v instanceof Uint8Array) return toHex(v);
  if (v instanceof PayloadList) return v.map(toHex);
  if (typeof v === 'bigint') return v <= MAX_SAFE ? Number(v) : v.toString();
  if (Array.isArray(v)) return v.map(project);
  if (v !== null && typeof v === 'object') {
    const out: Value = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = project(x);
    return out;
  }
  return v;
}

/** A u64 in notation (a number, or decimal digits above 2^53-1) as the codec holds it. */
const u64FromNotation = (v: unknown) => (typeof v === 'string' ? BigInt(v) : v);

function jsonFieldFromNotation(f: JsonField, v: unknown): unknown {
  if (v === null || v === undefined) return v;
  switch (f.type) {
    case 'bytes':
      return fromHex(String(v));
    case 'u64':
      return u64FromNotation(v);
    case 'list':
      if (f.items === 'u64') return (v as unknown[]).map(u64FromNotation);
      return f.items === 'bytes' ? (v as string[]).map(fromHex) : v;
    case 'object':
      return jsonObjectFromNotation(f.fields!, v as Value);
    case 'oneof':
      return typeof v === 'object' ? jsonFieldFromNotation(f.variants!.find((x) => x.type === 'object')!, v) : v;
    default:
      return v;
  }
}

function jsonObjectFromNotation(fields: JsonField[], v: Value): Value {
  const out: Value = {};
  for (const f of fields) if (f.name in v) out[f.name] = jsonFieldFromNotation(f, v[f.name]);
  return out;
}

function binaryFieldFromNotation(f: BinaryField, v: unknown): unknown {
  if (f.enum) return v;
  switch (f.type) {
    case 'u64':
      return BigInt(v as number | string);
    case 'bytes32':
      return fromHex(String(v));
    case 'list32':
      return f.items === 'bytes32' ? (v as string[]).map(fromHex) : v;
    default:
      return v;
  }
}

/** A value in notation back into the generated codec's message shape. */
export function fromNotation(spec: Spec, value: Value): WireMessage {
  const message = spec.messages.find((m) => m.name === value.type);
  if (message)
    return { type: message.name, ...jsonObjectFromNotation(message.fields, value) } as unknown as WireMessage;
  const layout = spec.layouts.find((l) => l.name === value.type);
  if (!layout) throw new Error(`unknown type ${String(value.type)}`);
  const out: Value = { type: layout.name };
  for (const f of layout.fields) if (f.name in value) out[f.name] = binaryFieldFromNotation(f, value[f.name]);
  return out as unknown as WireMessage;
}
