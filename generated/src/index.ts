// generated — do not edit; edit spec/ and run `npm run generate`
// The Felix wire codec, generated from spec/.
export * from './constants.js';
export * from './types.js';
export * from './runtime/codec.js';
export * from './formats.js';
export { encodeJsonText, decodeJsonObject } from './json-codec.js';
export { encodeBinaryFrame, decodeBinaryPayload } from './binary-codec.js';
export { WireError, isWireError } from './runtime/wire-error.js';
export { FrameReader, type RawFrame, type FrameReaderOptions } from './runtime/frame-reader.js';
export { readHeader, type FrameHeader } from './runtime/header.js';
export { decodeBase64, encodeBase64 } from './runtime/base64.js';
export { PayloadList, type Payloads } from './runtime/payload-list.js';
