// fast-check arbitraries for every JSON message and binary layout (fuzz/src/generated), in the
// generated codec's value shape. Driven by the spec model, so a field added to the YAML is
// fuzzed without touching the fuzzers: limits, enums, presence, modifier-guarded groups and
// the two u64 policies (JSON ≤ 2^53−1 as number, binary full range as bigint) all come from it.
import type { BinaryField, JsonField, LayoutSpec, MessageSpec, Spec } from '@felix/spec';
import { formatPattern } from '../json-schema.js';
import { type GeneratedFile, notice, type Target } from '../target.js';
import { formatEdges } from '../vectors/samples.js';

const OUT = 'fuzz/src/generated/arbitraries.ts';
const q = (s: string) => JSON.stringify(s);
const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function limitOf(spec: Spec, limit: string | undefined): number | undefined {
  return limit ? spec.limits[limit].value : undefined;
}

// Lists up to the limit are legal but costly in a hot loop; the limit itself is hit by a
// separate low-weight case, so the common case stays small.
const SMALL_LIST = 8;

function jsonScalar(type: string, limit: number | undefined): string {
  switch (type) {
    case 'string':
      return `text(${limit ?? 'UNLIMITED_TEXT'})`;
    case 'bytes':
      return 'bytes()';
    case 'bool':
      return 'fc.boolean()';
    case 'u16':
      return 'uint(0xffff)';
    case 'u32':
      return 'uint(0xffffffff)';
    case 'u64':
      return 'jsonU64()';
    default:
      throw new Error(`arbitraries: no JSON scalar ${type}`);
  }
}

function jsonField(spec: Spec, f: JsonField): string {
  switch (f.type) {
    case 'enum':
      return `fc.constantFrom(${spec.enums[f.enum!].values.map((v) => q(v.name)).join(', ')})`;
    case 'list': {
      const limit = limitOf(spec, f.limit);
      const item = jsonScalar(f.items!, undefined);
      return `list(${item}, ${limit ?? 'UNLIMITED_ITEMS'}, ${jsonEmptyItem(f.items!)})`;
    }
    case 'object':
      return jsonRecord(spec, f.fields!, undefined);
    case 'oneof':
      return `fc.oneof(${f.variants!.map((v) => jsonField(spec, v)).join(', ')})`;
    default:
      return f.format ? formatted(spec, f.format) : jsonScalar(f.type, limitOf(spec, f.limit));
  }
}

/** Text of a spec format (names): within the format's limit and accepted by its pattern. */
function formatted(spec: Spec, format: string): string {
  return `formatted(${spec.limits[spec.formats[format].limit].value}, ${format.toUpperCase()}_FORMAT)`;
}

/** The cheapest item of a list type, repeated to reach the item limit. */
function jsonEmptyItem(items: string): string {
  switch (items) {
    case 'bytes':
      return 'EMPTY_BYTES';
    case 'string':
      return "''";
    default:
      return '0';
  }
}

function presence(spec: Spec, f: JsonField): string {
  const arb = jsonField(spec, f);
  return f.presence === 'nullable' ? `fc.option(${arb}, { nil: null })` : arb;
}

function jsonRecord(spec: Spec, fields: JsonField[], type: string | undefined): string {
  const members = fields.map((f) => `${f.name}: ${presence(spec, f)}`);
  const required = fields.filter((f) => f.presence !== 'optional').map((f) => q(f.name));
  if (type !== undefined) {
    members.unshift(`type: fc.constant(${q(type)} as const)`);
    required.unshift(q('type'));
  }
  const body = members.length ? `{\n      ${members.join(',\n      ')},\n    }` : '{}';
  return `fc.record(${body}, { requiredKeys: [${required.join(', ')}] })`;
}

function messageArbitrary(spec: Spec, m: MessageSpec): string {
  return [
    `/** ${m.name} (JSON). */`,
    `export const ${camel(m.name)}: fc.Arbitrary<MessageOf<${q(m.name)}>> = ${jsonRecord(spec, m.fields, m.name)};`,
  ].join('\n');
}

function binaryScalar(type: string, limit: number | undefined): string {
  switch (type) {
    case 'u8':
      return 'uint(0xff)';
    case 'u16':
      return 'uint(0xffff)';
    case 'u32':
      return 'uint(0xffffffff)';
    case 'u64':
      return 'binaryU64()';
    case 'str16':
      return `text(${Math.min(limit ?? 0xffff, 0xffff)})`;
    case 'bytes32':
      return 'bytes()';
    default:
      throw new Error(`arbitraries: no binary scalar ${type}`);
  }
}

