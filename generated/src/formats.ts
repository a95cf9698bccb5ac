// generated — do not edit; edit spec/ and run `npm run generate`

// String formats from spec/protocol.yaml (formats): what a value follows beyond its byte limit.
import type { ErrorCode } from './constants.js';
import { utf8Length, WireError } from '@felix/wire/codec-support';

/** Tenant ids, namespaces, stream names and cache names. A name is UTF-8 text of at most name_max_bytes bytes that contains no forbidden code point and at least one code point outside not_only: "", ".", ".." and "a/b" are refused, ".a", "a..b" and "Grüße 東京" are names. Names are compared exactly, without case folding or normalisation. A decoder checks the format after the field's length and UTF-8 checks and refuses a name that breaks it with invalid_name; a broker applies the same rule to the names in its configuration file and admin API, so nothing it registers can be one a client could not send. */
export const NAME_PATTERN = "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$";
/** Most UTF-8 bytes a value of format name has (limits.name_max_bytes). */
export const NAME_MAX_BYTES = 255;
// The spec's patterns are ASCII; without the u flag the RegExp matches them the same, faster.
const NAME_REGEXP = new RegExp(NAME_PATTERN);
const NAME_FORBIDDEN: readonly (readonly [number, number, string])[] = [[0x0, 0x1f, "a C0 control character (NUL, tab and newline among them)"], [0x2f, 0x2f, "\"/\", which logs, URLs and file paths read as a separator"], [0x7f, 0x9f, "DEL or a C1 control character"]];

/** Why `value` is no valid name (byte limit included), or undefined when it is one. */
export function nameProblem(value: string): string | undefined {
  if (utf8Length(value) > NAME_MAX_BYTES) return 'is over 255 UTF-8 bytes';
  if (NAME_REGEXP.test(value)) return undefined;
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    const bad = NAME_FORBIDDEN.find(([from, to]) => cp >= from && cp <= to);
    if (bad) return `contains U+${cp.toString(16).toUpperCase().padStart(4, '0')}, ${bad[2]}`;
  }
  return value === '' ? 'is empty' : "has nothing but \".\", because \".\", \"..\" and \"...\" read as relative paths";
}

/** Whether `value` is a string that follows format name, byte limit included. */
export function isValidName(value: unknown): value is string {
  return typeof value === 'string' && NAME_REGEXP.test(value) && utf8Length(value) <= NAME_MAX_BYTES;
}

/** For the codecs: `value`, or a WireError invalid_name naming the field when it is a string within the byte limit that breaks the format. Anything else passes, for the type and limit checks to refuse with their own codes. The offset comes first so a decoder can pass its position before it reads the value. */
export function checkNameField<T>(offset: number | undefined, value: T, field: string): T {
  if (typeof value === 'string' && !NAME_REGEXP.test(value) && utf8Length(value) <= NAME_MAX_BYTES)
    throw new WireError("invalid_name", field, offset, nameProblem(value)!);
  return value;
}

/** The error code of a value that fails a format pattern, by the pattern (JSON Schema errors name only it). */
export const FORMAT_PATTERN_ERRORS: ReadonlyMap<string, ErrorCode> = new Map<string, ErrorCode>([[NAME_PATTERN, "invalid_name"]]);
