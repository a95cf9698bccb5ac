import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expiredHeadSegments, SegmentLog } from '../src/index.js';
import { payloadOf, useScratchDirs } from './helpers.js';

const scratch = useScratchDirs();

const segmentFiles = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.log'));

describe('retention', () => {
  it('deletes whole sealed segments from the head while the log is over its byte budget', async () => {
    const dir = scratch();
    const log = await SegmentLog.open({ dir, segmentBytes: 600, retention: { maxBytes: 2000 } });
    for (let i = 0; i < 100; i++) await log.append(payloadOf(i, 100));
    // Checked as each segment seals; between seals the active segment grows past the budget.
    expect(log.stats().segmentsDeleted).toBeGreaterThan(0);
    await log.enforceRetention();
    const stats = log.stats();
    expect(stats.bytes).toBeLessThanOrEqual(2000);
    expect(segmentFiles(dir)).toHaveLength(stats.segments);
    expect(log.earliestOffset).toBeGreaterThan(0);
    expect(log.earliestOffset).toBe(stats.earliestOffset);
    // Whole segments only: the earliest offset is a segment's first.
    const first = await log.read(log.earliestOffset, { maxRecords: 1000, maxBytes: 1 << 20 });
    expect(first.records.map((r) => r.offset)).toEqual(
      Array.from({ length: 100 - log.earliestOffset }, (_, i) => log.earliestOffset + i),
    );
    await expect(log.read(log.earliestOffset - 1, { maxRecords: 1, maxBytes: 1 })).rejects.toMatchObject({
      code: 'offset_too_old',
    });
    const earliest = log.earliestOffset;
    await log.close();
    const reopened = await SegmentLog.open({ dir, segmentBytes: 600 });
    expect(reopened.earliestOffset).toBe(earliest);
    expect(reopened.nextOffset).toBe(100);
    await reopened.close();
  });

  it('deletes sealed segments whose newest record is past the age limit, never the active one', async () => {
    const dir = scratch();
    let now = 1_000_000_000;
    const log = await SegmentLog.open({
      dir,
      segmentBytes: 300,
      nowMicros: () => now,
      retention: { maxAgeMs: 1000 },
    });
    for (let i = 0; i < 10; i++) {
      await log.append(payloadOf(i, 100));
      now += 100_000;
    }
    const segments = log.stats().segments;
    expect(segments).toBeGreaterThan(3);
    expect(await log.enforceRetention()).toBe(0);
    // 0.5 s later, the records older than 1 s are the first five.
    now += 500_000;
    const deleted = await log.enforceRetention();
    expect(deleted).toBeGreaterThan(0);
    expect(log.earliestOffset).toBeGreaterThan(0);
    expect(log.earliestOffset).toBeLessThanOrEqual(5);
    // Much later every sealed segment goes, and the active one stays with its records.
    now += 60_000_000;
    await log.enforceRetention();
    expect(log.stats().segments).toBe(1);
    expect(segmentFiles(dir)).toHaveLength(1);
    expect(log.nextOffset).toBe(10);
    expect((await log.append(payloadOf(10))).firstOffset).toBe(10);
    await log.close();
  });

  it('chooses the head segments to delete by bytes and age', () => {
    const seg = (size: number, newest: number | undefined) => ({
      id: 0,
      baseOffset: 0,
      createdAtMicros: 0,
      path: '',
      indexPath: '',
      size,
      nextOffset: 0,
      newestTimestampMicros: newest,
      index: undefined as never,
    });
    const segments = [seg(100, 10), seg(100, 20), seg(100, 30), seg(100, 40)];
    expect(expiredHeadSegments(segments, {}, 1_000_000)).toBe(0);
    expect(expiredHeadSegments(segments, { maxBytes: 250 }, 0)).toBe(2);
    expect(expiredHeadSegments(segments, { maxBytes: 0 }, 0)).toBe(3);
    expect(expiredHeadSegments(segments, { maxAgeMs: 0 }, 25)).toBe(2);
    expect(expiredHeadSegments(segments, { maxAgeMs: 0 }, 1_000)).toBe(3);
    // Head first: a young head keeps everything behind it.
    expect(expiredHeadSegments([seg(100, 50), seg(100, 10), seg(100, 60)], { maxAgeMs: 0 }, 40)).toBe(0);
  });
});
