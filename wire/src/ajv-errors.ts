// Maps the first error of a generated JSON Schema validator onto the spec's codec error codes,
// naming the field as a dotted path.

import type { ErrorCode } from './generated/protocol.js';
import { HEADER_SIZE, MAX_SAFE_JSON_INTEGER } from './generated/protocol.js';
import { WireError } from './wire-error.js';

/** The part of an ajv ErrorObject this mapping reads. */
export interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** The keyword the generated validators check a byte field's base64 with (codegen's validators.ts). */
export const BASE64_KEYWORD = 'x-felix-base64';

function fieldPath(message: string, instancePath: string, extra?: string): string {
  const parts = instancePath
    .split('/')
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p.replace(/~1/g, '/').replace(/~0/g, '~')}`));
  return `${message}${parts.join('')}${extra ? `.${extra}` : ''}`;
}

function codeFor(e: SchemaError, patternErrors: ReadonlyMap<string, ErrorCode>): ErrorCode {
  switch (e.keyword) {
    case 'required':
      return 'missing_field';
    case 'type':
      return 'wrong_type';
    case 'maximum':
      return e.params.limit === MAX_SAFE_JSON_INTEGER ? 'unsafe_integer' : 'out_of_range';
    case 'minimum':
      return 'out_of_range';
    case 'enum':
    case 'const':
      return 'invalid_enum';
    case 'pattern':
      return patternErrors.get(String(e.params.pattern)) ?? 'invalid_base64';
    case BASE64_KEYWORD:
      return 'invalid_base64';
    case 'maxItems':
      return 'too_many_items';
    case 'maxLength':
    case 'x-felix-max-bytes':
      return 'string_too_long';
    default:
      return 'wrong_type';
  }
}

/**
 * @param patternErrors the error code of each string format's pattern (the spec's formats); any
 * other failed pattern is a byte field's base64 check
 */
export function wireErrorFromSchema(
  message: string,
  errors: readonly SchemaError[] | null | undefined,
  patternErrors: ReadonlyMap<string, ErrorCode> = new Map(),
): WireError {
  const e = errors?.find((x) => x.keyword !== 'if') ?? errors?.[0];
  if (!e) return new WireError('wrong_type', message, HEADER_SIZE, 'does not match its schema');
  const missing = e.keyword === 'required' ? String(e.params.missingProperty) : undefined;
  const field = fieldPath(message, e.instancePath, missing);
  return new WireError(
    codeFor(e, patternErrors),
    field,
    HEADER_SIZE,
    missing ? 'required field is missing' : (e.message ?? e.keyword),
  );
}
