import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSpec } from '@felix/spec';
import { formatProblem, InterpreterError, interpretEncode, interpretFrame } from '@felix/spec/interpreter';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BinaryPublishBatch,
  decodeFrame,
  encodeBinaryCachePutHead,
  encodeBinaryCacheValueHead,
  encodeFrame,
  FLAGS,
  FrameReader,
  HEADER_SIZE,
  isValidName,
  isWireError,
  LIMITS,
  nameProblem,
  type Publish,
  WireError,
} from '../src/index.js';

const spec = loadSpec();
const vectorsDir = fileURLToPath(new URL('../../conformance/vectors/', import.meta.url));
// Those at the frame limit are written as long hex (conformance/README.md); the tests below
// want small frames, and 'JSON at the frame limit' builds its own.
const vectors = readdirSync(vectorsDir)
  .map((f) => JSON.parse(readFileSync(join(vectorsDir, f), 'utf8')))
  .filter((v) => typeof v.frame_hex === 'string');
const frames = vectors.map((v) => new Uint8Array(Buffer.from(v.frame_hex, 'hex')));

const publish: Publish = { type: 'publish', tenant_id: 't1', namespace: 'default', stream: 'demo', payload: new Uint8Array([1, 2, 3]) };

function wireErrorOf(fn: () => unknown): WireError {
  try {
    fn();
  } catch (err) {
    if (isWireError(err)) return err;
    throw err;
  }
  throw new Error('no error');
}

function jsonFrameOf(text: string): Uint8Array {
  const body = new TextEncoder().encode(text);
  const frame = new Uint8Array(HEADER_SIZE + body.length);
  const view = new DataView(frame.buffer);
  view.setUint32(0, 0x464c5831);
  view.setUint16(4, 1);
  view.setUint32(8, body.length);
  frame.set(body, HEADER_SIZE);
  return frame;
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isWireError(err)) return err.code;
    throw err;
  }
  return 'no error';
}

describe('FrameReader', () => {
  const stream = Buffer.concat(frames.slice(0, 40).filter((_, i) => 'value' in vectors[i].expect));

  it('yields the same frames whether bytes arrive at once or one by one', () => {
    const whole = new FrameReader();
    whole.push(stream);
    const a = [...whole.frames()];
    const split = new FrameReader();
    const b = [];
    for (const byte of stream) {
      split.push(new Uint8Array([byte]));
      b.push(...split.frames());
    }
    expect(b.length).toBe(a.length);
    expect(b.map((f) => Buffer.from(f.payload).toString('hex'))).toEqual(a.map((f) => Buffer.from(f.payload).toString('hex')));
    expect(split.buffered).toBe(0);
  });

  it('returns a view, not a copy, for a frame inside one chunk', () => {
    const reader = new FrameReader();
    const frame = encodeFrame(publish);
    reader.push(frame);
    const out = reader.next()!;
    expect(out.payload.buffer).toBe(frame.buffer);
    expect(out.payload.byteOffset).toBe(12);
  });

  it('refuses an oversize frame from its header alone, before buffering its payload', () => {
    const reader = new FrameReader({ maxPayload: 1024 });
    const header = new Uint8Array(12);
    new DataView(header.buffer).setUint32(0, 0x464c5831);
    new DataView(header.buffer).setUint16(4, 1);
    new DataView(header.buffer).setUint32(8, 1025);
    reader.push(header);
    expect(() => reader.next()).toThrowError(/frame.length at offset 8: 1025 payload bytes, limit 1024/);
    expect(reader.buffered).toBe(0);
    expect(() => reader.next()).toThrow(WireError);
  });

  it('waits for more bytes on a partial header or payload', () => {
    const reader = new FrameReader();
    const frame = encodeFrame(publish);
    reader.push(frame.subarray(0, 5));
    expect(reader.next()).toBeUndefined();
    reader.push(frame.subarray(5, 20));
    expect(reader.next()).toBeUndefined();
    reader.push(frame.subarray(20));
    expect(reader.next()?.flags).toBe(0);
  });
});

