// JSON frames whose byte field fills the payload to exactly the frame limit: every byte field
// of every JSON message decodes, encodes and fails on bad base64 there as it does at 16 bytes
// (the schema validators once ran a base64 regex that overflowed the stack past ~5 MB).
import { loadSpec } from '@felix/spec';
import { interpretEncode } from '@felix/spec/interpreter';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_FRAME_PAYLOAD,
  decodeFrame,
  encodeFrame,
  HEADER_SIZE,
  isWireError,
  type WireError,
  type WireMessage,
} from '../src/index.js';

const spec = loadSpec();
const LIMIT = DEFAULT_MAX_FRAME_PAYLOAD;

/** [message, field, is a list of byte fields] for every byte field of every JSON message. */
const byteFields = spec.messages.flatMap((m) =>
  m.fields
    .filter((f) => f.type === 'bytes' || (f.type === 'list' && f.items === 'bytes'))
    .map((f) => [m.name, f.name, f.type === 'list'] as const),
);

/** Required fields other than the byte field, in notation; request_id where the message has one. */
function otherFields(message: string): Record<string, unknown> {
  const m = spec.messages.find((x) => x.name === message)!;
  const out: Record<string, unknown> = { type: message };
  for (const f of m.fields) {
    if (f.name === 'request_id') out[f.name] = 7;
    else if (f.presence === 'nullable') out[f.name] = null;
    else if (f.presence !== 'required') continue;
    else if (f.type === 'string') out[f.name] = 'n';
    else if (f.type === 'u16' || f.type === 'u32' || f.type === 'u64') out[f.name] = 1;
    else if (f.type === 'enum') out[f.name] = spec.enums[f.enum!].values[0].name;
  }
  return out;
}

/**
 * The notation value and frame of `message` with `field` holding as many bytes as fit in
 * `payloadBytes` of JSON (padding the first string so the text is exactly that long).
 */
function filledFrame(message: string, field: string, list: boolean, payloadBytes: number) {
  const value = otherFields(message);
  const set = (hex: string) => (value[field] = list ? [hex] : hex);
  set('');
  const fixed = interpretEncode(spec, value).length - HEADER_SIZE;
  const pad = spec.messages.find((x) => x.name === message)!.fields.find((f) => f.type === 'string')!.name;
  value[pad] = `${value[pad]}${'x'.repeat((payloadBytes - fixed) % 4)}`;
  const base64Length = payloadBytes - fixed - ((payloadBytes - fixed) % 4);
  const bytes = new Uint8Array((base64Length / 4) * 3 - 1);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + (i >> 9)) & 0xff;
  set(Buffer.from(bytes).toString('hex'));
  const frame = interpretEncode(spec, value);
  return { frame, bytes };
}

const built = new Map<string, ReturnType<typeof filledFrame>>();
/** filledFrame at exactly the limit, built once per field (the interpreter takes a while at 16 MiB). */
function atLimit(message: string, field: string, list: boolean) {
  const key = `${message}.${field}`;
  if (!built.has(key)) built.set(key, filledFrame(message, field, list, LIMIT));
  return built.get(key)!;
}

function errorOf(fn: () => unknown): WireError {
  try {
    fn();
  } catch (err) {
    if (isWireError(err)) return err;
    throw err;
  }
  throw new Error('no error');
}

/** The bytes of byte field `field` of a decoded message (the one item of a list). */
function fieldBytes(m: WireMessage, field: string): Uint8Array {
  const v = (m as unknown as Record<string, unknown>)[field];
  return (Array.isArray(v) ? v[0] : v) as Uint8Array;
}

describe('JSON at the frame limit', () => {
  it.each(byteFields)('%s.%s decodes and re-encodes at exactly the limit', (message, field, list) => {
    const { frame, bytes } = atLimit(message, field, list);
    expect(frame.length - HEADER_SIZE).toBe(LIMIT);
    const m = decodeFrame(frame);
    expect(m.type).toBe(message);
    expect(Buffer.compare(fieldBytes(m, field), bytes)).toBe(0);
    expect(Buffer.compare(encodeFrame(m), frame)).toBe(0);
  });

  it.each(byteFields)('%s.%s with bad base64 at the end of a full frame is invalid_base64', (message, field, list) => {
    const frame = atLimit(message, field, list).frame.slice();
    // The last base64 character before the padding, turned into one of the URL-safe alphabet.
    const at = Buffer.from(frame).lastIndexOf('=') - 1;
    frame[at] = '-'.charCodeAt(0);
    const err = errorOf(() => decodeFrame(frame));
    expect(err.code).toBe('invalid_base64');
    expect(err.field).toBe(list ? `${message}.${field}[0]` : `${message}.${field}`);
    expect(err.offset).toBe(HEADER_SIZE);
    if ('request_id' in otherFields(message)) expect(err.requestId).toBe(7);
  });

  it('refuses one byte over the limit from the header, as frame_too_large', () => {
    const [message, field, list] = byteFields[0];
    const { frame } = filledFrame(message, field, list, LIMIT + 1);
    expect(frame.length - HEADER_SIZE).toBe(LIMIT + 1);
    expect(errorOf(() => decodeFrame(frame)).code).toBe('frame_too_large');
    expect(decodeFrame(frame, LIMIT + 1).type).toBe(message);
  });
});
