// generated/src/types.ts: one interface per JSON message and binary layout.
import type { BinaryField, JsonField, Spec } from '@felix/spec';
import { notice } from '../../target.js';
import { doc, pascal, q } from './names.js';

function jsonTsType(spec: Spec, f: JsonField): string {
  switch (f.type) {
    case 'string':
      return 'string';
    case 'bytes':
      return 'Uint8Array';
    case 'bool':
      return 'boolean';
    case 'u16':
    case 'u32':
      return 'number';
    case 'u64':
      return 'JsonU64';
    case 'enum':
      return pascal(f.enum!);
    case 'list':
      return `${f.items === 'bytes' ? 'Uint8Array' : f.items === 'string' ? 'string' : f.items === 'u64' ? 'JsonU64' : 'number'}[]`;
    case 'object':
      return `{ ${f.fields!.map((x) => jsonMember(spec, x)).join(' ')} }`;
    case 'oneof':
      return f.variants!.map((v) => jsonTsType(spec, v)).join(' | ');
  }
}

export function jsonMember(spec: Spec, f: JsonField): string {
  const t = jsonTsType(spec, f);
  if (f.presence === 'optional') return `${f.name}?: ${t};`;
  if (f.presence === 'nullable') return `${f.name}: ${t} | null;`;
  return `${f.name}: ${t};`;
}

function binaryTsType(_spec: Spec, f: BinaryField): string {
  if (f.enum) return pascal(f.enum);
  switch (f.type) {
    case 'u8':
    case 'u16':
    case 'u32':
      return 'number';
    case 'u64':
      return 'bigint';
    case 'str16':
      return 'string';
    case 'bytes32':
      return 'Uint8Array';
    case 'list32':
      return f.items === 'bytes32' ? 'Payloads' : 'string[]';
  }
}

export function typesFile(spec: Spec): string {
  const enumTypes = Object.keys(spec.enums).map(pascal);
  const out: string[] = [
    notice('//'),
    `import type { ${enumTypes.join(', ')} } from './constants.js';`,
    "import type { Payloads } from '@felix/wire';\n",
    doc(
      'A JSON u64 (0..2^64-1). Decoded as a number up to 2^53-1, the common case, and as an exact bigint above, where a number would have been rounded; encoded from either (a number above 2^53-1 is refused: pass a bigint).',
    ),
    'export type JsonU64 = number | bigint;\n',
  ];
  for (const m of spec.messages) {
    out.push(doc(`${m.doc} (JSON, ${m.direction.replace(/_/g, ' ')}; ${m.streams.join('/')} stream)`));
    out.push(`export interface ${pascal(m.name)} {\n  type: ${q(m.name)};`);
    for (const f of m.fields) out.push(`${doc(f.doc, '  ')}  ${jsonMember(spec, f)}`);
    out.push('}\n');
  }
  for (const l of spec.layouts) {
    out.push(doc(`${l.doc} (binary, flag ${l.flag})`));
    out.push(`export interface ${pascal(l.name)} {\n  type: ${q(l.name)};`);
    for (const f of l.fields) {
      const guard = f.when ? ` Present exactly when ${f.when} is set.` : '';
      out.push(`${doc(f.doc + guard, '  ')}  ${f.name}${f.when ? '?' : ''}: ${binaryTsType(spec, f)};`);
    }
    out.push('}\n');
  }
  out.push(`export type JsonMessage =\n${spec.messages.map((m) => `  | ${pascal(m.name)}`).join('\n')};\n`);
  out.push(`export type BinaryMessage =\n${spec.layouts.map((l) => `  | ${pascal(l.name)}`).join('\n')};\n`);
  out.push('export type WireMessage = JsonMessage | BinaryMessage;');
  out.push("export type MessageType = WireMessage['type'];");
  out.push('export type MessageOf<T extends MessageType> = Extract<WireMessage, { type: T }>;');
  return `${out.join('\n')}\n`;
}
