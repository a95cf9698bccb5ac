// What generated message codecs call: bounds-checked readers and writers and the per-field
// checks. Not meant for application code, which uses the generated package's API.
export { type SchemaError, wireErrorFromSchema } from './ajv-errors.js';
export { decodeBase64, decodeCheckedBase64List, encodeBase64, isStrictBase64 } from './base64.js';
export * from './binary-helpers.js';
export { ByteReader } from './byte-reader.js';
export { ByteWriter } from './byte-writer.js';
export * from './json-helpers.js';
export { utf8Length } from './utf8.js';
export { WireError } from './wire-error.js';
