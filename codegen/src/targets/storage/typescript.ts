// The storage codec in generated/src/storage (the `@felix/generated/storage` export): one
// interface, encoder and decoder per struct of storage.yaml and a decoder per file kind, with
// checks in the spec's order and typed StorageFormatErrors naming field and byte position.
// Encoders write through the wire runtime's ByteWriter; CRC-32 is node:zlib's.
import type { Spec, StorageField, StorageFile, StorageStruct } from '@felix/spec';
import { type GeneratedFile, notice } from '../../target.js';
import { crcTableCode, walkerCode } from './walker.js';

const OUT = 'generated/src/storage';
const q = (s: string) => JSON.stringify(s);
const doc = (text: string, indent = '') => `${indent}/** ${text.replace(/\*\//g, '*\\/')} */\n`;
const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const upper = (name: string) => name.toUpperCase();
const hex = (n: number, digits = 8) => `0x${n.toString(16).toUpperCase().padStart(digits, '0')}`;

// TypeScript has a global Record type, so the record struct's interface takes the file's name.
const TYPE_NAMES: Record<string, string> = { record: 'SegmentRecord' };
export const structType = (name: string) =>
  TYPE_NAMES[name] ?? name.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
const pascal = (name: string) => name.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
export const decoderName = (name: string) => `decode${pascal(name)}`;
export const encoderName = (name: string) => `encode${pascal(name)}`;

const TS_TYPE: Record<StorageField['type'], string> = {
  u16: 'number',
  u32: 'number',
  u64: 'bigint',
  bytes: 'Uint8Array',
};
const GETTER: Record<string, string> = { u16: 'getUint16', u32: 'getUint32', u64: 'getBigUint64' };
const WRITER: Record<string, string> = { u16: 'u16', u32: 'u32', u64: 'u64' };

/** The length field a bytes field takes its size from. */
const lengthFieldOf = (s: StorageStruct, f: StorageField) => s.fields.find((x) => x.name === f.size_from);
const bytesField = (s: StorageStruct) => s.fields.find((f) => f.type === 'bytes');
/** Fields an encoder computes itself: consts, reserved zeros, lengths and CRCs. */
function computed(s: StorageStruct, f: StorageField): boolean {
  return (
    f.const !== undefined || f.reserved === true || f.crc !== undefined || s.fields.some((x) => x.size_from === f.name)
  );
}

