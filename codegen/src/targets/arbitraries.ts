// fast-check arbitraries for every JSON message and binary layout (fuzz/src/generated), in the
// generated codec's value shape. Driven by the spec model, so a field added to the YAML is
// fuzzed without touching the fuzzers: limits, enums, presence, modifier-guarded groups and
// the two u64 shapes (JSON: a number to 2^53−1, a bigint above; binary: a bigint) all come from it.
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
        `const ${f.name.toUpperCase()}_FORMAT: TextFormat = { pattern: new RegExp(${q(formatPattern(f))}), edges: ${JSON.stringify(formatEdges(f))} };`,
    )
    .join('\n');
}

/** The hand-written building blocks (fuzz/src/arbitrary-kit.ts) the generated code calls. */
const KIT = [
  'binaryU64',
  'bytes',
  'EMPTY_BYTES',
  'formatted',
  'jsonU64',
  'list',
  'text',
  'TextFormat',
  'uint',
  'UNLIMITED_ITEMS',
  'UNLIMITED_TEXT',
];

/** The import of just the kit names `body` uses, so the generated file has no unused import. */
function kitImport(body: string): string {
  const used = KIT.filter((name) => new RegExp(`\\b${name}\\b`).test(body));
  return `import { ${used.map((n) => (n === 'TextFormat' ? `type ${n}` : n)).join(', ')} } from '../arbitrary-kit.js';`;
}

export function arbitrariesFile(spec: Spec): string {
  const body = [`${formatConstants(spec)}\n`];
  for (const m of spec.messages) body.push(`${messageArbitrary(spec, m)}\n`);
  for (const l of spec.layouts) body.push(`${layoutArbitrary(spec, l)}\n`);
  const all = [...spec.messages.map((m) => m.name), ...spec.layouts.map((l) => l.name)];
  body.push('/** The arbitrary of each message and layout, by its `type`. */');
  body.push('export const arbitraries: { [T in MessageType]: fc.Arbitrary<MessageOf<T>> } = {');
  for (const name of all) body.push(`  ${name}: ${camel(name)},`);
  body.push('};\n');
  body.push(
    `export const jsonMessage: fc.Arbitrary<WireMessage> = fc.oneof(${spec.messages.map((m) => camel(m.name)).join(', ')});`,
  );
  body.push(
    `export const binaryMessage: fc.Arbitrary<WireMessage> = fc.oneof(${spec.layouts.map((l) => camel(l.name)).join(', ')});`,
  );
  body.push('/** Any message or layout, each type equally likely. */');
  body.push(`export const anyMessage: fc.Arbitrary<WireMessage> = fc.oneof(${all.map(camel).join(', ')});`);
  const code = body.join('\n');
  const head = [
    notice('//'),
    "// fast-check arbitraries for every message and layout of spec/, in the generated codec's value",
    '// shape (Uint8Array for bytes, bigint for binary u64). Every value they produce is valid: the',
    '// encoder must accept it and every decoder must return it unchanged. The spec-independent',
    '// building blocks (text, bytes, integers, lists) are hand-written in ../arbitrary-kit.ts.',
    "import type { MessageOf, MessageType, WireMessage } from '@felix/generated';",
    "import fc from 'fast-check';",
    `${kitImport(code)}\n`,
  ];
  return `${head.join('\n')}\n${code}\n`;
}

export const arbitrariesTarget: Target = {
  name: 'arbitraries',
  owns: ['fuzz/src/generated'],
  generate: (spec): GeneratedFile[] => [{ path: OUT, contents: arbitrariesFile(spec) }],
};
