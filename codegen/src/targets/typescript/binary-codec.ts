// generated/src/binary-codec.ts: a decoder and an encoder per binary layout.
import type { BinaryField, LayoutSpec, Spec } from '@felix/spec';
import { flagCombinations } from '@felix/spec/interpreter';
import { notice } from '../../target.js';
import { constName, doc, formatImports, hex, limitValue, pascal, q, withFormat } from './names.js';

function minItemSize(items: string): number {
  return items === 'bytes32' ? 4 : 2;
}

function layoutDecoder(spec: Spec, l: LayoutSpec): string {
  const T = pascal(l.name);
  const lines: string[] = [
    `function decode${T}(flags: number, payload: Uint8Array): ${T} {`,
    '  const r = new ByteReader(payload);',
  ];
  const hasRequestId = l.fields.some((f) => f.name === 'request_id' && f.type === 'u64');
  const modBit = (name: string) => spec.flags.find((x) => x.name === name)!.bit;
  const reads: string[] = [];
  for (const f of l.fields) {
    const path = `${l.name}.${f.name}`;
    let read: string;
    switch (f.type) {
      case 'str16':
        // The offset argument is read first: where the text starts, after its u16 length.
        read = withFormat(
          spec,
          f,
          'r.frameOffset() + 2',
          `r.str16(${q(path)}, ${limitValue(spec, f.limit) ?? 0xffff})`,
          path,
        );
        break;
      case 'bytes32':
        read = `r.bytes32(${q(path)})`;
        break;
      case 'list32': {
        const limit = limitValue(spec, f.limit) ?? 0xffffffff;
        read =
          f.items === 'bytes32'
            ? `r.payloadList(${q(path)}, ${limit})`
            : `readList(r, ${q(path)}, ${limit}, ${minItemSize(f.items!)}, () => r.str16(${q(`${path}[]`)}, 0xffff))`;
        break;
      }
      default:
        read = `r.${f.type}(${q(path)})`;
        if (f.enum) read = `enumName(${constName(f.enum)}_NAMES, ${read}, ${q(path)}, r.frameOffset() - 1)`;
    }
    const target = f.name === 'request_id' && hasRequestId ? 'request_id' : `const ${f.name}`;
    const value = f.when ? `(flags & ${hex(modBit(f.when))}) !== 0 ? ${read} : undefined` : read;
    reads.push(`    ${target} = ${value};`);
  }
  if (hasRequestId) {
    lines.push('  let request_id: bigint | undefined;');
    lines.push('  try {');
    lines.push(...reads);
    lines.push(`    r.end(${q(l.name)});`);
    lines.push(
      `    return { type: ${q(l.name)}, ${l.fields.map((f) => (f.name === 'request_id' ? 'request_id: request_id as bigint' : f.name)).join(', ')} };`,
    );
    lines.push('  } catch (err) {');
    lines.push('    if (err instanceof WireError && request_id !== undefined) err.requestId = request_id;');
    lines.push('    throw err;\n  }\n}\n');
  } else {
    lines.push(...reads.map((s) => s.slice(2)));
    lines.push(`  r.end(${q(l.name)});`);
    lines.push(`  return { type: ${q(l.name)}, ${l.fields.map((f) => f.name).join(', ')} };\n}\n`);
  }
  return lines.join('\n');
}

/**
 * The encoder of a whole frame or, given `tail` (the bytes32 the layout ends with), of its head:
 * everything up to and including the tail's length, so a sender writes the tail's bytes from
 * where they already are (a cache's entry, say) instead of copying them into the frame.
 */
