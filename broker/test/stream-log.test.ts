import { describe, expect, it } from 'vitest';
import { MemoryBudget } from '../src/core/memory-budget.js';
import { RECORD_OVERHEAD_BYTES, SLOT_BYTES, STREAM_OVERHEAD_BYTES, StreamLog } from '../src/core/stream-log.js';
import { StreamRetention } from '../src/core/stream-retention.js';

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

  it('keeps records in order as its ring wraps, grows and spans slabs', () => {
    // Large records trimmed by bytes move the ring's head; small ones then fill it past its first
    // allocation, so it grows while wrapped. One batch is larger than a slab.
    const log = new StreamLog({ maxRecords: 5000, maxBytes: 200_000 });
    const record = (offset: number, size: number) => new Uint8Array(size).fill(offset % 251);
    for (let i = 0; i < 400; i++) log.append([record(i, 1000)]);
    expect(log.earliest).toBeGreaterThan(0);
    log.append(Array.from({ length: 100 }, (_, k) => record(400 + k, 1000)));
    for (let i = 500; i < 3100; i++) log.append([record(i, 10)]);
    expect(log.tail).toBe(3100);
    const { baseOffset, payloads } = log.read(0, 5000);
    expect(baseOffset).toBe(log.earliest);
    expect(payloads).toHaveLength(3100 - baseOffset);
    expect(payloads.length).toBeGreaterThan(2048);
    const wrong = payloads.filter((p, k) => {
      const offset = baseOffset + k;
      return p.length !== (offset < 500 ? 1000 : 10) || p.some((b) => b !== offset % 251);
    });
    expect(wrong).toEqual([]);
  });

  it('charges a fixed part, its ring and its slabs as allocated: a one-record stream costs little', () => {
    const memory = new MemoryBudget(1 << 30);
    const log = new StreamLog({ maxRecords: 100_000, maxBytes: 64 << 20 }, new StreamRetention(memory));
    const empty = STREAM_OVERHEAD_BYTES + 16 * SLOT_BYTES;
    expect(memory.usedBy('streams')).toBe(empty);
    log.append([new Uint8Array(100)]);
    // The first slab is small; later ones double up to the full slab size.
    expect(memory.usedBy('streams')).toBe(empty + 512);
    expect(log.memoryBytes).toBe(memory.usedBy('streams'));
    expect(memory.usedBy('streams')).toBeLessThan(4096);
  });

  it('gives a slab back with its last record, and everything back when closed', () => {
    const memory = new MemoryBudget(1 << 30);
    const log = new StreamLog({ maxRecords: 64, maxBytes: 1 << 20 }, new StreamRetention(memory));
    for (let i = 0; i < 1000; i++) log.append([new Uint8Array(100).fill(i % 251)]);
    const ring = STREAM_OVERHEAD_BYTES + 64 * SLOT_BYTES;
    // 64 retained records of 100 bytes span two slabs at most, plus the one being filled.
    expect(log.slabBytes).toBeLessThanOrEqual(3 * 64 * 1024);
    expect(log.memoryBytes).toBe(ring + log.slabBytes);
    expect(memory.usedBy('streams')).toBe(log.memoryBytes);
    while (log.evictOldestSlab() > 0);
    expect(log.retainedRecords).toBe(0);
    expect(log.earliest).toBe(1000);
    expect(memory.usedBy('streams')).toBe(ring);
    log.append([Uint8Array.of(1)]);
    expect(log.read(1000, 1).payloads).toEqual([Uint8Array.of(1)]);
    log.close();
    expect(memory.usedBy('streams')).toBe(0);
    expect(log.memoryBytes).toBe(0);
  });
});
