// The recovery walk reads through a window with the next read in flight and carries a record cut
// by the window's end into the next one. Whatever the window size, it must find the same records
// at the same positions, and the same first bad record, as decoding the file in one piece does.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFileOps } from '../src/file-ops.js';
import { encodeRecords, FORMAT, isStorageFormatError, readRecord } from '../src/format.js';
import { walkSegment } from '../src/segment-walk.js';
import { useScratchDirs } from './helpers.js';

const newDir = useScratchDirs();
const WINDOWS = [28, 61, 4096, 65_536, 1 << 20];

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Records of mixed sizes, some far larger than the small windows, as segment bytes after a 32-byte gap. */
function segmentBytes(seed: number): { bytes: Uint8Array; firstOffset: number } {
  const random = seeded(seed);
  const firstOffset = 1000 + Math.floor(random() * 1000);
  const sizes = Array.from({ length: 300 }, () => {
    const r = random();
    return r < 0.1 ? 0 : r < 0.8 ? Math.floor(random() * 300) : Math.floor(random() * 200_000);
  });
  const records = encodeRecords(
    sizes.map((n, i) => ({
      offset: firstOffset + i,
      timestampMicros: 1_700_000_000_000_000 + i,
      payload: new Uint8Array(n).fill(i & 0xff),
    })),
  );
  const bytes = new Uint8Array(FORMAT.segmentHeaderBytes + records.length);
  bytes.set(records, FORMAT.segmentHeaderBytes);
  return { bytes, firstOffset };
}

/** What decoding the bytes in one piece finds: record positions and the first bad record. */
function reference(bytes: Uint8Array, firstOffset: number) {
  const positions: number[] = [];
  let position = FORMAT.segmentHeaderBytes;
  let offset = firstOffset;
  while (position < bytes.length) {
    try {
      const record = readRecord(bytes, position, offset, { shard: 't' }, position);
      positions.push(position);
      position += record.size;
      offset++;
    } catch (err) {
      if (!isStorageFormatError(err)) throw err;
      return { positions, end: position, code: err.code as string | undefined };
    }
  }
  return { positions, end: position, code: undefined };
}

async function walk(bytes: Uint8Array, firstOffset: number, window: number) {
  const path = join(newDir(), 'segment.log');
  writeFileSync(path, bytes);
  const file = await nodeFileOps.open(path, 'r');
  try {
    const positions: number[] = [];
    const walked = await walkSegment(file, FORMAT.segmentHeaderBytes, bytes.length, firstOffset, window, (_o, p) =>
      positions.push(p),
    );
    return { positions, end: walked.position, code: walked.bad?.code as string | undefined };
  } finally {
    await file.close();
  }
}

describe('walkSegment', () => {
  it('finds every record of an intact segment through any window', async () => {
    const { bytes, firstOffset } = segmentBytes(1);
    const expected = reference(bytes, firstOffset);
    expect(expected.code).toBeUndefined();
    for (const window of WINDOWS) expect(await walk(bytes, firstOffset, window)).toEqual(expected);
  });

  it('stops at the same first bad record as a whole-file decode, through any window', async () => {
    for (let seed = 2; seed < 14; seed++) {
      const random = seeded(seed);
      const { bytes, firstOffset } = segmentBytes(seed);
      const damaged =
        seed % 2 === 0
          ? bytes.subarray(0, FORMAT.segmentHeaderBytes + Math.floor(random() * (bytes.length - 32)))
          : bytes.slice();
      if (seed % 2 === 1) {
        const at = FORMAT.segmentHeaderBytes + Math.floor(random() * (bytes.length - 32));
        damaged[at] ^= 1 << Math.floor(random() * 8);
      }
      const expected = reference(damaged, firstOffset);
      for (const window of WINDOWS)
        expect(await walk(damaged, firstOffset, window), `seed ${seed}, window ${window}`).toEqual(expected);
    }
  });
});
