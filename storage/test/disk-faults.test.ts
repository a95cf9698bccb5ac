// A full disk or a failing device: the appends it hits are rejected with a typed error naming
// the file and position, never resolved; the log keeps serving reads; and once the cause goes,
// appends succeed again with the next contiguous offset and a restart finds exactly the
// acknowledged records.
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type LogRecord, SegmentLog, StorageError } from '../src/index.js';
import { InstrumentedFileOps, payloadOf, systemError, useScratchDirs } from './helpers.js';

const scratch = useScratchDirs();

async function readAll(log: SegmentLog): Promise<LogRecord[]> {
  const out: LogRecord[] = [];
  let offset = log.earliestOffset;
  for (;;) {
    const page = await log.read(offset, { maxRecords: 1000, maxBytes: 1 << 20 });
    if (page.records.length === 0) return out;
    out.push(...page.records);
    offset = page.nextOffset;
  }
}

/** Settles every promise, keeping which resolved and which rejected. */
async function settle<T>(promises: Promise<T>[]) {
  const results = await Promise.allSettled(promises);
  return {
    resolved: results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<T>).value),
    rejected: results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason),
  };
}

describe('disk faults', () => {
  for (const mode of ['on_commit', 'periodic', 'none'] as const) {
    it(`${mode}: ENOSPC on write rejects the appends it hits, and the log recovers once space returns`, async () => {
      const dir = scratch();
      const ops = new InstrumentedFileOps();
      const fsync = mode === 'periodic' ? { mode, intervalMs: 10 } : { mode };
      const log = await SegmentLog.open({ dir, fsync, fileOps: ops });
      for (let i = 0; i < 5; i++) await log.append(payloadOf(i));
      const segmentPath = `${dir}/00000000000000000000.log`;
      const committedBytes = statSync(segmentPath).size;

      // Full disk: a write lands part of its bytes, then fails.
      ops.fault = (call) =>
        call.op === 'write' && call.path === segmentPath
          ? { error: systemError('ENOSPC'), partialBytes: 10 }
          : undefined;
      const { resolved, rejected } = await settle(Array.from({ length: 8 }, (_, i) => log.append(payloadOf(100 + i))));
      expect(resolved).toEqual([]);
      expect(rejected).toHaveLength(8);
      for (const error of rejected) {
        expect(error).toBeInstanceOf(StorageError);
        expect(error).toMatchObject({
          code: 'io_failed',
          operation: 'write',
          errno: 'ENOSPC',
          path: segmentPath,
          position: committedBytes,
          segment: 0,
        });
      }
      // The partial bytes are gone, no offset was consumed, reads go on.
      expect(statSync(segmentPath).size).toBe(committedBytes);
      expect(log.nextOffset).toBe(5);
      expect((await readAll(log)).map((r) => r.offset)).toEqual([0, 1, 2, 3, 4]);

      ops.fault = undefined;
      expect(await log.append(payloadOf(5))).toEqual({ firstOffset: 5, lastOffset: 5 });
      expect(log.stats().writeFailures).toBeGreaterThan(0);
      await log.close();

      const reopened = await SegmentLog.open({ dir });
      expect(reopened.recovery.truncations).toEqual([]);
      const records = await readAll(reopened);
      expect(records.map((r) => r.offset)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(records.every((r) => Buffer.from(r.payload).equals(payloadOf(r.offset)))).toBe(true);
      await reopened.close();
    });
  }

  it('on_commit: a failed fsync rejects its batch, whose records never reappear after a restart', async () => {
    const dir = scratch();
    const ops = new InstrumentedFileOps();
    const log = await SegmentLog.open({ dir, fsync: { mode: 'on_commit' }, fileOps: ops });
    await log.append(payloadOf(0));
    ops.fault = (call) => (call.op === 'datasync' ? { error: systemError('EIO') } : undefined);
    const error = await log.append(payloadOf(99)).catch((e) => e);
    expect(error).toMatchObject({ code: 'io_failed', operation: 'fsync', errno: 'EIO', segment: 0 });
    expect(log.stats().fsyncFailures).toBe(1);
    ops.fault = undefined;
    expect((await log.append(payloadOf(1))).firstOffset).toBe(1);
    await log.close();
    const reopened = await SegmentLog.open({ dir });
    expect((await readAll(reopened)).map((r) => Buffer.from(r.payload).equals(payloadOf(r.offset)))).toEqual([
      true,
      true,
    ]);
    await reopened.close();
  });

  it('keeps refusing appends while the failed bytes cannot be cut back, and recovers after', async () => {
    const dir = scratch();
    const ops = new InstrumentedFileOps();
    const log = await SegmentLog.open({ dir, fsync: { mode: 'on_commit' }, fileOps: ops });
    await log.append(payloadOf(0));
    const segmentPath = `${dir}/00000000000000000000.log`;
    const onSegment = (op: string) => (call: { op: string; path: string }) =>
      call.op === op && call.path === segmentPath ? { error: systemError('ENOSPC'), partialBytes: 20 } : undefined;
    const failWriteAndTruncate = (call: { op: string; path: string }) =>
      onSegment('write')(call) ?? onSegment('truncate')(call);
    ops.fault = failWriteAndTruncate as typeof ops.fault;
    await expect(log.append(payloadOf(1))).rejects.toMatchObject({ operation: 'write', errno: 'ENOSPC' });
    await expect(log.append(payloadOf(1))).rejects.toMatchObject({ operation: 'truncate', errno: 'ENOSPC' });
    ops.fault = undefined;
    expect((await log.append(payloadOf(1))).firstOffset).toBe(1);
    await log.close();
    const reopened = await SegmentLog.open({ dir });
    expect(reopened.recovery.truncations).toEqual([]);
    expect((await readAll(reopened)).map((r) => r.offset)).toEqual([0, 1]);
    await reopened.close();
  });

  it('rejects the appends that need a new segment while none can be created, then rolls once it can', async () => {
    const dir = scratch();
    const ops = new InstrumentedFileOps();
    const errors: StorageError[] = [];
    const log = await SegmentLog.open({
      dir,
      segmentBytes: 256,
      fsync: { mode: 'on_commit' },
      fileOps: ops,
      observer: { backgroundError: (e) => errors.push(e) },
    });
    await log.append(payloadOf(0, 150));
    ops.fault = (call) =>
      call.op === 'write' && call.path.endsWith('.tmp') ? { error: systemError('ENOSPC') } : undefined;
    const { resolved, rejected } = await settle([log.append(payloadOf(1, 150)), log.append(payloadOf(2, 150))]);
    expect(resolved).toEqual([]);
    expect(rejected.map((e) => [e.code, e.operation, e.errno, e.segment])).toEqual([
      ['io_failed', 'create_segment', 'ENOSPC', 1],
      ['io_failed', 'create_segment', 'ENOSPC', 1],
    ]);
    ops.fault = undefined;
    expect((await log.append(payloadOf(1, 150))).firstOffset).toBe(1);
    expect(log.stats().segments).toBe(2);
    await log.close();
    const reopened = await SegmentLog.open({ dir, segmentBytes: 256 });
    expect(reopened.recovery.removedFiles).toEqual([]);
    expect((await readAll(reopened)).map((r) => r.offset)).toEqual([0, 1]);
    await reopened.close();
  });
});
