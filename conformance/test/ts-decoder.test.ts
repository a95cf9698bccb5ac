import { loadSpec } from '@felix/spec';
import { describe, expect, it } from 'vitest';
import { decodeWithTs } from '../src/decoders/ts.js';
import { ENCODE_COLUMN, perFrame, runConformance } from '../src/run.js';
import { loadOurVectors, loadUpstreamVectors } from '../src/vectors.js';

const spec = loadSpec();
const upstream = loadUpstreamVectors(spec);
const ours = loadOurVectors();

describe('vector set', () => {
  it('has all 13 upstream vectors and at least 150 of ours, 40 of them negative', () => {
    expect(upstream).toHaveLength(13);
    expect(ours.length).toBeGreaterThanOrEqual(150);
    expect(ours.filter((v) => 'error' in v.expect).length).toBeGreaterThanOrEqual(40);
  });

  it('covers every message type, layout and flag bit, and every codec error code', () => {
    const tags = new Set(ours.flatMap((v) => v.tags));
    for (const m of spec.messages) expect(tags, m.name).toContain(`message:${m.name}`);
    for (const l of spec.layouts) expect(tags, l.name).toContain(`layout:${l.name}`);
    const flagValues = ours.flatMap((v) => v.tags.filter((t) => t.startsWith('flags:')).map((t) => Number(t.slice(6))));
    for (const f of spec.flags)
      expect(
        flagValues.some((x) => x & f.bit),
        f.name,
      ).toBe(true);
    const codes = new Set(ours.map((v) => ('error' in v.expect ? v.expect.error : '')));
    for (const c of spec.errors.codes.filter((x) => x.codec)) expect(codes, c.name).toContain(c.name);
  });

  it('holds a frame of exactly max_frame_payload for every byte field of every JSON message', () => {
    const limit = spec.limits.max_frame_payload.value;
    const atLimit = ours.filter((v) => v.tags.includes('boundary:frame_limit'));
    const byteFields = spec.messages.flatMap((m) =>
      m.fields
        .filter((f) => f.type === 'bytes' || f.items === 'bytes')
        .map((f) => `${m.name}_${f.name}_at_frame_limit`),
    );
    expect(atLimit.map((v) => v.name).sort()).toEqual(byteFields.sort());
    for (const v of atLimit) expect(v.frameHex.length / 2 - spec.frame.header_size, v.name).toBe(limit);
  });
});

describe('generated TS codec on every vector', () => {
  it('decodes each as expected and re-encodes positives byte for byte', async () => {
    const results = await runConformance(spec, [...upstream, ...ours], [perFrame('ts', decodeWithTs)]);
    const failures = results.flatMap((r) =>
      [...r.cells].filter(([, c]) => !c.ok).map(([col, c]) => `${r.vector.name} ${col}: ${c.detail}`),
    );
    expect(failures).toEqual([]);
    expect(results.filter((r) => r.cells.has(ENCODE_COLUMN)).length).toBeGreaterThan(150);
  });
});