describe('u64 policy', () => {
  it('round-trips u64 max exactly in binary layouts, as a bigint', () => {
    const ack = { type: 'binary_publish_ack', status: 'ok', request_id: 2n ** 64n - 1n, message: '' } as const;
    const back = decodeFrame(encodeFrame(ack));
    expect(back).toEqual(ack);
  });

  it('refuses a JSON u64 number above 2^53-1 when encoding (it may be rounded), not a bigint', () => {
    expect(codeOf(() => encodeFrame({ ...publish, request_id: 2 ** 53 }))).toBe('unsafe_integer');
    expect(codeOf(() => encodeFrame({ ...publish, request_id: Number.MAX_SAFE_INTEGER }))).toBe('no error');
    expect(codeOf(() => encodeFrame({ ...publish, request_id: 2n ** 64n - 1n }))).toBe('no error');
    expect(codeOf(() => encodeFrame({ ...publish, request_id: 2n ** 64n }))).toBe('out_of_range');
    expect(codeOf(() => encodeFrame({ ...publish, request_id: -1n }))).toBe('out_of_range');
  });

  it('round-trips JSON u64 exactly: a number to 2^53-1, a bigint above, the digits on the wire', () => {
    for (const request_id of [0, Number.MAX_SAFE_INTEGER, 2n ** 53n, 2n ** 64n - 1n]) {
      const frame = encodeFrame({ type: 'publish_ok', request_id });
      expect(new TextDecoder().decode(frame.subarray(HEADER_SIZE))).toBe(`{"type":"publish_ok","request_id":${request_id}}`);
      expect(decodeFrame(frame)).toEqual({ type: 'publish_ok', request_id });
    }
    // A bigint at or below 2^53-1 is written the same and read back as the number it equals.
    expect(decodeFrame(encodeFrame({ type: 'publish_ok', request_id: 7n }))).toEqual({ type: 'publish_ok', request_id: 7 });
  });

  it('keeps the exact request_id of a JSON frame refused for another field', () => {
    const text = '{"type":"cache_get","tenant_id":"t1","namespace":"n","cache":"c","key":7,"request_id":18446744073709551615}';
    const err = wireErrorOf(() => decodeFrame(jsonFrameOf(text)));
    expect(err.code).toBe('wrong_type');
    expect(err.requestId).toBe(2n ** 64n - 1n);
    // An id beyond u64 could not be echoed: it is not kept.
    const beyond = wireErrorOf(() => decodeFrame(jsonFrameOf(text.replace('551615', '551616'))));
    expect([beyond.code, beyond.requestId]).toEqual(['wrong_type', undefined]);
  });

  it('reads deep and odd JSON the way JSON.parse does when it reads a large integer exactly', () => {
    const nested = `${'['.repeat(20000)}${']'.repeat(20000)}`;
    const text = `{"type":"publish_ok","request_id":18446744073709551615,"x":${nested},"__proto__":{"a":1},"s":"\\\"9007199254740993"}`;
    expect(decodeFrame(jsonFrameOf(text))).toEqual({ type: 'publish_ok', request_id: 2n ** 64n - 1n });
  });
});