function binaryField(spec: Spec, f: BinaryField): string {
  if (f.enum) {
    return `fc.constantFrom(${spec.enums[f.enum].values.map((v) => q(v.name)).join(', ')})`;
  }
  if (f.type === 'list32') {
    const limit = limitOf(spec, f.limit);
    const empty = f.items === 'bytes32' ? 'EMPTY_BYTES' : "''";
    return `list(${binaryScalar(f.items!, undefined)}, ${limit ?? 'UNLIMITED_ITEMS'}, ${empty})`;
  }
  return f.format ? formatted(spec, f.format) : binaryScalar(f.type, limitOf(spec, f.limit));
}

function layoutArbitrary(spec: Spec, l: LayoutSpec): string {
  const always = l.fields.filter((f) => !f.when);
  const base = [`type: fc.constant(${q(l.name)} as const)`, ...always.map((f) => `${f.name}: ${binaryField(spec, f)}`)];
  // Fields guarded by one modifier are present together or not at all: that is what the flag
  // bit on the wire says, and an encoder refuses half a group.
  const groups = l.modifiers
    .map((m) => ({ flag: m.name, fields: l.fields.filter((f) => f.when === m.name) }))
    .filter((g) => g.fields.length > 0);
  const lines = [`/** ${l.name} (binary, flag ${l.flag}). */`];
  const record = `fc.record({\n      ${base.join(',\n      ')},\n    })`;
  if (groups.length === 0) {
    lines.push(`export const ${camel(l.name)}: fc.Arbitrary<MessageOf<${q(l.name)}>> = ${record};`);
    return lines.join('\n');
  }
  const parts = groups.map(
    (g) =>
      `fc.option(fc.record({ ${g.fields.map((f) => `${f.name}: ${binaryField(spec, f)}`).join(', ')} }), { nil: undefined }) /* ${g.flag} */`,
  );
  lines.push(
    `export const ${camel(l.name)}: fc.Arbitrary<MessageOf<${q(l.name)}>> = fc`,
    `  .tuple(\n    ${record},\n    ${parts.join(',\n    ')},\n  )`,
    `  .map(([base, ...groups]) => Object.assign({}, base, ...groups) as MessageOf<${q(l.name)}>);`,
  );
  return lines.join('\n');
}

/** Each spec format's pattern (as its JSON Schema has it) and accepted values near its edges. */
function formatConstants(spec: Spec): string {
  return Object.values(spec.formats)
    .map(
      (f) =>
        `const ${f.name.toUpperCase()}_FORMAT = { pattern: new RegExp(${q(formatPattern(f))}), edges: ${JSON.stringify(formatEdges(f))} };`,
    )
    .join('\n');
}

