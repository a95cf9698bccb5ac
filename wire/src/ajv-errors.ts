// Maps the first error of a generated JSON Schema validator onto the spec's codec error codes,
// naming the field as a dotted path.

import type { ErrorCode } from './generated/protocol.js';
import { HEADER_SIZE } from './generated/protocol.js';
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
/** The keywords the generated validators check integers with (codegen's json-schema.ts). */
export const INTEGER_KEYWORD = 'x-felix-integer';
export const EXACT_KEYWORD = 'x-felix-exact';
export const RANGE_KEYWORD = 'x-felix-range';

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
    case INTEGER_KEYWORD:
      return 'wrong_type';
    case EXACT_KEYWORD:
      return 'unsafe_integer';
    case 'maximum':
    case 'minimum':
    case RANGE_KEYWORD:
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
 * Mostly a signal to read the JSON text again exactly (frame-codec.ts), so made without the
 * stack trace, which costs more than the second reading.
 */
function inexact(field: string): WireError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new WireError('unsafe_integer', field, HEADER_SIZE, 'above 2^53-1 and not read exactly');
  } finally {
    Error.stackTraceLimit = limit;
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
  if (e.keyword === EXACT_KEYWORD) return inexact(field);
  return new WireError(
    codeFor(e, patternErrors),
    field,
    HEADER_SIZE,
    missing ? 'required field is missing' : (e.message ?? e.keyword),
  );
}
