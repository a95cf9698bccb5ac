// Recovery cases random damage cannot reach: damage whose checksums still verify (offsets out
// of order, an over-limit length, segments that do not meet), written with the generated codec,
// and the leftovers of a crash between file operations.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  crc32,
  encodeRecord,
  encodeSegmentFile,
  encodeSegmentHeader,
  type SegmentRecordInit,
  STORAGE_LIMITS,
} from '@felix/generated/storage';
import { describe, expect, it } from 'vitest';
import { SegmentLog, StorageError } from '../src/index.js';
import { useScratchDirs } from './helpers.js';

const scratch = useScratchDirs();

const rec = (offset: number, text = `record ${offset}`): SegmentRecordInit => ({
  offset: BigInt(offset),
  timestamp_micros: BigInt(1000 + offset),
  payload: new TextEncoder().encode(text),
});

function writeSegment(dir: string, id: number, base: number, records: SegmentRecordInit[], tail?: Uint8Array) {
  const file = encodeSegmentFile({ base_offset: BigInt(base), created_at_micros: 1n }, records);
  const bytes = tail ? Buffer.concat([file, tail]) : file;
  writeFileSync(join(dir, `${String(id).padStart(20, '0')}.log`), bytes);
  return file.length;
}

async function refusal(dir: string, repair = false): Promise<StorageError> {
  const result = await SegmentLog.open({ dir, repair, shard: 's' }).catch((e) => e);
  expect(result).toBeInstanceOf(StorageError);
  return result;
}

describe('recovery', () => {
  it('refuses a record whose offset is out of order, and cuts there when repair is asked for', async () => {
    const dir = scratch();
    const good = writeSegment(dir, 0, 0, [rec(0), rec(1)]);
    writeSegment(dir, 0, 0, [rec(0), rec(1), rec(3), rec(4)]);
    const error = await refusal(dir);
    expect(error).toMatchObject({ code: 'offset_out_of_order', segment: 0, position: good, shard: 's' });
    const log = await SegmentLog.open({ dir, repair: true });
    expect(log.recovery.truncations).toMatchObject([
      { segment: 0, position: good, code: 'offset_out_of_order', automatic: false, firstDroppedOffset: 2 },
    ]);
    expect(log.nextOffset).toBe(2);
    await log.close();
  });

  it('refuses a verified header claiming a payload over the limit, even at the end of the newest segment', async () => {
    const dir = scratch();
    const size = writeSegment(dir, 0, 0, [rec(0)]);
    // A record header that verifies (its header_crc recomputed over the lying length, the
    // field the format puts first) but claims more than the format allows.
    const lying = encodeRecord(rec(1));
    const view = new DataView(lying.buffer);
    view.setUint32(0, STORAGE_LIMITS.max_payload_bytes + 1);
    view.setUint32(20, crc32(lying.subarray(0, 20)));
    writeSegment(dir, 0, 0, [rec(0)], lying.subarray(0, 28));
    expect(await refusal(dir)).toMatchObject({ code: 'record_too_large', segment: 0, position: size });
    const log = await SegmentLog.open({ dir, repair: true });
    expect(log.recovery.truncations).toMatchObject([{ code: 'record_too_large', position: size, droppedBytes: 28 }]);
    await log.close();
  });

  it('refuses segments that do not meet, naming the later one', async () => {
    const dir = scratch();
    writeSegment(dir, 0, 0, [rec(0), rec(1)]);
    writeSegment(dir, 1, 3, [rec(3)]);
    writeSegment(dir, 2, 4, [rec(4)]);
    expect(await refusal(dir)).toMatchObject({ code: 'segment_gap', segment: 1, position: 0 });
    const log = await SegmentLog.open({ dir, repair: true });
    expect(log.recovery.droppedSegments.map((d) => [d.segment, d.code])).toEqual([
      [1, 'segment_gap'],
      [2, 'segment_gap'],
    ]);
    expect(log.nextOffset).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['00000000000000000000.index', '00000000000000000000.log']);
    await log.close();
  });

  it('sorts segments by number, and accepts a first segment that does not start at 0', async () => {
    const dir = scratch();
    writeSegment(dir, 10, 20, [rec(20)]);
    writeSegment(dir, 9, 18, [rec(18), rec(19)]);
    const log = await SegmentLog.open({ dir });
    expect([log.earliestOffset, log.nextOffset]).toEqual([18, 21]);
    expect((await log.append(new Uint8Array(1))).firstOffset).toBe(21);
    await log.close();
  });

  it('refuses a segment whose header is cut short, even with repair, since the writer never leaves one', async () => {
    const dir = scratch();
    writeSegment(dir, 0, 0, [rec(0)]);
    writeFileSync(
      join(dir, '00000000000000000001.log'),
      encodeSegmentHeader({ base_offset: 1n, created_at_micros: 1n }).subarray(0, 20),
    );
    expect(await refusal(dir, true)).toMatchObject({
      code: 'truncated',
      segment: 1,
      position: 0,
      field: 'segment_header',
    });
  });

  it('removes the leftovers of a crash between file operations', async () => {
    const dir = scratch();
    writeSegment(dir, 0, 0, [rec(0)]);
    // A segment whose creation never got as far as its rename, and an index whose segment retention deleted.
    writeFileSync(join(dir, '00000000000000000001.log.tmp'), new Uint8Array(5));
    writeFileSync(join(dir, '00000000000000000007.index'), new Uint8Array(24));
    writeFileSync(join(dir, 'operator-notes.txt'), 'kept');
    const log = await SegmentLog.open({ dir });
    expect(log.recovery.removedFiles.sort()).toEqual(['00000000000000000001.log.tmp', '00000000000000000007.index']);
    expect(log.recovery.rebuiltIndexes).toEqual([{ segment: 0, reason: 'missing' }]);
    expect(existsSync(join(dir, 'operator-notes.txt'))).toBe(true);
    expect(log.recovery.durationMs).toBeGreaterThan(0);
    expect(log.stats().recoveryMs).toBe(log.recovery.durationMs);
    await log.close();
  });

  it('reports what an automatic repair dropped', async () => {
    const dir = scratch();
    const size = writeSegment(dir, 0, 0, [rec(0), rec(1)]);
    writeSegment(dir, 0, 0, [rec(0), rec(1)], encodeRecord(rec(2)).subarray(0, 33));
    const log = await SegmentLog.open({ dir });
    expect(log.recovery.truncations).toEqual([
      {
        segment: 0,
        path: join(dir, '00000000000000000000.log'),
        position: size,
        code: 'truncated',
        automatic: true,
        droppedBytes: 33,
        firstDroppedOffset: 2,
      },
    ]);
    await log.close();
  });
});
