// The interpreter's encoder: turns a value in the conformance notation into frame bytes by
// walking the spec. Codegen uses it to write vectors, so the generated encoder is checked
// against bytes it did not produce itself.
import type { JsonField, LayoutSpec, Spec } from '../model.js';
import { concatBytes, fromHex, toBinaryString } from './bytes.js';
import { InterpreterError } from './errors.js';
import { specFrame } from './header.js';

type Value = Record<string, unknown>;

function jsonScalar(type: string, v: unknown): string {
  switch (type) {
    case 'string':
      return JSON.stringify(v);
    case 'bytes':
      return JSON.stringify(btoa(toBinaryString(fromHex(String(v)))));
    default:
      return String(v);
  }
}

function jsonValue(field: JsonField, v: unknown): string {
  switch (field.type) {
    case 'enum':
      return JSON.stringify(v);
    case 'list':
      return `[${(v as unknown[]).map((item) => jsonScalar(field.items!, item)).join(',')}]`;
    case 'object':
      return jsonObject(field.fields!, v as Value, '');
    case 'oneof':
      return typeof v === 'string'
        ? JSON.stringify(v)
        : jsonObject(field.variants!.find((x) => x.type === 'object')!.fields!, v as Value, '');
    default:
      return jsonScalar(field.type, v);
  }
}

function jsonObject(fields: JsonField[], value: Value, prefix: string): string {
  const parts = prefix ? [prefix] : [];
  for (const f of fields) {
    const v = value[f.name];
    if (v === undefined || v === null) {
      if (f.presence === 'nullable') parts.push(`${JSON.stringify(f.name)}:null`);
      else if (f.presence === 'required') throw new InterpreterError('missing_field', f.name, 'missing');
      continue;
    }
    parts.push(`${JSON.stringify(f.name)}:${jsonValue(f, v)}`);
  }
  return `{${parts.join(',')}}`;
}

function binaryPayload(spec: Spec, layout: LayoutSpec, value: Value): { flags: number; payload: Uint8Array } {
  const chunks: Uint8Array[] = [];
  let flags = layout.flagBit;
  const int = (type: string, v: number | bigint) => {
    const size = { u8: 1, u16: 2, u32: 4, u64: 8 }[type]!;
    const b = new Uint8Array(size);
    const view = new DataView(b.buffer);
    if (type === 'u8') view.setUint8(0, Number(v));
    else if (type === 'u16') view.setUint16(0, Number(v));
    else if (type === 'u32') view.setUint32(0, Number(v));
    else view.setBigUint64(0, BigInt(v));
    chunks.push(b);
  };
  const sized = (lenType: string, bytes: Uint8Array) => {
    int(lenType, bytes.length);
    chunks.push(bytes);
  };
  const item = (type: string, v: unknown) => {
    if (type === 'bytes32') sized('u32', fromHex(String(v)));
    else sized('u16', new TextEncoder().encode(String(v)));
  };
  for (const f of layout.fields) {
    const v = value[f.name];
    if (f.when) {
      if (v === undefined) continue;
      flags |= spec.flags.find((x) => x.name === f.when)!.bit;
    }
    switch (f.type) {
      case 'str16':
      case 'bytes32':
        item(f.type, v);
        break;
      case 'list32':
        int('u32', (v as unknown[]).length);
        for (const x of v as unknown[]) item(f.items!, x);
        break;
      default: {
        const n = f.enum ? spec.enums[f.enum].values.find((e) => e.name === v)!.value! : (v as number | string);
        int(f.type, typeof n === 'string' ? BigInt(n) : n);
      }
    }
  }
  return { flags, payload: concatBytes(chunks) };
}

/** Encodes a value in the conformance notation as one frame. */
export function interpretEncode(spec: Spec, value: Value): Uint8Array {
  const message = spec.messages.find((m) => m.name === value.type);
  if (message) {
    const text = jsonObject(message.fields, value, `"type":${JSON.stringify(message.name)}`);
    return specFrame(spec, 0, new TextEncoder().encode(text));
  }
  const layout = spec.layouts.find((l) => l.name === value.type);
  if (!layout) throw new InterpreterError('unknown_type', 'type', `"${String(value.type)}"`);
  const { flags, payload } = binaryPayload(spec, layout, value);
  return specFrame(spec, flags, payload);
}