function helpers(spec: Spec): string {
  const maxFrame = spec.limits.max_frame_payload.value;
  return `
const EMPTY_BYTES = new Uint8Array(0);
const MAX_SAFE = ${Number.MAX_SAFE_INTEGER};
const U64_MAX = (1n << 64n) - 1n;
// Fields without a limit are bounded only by the frame (${maxFrame} bytes); the fuzzers keep
// their unlimited text short, since the frame limit is its own (header) test.
const UNLIMITED_TEXT = 4096;
const UNLIMITED_ITEMS = 1024;

/** Characters that take each path through JSON escaping and UTF-8 encoding. */
const TRICKY = fc.constantFrom('"', '\\\\', '\\n', '\\u0000', '\\u001f', '\\u007f', '\\u0080', '\\u2028', '\\ufeff', 'é', '€', '😀', 'a', '/');

function utf8Length(s: string): number {
  let n = 0;
  for (const c of s) {
    const p = c.codePointAt(0)!;
    n += p < 0x80 ? 1 : p < 0x800 ? 2 : p < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Text within \`maxBytes\` UTF-8 bytes, with the limit itself hit in 1-, 2-, 3- and 4-byte characters. */
export function text(maxBytes: number): fc.Arbitrary<string> {
  const fill = (unit: string, n: number) => unit.repeat(Math.floor(maxBytes / n)) + 'a'.repeat(maxBytes % n);
  const edges = ['', fill('a', 1), fill('é', 2), fill('€', 3), fill('😀', 4), \`\\ufeff\${fill('a', 1).slice(3)}\`];
  const short = Math.min(maxBytes, 24);
  return fc.oneof(
    { weight: 8, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: short }) },
    { weight: 4, arbitrary: fc.string({ unit: TRICKY, maxLength: Math.floor(short / 4) }) },
    { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: Math.floor(short / 4) }) },
    { weight: 1, arbitrary: fc.constantFrom(...edges) },
  ).filter((s) => utf8Length(s) <= maxBytes);
}

${formatConstants(spec)}
/** Text a format accepts: mostly text() that its pattern passes, sometimes values near its edges. */
export function formatted(maxBytes: number, format: { pattern: RegExp; edges: string[] }): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: text(maxBytes).filter((s) => format.pattern.test(s)) },
    { weight: 1, arbitrary: fc.constantFrom(...format.edges) },
  );
}

/** Bytes: mostly short, sometimes kilobytes, every length 0..3 mod 3 for base64 padding. */
export function bytes(): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { weight: 40, arbitrary: fc.uint8Array({ maxLength: 16 }) },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 256, maxLength: 4096 }) },
  );
}

export function uint(max: number): fc.Arbitrary<number> {
  return fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max }) }, { weight: 1, arbitrary: fc.constantFrom(0, 1, max) });
}

/** A JSON u64: an exact integer in 0..2^53−1, the most any JSON peer can carry. */
export function jsonU64(): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.maxSafeNat() },
    { weight: 1, arbitrary: fc.constantFrom(0, 1, 0xffffffff, 2 ** 32, MAX_SAFE - 1, MAX_SAFE) },
  );
}

/** A binary u64: the full range 0..2^64−1 as a bigint. */
export function binaryU64(): fc.Arbitrary<bigint> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.bigInt({ min: 0n, max: U64_MAX }) },
    { weight: 1, arbitrary: fc.constantFrom(0n, BigInt(MAX_SAFE), BigInt(MAX_SAFE) + 1n, U64_MAX) },
  );
}

/** Up to a few items, or exactly \`limit\` of the cheapest item (built once, shared). */
export function list<T>(item: fc.Arbitrary<T>, limit: number, empty: T): fc.Arbitrary<T[]> {
  let full: T[] | undefined;
  return fc.oneof(
    { weight: 2000, arbitrary: fc.array(item, { maxLength: Math.min(limit, ${SMALL_LIST}) }) },
    { weight: 1, arbitrary: fc.constant(null).map(() => (full ??= new Array<T>(limit).fill(empty))) },
  );
}
`;
}

export function arbitrariesFile(spec: Spec): string {
  const out = [
    notice('//'),
    "// fast-check arbitraries for every message and layout of spec/, in the generated codec's value",
    '// shape (Uint8Array for bytes, bigint for binary u64). Every value they produce is valid: the',
    '// encoder must accept it and every decoder must return it unchanged.',
    "import type { MessageOf, MessageType, WireMessage } from '@felix/generated';",
    "import fc from 'fast-check';",
    helpers(spec),
  ];
  for (const m of spec.messages) out.push(`${messageArbitrary(spec, m)}\n`);
  for (const l of spec.layouts) out.push(`${layoutArbitrary(spec, l)}\n`);
  const all = [...spec.messages.map((m) => m.name), ...spec.layouts.map((l) => l.name)];
  out.push('/** The arbitrary of each message and layout, by its `type`. */');
  out.push('export const arbitraries: { [T in MessageType]: fc.Arbitrary<MessageOf<T>> } = {');
  for (const name of all) out.push(`  ${name}: ${camel(name)},`);
  out.push('};\n');
  out.push(
    `export const jsonMessage: fc.Arbitrary<WireMessage> = fc.oneof(${spec.messages.map((m) => camel(m.name)).join(', ')});`,
  );
  out.push(
    `export const binaryMessage: fc.Arbitrary<WireMessage> = fc.oneof(${spec.layouts.map((l) => camel(l.name)).join(', ')});`,
  );
  out.push('/** Any message or layout, each type equally likely. */');
  out.push(`export const anyMessage: fc.Arbitrary<WireMessage> = fc.oneof(${all.map(camel).join(', ')});`);
  return `${out.join('\n')}\n`;
}

export const arbitrariesTarget: Target = {
  name: 'arbitraries',
  owns: ['fuzz/src/generated'],
  generate: (spec): GeneratedFile[] => [{ path: OUT, contents: arbitrariesFile(spec) }],
};