function layoutEncoder(spec: Spec, l: LayoutSpec, tail?: BinaryField): string {
  const T = pascal(l.name);
  const fieldsWritten = tail ? l.fields.slice(0, -1) : l.fields;
  const lines: string[] = [];
  if (tail) {
    const len = `${tail.name}Length`;
    lines.push(
      doc(
        `The first bytes of a ${l.name} frame, up to and including the length of ${tail.name}: the frame is these followed by the ${len} bytes of ${tail.name}, which the caller writes from its own buffer.`,
      ),
      `export function encode${T}Head(m: Omit<${T}, ${q(tail.name)}>, ${len}: number): Uint8Array {`,
      `  intField(${len}, 0xffffffff, ${q(`${l.name}.${tail.name}`)});`,
    );
  } else {
    lines.push(doc(`Encodes a whole ${l.name} frame; the modifier flags follow from which fields are given.`));
    lines.push(`export function encode${T}(m: ${T}): Uint8Array {`);
  }
  lines.push(`  let flags = ${hex(l.flagBit)};`);
  lines.push('  let size = 0;');
  for (const mod of l.modifiers) {
    const fields = fieldsWritten.filter((f) => f.when === mod.name);
    if (!fields.length) continue;
    const given = fields.map((f) => `m.${f.name} !== undefined`);
    lines.push(`  if (${given.join(' || ')}) {`);
    // A lone field is given whenever the bit is set: only a group can be given in part.
    for (const f of fields.length > 1 ? fields : []) {
      lines.push(
        `    if (m.${f.name} === undefined) throw new WireError('missing_field', ${q(`${l.name}.${f.name}`)}, undefined, 'required with ${mod.name}');`,
      );
    }
    lines.push(`    flags |= ${hex(mod.bit)};\n  }`);
  }
  const writes: string[] = [];
  for (const f of fieldsWritten) {
    const path = `${l.name}.${f.name}`;
    const v = `m.${f.name}`;
    const guard = (s: string) => (f.when ? `  if (${v} !== undefined) ${s}` : `  ${s}`);
    switch (f.type) {
      case 'str16': {
        const value = withFormat(spec, f, 'undefined', v, path);
        lines.push(`  const ${f.name}Bytes = utf8Field(${value}, ${limitValue(spec, f.limit) ?? 0xffff}, ${q(path)});`);
        lines.push(`  size += 2 + ${f.name}Bytes.length;`);
        writes.push(`  w.u16(${f.name}Bytes.length);\n  w.raw(${f.name}Bytes);`);
        break;
      }
      case 'bytes32': {
        const sized = `size += 4 + bytesField(${v}, ${q(path)}).length;`;
        lines.push(f.when ? `  if (${v} !== undefined) ${sized}` : `  ${sized}`);
        writes.push(
          f.when
            ? `  if (${v} !== undefined) {\n    w.u32(${v}.length);\n    w.raw(${v});\n  }`
            : `  w.u32(${v}.length);\n  w.raw(${v});`,
        );
        break;
      }
      case 'list32': {
        const limit = limitValue(spec, f.limit) ?? 0xffffffff;
        if (f.items === 'bytes32') {
          lines.push(`  size += 4 + listSize(${v}, ${limit}, ${q(path)});`);
          writes.push(
            `  w.u32(${v}.length);\n  for (const item of ${v}) {\n    w.u32(item.length);\n    w.raw(item);\n  }`,
          );
        } else {
          lines.push(`  const ${f.name}Items = ${v}.map((s) => utf8Field(s, 0xffff, ${q(`${path}[]`)}));`);
          lines.push(`  size += 4 + listSize(${f.name}Items, ${limit}, ${q(path)}) - 2 * ${f.name}Items.length;`);
          writes.push(
            `  w.u32(${f.name}Items.length);\n  for (const item of ${f.name}Items) {\n    w.u16(item.length);\n    w.raw(item);\n  }`,
          );
        }
        break;
      }
      default: {
        const n = { u8: 1, u16: 2, u32: 4, u64: 8 }[f.type];
        lines.push(f.when ? `  if (${v} !== undefined) size += ${n};` : `  size += ${n};`);
        if (f.enum) writes.push(guard(`w.u8(enumValue(${constName(f.enum)}, ${v}, ${q(path)}));`));
        else if (f.type === 'u64') writes.push(guard(`w.u64(u64Field(${v}, ${q(path)}));`));
        else
          writes.push(
            guard(`w.${f.type}(intField(${v}, ${n === 1 ? '0xff' : n === 2 ? '0xffff' : '0xffffffff'}, ${q(path)}));`),
          );
      }
    }
  }
  if (tail) {
    lines.push('  const w = new ByteWriter(HEADER_SIZE + size + 4);');
    lines.push(`  w.header(flags, size + 4 + ${tail.name}Length);`);
    lines.push(...writes);
    lines.push(`  w.u32(${tail.name}Length);`);
  } else {
    lines.push('  const w = new ByteWriter(HEADER_SIZE + size);');
    lines.push('  w.header(flags, size);');
    lines.push(...writes);
  }
  lines.push('  return w.bytes;\n}\n');
  return lines.join('\n');
}

