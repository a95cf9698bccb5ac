import { loadSpec } from '@felix/spec';
import { interpretStorageEncode } from '@felix/spec/interpreter';
import { beforeAll, describe, expect, it } from 'vitest';
import { runStorageConformance, type StorageResult, storageDecoders } from '../src/storage/run.js';
import { loadStorageVectors, loadUpstreamStorageVectors, type StorageVector } from '../src/storage/vectors.js';

const spec = loadSpec();
const vectors = [...loadUpstreamStorageVectors(), ...loadStorageVectors()];

describe('storage conformance', () => {
  let results: StorageResult[];
  beforeAll(async () => {
    results = await runStorageConformance(spec, vectors, storageDecoders(spec), true);
  }, 60_000);

  it("runs upstream's two golden vectors by name through every decoder and the encoders", () => {
    for (const name of ['upstream/segment_header', 'upstream/record']) {
      const row = results.find((r) => r.vector.name === name)!;
      expect([...row.cells.keys()].sort()).toEqual(['encode', 'kaitai-js', 'kaitai-py', 'ts']);
      expect(
        [...row.cells.values()].every((c) => c.ok),
        JSON.stringify([...row.cells]),
      ).toBe(true);
    }
  });

  it('passes every storage vector in every decoder', () => {
    const failures = results.flatMap((r) =>
      [...r.cells].filter(([, c]) => !c.ok).map(([column, c]) => `${r.vector.name} ${column}: ${c.detail}`),
    );
    expect(failures).toEqual([]);
    expect(results.length).toBeGreaterThan(60);
  });

  it('fails a decoder that reports the wrong field or position', async () => {
    const vector = vectors.find((v) => v.name === 'segment_offset_gap')!;
    const liar = (error: object) => ({
      name: 'liar',
      decodeAll: async (list: StorageVector[]) => new Map(list.map((v) => [v.name, { error } as never])),
    });
    for (const error of [
      { code: 'offset_out_of_order', field: 'record.timestamp_micros' },
      { code: 'offset_out_of_order', field: 'record.offset', position: 32 },
      { code: 'record_checksum' },
    ]) {
      const [row] = await runStorageConformance(spec, [vector], [liar(error)], false);
      expect(row.cells.get('liar')?.ok, JSON.stringify(error)).toBe(false);
    }
  });

  it("asks the Kaitai decoders' lazy payload checksum of every record", async () => {
    const good = interpretStorageEncode(spec, 'segment', {
      header: { base_offset: 0, created_at_micros: 0 },
      records: [{ offset: 0, timestamp_micros: 0, payload: 'aabbcc' }],
    });
    const vector: StorageVector = {
      name: 'adhoc',
      source: 'felix',
      description: 'a record whose payload byte rotted',
      tags: [],
      kind: 'segment',
      bytesHex: Buffer.from(good).toString('hex').replace(/cc$/, 'cd'),
      expect: { error: { code: 'record_checksum', field: 'record.checksum', position: 32 } },
    };
    const [row] = await runStorageConformance(spec, [vector], storageDecoders(spec), false);
    expect(
      [...row.cells.values()].every((c) => c.ok),
      JSON.stringify([...row.cells]),
    ).toBe(true);
  });
});
