// The record walker of the storage codec: a decoder for the body struct of a sequenced file (the
// segment's records) that checks records laid end to end in one buffer without allocating per
// record. A recovery scan of a 1 GiB log checks about a million records; the per-record decoder
// builds an object and two bigints for each and calls into zlib three times, which made the scan
// several times slower than reading the bytes. The walker reads u64 fields as two u32 halves,
// computes the header CRCs in JavaScript from one running state (a call into zlib costs more than
// 20 bytes of table lookups) and leaves only the payload's CRC to zlib.
import type { Spec, StorageField, StorageStruct } from '@felix/spec';

const q = (s: string) => JSON.stringify(s);
const doc = (text: string) => `/** ${text.replace(/\*\//g, '*\\/')} */\n`;
const pascal = (name: string) => name.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

/** The struct the walker is for: the one with a sequence field and a payload sized by a length field. */
function walkedStruct(spec: Spec): StorageStruct | undefined {
  return Object.values(spec.storage.structs).find(
    (s) => s.fields.some((f) => f.sequence) && s.fields.some((f) => f.type === 'bytes' && f.size_from),
  );
}

/** Expression of a u32 or u64 field's value as a number (u64: exact up to 2^53). */
function numberOf(f: StorageField): string {
  if (f.type === 'u64') return `view.getUint32(p + ${f.at}) * 4294967296 + view.getUint32(p + ${f.at + 4})`;
  if (f.type === 'u32') return `view.getUint32(p + ${f.at})`;
  return `view.getUint16(p + ${f.at})`;
}

/** Expression of a u64 field's exact value, for error messages only. */
const bigOf = (f: StorageField) =>
  `((BigInt(view.getUint32(p + ${f.at})) << 32n) | BigInt(view.getUint32(p + ${f.at + 4})))`;

