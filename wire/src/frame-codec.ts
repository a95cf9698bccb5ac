// Whole-frame entry points, built over the message codecs the generator writes for a spec:
// the generated package calls createFrameCodec once and exports what it returns.

import { ByteWriter } from './byte-writer.js';
import { DEFAULT_MAX_FRAME_PAYLOAD, HEADER_SIZE } from './generated/protocol.js';
import { readHeader } from './header.js';
import { parseJsonExact } from './json-exact.js';
import { type FrameLimits, type Incoming, readFramesWith } from './read-frames.js';
import { encodeUtf8 } from './utf8.js';
import { WireError } from './wire-error.js';

/** The generated message codecs a frame codec dispatches to. */
export interface MessageCodecs<Json extends { type: string }, Binary extends { type: string }> {
  decodeJsonObject(value: unknown): Json;
  encodeJsonText(message: Json): string;
  decodeBinaryPayload(flags: number, payload: Uint8Array): Binary;
  encodeBinaryFrame(message: Binary): Uint8Array;
  /** The `type` of every binary layout. */
  binaryTypes: ReadonlySet<string>;
}

export interface FrameCodec<Json extends { type: string }, Binary extends { type: string }> {
  /** Decodes the payload of a frame whose header has been checked (see readHeader/FrameReader). */
  decodePayload(flags: number, payload: Uint8Array): Json | Binary;
  /** Decodes `bytes`, which must hold exactly one frame. Throws WireError, never anything else. */
  decodeFrame(bytes: Uint8Array, maxPayload?: number): Json | Binary;
  /** Frame of a JSON message. */
  encodeJsonFrame(message: Json): Uint8Array;
  /** Encodes any message as one whole frame. Throws WireError on a value the spec forbids. */
  encodeFrame(message: Json | Binary): Uint8Array;
  /**
   * The decoded frames of a byte stream, one array per chunk that completed any (so a reader can
   * answer them with one write). A bad payload is yielded as an error and reading goes on; a bad
   * header throws after the frames before it, since the stream's boundaries are lost.
   */
  readFrames(source: AsyncIterable<Uint8Array>, limits?: FrameLimits): AsyncGenerator<Incoming<Json | Binary>[]>;
}

// ignoreBOM keeps a leading U+FEFF, which JSON.parse then refuses, as upstream's serde_json does.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function readsInexactly(err: unknown, parsed: unknown): boolean {
  if (!(err instanceof WireError)) return false;
  if (err.code === 'unsafe_integer') return true;
  if (typeof parsed !== 'object' || parsed === null) return false;
  const id = (parsed as { request_id?: unknown }).request_id;
  return typeof id === 'number' && !Number.isSafeInteger(id);
}

export function createFrameCodec<Json extends { type: string }, Binary extends { type: string }>(
  codecs: MessageCodecs<Json, Binary>,
): FrameCodec<Json, Binary> {
  function decodePayload(flags: number, payload: Uint8Array): Json | Binary {
    if (flags !== 0) return codecs.decodeBinaryPayload(flags, payload);
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
    try {
      return codecs.decodeJsonObject(parsed);
    } catch (err) {
      if (!readsInexactly(err, parsed)) throw err;
    }
    // JSON.parse rounded an integer above 2^53-1 that matters (a u64, or the request id an
    // error must echo): read the text again keeping such integers exact, as bigints.
    return codecs.decodeJsonObject(parseJsonExact(text));
  }

  function decodeFrame(bytes: Uint8Array, maxPayload = DEFAULT_MAX_FRAME_PAYLOAD): Json | Binary {
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

  function encodeJsonFrame(m: Json): Uint8Array {
    const body = encodeUtf8(codecs.encodeJsonText(m));
    const w = new ByteWriter(HEADER_SIZE + body.length);
    w.header(0, body.length);
    w.raw(body);
    return w.bytes;
  }

  function encodeFrame(m: Json | Binary): Uint8Array {
    return codecs.binaryTypes.has(m.type) ? codecs.encodeBinaryFrame(m as Binary) : encodeJsonFrame(m as Json);
  }

  return {
    decodePayload,
    decodeFrame,
    encodeJsonFrame,
    encodeFrame,
    readFrames: (source, limits) => readFramesWith(decodePayload, source, limits),
  };
}
