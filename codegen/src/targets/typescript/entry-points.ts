// generated/src/frame-codec.ts and index.ts: the whole-frame API of the generated package.
import type { Spec } from '@felix/spec';
import { notice } from '../../target.js';
import { tailBytesField } from './binary-codec.js';
import { pascal } from './names.js';

export function frameCodecFile(): string {
  return `${notice('//')}// Whole-frame codec: the wire runtime's frame layer over this spec's message codecs.
import { createFrameCodec } from '@felix/wire';
import { BINARY_TYPES, decodeBinaryPayload, encodeBinaryFrame } from './binary-codec.js';
import { decodeJsonObject, encodeJsonText } from './json-codec.js';
import type { BinaryMessage, JsonMessage, WireMessage } from './types.js';
import type { FrameLimits, Incoming } from '@felix/wire';

const codec = createFrameCodec<JsonMessage, BinaryMessage>({
  decodeJsonObject,
  encodeJsonText,
  decodeBinaryPayload,
  encodeBinaryFrame,
  binaryTypes: BINARY_TYPES,
});

/** Decodes the payload of a frame whose header has been checked (see readHeader/FrameReader). */
export const decodePayload: (flags: number, payload: Uint8Array) => WireMessage = codec.decodePayload;
/** Decodes \`bytes\`, which must hold exactly one frame. Throws WireError, never anything else. */
export const decodeFrame: (bytes: Uint8Array, maxPayload?: number) => WireMessage = codec.decodeFrame;
/** Frame of a JSON message. */
export const encodeJsonFrame: (message: JsonMessage) => Uint8Array = codec.encodeJsonFrame;
/** Encodes any message as one whole frame. Throws WireError on a value the spec forbids. */
export const encodeFrame: (message: WireMessage) => Uint8Array = codec.encodeFrame;
/** One frame read off a stream: its message, or why its payload could not be decoded. */
export type IncomingFrame = Incoming<WireMessage>;
/**
 * The decoded frames of a byte stream, one array per chunk that completed any. A bad payload is
 * yielded as an error and reading goes on; a bad header throws after the frames before it.
 */
export const readFrames: (source: AsyncIterable<Uint8Array>, limits?: FrameLimits) => AsyncGenerator<IncomingFrame[]> =
  codec.readFrames;
`;
}

export function indexFile(spec: Spec): string {
  const heads = spec.layouts.filter((l) => tailBytesField(l)).map((l) => `encode${pascal(l.name)}Head`);
  return `${notice('//')}// The Felix wire codec, generated from spec/.
export * from './constants.js';
export * from './types.js';
export * from './frame-codec.js';
export * from './formats.js';
export { encodeJsonText, decodeJsonObject } from './json-codec.js';
export { encodeBinaryFrame, decodeBinaryPayload${heads.map((h) => `, ${h}`).join('')} } from './binary-codec.js';
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
`;
}
