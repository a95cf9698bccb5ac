// Reads, checks and writes the frame header. Everything the header can get wrong is caught here,
// before a receiver commits to buffering the payload. Field positions, magic, version and flag
// rules come from the spec (./generated/protocol.ts); this module is their only reader and writer.
import {
  ALLOWED_FLAGS,
  DEFAULT_MAX_FRAME_PAYLOAD,
  HEADER_OFFSETS,
  HEADER_SIZE,
  KNOWN_FLAGS_MASK,
  MAGIC,
  WIRE_VERSION,
} from './generated/protocol.js';
import { WireError } from './wire-error.js';

export interface FrameHeader {
  flags: number;
  length: number;
}

const hex = (n: number, digits: number) => `0x${n.toString(16).padStart(digits, '0')}`;

/** Parses the header at `at` in `bytes` (which must hold a whole header from there). */
export function readHeader(bytes: Uint8Array, at = 0, maxPayload = DEFAULT_MAX_FRAME_PAYLOAD): FrameHeader {
  if (bytes.length - at < HEADER_SIZE) {
    throw new WireError('short_header', 'frame', 0, `${bytes.length - at} bytes, a header needs ${HEADER_SIZE}`);
  }
  const b = bytes;
  const u16 = (i: number) => (b[at + i] << 8) | b[at + i + 1];
  const u32 = (i: number) => ((b[at + i] << 24) | (b[at + i + 1] << 16) | (b[at + i + 2] << 8) | b[at + i + 3]) >>> 0;
  const magic = u32(HEADER_OFFSETS.magic);
  if (magic !== MAGIC)
    throw new WireError(
      'bad_magic',
      'frame.magic',
      HEADER_OFFSETS.magic,
      `expected ${hex(MAGIC, 8)}, got ${hex(magic, 8)}`,
    );
  const version = u16(HEADER_OFFSETS.version);
  if (version !== WIRE_VERSION) {
    throw new WireError(
      'unsupported_version',
      'frame.version',
      HEADER_OFFSETS.version,
      `expected ${WIRE_VERSION}, got ${version}`,
    );
  }
  const flags = u16(HEADER_OFFSETS.flags);
  if ((flags & ~KNOWN_FLAGS_MASK) !== 0) {
    throw new WireError(
      'unknown_flags',
      'frame.flags',
      HEADER_OFFSETS.flags,
      `unknown bit(s) ${hex(flags & ~KNOWN_FLAGS_MASK, 4)}`,
    );
  }
  if (flags !== 0 && !ALLOWED_FLAGS.has(flags)) {
    throw new WireError(
      'invalid_flags',
      'frame.flags',
      HEADER_OFFSETS.flags,
      `${hex(flags, 4)} is not a defined combination`,
    );
  }
  const length = u32(HEADER_OFFSETS.length);
  if (length > maxPayload) {
    throw new WireError(
      'frame_too_large',
      'frame.length',
      HEADER_OFFSETS.length,
      `${length} payload bytes, limit ${maxPayload}`,
    );
  }
  return { flags, length };
}

function putU16(b: Uint8Array, at: number, v: number): void {
  b[at] = (v >>> 8) & 0xff;
  b[at + 1] = v & 0xff;
}

function putU32(b: Uint8Array, at: number, v: number): void {
  b[at] = (v >>> 24) & 0xff;
  b[at + 1] = (v >>> 16) & 0xff;
  b[at + 2] = (v >>> 8) & 0xff;
  b[at + 3] = v & 0xff;
}

/**
 * Writes a header with the spec's magic and version at `at` in `target` and returns the offset
 * just after it. Flags and length are written as given (masked to their field width), so a
 * fuzzer can write a lying length or an undefined flag; encoders pass correct values.
 */
export function writeHeader(target: Uint8Array, at: number, flags: number, length: number): number {
  putU32(target, at + HEADER_OFFSETS.magic, MAGIC);
  putU16(target, at + HEADER_OFFSETS.version, WIRE_VERSION);
  putU16(target, at + HEADER_OFFSETS.flags, flags);
  putU32(target, at + HEADER_OFFSETS.length, length);
  return at + HEADER_SIZE;
}

/** A whole frame: a header for `flags` declaring `length` (by default the payload's), then the payload. */
export function frameBytes(flags: number, payload: Uint8Array, length = payload.length): Uint8Array {
  const out = new Uint8Array(HEADER_SIZE + payload.length);
  out.set(payload, writeHeader(out, 0, flags, length));
  return out;
}
