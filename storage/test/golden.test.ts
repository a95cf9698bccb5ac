// Byte compatibility with upstream Felix: a segment this engine writes from the inputs of
// upstream's two golden vectors holds exactly upstream's golden bytes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SegmentLog } from '../src/index.js';
import { scratchDir } from './helpers.js';

const VECTORS = new URL('../../conformance/upstream-vectors/storage/', import.meta.url);
const golden = (name: string) => Buffer.from(readFileSync(new URL(`${name}.hex`, VECTORS), 'utf8').trim(), 'hex');
const SEGMENT_0 = '00000000000000000000.log';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe("upstream's golden vectors", () => {
  it('segment_header: a new segment with base_offset 1 created at 2 µs', async () => {
    const { dir, remove } = scratchDir();
    cleanups.push(remove);
    const log = await SegmentLog.open({ dir, firstOffset: 1, nowMicros: () => 2 });
    await log.close();
    expect(readFileSync(join(dir, SEGMENT_0)).toString('hex')).toBe(golden('segment_header').toString('hex'));
  });

  it('record: offset 7, timestamp 9 µs, payload "hi"', async () => {
    const { dir, remove } = scratchDir();
    cleanups.push(remove);
    const log = await SegmentLog.open({ dir, firstOffset: 7, nowMicros: () => 2 });
    expect(await log.append(new TextEncoder().encode('hi'), { timestampMicros: 9 })).toEqual({
      firstOffset: 7,
      lastOffset: 7,
    });
    await log.close();
    const file = readFileSync(join(dir, SEGMENT_0));
    expect(file.subarray(32).toString('hex')).toBe(golden('record').toString('hex'));
    const reopened = await SegmentLog.open({ dir });
    const page = await reopened.read(7, { maxRecords: 10, maxBytes: 100 });
    expect(page.records).toEqual([{ offset: 7, timestampMicros: 9, payload: new TextEncoder().encode('hi') }]);
    await reopened.close();
  });
});