describe('decoding', () => {
  it('decodes binary payloads as views into the frame (no copy)', () => {
    const batch: BinaryPublishBatch = {
      type: 'binary_publish_batch',
      tenant_id: 't1',
      namespace: 'ns',
      stream: 's',
      payloads: [new Uint8Array(64).fill(7), new Uint8Array(1024).fill(9)],
    };
    const frame = encodeFrame(batch);
    const back = decodeFrame(frame) as BinaryPublishBatch;
    expect(back.payloads.at(1)!.buffer).toBe(frame.buffer);
    expect(back.payloads.at(1)).toEqual(batch.payloads.at(1));
    expect([...back.payloads]).toEqual(batch.payloads);
  });

  it('carries the request_id of an acked batch whose body is malformed', () => {
    const frame = encodeFrame({
      type: 'binary_publish_batch',
      request_id: 77n,
      ack_mode: 'per_batch',
      tenant_id: 'ab',
      namespace: 'ns',
      stream: 's',
      payloads: [],
    });
    frame[12 + 9 + 2] = 0xff; // first byte of tenant_id: not UTF-8
    const err = (() => {
      try {
        decodeFrame(frame);
      } catch (e) {
        return e as WireError;
      }
    })()!;
    expect(err.code).toBe('invalid_utf8');
    expect(err.field).toBe('binary_publish_batch.tenant_id');
    expect(err.offset).toBe(12 + 9 + 2);
    expect(err.requestId).toBe(77n);
  });

  it('carries the request_id of a JSON request whose fields are bad', () => {
    const text = '{"type":"publish","tenant_id":"t","namespace":"n","stream":"s","payload":"%%%","request_id":5}';
    const body = new TextEncoder().encode(text);
    const frame = new Uint8Array(12 + body.length);
    frame.set(encodeFrame({ type: 'ok' }).subarray(0, 8));
    new DataView(frame.buffer).setUint32(8, body.length);
    frame.set(body, 12);
    try {
      decodeFrame(frame);
      expect.unreachable();
    } catch (e) {
      expect((e as WireError).code).toBe('invalid_base64');
      expect((e as WireError).field).toBe('publish.payload');
      expect((e as WireError).requestId).toBe(5);
    }
  });

  it('refuses encoding values the spec forbids, with the code a decoder would give', () => {
    expect(codeOf(() => encodeFrame({ ...publish, tenant_id: 'x'.repeat(LIMITS.name_max_bytes + 1) }))).toBe('string_too_long');
    expect(codeOf(() => encodeFrame({ type: 'auth', tenant_id: 't', token: 'k', client_flags: 70000 }))).toBe('out_of_range');
    expect(codeOf(() => encodeFrame({ ...publish, ack: 'sometimes' as never }))).toBe('invalid_enum');
    expect(
      codeOf(() => encodeFrame({ type: 'binary_publish_batch', request_id: 1n, tenant_id: 't', namespace: 'n', stream: 's', payloads: [] })),
    ).toBe('missing_field');
  });

  it('refuses a name that breaks the name format, naming the field, on decode and encode', () => {
    const json = interpretEncode(spec, { type: 'publish', tenant_id: 't1', namespace: 'a/b', stream: 's', payload: '01' });
    expect(() => decodeFrame(json)).toThrow(expect.objectContaining({ code: 'invalid_name', field: 'publish.namespace' }));
    const binary = interpretEncode(spec, {
      type: 'binary_publish_batch',
      tenant_id: 't1',
      namespace: 'ns',
      stream: '..',
      payloads: [],
    });
    // The stream's text starts after tenant_id and namespace (u16 length + bytes each) and its own length.
    const streamText = 12 + (2 + 2) + (2 + 2) + 2;
    expect(() => decodeFrame(binary)).toThrow(
      expect.objectContaining({ code: 'invalid_name', field: 'binary_publish_batch.stream', offset: streamText }),
    );
    expect(codeOf(() => encodeFrame({ ...publish, stream: 'a\nb' }))).toBe('invalid_name');
    expect(codeOf(() => encodeFrame({ type: 'binary_publish_batch', tenant_id: '.', namespace: 'n', stream: 's', payloads: [] }))).toBe(
      'invalid_name',
    );
    // The byte limit comes first, as in every decoder.
    expect(codeOf(() => encodeFrame({ ...publish, stream: `/${'x'.repeat(LIMITS.name_max_bytes)}` }))).toBe('string_too_long');
  });

  it('sets modifier flags exactly when their fields are given', () => {
    const plain = encodeFrame({ type: 'binary_shared_event_batch', payloads: [] });
    const withOffsets = encodeFrame({ type: 'binary_shared_event_batch', base_offset: 5n, payloads: [] });
    expect(new DataView(plain.buffer).getUint16(6)).toBe(FLAGS.BINARY_EVENT_BATCH_SHARED);
    expect(new DataView(withOffsets.buffer).getUint16(6)).toBe(FLAGS.BINARY_EVENT_BATCH_SHARED | FLAGS.EVENT_BATCH_OFFSETS);
  });

  it('writes a head that, followed by the value, is the whole frame', () => {
    const value = new Uint8Array([1, 2, 3, 4, 5]);
    const answer = { type: 'binary_cache_value', request_id: 2n ** 64n - 1n, status: 'found' } as const;
    const head = encodeBinaryCacheValueHead(answer, value.length);
    expect(Buffer.concat([head, value])).toEqual(Buffer.from(encodeFrame({ ...answer, value })));
    const put = { type: 'binary_cache_put', request_id: 3n, tenant_id: 't', namespace: 'n', cache: 'c', key: 'k', ttl_ms: 9n } as const;
    expect(Buffer.concat([encodeBinaryCachePutHead(put, value.length), value])).toEqual(
      Buffer.from(encodeFrame({ ...put, value })),
    );
    expect(() => encodeBinaryCacheValueHead(answer, -1)).toThrow(WireError);
    expect(() => encodeBinaryCacheValueHead(answer, 2 ** 32)).toThrow(WireError);
  });
});