export function walkerCode(spec: Spec): string {
  const s = walkedStruct(spec);
  if (!s) return '';
  const byName = new Map(s.fields.map((f) => [f.name, f]));
  const body = s.fields.find((f) => f.type === 'bytes' && f.size_from)!;
  const length = byName.get(body.size_from!)!;
  const sequenced = s.fields.find((f) => f.sequence)!;
  // Fields reported to the visitor: the numbers a caller may need (not lengths, CRCs or consts).
  const reported = s.fields.filter(
    (f) => f.type !== 'bytes' && !f.crc && f !== length && f.const === undefined && !f.reserved,
  );
  const lines: string[] = [];
  const read = new Set<string>();
  const readField = (f: StorageField) => {
    if (read.has(f.name) || f.type === 'bytes') return;
    read.add(f.name);
    lines.push(`    const ${f.name} = ${numberOf(f)};`);
  };
  // Running CRC states of header prefixes already computed, so a later CRC extends an earlier one.
  const prefixes: { to: number; state: string }[] = [];
  const where = (f: StorageField) => q(`${s.name}.${f.name}`);
  const payloadNeeded = () => {
    lines.push(
      `    const end = p + ${s.size} + ${length.name};`,
      `    if (end > bytes.length) {`,
      `      if (end > available) fail('truncated', ${q(`${s.name}.${body.name}`)}, p, \`needs \${${s.size} + ${length.name}} bytes, \${available - p} available\`);`,
      '      return p;',
      '    }',
    );
  };
  let payloadChecked = false;
  for (const name of s.checks) {
    const f = byName.get(name)!;
    if (f === body) {
      readField(length);
      payloadNeeded();
      payloadChecked = true;
      continue;
    }
    readField(f);
    if (f.crc) {
      const [range, ...rest] = f.crc.covers;
      if (!('from' in range) || range.from !== 0)
        throw new Error(`walker: ${s.name}.${f.name} must cover bytes from 0 first`);
      if (rest.some((part) => !('field' in part) || part.field !== body.name))
        throw new Error(`walker: ${s.name}.${f.name} may cover only a header prefix and then ${body.name}`);
      const base = prefixes.filter((x) => x.to <= range.to).sort((a, b) => b.to - a.to)[0];
      const state = `state${range.to}`;
      if (!prefixes.some((x) => x.to === range.to)) {
        lines.push(
          base
            ? `    const ${state} = crc32Update(${base.state}, bytes, p + ${base.to}, p + ${range.to});`
            : `    const ${state} = crc32Update(CRC32_INITIAL, bytes, p, p + ${range.to});`,
        );
        prefixes.push({ to: range.to, state });
      }
      const computed = rest.length
        ? `crc32(bytes.subarray(p + ${s.size}, end), crc32Final(${state}))`
        : `crc32Final(${state})`;
      lines.push(
        `    const ${f.name}_computed = ${computed};`,
        `    checkCrc(${f.name}_computed, ${f.name}, ${q(f.error!)}, ${where(f)}, p);`,
      );
    }
    if (f.max)
      lines.push(
        `    if (${f.name} > STORAGE_LIMITS.${f.max}) fail(${q(f.error!)}, ${where(f)}, p, \`\${${f.name}} is above ${f.max} (\${STORAGE_LIMITS.${f.max}})\`);`,
      );
    if (f.sequence)
      lines.push(
        `    if (${f.name} !== expected_${f.name}) fail(${q(f.error!)}, ${where(f)}, p, \`expected \${expected_${f.name}}, found \${${bigOf(f)}}\`);`,
      );
  }
  if (!payloadChecked) {
    readField(length);
    payloadNeeded();
  }
  for (const f of reported) readField(f);
  const visitorParams = reported.map((f) => `${f.name}: number`).join(', ');
  const name = `walk${pascal(s.name)}s`;
  return `
${doc(`What ${name} reports of each good ${s.name}: its position in the buffer, its size on disk and its fields as numbers (a u64 is exact up to 2^53; ${sequenced.name} was checked exactly).`)}export type ${pascal(s.name)}Visitor = (position: number, size: number, ${visitorParams}) => void;

${doc(`Checks the ${s.name}s laid end to end from byte \`start\` of \`bytes\`, each by the rules decode${pascal(s.name)} applies in the same order (${s.checks.join(', ')}), and calls \`visit\` for each good one, allocating nothing per ${s.name}. \`bytes\` may be a window onto a file: \`available\` is how many bytes the file holds from bytes[0] on, so a ${s.name} that runs past the window but not past the file ends the walk, while one that runs past the file is truncated. \`expected_${sequenced.name}\` is the ${sequenced.name} the first ${s.name} must carry. Returns where the walk stopped: \`available\` at the end of the file, or the position of the first ${s.name} not wholly in \`bytes\` (read on from there). Throws StorageFormatError at the first bad ${s.name}, its position relative to \`bytes\`.`)}export function ${name}(
  bytes: Uint8Array,
  start: number,
  available: number,
  expected_${sequenced.name}: number,
  visit: ${pascal(s.name)}Visitor,
): number {
  const view = viewOf(bytes);
  let p = start;
  for (;;) {
    if (p >= available) return available;
    if (p + ${s.size} > bytes.length) {
      if (p + ${s.size} > available) fail('truncated', ${q(s.name)}, p, \`needs ${s.size} bytes, \${available - p} available\`);
      return p;
    }
${lines.join('\n')}
    visit(p, end - p, ${reported.map((f) => f.name).join(', ')});
    expected_${sequenced.name} += 1;
    p = end;
  }
}
`;
}

/** The JavaScript CRC-32 the walker uses for header prefixes, its table made from the spec's polynomial. */
export function crcTableCode(spec: Spec): string {
  const c = spec.storage.checksum;
  if (!c.reflected) throw new Error('storage checksum: only a reflected CRC-32 is supported');
  let reversed = 0;
  for (let bit = 0; bit < 32; bit++) if (c.polynomial & (1 << bit)) reversed |= 1 << (31 - bit);
  const hex = (n: number) => `0x${(n >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
  return `
// For short ranges (record headers) a table in JavaScript is faster than a call into zlib, and it
// works on a running state, so a CRC over bytes 0..24 continues the one over bytes 0..20.
const TABLE = new Int32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? ${hex(reversed)} ^ (c >>> 1) : c >>> 1;
  TABLE[n] = c;
}

${doc('The running state of a CRC over no bytes yet.')}export const CRC32_INITIAL = ${hex(c.init)} | 0;

${doc('The running state after bytes[from, to), continuing from `state`.')}export function crc32Update(state: number, bytes: Uint8Array, from: number, to: number): number {
  let s = state;
  for (let i = from; i < to; i++) s = TABLE[(s ^ bytes[i]) & 0xff] ^ (s >>> 8);
  return s;
}

${doc('The CRC-32 a running state stands for; crc32(data, crc32Final(state)) continues it over data.')}export function crc32Final(state: number): number {
  return (state ^ ${hex(c.xor_out)}) >>> 0;
}
`;
}