/** Context keys a decoder of `s` takes: expected values and the previous entry. */
function contextMembers(s: StorageStruct): string[] {
  const out: string[] = [];
  for (const f of s.fields) {
    if (f.sequence)
      out.push(
        `${doc(`The ${f.name} this struct must hold (${f.sequence} for a file's first, then one more each).`, '  ')}  expected_${f.name}?: bigint;`,
      );
    if (f.matches)
      out.push(
        `${doc(`The companion's ${f.matches}, which ${f.name} must equal.`, '  ')}  expected_${f.name}?: bigint;`,
      );
  }
  if (s.fields.some((f) => f.ascending))
    out.push(
      `${doc('The entry before this one, whose ascending fields this one must rise above.', '  ')}  previous?: ${structType(s.name)};`,
    );
  return out;
}

function structTypes(s: StorageStruct): string {
  const T = structType(s.name);
  const members = s.fields.map((f) => `${doc(f.doc, '  ')}  ${f.name}: ${TS_TYPE[f.type]};`).join('\n');
  const init = s.fields
    .filter((f) => !computed(s, f))
    .map((f) => `  ${f.name}: ${TS_TYPE[f.type]};`)
    .join('\n');
  const context = contextMembers(s);
  return `${doc(s.doc)}export interface ${T} {
${members}
}

${doc(`What ${encoderName(s.name)} needs; it computes the rest (consts, reserved zeros, lengths, CRCs).`)}export interface ${T}Init {
${init}
}
${context.length ? `\n${doc(`What ${decoderName(s.name)} checks beyond the bytes themselves; a rule whose value is not given is skipped.`)}export interface ${T}Context {\n${context.join('\n')}\n}\n` : ''}`;
}

function crcExpression(f: StorageField, base: string, bodyExpr: (name: string) => string): string {
  let expr: string | undefined;
  for (const part of f.crc!.covers) {
    const data =
      'field' in part ? bodyExpr(part.field) : `bytes.subarray(${base} + ${part.from}, ${base} + ${part.to})`;
    expr = expr === undefined ? `crc32(${data})` : `crc32(${data}, ${expr})`;
  }
  return expr!;
}

function decoder(s: StorageStruct): string {
  const T = structType(s.name);
  const context = contextMembers(s).length > 0;
  for (const f of s.fields)
    if (['bytes', 'start', 'view', 'context'].includes(f.name))
      throw new Error(`storage codec: field ${s.name}.${f.name} shadows a decoder variable`);
  const lines: string[] = [];
  const read = new Set<string>();
  const byName = new Map(s.fields.map((f) => [f.name, f]));
  const readField = (f: StorageField) => {
    if (read.has(f.name)) return;
    read.add(f.name);
    if (f.type === 'bytes') {
      const len = lengthFieldOf(s, f)!;
      readField(len);
      lines.push(
        `  need(bytes, start, ${s.size} + ${len.name}, ${q(`${s.name}.${f.name}`)});`,
        `  const ${f.name} = bytes.subarray(start + ${f.at}, start + ${f.at} + ${len.name});`,
      );
    } else {
      lines.push(`  const ${f.name} = view.${GETTER[f.type]}(start + ${f.at});`);
    }
  };
  const where = (f: StorageField) => q(`${s.name}.${f.name}`);
  for (const name of s.checks) {
    const f = byName.get(name)!;
    readField(f);
    if (f.const !== undefined) {
      const value = f.type === 'u64' ? `${f.const}n` : f.const > 0xff ? hex(f.const) : String(f.const);
      lines.push(
        `  if (${f.name} !== ${value}) fail(${q(f.error!)}, ${where(f)}, start, \`expected ${f.ascii ? `"${f.ascii}"` : f.const}, found \${${f.name}}\`);`,
      );
    }
    if (f.crc) {
      for (const part of f.crc.covers) if ('field' in part) readField(byName.get(part.field)!);
      lines.push(`  checkCrc(${crcExpression(f, 'start', (n) => n)}, ${f.name}, ${q(f.error!)}, ${where(f)}, start);`);
    }
    if (f.max) {
      lines.push(
        `  if (${f.name} > STORAGE_LIMITS.${f.max}) fail(${q(f.error!)}, ${where(f)}, start, \`\${${f.name}} is above ${f.max} (\${STORAGE_LIMITS.${f.max}})\`);`,
      );
    }
    if (f.min !== undefined) {
      const value = f.type === 'u64' ? `${f.min}n` : String(f.min);
      lines.push(
        `  if (${f.name} < ${value}) fail(${q(f.error!)}, ${where(f)}, start, \`\${${f.name}} is below ${f.min}\`);`,
      );
    }
    if (f.ascending) {
      lines.push(
        `  if (context.previous !== undefined && ${f.name} <= context.previous.${f.name}) fail(${q(f.error!)}, ${where(f)}, start, \`\${${f.name}} does not rise above the previous \${context.previous.${f.name}}\`);`,
      );
    }
    if (f.sequence || f.matches) {
      const key = `expected_${f.name}`;
      lines.push(
        `  if (context.${key} !== undefined && ${f.name} !== context.${key}) fail(${q(f.error!)}, ${where(f)}, start, \`expected \${context.${key}}, found \${${f.name}}\`);`,
      );
    }
  }
  for (const f of s.fields) readField(f);
  const params = `bytes: Uint8Array, start = 0${context ? `, context: ${T}Context = {}` : ''}`;
  return `${doc(`The ${s.name} starting at byte \`start\` of \`bytes\`, its rules checked in the spec's order (${s.checks.join(', ')}). Byte fields are views into \`bytes\`. Throws StorageFormatError.`)}export function ${decoderName(s.name)}(${params}): ${T} {
  need(bytes, start, ${s.size}, ${q(s.name)});
  const view = viewOf(bytes);
${lines.join('\n')}
  return { ${s.fields.map((f) => f.name).join(', ')} };
}
`;
}

function encoder(s: StorageStruct): string {
  const T = structType(s.name);
  const body = bytesField(s);
  const lines: string[] = ['  const start = w.pos;'];
  for (const f of s.fields) {
    if (f.type === 'bytes') {
      lines.push(`  w.raw(value.${f.name});`);
    } else if (f.crc) {
      lines.push(
        `  w.u32(${crcExpression(f, 'start', (n) => `value.${n}`).replaceAll('bytes.subarray', 'w.bytes.subarray')});`,
      );
    } else if (f.const !== undefined || f.reserved) {
      lines.push(`  w.${WRITER[f.type]}(${f.type === 'u64' ? `${f.const ?? 0}n` : (f.const ?? 0)});`);
    } else {
      const lengthOf = s.fields.find((x) => x.size_from === f.name);
      lines.push(`  w.${WRITER[f.type]}(${lengthOf ? `value.${lengthOf.name}.length` : `value.${f.name}`});`);
    }
  }
  const checks: string[] = [];
  for (const f of s.fields.filter((x) => !computed(s, x) && x.type === 'u64'))
    checks.push(`  checkU64(value.${f.name}, ${q(`${s.name}.${f.name}`)});`);
  if (body) {
    const len = lengthFieldOf(s, body)!;
    if (len.max) {
      checks.push(
        `  if (value.${body.name}.length > STORAGE_LIMITS.${len.max}) fail(${q(len.error!)}, ${q(`${s.name}.${len.name}`)}, undefined, \`a \${value.${body.name}.length}-byte ${body.name} is above ${len.max} (\${STORAGE_LIMITS.${len.max}})\`);`,
      );
    }
  }
  const size = body ? `${s.size} + value.${body.name}.length` : String(s.size);
  return `${doc(`Bytes ${T} takes on disk.`)}export function ${camel(s.name)}Size(value: ${T}Init): number {
  return ${size};
}

${doc(`Writes the ${s.name} at the writer's position, computing consts, reserved zeros, lengths and CRCs. Throws StorageFormatError (or RangeError for a u64 out of range) before writing anything.`)}export function write${pascal(s.name)}(w: ByteWriter, value: ${T}Init): void {
${checks.join('\n')}${checks.length ? '\n' : ''}${lines.join('\n')}
}

