// Group commit: appends that wait together share one fsync, and none resolves before the fsync
// that covers it has completed.
import { describe, expect, it } from 'vitest';
import { SegmentLog } from '../src/index.js';
import { deferred, InstrumentedFileOps, payloadOf, useScratchDirs } from './helpers.js';

const scratch = useScratchDirs();

describe('on_commit group commit', () => {
  it('resolves no append before its fsync completes, and one fsync serves every append waiting on it', async () => {
    const ops = new InstrumentedFileOps();
    const log = await SegmentLog.open({ dir: scratch(), fsync: { mode: 'on_commit' }, fileOps: ops });
    const syncsAtOpen = ops.calls.datasync;
    const gates = [deferred(), deferred()];
    const entered: (() => void)[] = [];
    let held = 0;
    ops.beforeDatasync = async () => {
      const gate = gates[held++];
      entered.shift()?.();
      await gate?.promise;
    };
    const firstSyncStarted = new Promise<void>((r) => entered.push(r));
    const resolved = new Set<number>();
    const first = log.append(payloadOf(0)).then((r) => resolved.add(r.firstOffset));
    await firstSyncStarted;
    // 63 more arrive while the first batch's fsync is held.
    const secondSyncStarted = new Promise<void>((r) => entered.push(r));
    const rest = Array.from({ length: 63 }, (_, i) =>
      log.append(payloadOf(i + 1)).then((r) => resolved.add(r.firstOffset)),
    );
    await new Promise((r) => setImmediate(r));
    expect(resolved.size).toBe(0);

    gates[0].resolve();
    await first;
    await secondSyncStarted;
    await new Promise((r) => setImmediate(r));
    expect([...resolved]).toEqual([0]);

    gates[1].resolve();
    await Promise.all(rest);
    expect(resolved.size).toBe(64);
    expect(ops.calls.datasync - syncsAtOpen).toBe(2);
    await log.close();
  });

  it('measures appends per fsync under 64 concurrent appenders', async () => {
    const ops = new InstrumentedFileOps();
    const log = await SegmentLog.open({ dir: scratch(), fsync: { mode: 'on_commit' }, fileOps: ops });
    const syncsAtOpen = ops.calls.datasync;
    const appenders = 64;
    const perAppender = 40;
    const payload = new Uint8Array(1024);
    const started = performance.now();
    await Promise.all(
      Array.from({ length: appenders }, async () => {
        for (let i = 0; i < perAppender; i++) await log.append(payload);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const fsyncs = ops.calls.datasync - syncsAtOpen;
    const appends = appenders * perAppender;
    const stats = log.stats();
    console.log(
      `group commit: ${appends} appends of 1 KiB from ${appenders} appenders, ${fsyncs} fsyncs, ` +
        `${(appends / fsyncs).toFixed(1)} appends per fsync, ${Math.round(appends / seconds)} appends/s, ` +
        `mean fsync ${(stats.fsyncTotalMs / stats.fsyncs).toFixed(2)} ms`,
    );
    expect(log.nextOffset).toBe(appends);
    expect(appends / fsyncs).toBeGreaterThanOrEqual(16);
    await log.close();
  });
});

describe('periodic fsync', () => {
  it('syncs written records on its interval without waiting for more appends or a close', async () => {
    const ops = new InstrumentedFileOps();
    let synced!: () => void;
    const firstSync = new Promise<void>((r) => {
      synced = r;
    });
    const log = await SegmentLog.open({
      dir: scratch(),
      fsync: { mode: 'periodic', intervalMs: 20 },
      fileOps: ops,
      observer: { fsync: () => synced() },
    });
    // Every fsync held back: the append still resolves, once written.
    const gate = deferred();
    ops.beforeDatasync = () => gate.promise;
    expect(await log.append(payloadOf(0))).toEqual({ firstOffset: 0, lastOffset: 0 });
    expect(log.stats().fsyncs).toBe(0);
    gate.resolve();
    await firstSync;
    expect(ops.syncedPaths.at(-1)).toMatch(/00000000000000000000\.log$/);
    expect(log.stats().fsyncs).toBe(1);
    await log.close();
  });
});
