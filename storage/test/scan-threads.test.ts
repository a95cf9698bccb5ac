// Recovery checks large segments in worker threads when it runs from the build. Workers load the
// built module, so this test opens logs through storage's dist/ (the test run's global setup
// builds it) and compares what an open with worker threads finds to what one without finds, on
// an intact log and on one damaged in a middle segment.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useScratchDirs } from './helpers.js';

const newDir = useScratchDirs();
// The build, loaded by path: the type check runs before anything is built.
const built = new URL('../dist/index.js', import.meta.url).href;
const { SegmentLog } = (await import(built)) as typeof import('../src/index.js');
// Above the size from which a segment goes to a worker (16 MiB).
const SEGMENT_BYTES = 20 * 1024 * 1024;

async function writeLog(dir: string): Promise<void> {
  const log = await SegmentLog.open({ dir, segmentBytes: SEGMENT_BYTES, fsync: { mode: 'none' } });
  const batch = Array.from({ length: 64 }, (_, i) => new Uint8Array(4000 + i).fill(i));
  while (log.stats().segments < 4) await log.append(batch);
  await log.close();
}

function copyLog(from: string, to: string, files: string[]): void {
  for (const f of files) writeFileSync(join(to, f), readFileSync(join(from, f)));
}

async function openReport(dir: string, recoveryThreads: number, repair = false) {
  const log = await SegmentLog.open({ dir, segmentBytes: SEGMENT_BYTES, recoveryThreads, repair });
  try {
    const { durationMs: _, ...report } = log.recovery;
    const { recoveryMs: __, ...stats } = log.stats();
    const page = await log.read(stats.earliestOffset + 1234, { maxRecords: 3, maxBytes: 1 << 20 });
    return { report, stats, read: page.records.map((r) => r.offset) };
  } finally {
    await log.close();
  }
}

describe('recovery with worker threads', () => {
  it('finds what the opening thread alone finds, intact or damaged', async () => {
    const original = newDir();
    await writeLog(original);
    const files = readdirSync(original);
    const segments = files.filter((f) => f.endsWith('.log')).sort();
    expect(segments.length).toBeGreaterThanOrEqual(4);

    const [alone, threaded] = [newDir(), newDir()];
    copyLog(original, alone, files);
    copyLog(original, threaded, files);
    const intact = await openReport(alone, 0);
    expect(intact.report.records).toBeGreaterThan(10_000);
    expect(await openReport(threaded, 2)).toEqual(intact);

    // A flipped payload bit in the second segment: refused without repair, cut with it.
    for (const dir of [alone, threaded]) {
      const path = join(dir, segments[1]);
      const bytes = readFileSync(path);
      bytes[Math.floor(bytes.length / 2)] ^= 0x10;
      writeFileSync(path, bytes);
    }
    const refusal = (threads: number) =>
      SegmentLog.open({ dir: threads ? threaded : alone, recoveryThreads: threads }).then(
        () => undefined,
        (err: Error & { code?: string; segment?: number; position?: number }) => ({
          code: err.code,
          segment: err.segment,
          position: err.position,
          message: err.message.replaceAll(basename(threaded), basename(alone)),
        }),
      );
    const expected = await refusal(0);
    expect(expected?.code).toBe('record_checksum');
    expect(await refusal(2)).toEqual(expected);
    const repairedAlone = await openReport(alone, 0, true);
    const repairedThreaded = await openReport(threaded, 2, true);
    expect(JSON.parse(JSON.stringify(repairedThreaded).replaceAll(basename(threaded), basename(alone)))).toEqual(
      repairedAlone,
    );
    expect(repairedAlone.report.droppedSegments.length).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