${doc(`The bytes of one ${s.name}.`)}export function ${encoderName(s.name)}(value: ${T}Init): Uint8Array {
  const w = new ByteWriter(${camel(s.name)}Size(value));
  write${pascal(s.name)}(w, value);
  return w.bytes;
}
`;
}

function fileCode(spec: Spec, file: StorageFile): string {
  const header = spec.storage.structs[file.header];
  const body = spec.storage.structs[file.body];
  const F = pascal(file.name);
  const H = structType(header.name);
  const B = structType(body.name);
  const items = file.items;
  const bodyBytes = bytesField(body);
  const itemSize = bodyBytes ? `${body.size} + item.${bodyBytes.name}.length` : String(body.size);
  const sequenced = body.fields.filter((f) => f.sequence);
  const matched = header.fields.filter((f) => f.matches);
  const ascending = body.fields.some((f) => f.ascending);
  const itemContext = [
    ...sequenced.map((f) => `expected_${f.name}: header.${f.sequence!.split('.')[1]} + BigInt(${items}.length)`),
    ...(ascending ? [`previous: ${items}[${items}.length - 1]`] : []),
  ];
  const headerContext = matched.map((f) => `expected_${f.name}: options.expected_${f.name}`);
  const optionsType = matched.length
    ? `{ ${matched.map((f) => `expected_${f.name}?: bigint`).join('; ')} }`
    : undefined;
  const params = `bytes: Uint8Array${optionsType ? `, options: ${optionsType} = {}` : ''}`;
  const decodeHeader = `${decoderName(header.name)}(bytes, 0${headerContext.length ? `, { ${headerContext.join(', ')} }` : ''})`;
  const decodeItem = `${decoderName(body.name)}(bytes, position${itemContext.length ? `, { ${itemContext.join(', ')} }` : ''})`;
  const ignored = file.torn_tail === 'ignored';
  const encoder = `${doc(`The bytes of a whole ${file.name} file.`)}export function encode${F}File(header: ${H}Init, ${items}: readonly ${B}Init[]): Uint8Array {
  let size = ${header.size};
  for (const item of ${items}) size += ${camel(body.name)}Size(item);
  const w = new ByteWriter(size);
  write${pascal(header.name)}(w, header);
  for (const item of ${items}) write${pascal(body.name)}(w, item);
  return w.bytes;
}
`;
  if (ignored) {
    return `${doc(`A decoded ${file.name} file: ${file.doc}`)}export interface ${F}File {
  header: ${H};
  ${items}: ${B}[];
  ${doc('Bytes after the last whole entry (a torn final entry), ignored.')}  torn_bytes: number;
}

