import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeIndexFile, decodeSegmentFile } from '@felix/generated/storage';
import { describe, expect, it } from 'vitest';
import { type LogRecord, SegmentLog, StorageError } from '../src/index.js';
import { payloadOf, useScratchDirs } from './helpers.js';

const scratch = useScratchDirs();

async function readAll(log: SegmentLog, from = log.earliestOffset): Promise<LogRecord[]> {
  const out: LogRecord[] = [];
  let offset = from;
  for (;;) {
    const page = await log.read(offset, { maxRecords: 50, maxBytes: 4096 });
    if (page.records.length === 0) return out;
    out.push(...page.records);
    offset = page.nextOffset;
  }
}

describe('SegmentLog', () => {
  it('reads back what it appended, across segments and a reopen', async () => {
    const dir = scratch();
    const log = await SegmentLog.open({
      dir,
      segmentBytes: 1024,
      indexSpacingBytes: 128,
      fsync: { mode: 'on_commit' },
    });
    for (let i = 0; i < 200; i++) {
      const { firstOffset } = await log.append(payloadOf(i), { timestampMicros: 1000 + i });
      expect(firstOffset).toBe(i);
    }
    expect(log.stats().segments).toBeGreaterThan(5);
    const before = await readAll(log);
    expect(before.map((r) => r.offset)).toEqual([...Array(200).keys()]);
    expect(before.every((r, i) => Buffer.from(r.payload).equals(payloadOf(i)) && r.timestampMicros === 1000 + i)).toBe(
      true,
    );
    await log.close();

    const reopened = await SegmentLog.open({ dir, segmentBytes: 1024, indexSpacingBytes: 128 });
    expect(reopened.recovery.truncations).toEqual([]);
    expect(reopened.recovery.rebuiltIndexes).toEqual([]);
    expect(reopened.recovery.records).toBe(200);
    expect(reopened.nextOffset).toBe(200);
    expect(await readAll(reopened)).toEqual(before);
    // Reading from the middle of a segment finds the offset through the sparse index.
    expect((await reopened.read(137, { maxRecords: 3, maxBytes: 1 << 20 })).records.map((r) => r.offset)).toEqual([
      137, 138, 139,
    ]);
    expect((await reopened.append(payloadOf(200))).firstOffset).toBe(200);
    await reopened.close();
  });

  it('writes files the generated codec decodes, and index files a rebuild reproduces byte for byte', async () => {
    const dir = scratch();
    const log = await SegmentLog.open({ dir, segmentBytes: 2048, indexSpacingBytes: 200 });
    for (let i = 0; i < 100; i++) await log.append(payloadOf(i));
    await log.close();
    const names = readdirSync(dir).sort();
    const segments = names.filter((n) => n.endsWith('.log'));
    expect(names.filter((n) => n.endsWith('.index'))).toEqual(segments.map((n) => n.replace('.log', '.index')));
    let offset = 0;
    for (const name of segments) {
      const file = decodeSegmentFile(readFileSync(join(dir, name)));
      expect(file.header.base_offset).toBe(BigInt(offset));
      offset += file.records.length;
      const index = decodeIndexFile(readFileSync(join(dir, name.replace('.log', '.index'))));
      expect(index.entries[0]?.position).toBe(32n);
    }
    expect(offset).toBe(100);
    const indexBytes = names.filter((n) => n.endsWith('.index')).map((n) => readFileSync(join(dir, n)));
    // Delete every index: the open rebuilds them, identical to the ones written while appending.
    const { rmSync } = await import('node:fs');
    for (const n of names.filter((n) => n.endsWith('.index'))) rmSync(join(dir, n));
    const reopened = await SegmentLog.open({ dir, segmentBytes: 2048, indexSpacingBytes: 200 });
    expect(reopened.recovery.rebuiltIndexes.map((r) => r.reason)).toEqual(segments.map(() => 'missing'));
    await reopened.close();
    expect(names.filter((n) => n.endsWith('.index')).map((n) => readFileSync(join(dir, n)))).toEqual(indexBytes);
  });

  it('keeps offsets contiguous and in call order under concurrent appenders', async () => {
    const dir = scratch();
    const log = await SegmentLog.open({ dir, segmentBytes: 4096, fsync: { mode: 'on_commit' } });
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) => log.append(i % 7 === 0 ? [payloadOf(i), payloadOf(i + 1)] : payloadOf(i))),
    );
    let expected = 0;
    for (const [i, r] of results.entries()) {
      expect(r.firstOffset).toBe(expected);
      expect(r.lastOffset).toBe(expected + (i % 7 === 0 ? 1 : 0));
      expected = r.lastOffset + 1;
    }
    expect(log.nextOffset).toBe(expected);
    const records = await readAll(log);
    expect(records.map((r) => r.offset)).toEqual([...Array(expected).keys()]);
    await log.close();
  });

  it('never splits an append across segments, and gives an oversized record a segment of its own', async () => {
    const dir = scratch();
    const log = await SegmentLog.open({ dir, segmentBytes: 512 });
    await log.append(payloadOf(0, 100));
    const batch = await log.append([payloadOf(1, 150), payloadOf(2, 150), payloadOf(3, 150)]);
    const big = await log.append(payloadOf(4, 2000));
    await log.append(payloadOf(5, 10));
    await log.close();
    const files = readdirSync(dir)
      .filter((n) => n.endsWith('.log'))
      .sort()
      .map((n) => decodeSegmentFile(readFileSync(join(dir, n))).records.map((r) => Number(r.offset)));
    expect(batch).toEqual({ firstOffset: 1, lastOffset: 3 });
    expect(big.firstOffset).toBe(4);
    expect(files).toEqual([[0], [1, 2, 3], [4], [5]]);
  });

  it('pages by record count and payload bytes, and returns a record larger than the byte bound alone', async () => {
    const dir = scratch();
    const log = await SegmentLog.open({ dir });
    for (let i = 0; i < 10; i++) await log.append(payloadOf(i, 100));
    await log.append(payloadOf(10, 5000));
    expect((await log.read(0, { maxRecords: 4, maxBytes: 1 << 20 })).records).toHaveLength(4);
    const byBytes = await log.read(0, { maxRecords: 100, maxBytes: 350 });
    expect(byBytes.records.map((r) => r.offset)).toEqual([0, 1, 2]);
    expect(byBytes.nextOffset).toBe(3);
    const big = await log.read(10, { maxRecords: 100, maxBytes: 10 });
    expect(big.records.map((r) => r.payload.length)).toEqual([5000]);
    expect(await log.read(11, { maxRecords: 10, maxBytes: 10 })).toEqual({ records: [], nextOffset: 11 });
    await log.close();
  });

  it('starts an empty log at firstOffset and refuses bad appends and reads with typed errors', async () => {
    const dir = scratch();
    const log = await SegmentLog.open({ dir, firstOffset: 42 });
    expect(log.earliestOffset).toBe(42);
    expect((await log.append(payloadOf(0))).firstOffset).toBe(42);
    await expect(log.append([])).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(log.append(new Uint8Array(64 * 1024 * 1024 + 1))).rejects.toMatchObject({ code: 'record_too_large' });
    await expect(log.read(41, { maxRecords: 1, maxBytes: 1 })).rejects.toMatchObject({ code: 'offset_too_old' });
    await log.close();
    const error = await log.append(payloadOf(1)).catch((e) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect(error.code).toBe('closed');
  });

  it('reports no background error in ordinary use', async () => {
    const dir = scratch();
    const errors: unknown[] = [];
    const observer = { backgroundError: (e: unknown) => errors.push(e) };
    const log = await SegmentLog.open({ dir, segmentBytes: 512, fsync: { mode: 'periodic', intervalMs: 1 }, observer });
    for (let i = 0; i < 40; i++) await log.append(payloadOf(i));
    await log.close();
    const reopened = await SegmentLog.open({ dir, segmentBytes: 512, observer });
    expect(reopened.recovery.rebuiltIndexes).toEqual([]);
    await reopened.close();
    expect(errors).toEqual([]);
  });

  it('refuses a timestamp that is not a non-negative integer', async () => {
    const log = await SegmentLog.open({ dir: scratch() });
    await expect(log.append(payloadOf(0), { timestampMicros: -1 })).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(log.append(payloadOf(0), { timestampMicros: 1.5 })).rejects.toMatchObject({
      code: 'invalid_argument',
    });
    expect((await log.append(payloadOf(0))).firstOffset).toBe(0);
    await log.close();
  });

  it('resolves an append in periodic and none modes once written, and syncs on close', async () => {
    for (const fsync of [{ mode: 'none' }, { mode: 'periodic', intervalMs: 5 }] as const) {
      const dir = scratch();
      const log = await SegmentLog.open({ dir, fsync });
      for (let i = 0; i < 20; i++) await log.append(payloadOf(i));
      expect(log.stats().records).toBe(20);
      await log.close();
      const reopened = await SegmentLog.open({ dir });
      expect((await readAll(reopened)).length).toBe(20);
      await reopened.close();
    }
  });
});
