// generated/src/constants.ts: limits, features and enumerations of the messages. The framing
// numbers live in the wire runtime's generated protocol module and are re-exported here.
import type { Spec } from '@felix/spec';
import { notice } from '../../target.js';
import { constName, doc, pascal, q } from './names.js';

const FRAMING_EXPORTS = [
  'MAGIC',
  'WIRE_VERSION',
  'HEADER_SIZE',
  'HEADER_OFFSETS',
  'MAX_SAFE_JSON_INTEGER',
  'DEFAULT_MAX_FRAME_PAYLOAD',
  'FLAGS',
  'KNOWN_FLAGS_MASK',
  'ORIGINAL_V1_FLAGS',
  'ALLOWED_FLAGS',
  'ERROR_CODES',
  'CLOSE_CODES',
  'type ErrorCode',
];

export function constantsFile(spec: Spec): string {
  const lines: string[] = [notice('//'), '// Numbers and names from spec/protocol.yaml.\n'];
  lines.push(`export { ${FRAMING_EXPORTS.join(', ')} } from '@felix/wire';\n`);
  lines.push('export const LIMITS = {');
  for (const [name, l] of Object.entries(spec.limits)) lines.push(`${doc(l.doc, '  ')}  ${name}: ${l.value},`);
  lines.push('} as const;\n');
  lines.push('export const FEATURES = {');
  for (const f of spec.capabilities.features) lines.push(`${doc(f.doc, '  ')}  ${f.name}: 0x${f.bit.toString(16)},`);
  lines.push('} as const;\n');
  for (const e of Object.values(spec.enums)) {
    lines.push(doc(e.doc));
    if (e.encoding === 'u8') {
      lines.push(`export const ${constName(e.name)} = {`);
      for (const v of e.values) lines.push(`  ${v.name}: ${v.value},`);
      lines.push('} as const;');
    } else {
      lines.push(`export const ${constName(e.name)} = [${e.values.map((v) => q(v.name)).join(', ')}] as const;`);
    }
    lines.push(`export type ${pascal(e.name)} = ${e.values.map((v) => q(v.name)).join(' | ')};\n`);
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