/** The bytes32 a layout ends with, always present, which a sender may write from its own buffer. */
export function tailBytesField(l: LayoutSpec): BinaryField | undefined {
  const last = l.fields.at(-1);
  return last?.type === 'bytes32' && !last.when ? last : undefined;
}

export function binaryCodecFile(spec: Spec): string {
  const u8Enums = Object.values(spec.enums).filter((e) => e.encoding === 'u8');
  const out: string[] = [notice('//')];
  out.push(
    `import { HEADER_OFFSETS, HEADER_SIZE, ${u8Enums.map((e) => constName(e.name)).join(', ')} } from './constants.js';`,
  );
  out.push(`import type { ${spec.layouts.map((l) => pascal(l.name)).join(', ')}, BinaryMessage } from './types.js';`);
  out.push(formatImports(spec));
  out.push(
    "import { ByteReader, ByteWriter, bytesField, enumName, enumValue, intField, listSize, readList, u64Field, utf8Field, WireError, writePayloads } from '@felix/wire/codec-support';\n",
  );
  for (const e of u8Enums) {
    out.push(`const ${constName(e.name)}_NAMES = invert(${constName(e.name)});`);
  }
  out.push(`
function invert<T extends string>(table: Record<T, number>): Map<number, T> {
  return new Map(Object.entries(table).map(([k, v]) => [v as number, k as T]));
}
`);
  for (const l of spec.layouts) {
    out.push(layoutDecoder(spec, l));
    out.push(layoutEncoder(spec, l));
    const tail = tailBytesField(l);
    if (tail) out.push(layoutEncoder(spec, l, tail));
  }
  out.push(doc('Decodes a binary payload whose flags the header check already accepted.'));
  out.push(
    'export function decodeBinaryPayload(flags: number, payload: Uint8Array): BinaryMessage {\n  switch (flags) {',
  );
  for (const l of spec.layouts) {
    for (const c of flagCombinations(spec).filter((x) => x.layout.name === l.name))
      out.push(`    case ${hex(c.flags)}:`);
    out.push(`      return decode${pascal(l.name)}(flags, payload);`);
  }
  out.push(
    `    default:\n      throw new WireError('invalid_flags', 'frame.flags', HEADER_OFFSETS.flags, \`0x\${flags.toString(16)} selects no layout\`);\n  }\n}\n`,
  );
  out.push(doc('The `type` of every binary layout.'));
  out.push(
    `export const BINARY_TYPES: ReadonlySet<string> = new Set([${spec.layouts.map((l) => q(l.name)).join(', ')}]);\n`,
  );
  out.push(doc('Encodes any binary message as a whole frame.'));
  out.push('export function encodeBinaryFrame(m: BinaryMessage): Uint8Array {\n  switch (m.type) {');
  for (const l of spec.layouts) out.push(`    case ${q(l.name)}:\n      return encode${pascal(l.name)}(m);`);
  out.push('  }\n}');
  return `${out.join('\n')}\n`;
}
