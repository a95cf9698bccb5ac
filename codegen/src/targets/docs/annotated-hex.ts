// Hex dumps of whole frames for the protocol reference, each line annotated with the field it
// holds, so a reader can check an encoder byte by byte.
import type { BinaryField, Spec } from '@felix/spec';
import { type FlagCombination, flagCombinations } from '@felix/spec/interpreter';
import { FIXED_SIZE, flagNames, headerSize, hex4, PREFIX_SIZE, presentIn } from './frame-shape.js';

interface Span {
  hex: string;
  note: string;
}

/** Walks a binary payload field by field so each line of hex names what it holds. */
function binarySpans(spec: Spec, c: FlagCombination, bytes: Uint8Array, exampleName: string): Span[] {
  const spans: Span[] = [];
  let at = 0;
  const take = (n: number) => {
    if (at + n > bytes.length) throw new Error(`example ${exampleName}: payload ends inside a field`);
    const b = Buffer.from(bytes.subarray(at, at + n));
    at += n;
    return b;
  };
  const uint = (b: Buffer) => BigInt(`0x${b.toString('hex') || '0'}`);
  const item = (type: string, label: string) => {
    const prefix = take(PREFIX_SIZE[type as BinaryField['type']]!);
    const body = take(Number(uint(prefix)));
    const note =
      type === 'str16' ? `${label} = ${JSON.stringify(body.toString('utf8'))}` : `${label}, length ${body.length}`;
    spans.push({ hex: `${prefix.toString('hex')} ${body.toString('hex')}`.trimEnd(), note });
  };
  for (const f of c.layout.fields) {
    if (!presentIn(spec, f, c)) continue;
    const fixed = FIXED_SIZE[f.type];
    if (fixed !== undefined) {
      const b = take(fixed);
      const n = uint(b);
      const named = f.enum ? spec.enums[f.enum].values.find((v) => BigInt(v.value ?? -1) === n)?.name : undefined;
      spans.push({ hex: b.toString('hex'), note: `${f.name} = ${n}${named ? ` (${named})` : ''}` });
    } else if (f.type === 'list32') {
      const count = take(PREFIX_SIZE.list32!);
      spans.push({ hex: count.toString('hex'), note: `${f.name}, count ${uint(count)}` });
      for (let i = 0; i < Number(uint(count)); i++) item(f.items!, `${f.name}[${i}]`);
    } else {
      item(f.type, f.name);
    }
  }
  if (at !== bytes.length) throw new Error(`example ${exampleName}: bytes left after the last field`);
  return spans;
}

function jsonSpans(bytes: Uint8Array): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < bytes.length; i += 16) {
    const chunk = Buffer.from(bytes.subarray(i, i + 16));
    spans.push({ hex: chunk.toString('hex'), note: chunk.toString('latin1').replace(/[^\x20-\x7e]/g, '.') });
  }
  return spans;
}

/** Hex too long for one line continues on the next ones, 16 bytes each, unannotated. */
function renderSpans(spans: Span[]): string {
  const lines: Span[] = [];
  for (const s of spans) {
    const hex = s.hex.replace(/ /g, '');
    if (hex.length <= 48) {
      lines.push(s);
      continue;
    }
    for (let i = 0; i < hex.length; i += 32) lines.push({ hex: hex.slice(i, i + 32), note: i === 0 ? s.note : '' });
  }
  const width = Math.max(...lines.map((l) => l.hex.length));
  return lines.map((l) => (l.note ? `${l.hex.padEnd(width)}  # ${l.note}` : l.hex)).join('\n');
}

/** One line per header field, then the payload field by field (binary) or 16 bytes a line (JSON). */
export function annotatedHex(spec: Spec, bytes: Uint8Array, exampleName: string): string {
  const spans: Span[] = [];
  let at = 0;
  let flags = 0;
  for (const h of spec.frame.header) {
    const size = headerSize(h.type);
    const b = Buffer.from(bytes.subarray(at, at + size));
    at += size;
    const v = b.readUIntBE(0, size);
    const ascii = b.toString('latin1');
    let note = `${h.name} ${v}`;
    if (h.name === 'flags') {
      flags = v;
      const names = flagNames(spec, v);
      note = `flags ${hex4(v)}${names.length ? ` = ${names.join(' | ')}` : ' (JSON)'}`;
    } else if (h.const !== undefined && size > 2 && /^[\x20-\x7e]+$/.test(ascii)) {
      note = `${h.name} ${JSON.stringify(ascii)}`;
    }
    spans.push({ hex: b.toString('hex'), note });
  }
  const payload = bytes.subarray(at);
  const combo = flagCombinations(spec).find((c) => c.flags === flags);
  const body = flags === 0 || !combo ? jsonSpans(payload) : binarySpans(spec, combo, payload, exampleName);
  return renderSpans([...spans, ...body]);
}
