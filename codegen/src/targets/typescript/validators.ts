// generated/src/validators.js: standalone ajv validators, one per JSON message.
import type { Spec } from '@felix/spec';
import { _, Ajv, type KeywordCxt } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import {
  BASE64_KEYWORD,
  EXACT_KEYWORD,
  FELIX_KEYWORDS,
  INTEGER_KEYWORD,
  MAX_BYTES_KEYWORD,
  messageSchema,
  RANGE_KEYWORD,
  withBase64Keyword,
  withExactIntegers,
} from '../../json-schema.js';
import { type GeneratedFile, notice } from '../../target.js';
import { q } from './names.js';

/** Where the validators find the wire runtime's checks: a package export, imported by name. */
const WIRE_SUPPORT = '@felix/wire/codec-support';

/** ajv's "esm" output still require()s its runtime helpers; turn those into imports. */
function esmOnly(code: string): string {
  const imports: string[] = [];
  const body = code
    .replace(/const (\w+) = require\("([^"]+)"\)\.default;/g, (_, name: string, mod: string) => {
      imports.push(`import ${name}Module from ${q(`${mod}.js`)};`);
      return `const ${name} = ${name}Module.default ?? ${name}Module;`;
    })
    .replace(/const (\w+) = require\("([^"]+)"\)\.(\w+);/g, (_, name: string, mod: string, member: string) => {
      imports.push(`import { ${member} as ${name} } from ${q(mod)};`);
      return '';
    });
  if (/\brequire\(/.test(body)) throw new Error('standalone validators still call require()');
  return `${imports.join('\n')}\n${body.replace(/^"use strict";\n/, '')}`;
}

/** ajv wants a function behind the keyword's code; only the standalone module's import is ever run. */
function refusesInProcess(): never {
  throw new Error('the base64 keyword runs only in the generated standalone validators');
}

export function validatorsFiles(spec: Spec): GeneratedFile[] {
  const ajv = new Ajv({
    code: { source: true, esm: true, lines: true },
    allErrors: false,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    // The spec's patterns are ASCII-only; a non-unicode RegExp matches them the same, faster.
    unicodeRegExp: false,
  });
  ajv.addVocabulary(FELIX_KEYWORDS.filter((k) => k !== MAX_BYTES_KEYWORD));
  // The byte limit is checked inside the validator, in field order with every other check,
  // so the first problem reported is the same one the spec-walking interpreter finds.
  ajv.addKeyword({
    keyword: MAX_BYTES_KEYWORD,
    type: 'string',
    schemaType: 'number',
    before: 'pattern',
    code(cxt: KeywordCxt) {
      const { data, schema } = cxt;
      cxt.fail(_`${data}.length * 3 > ${schema} && new TextEncoder().encode(${data}).length > ${schema}`);
    },
  });
  // Base64 is checked in one pass by the wire runtime's isStrictBase64, in field order with every
  // other check; a failure reads as the pattern's did (invalid_base64 at the field).
  ajv.addKeyword({
    keyword: BASE64_KEYWORD,
    type: 'string',
    schemaType: 'boolean',
    error: { message: 'must be padded standard base64' },
    code(cxt: KeywordCxt) {
      const isStrictBase64 = cxt.gen.scopeValue('func', {
        ref: refusesInProcess,
        code: _`require(${WIRE_SUPPORT}).isStrictBase64`,
      });
      cxt.fail(_`!${isStrictBase64}(${cxt.data})`);
    },
  });
  // Integers come as numbers, or as bigints where the decoder read a u64 above 2^53-1 exactly;
  // three keywords, in this order, in the order ajv's integer, maximum checks ran before.
  ajv.addKeyword({
    keyword: INTEGER_KEYWORD,
    schemaType: 'string',
    error: { message: 'must be integer' },
    code(cxt: KeywordCxt) {
      const { data } = cxt;
      const orNull = cxt.schema === 'integer_or_null' ? _` || ${data} === null` : _``;
      cxt.fail(_`!(typeof ${data} === "number" ? Number.isInteger(${data}) : typeof ${data} === "bigint"${orNull})`);
    },
  });
  ajv.addKeyword({
    keyword: EXACT_KEYWORD,
    schemaType: 'boolean',
    error: { message: 'must be exact: above 2^53-1, write it as a plain integer' },
    code(cxt: KeywordCxt) {
      const { data } = cxt;
      cxt.fail(_`typeof ${data} === "number" && ${data} > 9007199254740991`);
    },
  });
  ajv.addKeyword({
    keyword: RANGE_KEYWORD,
    schemaType: ['number', 'string'],
    error: { message: 'is out of range' },
    code(cxt: KeywordCxt) {
      const { data } = cxt;
      if (cxt.schema === 'u64') {
        // A number here passed the exact check, so is at most 2^53-1; only a bigint can be too large.
        cxt.fail(_`typeof ${data} === "bigint" ? ${data} < 0n || ${data} > 18446744073709551615n : ${data} < 0`);
      } else {
        // A bigint compares with a number exactly (and is always above a u16 or u32 here).
        cxt.fail(_`${data} !== null && (${data} < 0 || ${data} > ${cxt.schema as number})`);
      }
    },
  });
  const exports: Record<string, string> = {};
  for (const m of spec.messages) {
    const schema = withExactIntegers(withBase64Keyword(messageSchema(spec, m, 'validator'))) as Record<string, unknown>;
    ajv.addSchema(schema);
    exports[m.name] = schema.$id as string;
  }
  // The CommonJS module's default export sits one level down under NodeNext interop.
  type Standalone = (ajv: Ajv, refs: Record<string, string>) => string;
  const mod = standaloneModule as unknown as Standalone & { default?: Standalone };
  const standaloneCode = mod.default ?? mod;
  const code = esmOnly(standaloneCode(ajv, exports));
  const dts = [notice('//'), "import type { SchemaError } from '@felix/wire/codec-support';\n"];
  dts.push('export interface Validator {\n  (data: unknown): boolean;\n  errors?: SchemaError[] | null;\n}\n');
  for (const m of spec.messages) dts.push(`export declare const ${m.name}: Validator;`);
  return [
    { path: `generated/src/validators.js`, contents: `${notice('//')}${code}\n` },
    { path: `generated/src/validators.d.ts`, contents: `${dts.join('\n')}\n` },
  ];
}
