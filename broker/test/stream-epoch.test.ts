import type { Subscribe } from '@felix/generated';
import { describe, expect, it } from 'vitest';
import { MAX_STREAM_EPOCH, newStreamEpoch } from '../src/core/stream-epoch.js';
import { StreamLog } from '../src/core/stream-log.js';
import { decideStart, type LogPosition } from '../src/protocol/session/subscribe-start.js';

const LIMITS = { maxRecords: 10, maxBytes: 1 << 20 };

describe('stream epochs', () => {
  it('gives every in-memory log an epoch of its own, a JSON-safe number above 0', () => {
    const epochs = Array.from({ length: 1000 }, () => new StreamLog(LIMITS).epoch);
    expect(new Set(epochs).size).toBe(epochs.length);
    for (const e of epochs) {
      expect(Number.isSafeInteger(e)).toBe(true);
      expect(e).toBeGreaterThanOrEqual(1);
      expect(e).toBeLessThanOrEqual(MAX_STREAM_EPOCH);
    }
    // 53 random bits: over a thousand draws some land in the top half of the range.
    expect(Array.from({ length: 1000 }, newStreamEpoch).some((e) => e > 2 ** 52)).toBe(true);
  });

  it('keeps the epoch a log is given (a durable log reopened) and refuses one no peer could carry', () => {
    expect(new StreamLog(LIMITS, undefined, 42).epoch).toBe(42);
    for (const bad of [0, -1, 1.5, 2 ** 53]) expect(() => new StreamLog(LIMITS, undefined, bad)).toThrow(RangeError);
  });
});

describe('decideStart', () => {
  const log: LogPosition = { epoch: 7, earliest: 100, tail: 300 };
  const subscribe = (extra: Partial<Subscribe>): Subscribe => ({
    type: 'subscribe',
    tenant_id: 't1',
    namespace: 'default',
    stream: 's',
    ...extra,
  });

  it('serves named positions and in-range offsets as before, whatever the epoch', () => {
    expect(decideStart(subscribe({}), log, true)).toEqual({ start: 300, epochReset: false });
    expect(decideStart(subscribe({ start: 'earliest', epoch: 1 }), log, true)).toEqual({
      start: 100,
      epochReset: false,
    });
    expect(decideStart(subscribe({ start: { offset: 150 }, epoch: 7 }), log, true)).toEqual({
      start: 150,
      epochReset: false,
    });
    // No epoch named: the offset is taken on trust, as upstream does.
    expect(decideStart(subscribe({ start: { offset: 150 } }), log, true)).toEqual({ start: 150, epochReset: false });
  });

  it('refuses an offset of another epoch with epoch_mismatch, even one inside the range', () => {
    expect(decideStart(subscribe({ start: { offset: 150 }, epoch: 8 }), log, true)).toEqual({
      refusal: {
        type: 'subscribe_cursor_error',
        reason: 'epoch_mismatch',
        requested: 150,
        available: 100,
        epoch: 7,
        earliest_offset: 100,
        tail_offset: 300,
      },
    });
    expect(
      decideStart(subscribe({ start: { offset: 150 }, epoch: 8, on_epoch_mismatch: 'refuse' }), log, true).refusal,
    ).toMatchObject({ reason: 'epoch_mismatch' });
  });

  it('restarts from the earliest record of the epoch when the client asked for it, and says so', () => {
    expect(
      decideStart(subscribe({ start: { offset: 150 }, epoch: 8, on_epoch_mismatch: 'earliest' }), log, true),
    ).toEqual({ start: 100, epochReset: true });
  });

  it('checks the range within the epoch and names the epoch in the cursor error', () => {
    expect(decideStart(subscribe({ start: { offset: 5 }, epoch: 7 }), log, true).refusal).toEqual({
      type: 'subscribe_cursor_error',
      reason: 'too_old',
      requested: 5,
      available: 100,
      epoch: 7,
      earliest_offset: 100,
      tail_offset: 300,
    });
    expect(decideStart(subscribe({ start: { offset: 301 }, epoch: 7 }), log, true).refusal).toMatchObject({
      reason: 'in_future',
      available: 300,
      epoch: 7,
    });
  });

  it('ignores epochs for a peer that did not negotiate them, and answers in upstream shape', () => {
    expect(decideStart(subscribe({ start: { offset: 150 }, epoch: 8 }), log, false)).toEqual({
      start: 150,
      epochReset: false,
    });
    expect(decideStart(subscribe({ start: { offset: 5 }, epoch: 8 }), log, false).refusal).toEqual({
      type: 'subscribe_cursor_error',
      reason: 'too_old',
      requested: 5,
      available: 100,
    });
  });
});
