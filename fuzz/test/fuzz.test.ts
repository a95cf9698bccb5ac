import { DEFAULT_MAX_FRAME_PAYLOAD, encodeFrame, frameBytes, HEADER_SIZE, type MessageType } from '@felix/generated';
import { loadSpec } from '@felix/spec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { limitFrames } from '../src/at-limit.js';
import { shrink } from '../src/failures.js';
import { arbitraries } from '../src/generated/arbitraries.js';
import { Mutator } from '../src/mutators.js';
import { judge } from '../src/oracle.js';
import { SPEC_DIR } from '../src/paths.js';
import { Rng } from '../src/rng.js';
import { loadSeeds } from '../src/seeds.js';
import { roundtrip } from '../src/targets/roundtrip.js';

const spec = loadSpec(SPEC_DIR);

describe('generated arbitraries', () => {
  it('cover every message and layout of the spec', () => {
    expect(Object.keys(arbitraries).sort()).toEqual(
      [...spec.messages.map((m) => m.name), ...spec.layouts.map((l) => l.name)].sort(),
    );
  });

  it.each(Object.keys(arbitraries) as MessageType[])('make only values every codec round-trips (%s)', (type) => {
    for (const m of fc.sample(arbitraries[type] as fc.Arbitrary<never>, { seed: 5, numRuns: 150 })) {
      expect(roundtrip({ spec }, m)).toBeUndefined();
    }
  });

  it('give JSON u64 as the decoder does (numbers to 2^53−1, bigints above) and reach the full u64 range', () => {
    const json = fc.sample(arbitraries.subscribed, { seed: 1, numRuns: 2000 }).map((m) => m.subscription_id);
    expect(json.every((n) => (typeof n === 'number' ? Number.isSafeInteger(n) : n > Number.MAX_SAFE_INTEGER))).toBe(
      true,
    );
    expect(json).toContain(Number.MAX_SAFE_INTEGER);
    expect(json).toContain(2n ** 64n - 1n);
    const binary = fc.sample(arbitraries.binary_publish_ack, { seed: 1, numRuns: 2000 }).map((m) => m.request_id);
    expect(binary.some((n) => n === 2n ** 64n - 1n)).toBe(true);
  });

  it('set modifier-guarded fields together or not at all', () => {
    const batches = fc.sample(arbitraries.binary_publish_batch, { seed: 2, numRuns: 300 });
    for (const b of batches) expect(b.request_id === undefined).toBe(b.ack_mode === undefined);
    expect(batches.some((b) => b.request_id !== undefined)).toBe(true);
    expect(batches.some((b) => b.request_id === undefined)).toBe(true);
  });
});

describe('mutation oracle', () => {
  it('finds the three decoders in agreement on mutated frames', () => {
    const mutator = new Mutator(spec, new Rng(12), loadSeeds(12, 200));
    for (let i = 0; i < 600; i++) {
      const f = mutator.next();
      const v = judge(spec, f);
      expect(v.ok, `${v.signature}\n${Buffer.from(f).toString('hex').slice(0, 200)}`).toBe(true);
    }
  });

  it('finds them in agreement on 50,000-deep JSON values in every member position', () => {
    const encoder = new TextEncoder();
    const depth = 50_000;
    for (const deep of ['['.repeat(depth) + ']'.repeat(depth), `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`]) {
      for (const member of ['x1', 'payload', 'type', 'tenant_id', 'request_id', 'ack']) {
        const text = `{"type":"publish","tenant_id":"t","namespace":"n","stream":"s","payload":"","${member}":${deep}}`;
        const v = judge(spec, frameBytes(0, encoder.encode(text)));
        expect(v.ok, `${member}: ${v.signature}`).toBe(true);
      }
      const nested = `{"type":"subscribe","tenant_id":"t","namespace":"n","stream":"s","subscription_id":1,"start":{"offset":${deep}}}`;
      expect(judge(spec, frameBytes(0, encoder.encode(nested))).ok).toBe(true);
    }
  });

  it('finds them in agreement on every byte field at the frame limit, with the outcome its variant must give', () => {
    const frames = limitFrames(spec, new Rng(3), loadSeeds(3, 0));
    const byteFields = spec.messages.flatMap((m) =>
      m.fields.filter((f) => f.type === 'bytes' || f.items === 'bytes').map((f) => `${m.name}.${f.name}`),
    );
    expect(frames.map((f) => f.what.split(' ')[0])).toEqual(byteFields);
    for (const { frame, what, expect: outcome } of frames) {
      const over = what.endsWith('over_limit') ? 1 : 0;
      expect(frame.length - HEADER_SIZE, what).toBe(DEFAULT_MAX_FRAME_PAYLOAD + over);
      const v = judge(spec, frame);
      expect(v.ok, `${what}: ${v.signature}`).toBe(true);
      const got = 'value' in v.reference ? 'value' : 'error' in v.reference ? v.reference.error : 'crash';
      if (outcome) expect(got, what).toBe(outcome);
    }
  });

  it('reports a disagreement, and shrinks it while it persists', () => {
    const frame = encodeFrame({
      type: 'publish',
      tenant_id: 't1',
      namespace: 'n',
      stream: 's',
      payload: new Uint8Array(40),
    });
    // A stand-in bug: "fails" while the payload still holds the byte 0x22 (a quote).
    const small = shrink(frame, (f) => f.subarray(12).includes(0x22));
    expect(small.length).toBeLessThan(frame.length);
    expect(small.subarray(12)).toEqual(new Uint8Array([0x22]));
    expect(new DataView(small.buffer).getUint32(8)).toBe(1);
  });
});
