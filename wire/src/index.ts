// @felix/wire: the framing layer of the Felix protocol (header, frame reader, the one read loop,
// errors) and the primitives generated message codecs are built on.

export { decodeBase64, encodeBase64 } from './base64.js';
export { createFrameCodec, type FrameCodec, type MessageCodecs } from './frame-codec.js';
export { FrameReader, type FrameReaderOptions, type RawFrame } from './frame-reader.js';
export * from './generated/protocol.js';
export { type FrameHeader, frameBytes, readHeader, writeHeader } from './header.js';
export { PayloadList, type Payloads } from './payload-list.js';
export { type FrameLimits, type Incoming, readFramesWith } from './read-frames.js';
export { isWireError, WireError } from './wire-error.js';
