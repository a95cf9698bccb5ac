import { describe, expect, it } from 'vitest';
import { RECORD_OVERHEAD_BYTES, StreamLog } from '../src/core/stream-log.js';

const p = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array[]) => b.map((x) => new TextDecoder().decode(x));

describe('StreamLog', () => {
  it('assigns contiguous offsets across batches', () => {
    const log = new StreamLog({ maxRecords: 10, maxBytes: 1 << 20 });
    expect(log.append([p('a'), p('b')])).toBe(0);
    expect(log.append([p('c')])).toBe(2);
    expect(log.tail).toBe(3);
    expect(text(log.read(1, 10).payloads)).toEqual(['b', 'c']);
  });

  it('trims the oldest records by count, and offsets keep counting', () => {
    const log = new StreamLog({ maxRecords: 3, maxBytes: 1 << 20 });
    log.append(['a', 'b', 'c', 'd', 'e'].map(p));
    expect(log.earliest).toBe(2);
    expect(log.tail).toBe(5);
    const r = log.read(0, 10);
    expect(r.baseOffset).toBe(2);
    expect(text(r.payloads)).toEqual(['c', 'd', 'e']);
  });

  it('trims by bytes, counting per-record overhead', () => {
    const log = new StreamLog({ maxRecords: 100, maxBytes: 3 * (10 + RECORD_OVERHEAD_BYTES) });
    for (let i = 0; i < 5; i++) log.append([new Uint8Array(10).fill(i)]);
    expect(log.retainedRecords).toBe(3);
    expect(log.retainedBytes).toBeLessThanOrEqual(log.limits.maxBytes);
    expect(log.earliest).toBe(2);
  });

  it('copies payloads so the caller may reuse its buffers', () => {
    const log = new StreamLog({ maxRecords: 4, maxBytes: 1 << 20 });
    const buf = p('hello');
    log.append([buf]);
    buf.fill(0);
    expect(text(log.read(0, 1).payloads)).toEqual(['hello']);
  });

  it('bounds a read by record count and payload bytes', () => {
    const log = new StreamLog({ maxRecords: 100, maxBytes: 1 << 20 });
    log.append(Array.from({ length: 10 }, () => new Uint8Array(100)));
    expect(log.read(0, 4).payloads).toHaveLength(4);
    expect(log.read(0, 100, 250).payloads).toHaveLength(2);
    expect(log.read(0, 100, 1).payloads).toHaveLength(1);
    expect(log.read(10, 5).payloads).toHaveLength(0);
  });
});
