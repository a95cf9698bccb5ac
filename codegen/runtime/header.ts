// Reads and checks a frame header. Everything the header can get wrong is caught here, before
// a receiver commits to buffering the payload.
import {
  ALLOWED_FLAGS,
  DEFAULT_MAX_FRAME_PAYLOAD,
  HEADER_SIZE,
  KNOWN_FLAGS_MASK,
  MAGIC,
  WIRE_VERSION,
} from '../constants.js';
import { WireError } from './wire-error.js';

export interface FrameHeader {
  flags: number;
  length: number;
}

const hex = (n: number, digits: number) => `0x${n.toString(16).padStart(digits, '0')}`;

/** Parses the header at `at` in `bytes` (which must hold 12 bytes from there). */
export function readHeader(bytes: Uint8Array, at = 0, maxPayload = DEFAULT_MAX_FRAME_PAYLOAD): FrameHeader {
  if (bytes.length - at < HEADER_SIZE) {
    throw new WireError('short_header', 'frame', 0, `${bytes.length - at} bytes, a header needs ${HEADER_SIZE}`);
  }
  const b = bytes;
  const u16 = (i: number) => (b[at + i] << 8) | b[at + i + 1];
  const u32 = (i: number) => ((b[at + i] << 24) | (b[at + i + 1] << 16) | (b[at + i + 2] << 8) | b[at + i + 3]) >>> 0;
  const magic = u32(0);
  if (magic !== MAGIC)
    throw new WireError('bad_magic', 'frame.magic', 0, `expected ${hex(MAGIC, 8)}, got ${hex(magic, 8)}`);
  const version = u16(4);
  if (version !== WIRE_VERSION) {
    throw new WireError('unsupported_version', 'frame.version', 4, `expected ${WIRE_VERSION}, got ${version}`);
  }
  const flags = u16(6);
  if ((flags & ~KNOWN_FLAGS_MASK) !== 0) {
    throw new WireError('unknown_flags', 'frame.flags', 6, `unknown bit(s) ${hex(flags & ~KNOWN_FLAGS_MASK, 4)}`);
  }
  if (flags !== 0 && !ALLOWED_FLAGS.has(flags)) {
    throw new WireError('invalid_flags', 'frame.flags', 6, `${hex(flags, 4)} is not a defined combination`);
  }
  const length = u32(8);
  if (length > maxPayload) {
    throw new WireError('frame_too_large', 'frame.length', 8, `${length} payload bytes, limit ${maxPayload}`);
  }
  return { flags, length };
}
