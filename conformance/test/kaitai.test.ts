import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { loadSpec } from '@felix/spec';
import { flagCombinations } from '@felix/spec/interpreter';
import { beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { decodeWithKaitaiJs, type KaitaiOutcome } from '../src/decoders/kaitai-js.js';
import { decodeWithKaitaiPython } from '../src/decoders/kaitai-python.js';
import { loadOurVectors, loadUpstreamVectors, type Vector } from '../src/vectors.js';

const spec = loadSpec();
const upstream = loadUpstreamVectors(spec);
const ours = loadOurVectors();

const fromHex = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

async function bothDecoders(frames: { name: string; frameHex: string }[]) {
  const python = await decodeWithKaitaiPython(frames);
  return frames.map((f) => ({
    name: f.name,
    js: decodeWithKaitaiJs(fromHex(f.frameHex)),
    python: python.get(f.name),
  }));
}

function expected(v: Vector): KaitaiOutcome {
  return 'error' in v.expect ? { error: v.expect.error } : { value: v.expect.value };
}

describe('the generated Kaitai Struct description', () => {
  const ksy = YAML.parse(readFileSync(new URL('../../generated/kaitai/felix_wire.ksy', import.meta.url), 'utf8'));

  it('switches the payload on every allowed flags value and admits no other', () => {
    const allowed = [0, ...flagCombinations(spec).map((c) => c.flags)].sort((a, b) => a - b);
    const cases = Object.keys(ksy.seq.find((f: any) => f.id === 'payload').type.cases).map(Number);
    expect(cases.sort((a, b) => a - b)).toEqual(allowed);
    const flags = ksy.types.header.seq.find((f: any) => f.id === 'flags');
    expect([...flags.valid['any-of']].sort((a: number, b: number) => a - b)).toEqual(allowed);
  });

  it('has a type per layout, each ending in a check that no bytes are left', () => {
    for (const l of spec.layouts) {
      const seq = ksy.types[l.name].seq;
      expect(seq.map((f: any) => f.id)).toEqual([...l.fields.map((f) => f.name), 'trailing']);
      expect(seq.at(-1)).toMatchObject({ 'size-eos': true, valid: { expr: '_.length == 0' } });
    }
  });
});

describe('upstream vectors through both Kaitai decoders', () => {
  let answers: Awaited<ReturnType<typeof bothDecoders>>;
  beforeAll(async () => {
    answers = await bothDecoders(upstream);
  });

  it('decode to what the upstream files describe', () => {
    expect(upstream).toHaveLength(13);
    for (const [i, v] of upstream.entries()) {
      expect(answers[i].js, `kaitai-js ${v.name}`).toEqual(expected(v));
      expect(answers[i].python, `kaitai-py ${v.name}`).toEqual(expected(v));
    }
  });
});

describe('negative frames', () => {
  const acked = upstream.find((v) => v.name === 'upstream/binary_publish_acked')!;
  const base = fromHex(acked.frameHex);
  const patched = (at: number, bytes: number[]) => {
    const b = base.slice();
    b.set(bytes, at);
    return b;
  };
  // request_id (8) and ack_mode (1) come first, then tenant_id's u16 length and its bytes.
  const tenantIdText = 12 + 9 + 2;
  const cases: [string, Uint8Array, string][] = [
    ['bad magic', patched(0, [0x46, 0x4c, 0x58, 0x32]), 'bad_magic'],
    ['short header', base.slice(0, 11), 'short_header'],
    ['empty input', new Uint8Array(0), 'short_header'],
    ['unsupported version', patched(4, [0, 2]), 'unsupported_version'],
    ['unknown flag bit 0x0100', patched(6, [0x01, 0x09]), 'unknown_flags'],
    ['modifier without its layout', patched(6, [0x00, 0x08]), 'invalid_flags'],
    ['length over the maximum', patched(8, [0x01, 0x00, 0x00, 0x01]), 'frame_too_large'],
    ['truncated payload', base.slice(0, -1), 'truncated'],
    ['trailing byte', new Uint8Array([...base, 0]), 'trailing_bytes'],
    ['invalid UTF-8 in tenant_id', patched(tenantIdText, [0xc3, 0x28]), 'invalid_utf8'],
    ['unknown ack_mode', patched(12 + 8, [0x7f]), 'invalid_enum'],
  ];

  it('are rejected with the spec error codes by both decoders', async () => {
    const answers = await bothDecoders(cases.map(([name, frame]) => ({ name, frameHex: toHex(frame) })));
    for (const [i, [name, , code]] of cases.entries()) {
      expect(answers[i].js, `kaitai-js: ${name}`).toEqual({ error: code });
      expect(answers[i].python, `kaitai-py: ${name}`).toEqual({ error: code });
    }
  });

  it('answer a garbage batch without crashing the Python decoder', async () => {
    const frames = Array.from({ length: 50 }, (_, i) => ({
      name: `garbage${i}`,
      frameHex: `464c5831000100${(i % 64).toString(16).padStart(2, '0')}000000${((i * 7) & 0xff).toString(16).padStart(2, '0')}${'c3'.repeat(i)}`,
    }));
    const answers = await bothDecoders(frames);
    for (const a of answers) {
      expect(a.python, a.name).toEqual(a.js);
      expect(JSON.stringify(a.js), a.name).not.toContain('internal:');
    }
  });
});

describe('binary u64 fields', () => {
  it('come back exact above 2^53 (decimal strings), not rounded', async () => {
    const payload = Buffer.from('ffffffffffffffff0000000100000001ab', 'hex');
    const header = Buffer.from([0x46, 0x4c, 0x58, 0x31, 0, 1, 0, 0x02, 0, 0, 0, payload.length]);
    const frameHex = Buffer.concat([header, payload]).toString('hex');
    const want = { value: { type: 'binary_event_batch', subscription_id: '18446744073709551615', payloads: ['ab'] } };
    const [answer] = await bothDecoders([{ name: 'u64', frameHex }]);
    expect(answer.js).toEqual(want);
    expect(answer.python).toEqual(want);
  });
});

describe('all of our vectors through both Kaitai decoders', () => {
  it('decode or reject each exactly as the vector says', async () => {
    const answers = await bothDecoders(ours);
    const failures: string[] = [];
    for (const [i, v] of ours.entries()) {
      const want = expected(v);
      if (!isDeepStrictEqual(answers[i].js, want)) failures.push(`kaitai-js ${v.name}`);
      if (!isDeepStrictEqual(answers[i].python, want)) failures.push(`kaitai-py ${v.name}`);
    }
    expect(failures).toEqual([]);
  });
});
