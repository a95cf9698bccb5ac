// Reading a log far larger than a page from offset 0 holds one bounded window at a time: the
// largest buffer any read uses stays at the read window, whatever the log's size or the age of
// the cursor, and every page keeps to its bounds.
import { afterEach, describe, expect, it } from 'vitest';
import { SegmentLog } from '../src/index.js';
import { InstrumentedFileOps, scratchDir } from './helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe('paged reads', () => {
  it('replays a 32 MiB log from offset 0 in 64 KiB pages through windows of at most 256 KiB', async () => {
    const { dir, remove } = scratchDir();
    cleanups.push(remove);
    const segmentBytes = 8 * 1024 * 1024;
    const readWindowBytes = 256 * 1024;
    const writer = await SegmentLog.open({ dir, segmentBytes, fsync: { mode: 'none' } });
    const payloadBytes = 4000;
    const records = (32 * 1024 * 1024) / payloadBytes;
    const batch = Array.from({ length: 64 }, (_, i) => new Uint8Array(payloadBytes).fill(i));
    for (let written = 0; written < records; written += batch.length) await writer.append(batch);
    await writer.close();

    const ops = new InstrumentedFileOps();
    const log = await SegmentLog.open({ dir, segmentBytes, readWindowBytes, fileOps: ops });
    expect(log.stats().bytes).toBeGreaterThan(32 * 1024 * 1024);
    expect(log.stats().segments).toBeGreaterThanOrEqual(4);
    // Recovery reads through the same bounded windows.
    expect(ops.largestReadBuffer).toBeLessThanOrEqual(readWindowBytes);
    ops.largestReadBuffer = 0;

    const maxBytes = 64 * 1024;
    let offset = 0;
    let pages = 0;
    let heapPeak = 0;
    const heapBefore = process.memoryUsage().heapUsed;
    for (;;) {
      const page = await log.read(offset, { maxRecords: 10_000, maxBytes });
      if (page.records.length === 0) break;
      pages++;
      expect(page.records[0].offset).toBe(offset);
      expect(page.records.reduce((n, r) => n + r.payload.length, 0)).toBeLessThanOrEqual(maxBytes);
      for (const [i, r] of page.records.entries()) {
        expect(r.offset).toBe(offset + i);
        expect(r.payload[0]).toBe(r.offset % 64);
      }
      offset = page.nextOffset;
      if (pages % 64 === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed - heapBefore);
    }
    expect(offset).toBe(log.nextOffset);
    expect(pages).toBeGreaterThan(500);
    expect(ops.largestReadBuffer).toBeLessThanOrEqual(readWindowBytes);
    // Buffers live outside the JavaScript heap; what the heap holds stays far below the log's size.
    expect(heapPeak).toBeLessThan(16 * 1024 * 1024);
    await log.close();
  });

  it('reads a record larger than the read window by growing the window for it alone', async () => {
    const { dir, remove } = scratchDir();
    cleanups.push(remove);
    const ops = new InstrumentedFileOps();
    const log = await SegmentLog.open({ dir, readWindowBytes: 64 * 1024, fileOps: ops });
    await log.append(new Uint8Array(10));
    await log.append(new Uint8Array(1024 * 1024).fill(7));
    await log.append(new Uint8Array(10));
    const page = await log.read(0, { maxRecords: 10, maxBytes: 4 * 1024 * 1024 });
    expect(page.records.map((r) => r.payload.length)).toEqual([10, 1024 * 1024, 10]);
    expect(page.records[1].payload.every((b) => b === 7)).toBe(true);
    expect(ops.largestReadBuffer).toBeLessThanOrEqual(2 * 1024 * 1024 + 64);
    await log.close();
  });
});
