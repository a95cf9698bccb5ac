// generated — do not edit; edit spec/ and run `npm run generate`
// The Felix wire codec, generated from spec/.
export * from './constants.js';
export * from './types.js';
export * from './frame-codec.js';
export * from './formats.js';
export { encodeJsonText, decodeJsonObject } from './json-codec.js';
export { encodeBinaryFrame, decodeBinaryPayload, encodeBinaryCachePutHead, encodeBinaryCacheValueHead } from './binary-codec.js';
export {
  WireError,
  isWireError,
  FrameReader,
  type RawFrame,
  type FrameReaderOptions,
  type FrameLimits,
  readHeader,
  writeHeader,
  frameBytes,
  type FrameHeader,
  decodeBase64,
  encodeBase64,
  PayloadList,
  type Payloads,
} from '@felix/wire';