// The generated codec and the spec-walking interpreter are independent implementations:
// on any input both must give the same value or the same error code.
function agree(frame: Uint8Array): void {
  let ours: string;
  try {
    ours = JSON.stringify(decodeFrame(frame), (_, v) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v));
    ours = 'ok';
  } catch (err) {
    if (!isWireError(err)) throw new Error(`decoder threw ${String(err)} on ${Buffer.from(frame).toString('hex')}`);
    ours = err.code;
  }
  let theirs: string;
  try {
    interpretFrame(spec, frame);
    theirs = 'ok';
  } catch (err) {
    if (!(err instanceof InterpreterError)) throw err;
    theirs = err.code;
  }
  expect(ours, Buffer.from(frame).toString('hex').slice(0, 200)).toBe(theirs);
}

describe('the name format', () => {
  it('accepts names close to what it refuses and says why it refuses the rest', () => {
    for (const name of ['t1', '.a', 'a..b', 'x.', 'Grüße 東京 🚀', '\ufeffbom', 'x'.repeat(255), 'é'.repeat(127)]) {
      expect([name, nameProblem(name)]).toEqual([name, undefined]);
      expect(isValidName(name)).toBe(true);
    }
    const refused: [string, RegExp][] = [
      ['', /^is empty$/],
      ['.', /nothing but "\."/],
      ['...', /nothing but "\."/],
      ['a/b', /U\+002F/],
      ['a\tb', /U\+0009, a C0 control character/],
      ['\u007f', /U\+007F/],
      ['a\u0085', /U\+0085/],
      ['é'.repeat(128), /over 255 UTF-8 bytes/],
    ];
    for (const [name, why] of refused) {
      expect(nameProblem(name)).toMatch(why);
      expect(isValidName(name)).toBe(false);
    }
    expect(isValidName(42)).toBe(false);
  });

  it('agrees with the interpreter, which checks the declared code point ranges without a regex', () => {
    const format = spec.formats.name;
    const unit = fc.constantFrom('.', '/', 'a', '\u0000', '\u001f', ' ', '\u007f', '\u009f', '\u00a0', 'é', '😀');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 6 }), (s) => {
        expect(isValidName(s)).toBe(formatProblem(format, s) === undefined);
      }),
      { seed: 11, numRuns: 2000 },
    );
  });
});

describe('robustness', () => {
  it('throws only WireError on random bytes, agreeing with the interpreter', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => agree(bytes)), { numRuns: 2000, seed: 42 });
  });

  it('agrees with the interpreter on mutated vectors (bit flips, cuts, spliced headers)', () => {
    const mutation = fc.record({
      frame: fc.constantFrom(...frames.filter((f) => f.length < 4096)),
      flips: fc.array(fc.record({ at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }), { maxLength: 3 }),
      cut: fc.option(fc.nat()),
      fixLength: fc.boolean(),
    });
    fc.assert(
      fc.property(mutation, ({ frame, flips, cut, fixLength }) => {
        let b = frame.slice();
        for (const f of flips) b[f.at % b.length] ^= 1 << f.bit;
        if (cut !== null) b = b.slice(0, cut % (b.length + 1));
        if (fixLength && b.length >= 12) new DataView(b.buffer).setUint32(8, b.length - 12);
        agree(b);
      }),
      { numRuns: 5000, seed: 7 },
    );
  });
});
