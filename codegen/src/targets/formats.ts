// Generates generated/src/formats.ts: each string format of the spec (names, for one) as the
// pattern its JSON Schema carries, a checker the binary decoder calls in field order, and a
// plain predicate with a reason for code that takes names from elsewhere (a broker's config
// file and admin API), so every place that accepts a name applies the one rule.
import type { FormatSpec, Spec } from '@felix/spec';
import { formatPattern } from '../json-schema.js';
import { type GeneratedFile, notice, type Target } from '../target.js';

export const FORMATS_FILE = 'generated/src/formats.ts';

const q = (s: string) => JSON.stringify(s);
const pascal = (name: string) => name.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
const doc = (text: string) => `/** ${text.replace(/\*\//g, '*\\/')} */\n`;

/** The TypeScript names generated for a format, e.g. NAME_PATTERN, isValidName, checkNameField. */
export function formatIdentifiers(format: FormatSpec) {
  const P = pascal(format.name);
  return {
    pattern: `${format.name.toUpperCase()}_PATTERN`,
    maxBytes: `${format.name.toUpperCase()}_MAX_BYTES`,
    problem: `${format.name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())}Problem`,
    isValid: `isValid${P}`,
    checkField: `check${P}Field`,
  };
}

function ranges(list: FormatSpec['forbidden']): string {
  return `[${list.map((r) => `[0x${r.from.toString(16)}, 0x${r.to.toString(16)}, ${q(r.doc)}]`).join(', ')}]`;
}

function formatCode(spec: Spec, format: FormatSpec): string {
  const id = formatIdentifiers(format);
  const max = spec.limits[format.limit].value;
  const regexp = `${format.name.toUpperCase()}_REGEXP`;
  const forbidden = `${format.name.toUpperCase()}_FORBIDDEN`;
  const onlyDocs = format.not_only.map((r) => r.doc).join(' or ');
  return `${doc(format.doc)}export const ${id.pattern} = ${q(formatPattern(format))};
${doc(`Most UTF-8 bytes a value of format ${format.name} has (limits.${format.limit}).`)}export const ${id.maxBytes} = ${max};
// The spec's patterns are ASCII; without the u flag the RegExp matches them the same, faster.
const ${regexp} = new RegExp(${id.pattern});
const ${forbidden}: readonly (readonly [number, number, string])[] = ${ranges(format.forbidden)};

${doc(`Why \`value\` is no valid ${format.name} (byte limit included), or undefined when it is one.`)}export function ${id.problem}(value: string): string | undefined {
  if (utf8Length(value) > ${id.maxBytes}) return 'is over ${max} UTF-8 bytes';
  if (${regexp}.test(value)) return undefined;
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    const bad = ${forbidden}.find(([from, to]) => cp >= from && cp <= to);
    if (bad) return \`contains U+\${cp.toString(16).toUpperCase().padStart(4, '0')}, \${bad[2]}\`;
  }
  return value === '' ? 'is empty' : ${q(`has nothing but ${onlyDocs}`)};
}

${doc(`Whether \`value\` is a string that follows format ${format.name}, byte limit included.`)}export function ${id.isValid}(value: unknown): value is string {
  return typeof value === 'string' && ${regexp}.test(value) && utf8Length(value) <= ${id.maxBytes};
}

${doc(`For the codecs: \`value\`, or a WireError ${format.error} naming the field when it is a string within the byte limit that breaks the format. Anything else passes, for the type and limit checks to refuse with their own codes. The offset comes first so a decoder can pass its position before it reads the value.`)}export function ${id.checkField}<T>(offset: number | undefined, value: T, field: string): T {
  if (typeof value === 'string' && !${regexp}.test(value) && utf8Length(value) <= ${id.maxBytes})
    throw new WireError(${q(format.error)}, field, offset, ${id.problem}(value)!);
  return value;
}
`;
}

export function formatsFile(spec: Spec): string {
  const formats = Object.values(spec.formats);
  const out = [
    notice('//'),
    '// String formats from spec/protocol.yaml (formats): what a value follows beyond its byte limit.',
    "import type { ErrorCode } from './constants.js';",
    "import { utf8Length, WireError } from '@felix/wire/codec-support';\n",
  ];
  for (const f of formats) out.push(formatCode(spec, f));
  out.push(
    `${doc('The error code of a value that fails a format pattern, by the pattern (JSON Schema errors name only it).')}export const FORMAT_PATTERN_ERRORS: ReadonlyMap<string, ErrorCode> = new Map<string, ErrorCode>([${formats
      .map((f) => `[${formatIdentifiers(f).pattern}, ${q(f.error)}]`)
      .join(', ')}]);`,
  );
  return `${out.join('\n')}\n`;
}

export const formatsTarget: Target = {
  name: 'formats',
  // generated/src belongs to the typescript target, which leaves files other targets write.
  owns: [],
  generate: (spec): GeneratedFile[] => [{ path: FORMATS_FILE, contents: formatsFile(spec) }],
};