${doc(`Decodes a whole ${file.name} file. Throws StorageFormatError at the first problem; a torn last entry is ignored and counted in torn_bytes.`)}export function decode${F}File(${params}): ${F}File {
  const header = ${decodeHeader};
  const ${items}: ${B}[] = [];
  let position = ${header.size};
  while (bytes.length - position >= ${body.size}) {
    const item = ${decodeItem};
    ${items}.push(item);
    position += ${itemSize};
  }
  return { header, ${items}, torn_bytes: bytes.length - position };
}

${encoder}`;
  }
  return `${doc(`A decoded ${file.name} file: ${file.doc}`)}export interface ${F}File {
  header: ${H};
  ${items}: ${B}[];
}

${doc(`How far a ${file.name} file reads: its header, the ${items} up to the first problem, the bytes they fill and that problem, if any.`)}export interface ${F}Scan extends ${F}File {
  ${doc(`Bytes from the start of the file to the end of the last good ${body.name}: where appends resume and where recovery truncates to.`)}  valid_bytes: number;
  ${doc(`Why reading stopped before the end of the file (its position is valid_bytes).`)}  error?: StorageFormatError;
}

${doc(`Reads a ${file.name} file as far as it is valid. A bad header throws StorageFormatError (header damage is never a torn write); a bad ${body.name} ends the scan and is returned as its error.`)}export function scan${F}File(${params}): ${F}Scan {
  const header = ${decodeHeader};
  const ${items}: ${B}[] = [];
  let position = ${header.size};
  while (position < bytes.length) {
    let item: ${B};
    try {
      item = ${decodeItem};
    } catch (err) {
      if (isStorageFormatError(err)) return { header, ${items}, valid_bytes: position, error: err };
      throw err;
    }
    ${items}.push(item);
    position += ${itemSize};
  }
  return { header, ${items}, valid_bytes: position };
}

${doc(`Decodes a whole ${file.name} file. Throws StorageFormatError at the first problem.`)}export function decode${F}File(${params}): ${F}File {
  const scan = scan${F}File(bytes${optionsType ? ', options' : ''});
  if (scan.error) throw scan.error;
  return { header: scan.header, ${items}: scan.${items} };
}

${encoder}`;
}

function codecFile(spec: Spec): string {
  const structs = Object.values(spec.storage.structs);
  return `${notice('//')}// The storage codec: segment and index files of spec/storage.yaml (format v${spec.storage.format_version}).
import { ByteWriter } from '@felix/wire/codec-support';
import { STORAGE_LIMITS } from './constants.js';
import { CRC32_INITIAL, crc32, crc32Final, crc32Update } from './crc32.js';
import { isStorageFormatError, StorageFormatError } from './errors.js';

type StorageErrorCode = StorageFormatError['code'];

function fail(code: StorageErrorCode, field: string, position: number | undefined, detail: string): never {
  throw new StorageFormatError(code, field, position, detail);
}

