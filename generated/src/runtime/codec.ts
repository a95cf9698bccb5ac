// generated — do not edit; edit spec/ and run `npm run generate`
// source: codegen/runtime/codec.ts
// Whole-frame entry points over the generated JSON and binary codecs.

import { BINARY_TYPES, decodeBinaryPayload, encodeBinaryFrame } from '../binary-codec.js';
import { DEFAULT_MAX_FRAME_PAYLOAD, HEADER_SIZE } from '../constants.js';
import { decodeJsonObject, encodeJsonText } from '../json-codec.js';
import type { BinaryMessage, JsonMessage, WireMessage } from '../types.js';
import { ByteWriter } from './byte-writer.js';
import { readHeader } from './header.js';
import { encodeUtf8 } from './utf8.js';
import { WireError } from './wire-error.js';

// ignoreBOM keeps a leading U+FEFF, which JSON.parse then refuses, as upstream's serde_json does.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes the payload of a frame whose header has been checked (see readHeader/FrameReader). */
export function decodePayload(flags: number, payload: Uint8Array): WireMessage {
  if (flags !== 0) return decodeBinaryPayload(flags, payload);
  let text: string;
  try {
    text = strictUtf8.decode(payload);
  } catch {
    throw new WireError('invalid_utf8', 'frame.payload', HEADER_SIZE, 'JSON payload is not valid UTF-8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new WireError('invalid_json', 'frame.payload', HEADER_SIZE, (err as Error).message);
  }
  return decodeJsonObject(parsed);
}

/** Decodes `bytes`, which must hold exactly one frame. Throws WireError, never anything else. */
export function decodeFrame(bytes: Uint8Array, maxPayload = DEFAULT_MAX_FRAME_PAYLOAD): WireMessage {
  const { flags, length } = readHeader(bytes, 0, maxPayload);
  const end = HEADER_SIZE + length;
  if (bytes.length < end) {
    throw new WireError(
      'truncated',
      'frame.payload',
      HEADER_SIZE,
      `declares ${length} bytes, ${bytes.length - HEADER_SIZE} present`,
    );
  }
  if (bytes.length > end)
    throw new WireError('trailing_bytes', 'frame', end, `${bytes.length - end} bytes after the frame`);
  return decodePayload(flags, bytes.subarray(HEADER_SIZE, end));
}

/** Frame of a JSON message. */
export function encodeJsonFrame(m: JsonMessage): Uint8Array {
  const body = encodeUtf8(encodeJsonText(m));
  const w = new ByteWriter(HEADER_SIZE + body.length);
  w.header(0, body.length);
  w.raw(body);
  return w.bytes;
}

/** Encodes any message as one whole frame. Throws WireError on a value the spec forbids. */
export function encodeFrame(m: WireMessage): Uint8Array {
  return BINARY_TYPES.has(m.type) ? encodeBinaryFrame(m as BinaryMessage) : encodeJsonFrame(m as JsonMessage);
}
