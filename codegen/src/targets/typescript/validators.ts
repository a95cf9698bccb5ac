// generated/src/validators.js: standalone ajv validators, one per JSON message.
import type { Spec } from '@felix/spec';
import { _, Ajv, type KeywordCxt } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { FELIX_KEYWORDS, MAX_BYTES_KEYWORD, messageSchema } from '../../json-schema.js';
import { type GeneratedFile, notice } from '../../target.js';
import { q } from './names.js';

/** ajv's "esm" output still require()s its runtime helpers; turn those into imports. */
function esmOnly(code: string): string {
  const imports: string[] = [];
  const body = code.replace(/const (\w+) = require\("([^"]+)"\)\.default;/g, (_, name: string, mod: string) => {
    imports.push(`import ${name}Module from ${q(`${mod}.js`)};`);
    return `const ${name} = ${name}Module.default ?? ${name}Module;`;
  });
  if (/\brequire\(/.test(body)) throw new Error('standalone validators still call require()');
  return `${imports.join('\n')}\n${body.replace(/^"use strict";\n/, '')}`;
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
    code(cxt: KeywordCxt) {
      const { data, schema } = cxt;
      cxt.fail(_`${data}.length * 3 > ${schema} && new TextEncoder().encode(${data}).length > ${schema}`);
    },
  });
  const exports: Record<string, string> = {};
  for (const m of spec.messages) {
    const schema = messageSchema(spec, m, 'validator');
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