/** Throws truncated unless \`size\` bytes are there from \`position\` (the struct's start). */
function need(bytes: Uint8Array, position: number, size: number, field: string): void {
  const available = bytes.length - position;
  if (available < size) fail('truncated', field, position, \`needs \${size} bytes, \${Math.max(available, 0)} available\`);
}

function checkCrc(computed: number, stored: number, code: StorageErrorCode, field: string, position: number): void {
  if (computed !== stored) {
    const h = (n: number) => \`0x\${n.toString(16).padStart(8, '0')}\`;
    fail(code, field, position, \`stored \${h(stored)}, computed \${h(computed)}\`);
  }
}

function checkU64(value: bigint, field: string): void {
  if (typeof value !== 'bigint' || value < 0n || value > 0xffffffffffffffffn)
    throw new RangeError(\`\${field}: \${String(value)} is not a u64 (a bigint in 0..2^64-1)\`);
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

${structs.map((s) => structTypes(s)).join('\n')}
${structs.map((s) => decoder(s)).join('\n')}
${structs.map((s) => encoder(s)).join('\n')}${walkerCode(spec)}
${Object.values(spec.storage.files)
  .map((f) => fileCode(spec, f))
  .join('\n')}`;
}

function constantsFile(spec: Spec): string {
  const st = spec.storage;
  const lines = [
    notice('//'),
    '// Numbers and names of the storage format, from spec/storage.yaml.\n',
    doc('Version of the segment and index layouts; a reader refuses any other.'),
    `export const STORAGE_FORMAT_VERSION = ${st.format_version};\n`,
  ];
  for (const s of Object.values(st.structs)) {
    lines.push(doc(`Bytes of the fixed part of a ${s.name}.`), `export const ${upper(s.name)}_SIZE = ${s.size};\n`);
    for (const f of s.fields.filter((x) => x.ascii)) {
      lines.push(
        doc(`${s.name}.${f.name}: the ASCII bytes "${f.ascii}".`),
        `export const ${upper(s.name)}_${upper(f.name)} = ${hex(f.const!)};\n`,
      );
    }
  }
  const numbers = (name: string, entries: Record<string, { value: number; doc: string }>) => {
    lines.push(`export const ${name} = {`);
    for (const [k, v] of Object.entries(entries)) lines.push(`${doc(v.doc, '  ')}  ${k}: ${v.value},`);
    lines.push('} as const;\n');
  };
  lines.push(doc('Limits every reader enforces.'));
  numbers('STORAGE_LIMITS', st.limits);
  lines.push(doc("Upstream's writer defaults."));
  numbers('STORAGE_DEFAULTS', st.defaults);
  lines.push(doc('File extensions of the two file kinds.'));
  lines.push(
    `export const STORAGE_FILE_EXTENSIONS = { ${Object.values(st.files)
      .map((f) => `${f.name}: ${q(f.extension)}`)
      .join(', ')} } as const;\n`,
  );
  lines.push(
    doc(
      'What recovery does with each error at the end of the newest segment: repair (truncate automatically), opt_in (truncate only when the operator allows), stop (refuse to start), rebuild (rebuild the index).',
    ),
  );
  lines.push('export const STORAGE_ERRORS = {');
  for (const c of st.errors.codes) lines.push(`${doc(c.doc, '  ')}  ${c.name}: { recovery: ${q(c.recovery)} },`);
  lines.push('} as const;\n');
  lines.push(
    doc('A storage error code of the spec.'),
    'export type StorageErrorCode = keyof typeof STORAGE_ERRORS;\n',
    doc('The recovery class of a storage error code.'),
    "export type RecoveryClass = (typeof STORAGE_ERRORS)[StorageErrorCode]['recovery'];",
  );
  return `${lines.join('\n').trimEnd()}\n`;
}

function errorsFile(): string {
  return `${notice('//')}// The one error the storage codec throws: a storage error code of the spec, the field at
// fault and the byte position of the struct it was reading.
import { type RecoveryClass, STORAGE_ERRORS, type StorageErrorCode } from './constants.js';

export class StorageFormatError extends Error {
  readonly code: StorageErrorCode;
  /** \`struct.field\` at fault, or the struct's name when its fixed part is cut short. */
  readonly field: string;
  /** Byte position in the file of the struct being read (undefined for an encoder's refusal). */
  readonly position: number | undefined;

  constructor(code: StorageErrorCode, field: string, position: number | undefined, detail: string) {
    super(\`\${field}\${position === undefined ? '' : \` at byte \${position}\`}: \${detail} (\${code})\`);
    this.name = 'StorageFormatError';
    this.code = code;
    this.field = field;
    this.position = position;
  }

  /** What recovery does with this error at the end of the newest segment. */
  get recovery(): RecoveryClass {
    return STORAGE_ERRORS[this.code].recovery;
  }
}

export function isStorageFormatError(err: unknown): err is StorageFormatError {
  return err instanceof StorageFormatError;
}
`;
}

function crcFile(spec: Spec): string {
  const c = spec.storage.checksum;
  return `${notice('//')}// CRC-32 as spec/storage.yaml defines it (polynomial ${hex(c.polynomial)}, reflected, init and final XOR
// ${hex(c.xor_out)}: zlib's), from node:zlib, which has it on every Node this package supports
// (20.15 and later); bench/src/crc32.ts measured it against pure-JavaScript tables, which win
// only on a few bytes (record headers). Only this module knows where the CRC comes from, so
// another implementation drops in here.
import { crc32 as zlibCrc32 } from 'node:zlib';

/** CRC-32 of \`data\`, continuing from \`previous\` (the CRC of the bytes before it) when given. */
export function crc32(data: Uint8Array, previous?: number): number {
  return zlibCrc32(data, previous);
}

// A host whose zlib computed another CRC would misread every file; refuse to load instead.
if (crc32(new TextEncoder().encode('123456789')) !== ${hex(c.check)}) {
  throw new Error('node:zlib crc32 is not CRC-32 (IEEE) on this host');
}
${crcTableCode(spec)}`;
}

function namingFile(spec: Spec): string {
  const n = spec.storage.naming;
  const seg = spec.storage.files.segment.extension;
  const idx = spec.storage.files.index.extension;
  return `${notice('//')}// File and directory names of a data directory, from spec/storage.yaml (naming).

const DIGITS = ${n.file_name_digits};
const COMPONENT_CHARS = ${n.shard_component_chars};
const FILE_NAME = /^([0-9]{${n.file_name_digits}})\\.(${seg}|${idx})$/;

function segmentNumber(id: bigint): string {
  if (id < 0n || id > 0xffffffffffffffffn) throw new RangeError(\`segment number \${id} is not a u64\`);
  return id.toString().padStart(DIGITS, '0');
}

${doc(`Name of segment \`id\`'s data file: ${n.file_name_digits} digits and ".${seg}".`)}export function segmentFileName(id: bigint): string {
  return \`\${segmentNumber(id)}.${seg}\`;
}

${doc(`Name of segment \`id\`'s index file: ${n.file_name_digits} digits and ".${idx}".`)}export function indexFileName(id: bigint): string {
  return \`\${segmentNumber(id)}.${idx}\`;
}

${doc('The segment number and kind a file name gives, or undefined for any other file.')}export function parseStorageFileName(name: string): { id: bigint; kind: 'segment' | 'index' } | undefined {
  const m = FILE_NAME.exec(name);
  if (!m) return undefined;
  const id = BigInt(m[1]);
  if (id > 0xffffffffffffffffn) return undefined;
  return { id, kind: m[2] === ${q(seg)} ? 'segment' : 'index' };
}

${doc('A stream shard: the key its directory is named after.')}export interface ShardKey {
  tenant: string;
  namespace: string;
  stream: string;
  shard: number;
}

function readable(component: string): string {
  let out = '';
  let chars = 0;
  for (const ch of component) {
    if (chars++ === COMPONENT_CHARS) break;
    out += /^[A-Za-z0-9-]$/.test(ch) ? ch : '_';
  }
  return out || '_';
}

function fnv1a64(bytes: Uint8Array): bigint {
  let hash = 0xcbf29ce484222325n;
  for (const b of bytes) hash = ((hash ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return hash;
}

${doc(n.shard_directory.doc)}export function shardDirectoryName(key: ShardKey): string {
  if (!Number.isInteger(key.shard) || key.shard < 0 || key.shard > 0xffffffff)
    throw new RangeError(\`shard \${key.shard} is not a u32\`);
  const encoder = new TextEncoder();
  const parts = [key.tenant, key.namespace, key.stream].map((s) => encoder.encode(s));
  const material = new Uint8Array(parts.reduce((n, p) => n + 8 + p.length, 4));
  const view = new DataView(material.buffer);
  let at = 0;
  for (const p of parts) {
    view.setBigUint64(at, BigInt(p.length));
    material.set(p, at + 8);
    at += 8 + p.length;
  }
  view.setUint32(at, key.shard);
  const readableName = [key.tenant, key.namespace, key.stream].map(readable).join('_');
  return \`\${readableName}_\${key.shard}-\${fnv1a64(material).toString(16).padStart(16, '0')}\`;
}
`;
}

function indexFile(): string {
  return `${notice('//')}// The Felix storage codec (@felix/generated/storage), generated from spec/storage.yaml. Node only:
// its CRC-32 comes from node:zlib.
export * from './codec.js';
export * from './constants.js';
export { CRC32_INITIAL, crc32, crc32Final, crc32Update } from './crc32.js';
export * from './errors.js';
export * from './naming.js';
`;
}

export function storageTypescriptFiles(spec: Spec): GeneratedFile[] {
  return [
    { path: `${OUT}/codec.ts`, contents: codecFile(spec) },
    { path: `${OUT}/constants.ts`, contents: constantsFile(spec) },
    { path: `${OUT}/crc32.ts`, contents: crcFile(spec) },
    { path: `${OUT}/errors.ts`, contents: errorsFile() },
    { path: `${OUT}/naming.ts`, contents: namingFile(spec) },
    { path: `${OUT}/index.ts`, contents: indexFile() },
  ];
}
