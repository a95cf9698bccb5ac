// wire/src/generated/protocol.ts: the framing layer's numbers (header, flags, error and close
// codes). The wire runtime is written against these, so the runtime and every generated codec
// read the same spec values and no hand-written file spells a header byte.
import type { HeaderField, Spec } from '@felix/spec';
import { flagCombinations, headerLayout, knownFlagMask } from '@felix/spec/interpreter';
import { notice } from '../../target.js';
import { doc, hex, q } from './names.js';

// The header the wire runtime's reader and writer implement; the spec must agree with it.
const RUNTIME_HEADER: { name: HeaderField['name']; type: HeaderField['type'] }[] = [
  { name: 'magic', type: 'u32' },
  { name: 'version', type: 'u16' },
  { name: 'flags', type: 'u16' },
  { name: 'length', type: 'u32' },
];

function headerOffsets(spec: Spec): Record<string, number> {
  const fields = spec.frame.header;
  const agrees =
    fields.length === RUNTIME_HEADER.length &&
    fields.every((f, i) => f.name === RUNTIME_HEADER[i].name && f.type === RUNTIME_HEADER[i].type);
  if (!agrees) {
    const want = RUNTIME_HEADER.map((f) => `${f.name}:${f.type}`).join(', ');
    throw new Error(`spec frame.header must be [${want}] to match the wire runtime (wire/src/header.ts)`);
  }
  const placed = Object.values(headerLayout(spec));
  const offsets = Object.fromEntries(placed.map((f) => [f.name, f.offset]));
  const at = placed.reduce((n, f) => n + f.width, 0);
  if (at !== spec.frame.header_size)
    throw new Error(`frame.header fields add up to ${at}, header_size says ${spec.frame.header_size}`);
  return offsets;
}

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export function protocolConstantsFile(spec: Spec): string {
  const constOf = (name: string) => spec.frame.header.find((h) => h.name === name)?.const;
  const lines: string[] = [notice('//'), '// The framing layer of spec/protocol.yaml.\n'];
  lines.push(`export const MAGIC = 0x${constOf('magic')!.toString(16)};`);
  lines.push(`export const WIRE_VERSION = ${constOf('version')};`);
  lines.push(`export const HEADER_SIZE = ${spec.frame.header_size};`);
  lines.push(doc('Byte offset of each header field inside the header.').trimEnd());
  const offsets = Object.entries(headerOffsets(spec)).map(([k, v]) => `${k}: ${v}`);
  lines.push(`export const HEADER_OFFSETS = { ${offsets.join(', ')} } as const;`);
  lines.push(`export const MAX_SAFE_JSON_INTEGER = ${Number.MAX_SAFE_INTEGER};`);
  lines.push(`export const DEFAULT_MAX_FRAME_PAYLOAD = ${spec.limits.max_frame_payload.value};\n`);
  lines.push('export const FLAGS = {');
  for (const f of spec.flags) lines.push(`${doc(f.doc, '  ')}  ${f.name}: ${hex(f.bit)},`);
  lines.push('} as const;\n');
  lines.push(`export const KNOWN_FLAGS_MASK = ${hex(knownFlagMask(spec))};`);
  lines.push(doc('Flags a peer that advertised nothing is assumed to understand.').trimEnd());
  lines.push(`export const ORIGINAL_V1_FLAGS = ${hex(spec.capabilities.original_v1_flags)};`);
  const combos = flagCombinations(spec).map((c) => hex(c.flags));
  lines.push(doc('Every non-zero flags value a frame may carry.').trimEnd());
  lines.push(`export const ALLOWED_FLAGS: ReadonlySet<number> = new Set([${combos.join(', ')}]);\n`);
  lines.push(`export type ErrorCode =\n${spec.errors.codes.map((c) => `  | ${q(c.name)}`).join('\n')};\n`);
  lines.push('export const ERROR_CODES: Record<ErrorCode, { number: number; retry: string; codec: boolean }> = {');
  for (const c of spec.errors.codes) {
    lines.push(`  ${c.name}: { number: ${c.number}, retry: ${q(c.retry)}, codec: ${c.codec} },`);
  }
  lines.push('};\n');
  lines.push(doc(spec.close_codes.doc).trimEnd());
  lines.push('export const CLOSE_CODES = {');
  for (const c of spec.close_codes.codes) lines.push(`${doc(c.doc, '  ')}  ${camel(c.name)}: ${c.value},`);
  lines.push('} as const;');
  return `${lines.join('\n')}\n`;
}
