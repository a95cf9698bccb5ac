// `felix log`: a durable stream's files looked at without the broker and without changing them.
// inspect summarises the segments, verify checks every record and index and says what the
// broker's recovery would do, dump prints records from an offset. None of them opens the log
// (an open repairs what the rules allow): they read through @felix/storage's read-only
// functions, built on the codec generated from the storage spec.
import { basename } from 'node:path';
import {
  isStorageError,
  readShardRecords,
  type ShardRecord,
  type ShardVerification,
  verifyShard,
} from '@felix/storage';
import {
  CliFailure,
  EXIT_LOG_NEEDS_REPAIR,
  EXIT_LOG_REFUSED,
  EXIT_LOG_REPAIRED_AT_OPEN,
  UsageError,
} from '../errors.js';
import { escapedText, hexDump } from '../log/payload-text.js';
import { describeShardName, inspectText, isoMicros, verifyText } from '../log/report-text.js';
import { shardDirectories } from '../log/shard-dirs.js';

export interface LogReportFlags {
  json?: boolean;
  indexSpacing: number;
}

export interface DumpFlags {
  from: number;
  count?: number;
  format: 'text' | 'json' | 'hex';
}

/** The storage engine's errors name their site; they are run-time failures, printed as they are. */
async function storageFailures<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isStorageError(err)) throw new CliFailure(err.message);
    throw err;
  }
}

/**
 * Gathers lines into chunks for stdout. The caller flushes once `full`, and the flush waits while
 * stdout is full, so a huge dump holds little memory; lines are added without a promise each.
 */
class Output {
  private chunk = '';

  line(text: string): void {
    this.chunk += `${text}\n`;
  }

  get full(): boolean {
    return this.chunk.length >= 1 << 16;
  }

  async flush(): Promise<void> {
    if (this.chunk === '') return;
    const text = this.chunk;
    this.chunk = '';
    if (!process.stdout.write(text)) await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
  }
}

async function verifyAll(
  dir: string,
  flags: LogReportFlags,
): Promise<{ single: boolean; reports: ShardVerification[] }> {
  const { single, shards } = await shardDirectories(dir);
  const reports: ShardVerification[] = [];
  for (const shard of shards)
    reports.push(await storageFailures(() => verifyShard(shard, { indexSpacingBytes: flags.indexSpacing })));
  return { single, reports };
}

/** Every field of the report, one absent as null, so a script sees the same keys every time. */
const asJson = (value: unknown) => JSON.stringify(value, (_, v: unknown) => (v === undefined ? null : v), 2);

function withName(report: ShardVerification) {
  return { name: describeShardName(report.dir).parsed ?? null, ...report };
}

/** What verify's exit code says about one shard (README and --help: 0, 4, 5, 6). */
function exitCodeOf(report: ShardVerification): number {
  switch (report.plan.outcome) {
    case 'opens':
      return 0;
    case 'opens_after_repairs':
      return EXIT_LOG_REPAIRED_AT_OPEN;
    case 'refuses_without_repair':
      return EXIT_LOG_NEEDS_REPAIR;
    case 'refuses':
      return EXIT_LOG_REFUSED;
  }
}

export async function inspect(dir: string, flags: LogReportFlags): Promise<void> {
  const { reports } = await verifyAll(dir, flags);
  if (flags.json) {
    process.stdout.write(`${asJson({ dir, shards: reports.map(withName) })}\n`);
    return;
  }
  const out = new Output();
  for (const [i, report] of reports.entries()) {
    if (i > 0) out.line('');
    for (const line of inspectText(report)) out.line(line);
  }
  await out.flush();
}

/** Exits 0 when every shard is clean, else with the worst shard's code. */
export async function verify(dir: string, flags: LogReportFlags): Promise<number> {
  const { reports } = await verifyAll(dir, flags);
  const exitCode = Math.max(0, ...reports.map(exitCodeOf));
  if (flags.json) {
    process.stdout.write(`${asJson({ dir, exitCode, shards: reports.map(withName) })}\n`);
    return exitCode;
  }
  const out = new Output();
  for (const report of reports) for (const line of verifyText(report)) out.line(line);
  if (reports.length > 1) {
    const damaged = reports.filter((r) => exitCodeOf(r) !== 0).length;
    out.line(`${damaged} of ${reports.length} shards damaged`);
  }
  await out.flush();
  return exitCode;
}

function textLine(record: ShardRecord): string {
  return `${record.offset}\t${isoMicros(record.timestampMicros)}\t${escapedText(record.payload)}`;
}

function jsonLine(record: ShardRecord): string {
  return JSON.stringify({
    offset: record.offset,
    timestamp: isoMicros(record.timestampMicros),
    timestampMicros: record.timestampMicros,
    segment: record.segment,
    position: record.position,
    payloadBytes: record.payload.length,
    payloadBase64: Buffer.from(record.payload.buffer, record.payload.byteOffset, record.payload.byteLength).toString(
      'base64',
    ),
  });
}

/** A record's header line and its payload's hex dump, the last line break left off. */
function hexBlock(record: ShardRecord): string {
  const where = `${basename(record.path)} byte ${record.position}`;
  const header = `offset ${record.offset}  ${isoMicros(record.timestampMicros)}  ${record.payload.length} bytes  (${where})`;
  const rows = hexDump(record.payload);
  return rows === '' ? header : `${header}\n${rows.slice(0, -1)}`;
}

/** Prints `--count` records (all when omitted) from `--from` on, one at a time. */
export async function dump(dir: string, flags: DumpFlags): Promise<void> {
  const { shards } = await shardDirectories(dir);
  if (shards.length > 1)
    throw new UsageError(`${dir} holds ${shards.length} shards; dump reads one: ${shards.join(', ')}`);
  const out = new Output();
  let printed = 0;
  try {
    await storageFailures(async () => {
      if (flags.count === 0) return;
      for await (const record of readShardRecords(shards[0], { from: flags.from })) {
        if (flags.format === 'json') out.line(jsonLine(record));
        else if (flags.format === 'hex') out.line(hexBlock(record));
        else out.line(textLine(record));
        if (out.full) await out.flush();
        if (++printed === flags.count) break;
      }
    });
  } finally {
    // What was read before any damage is printed before the error that stopped the dump.
    await out.flush();
  }
}
