// Recovery of a durable log beside the time to read the same bytes: the goal is a
// recovery (every record's checksums verified, indexes reconciled) within 3× a plain read of the
// shard's files. Both are timed warm (files in the page cache) and, when this process may drop
// the page cache (root on Linux), cold; the ratio is only taken between runs of the same kind.
// Run: npm run bench:recovery [-- --gib 1 --payload 1024 --rounds 3]
import { writeFileSync } from 'node:fs';
import { mkdtemp, open, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommandLine } from '@felix/command-line';
import { SegmentLog } from '@felix/storage';
import { percentile } from './shared/stats.js';

const { values } = parseCommandLine({
  name: 'bench:recovery',
  usage: `
Usage: npm run bench:recovery [-- options]

Writes a durable log, then times its recovery against a plain read of its files.

Options:
  --gib <n>        size of the log in GiB (default 1)
  --payload <n>    payload bytes per record (default 1024)
  --rounds <n>     timed rounds of each kind (default 3)
  --dir <path>     parent directory of the scratch log (default: the system temp dir)
  --no-cold        skip the cold-cache rounds even where the page cache can be dropped
  -h, --help       print this help`,
  config: {
    options: {
      gib: { type: 'string', default: '1' },
      payload: { type: 'string', default: '1024' },
      rounds: { type: 'string', default: '3' },
      dir: { type: 'string' },
      'no-cold': { type: 'boolean', default: false },
    },
  },
});

const totalBytes = Math.round(Number(values.gib) * 2 ** 30);
const payloadBytes = Number(values.payload);
const rounds = Number(values.rounds);
const dir = await mkdtemp(join(values.dir ?? tmpdir(), 'felix-recovery-'));

/** Drops the page cache so the next read comes from the disk; false where this process may not. */
function dropPageCache(): boolean {
  try {
    writeFileSync('/proc/sys/vm/drop_caches', '3');
    return true;
  } catch {
    return false;
  }
}

async function fill(): Promise<void> {
  const log = await SegmentLog.open({ dir, fsync: { mode: 'none' } });
  const payload = new Uint8Array(payloadBytes).map((_, i) => (i * 31 + 7) & 0xff);
  const batch = Array.from({ length: 64 }, () => payload);
  const records = Math.ceil(totalBytes / (payloadBytes + 28));
  for (let written = 0; written < records; written += batch.length) await log.append(batch);
  await log.close();
}

/** Reads every file of the shard start to end, 1 MiB at a time (the recovery's window). */
async function plainRead(): Promise<number> {
  const buffer = new Uint8Array(1 << 20);
  let bytes = 0;
  for (const name of (await readdir(dir)).sort()) {
    const file = await open(join(dir, name), 'r');
    try {
      for (;;) {
        const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) break;
        bytes += bytesRead;
      }
    } finally {
      await file.close();
    }
  }
  return bytes;
}

async function recover(): Promise<number> {
  const log = await SegmentLog.open({ dir, fsync: { mode: 'none' } });
  const { records } = log.recovery;
  await log.close();
  return records;
}

async function time(task: () => Promise<unknown>, cold: boolean): Promise<number> {
  if (cold) dropPageCache();
  const started = performance.now();
  await task();
  return performance.now() - started;
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

try {
  console.log(`writing ${(totalBytes / 2 ** 30).toFixed(2)} GiB of ${payloadBytes} B records under ${dir}`);
  await fill();
  const kinds = [false];
  if (!values['no-cold'] && dropPageCache()) kinds.push(true);
  for (const cold of kinds) {
    await plainRead(); // warms the cache for the warm rounds, and the code for both
    const reads: number[] = [];
    const recoveries: number[] = [];
    for (let i = 0; i < rounds; i++) {
      reads.push(await time(plainRead, cold));
      recoveries.push(await time(recover, cold));
    }
    const read = median(reads);
    const recovery = median(recoveries);
    const ratio = recovery / read;
    console.log(
      `${cold ? 'cold' : 'warm'}: read ${read.toFixed(0)} ms, recovery ${recovery.toFixed(0)} ms, ` +
        `ratio ${ratio.toFixed(2)}× (goal ≤ 3×: ${ratio <= 3 ? 'met' : 'missed'}) ` +
        `[reads ${reads.map((r) => r.toFixed(0)).join(', ')}; recoveries ${recoveries.map((r) => r.toFixed(0)).join(', ')}]`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
