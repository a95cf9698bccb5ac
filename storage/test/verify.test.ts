// verifyShard and readShardRecords: read-only looks at a shard's directory. The engine's own
// open is the oracle: for seeded random damage (one or two sites at once), what verifyShard says
// the open does is what SegmentLog.open then does, with and without repair, and verifyShard never
// changes a byte. Run a failing case again with FELIX_STORAGE_VERIFY_SEED.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RECORD_SIZE, SEGMENT_HEADER_SIZE, shardDirectoryName } from '@felix/generated/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseShardDirectoryName,
  type RecoveryPlan,
  readShardRecords,
  SegmentLog,
  StorageError,
  verifyShard,
} from '../src/index.js';
import { InstrumentedFileOps, scratchDir, seededRandom } from './helpers.js';

const CASES = Number(process.env.FELIX_STORAGE_VERIFY_CASES ?? 160);
const SEED = Number(process.env.FELIX_STORAGE_VERIFY_SEED ?? Math.floor(Math.random() * 2 ** 31));
const REPRODUCE = `FELIX_STORAGE_VERIFY_SEED=${SEED}`;
const SPACING = 160;
const OPTIONS = { segmentBytes: 900, indexSpacingBytes: SPACING, shard: 's' } as const;

let scratch: { dir: string; remove(): void };
let pristine: Map<string, Buffer>;
let payloads: Uint8Array[];
/** Segment file names, oldest first. */
let segmentNames: string[];

const snapshot = (dir: string) => new Map(readdirSync(dir).map((n) => [n, readFileSync(join(dir, n)).toString('hex')]));

function copyOfPristine(name: string): string {
  const dir = join(scratch.dir, name);
  mkdirSync(dir);
  for (const [file, bytes] of pristine) writeFileSync(join(dir, file), bytes);
  return dir;
}

beforeAll(async () => {
  scratch = scratchDir('felix-storage-verify-');
  const random = seededRandom(SEED);
  const dir = join(scratch.dir, 'pristine');
  const log = await SegmentLog.open({ dir, ...OPTIONS, fsync: { mode: 'none' } });
  payloads = [];
  for (let i = 0; i < 40; i++) {
    const payload = new Uint8Array(1 + random.int(150));
    for (let j = 0; j < payload.length; j++) payload[j] = random.int(256);
    payloads.push(payload);
    await log.append(payload, { timestampMicros: 1_000_000 + i });
  }
  await log.close();
  pristine = new Map(readdirSync(dir).map((n) => [n, readFileSync(join(dir, n))]));
  segmentNames = [...pristine.keys()].filter((n) => n.endsWith('.log')).sort();
});

afterAll(() => scratch?.remove());

describe('verifyShard on a clean log', () => {
  it('summarises every segment, finds nothing, and only ever reads', async () => {
    const dir = copyOfPristine('clean');
    const before = snapshot(dir);
    const fileOps = new InstrumentedFileOps();
    const report = await verifyShard(dir, { indexSpacingBytes: SPACING, fileOps, readWindowBytes: 64 });
    expect(report.problems).toEqual([]);
    expect(report.plan).toMatchObject({ outcome: 'opens', deletedSegments: [], rebuiltIndexes: [], removedFiles: [] });
    expect(report.totals).toMatchObject({ segments: segmentNames.length, records: 40, firstOffset: 0, lastOffset: 39 });
    expect(report.totals.bytes).toBe(segmentNames.reduce((n, s) => n + pristine.get(s)!.length, 0));
    let next = 0;
    for (const [i, segment] of report.segments.entries()) {
      expect(segment).toMatchObject({
        segment: i,
        baseOffset: next,
        firstOffset: next,
        active: i === report.segments.length - 1,
        fileBytes: pristine.get(segmentNames[i])!.length,
        validBytes: pristine.get(segmentNames[i])!.length,
        problems: 0,
      });
      expect(segment.index).toMatchObject({ present: true, status: 'matches' });
      expect(segment.index.entries).toBe(segment.index.expectedEntries);
      next = segment.lastOffset! + 1;
    }
    expect(fileOps.calls).toMatchObject({ write: 0, datasync: 0, truncate: 0, rename: 0, unlink: 0 });
    expect(snapshot(dir)).toEqual(before);
  });

  it('calls an index written at another spacing stale, and says its entries are real', async () => {
    const dir = copyOfPristine('spacing');
    const report = await verifyShard(dir, { indexSpacingBytes: SPACING * 2 });
    const stale = report.problems.filter((p) => p.code === 'stale');
    expect(stale.length).toBeGreaterThan(0);
    expect(stale[0]).toMatchObject({ recovery: 'rebuild_index', field: undefined });
    expect(stale[0].detail).toMatch(/every entry names a real record/);
    expect(report.plan.outcome).toBe('opens_after_repairs');
  });
});

describe('verifyShard on damage', () => {
  it('names two rotted payloads in one sealed segment, stepping over the first', async () => {
    const dir = copyOfPristine('two-payloads');
    const name = segmentNames[0];
    const bytes = Buffer.from(pristine.get(name)!);
    // The first and third records of the oldest segment.
    const starts = [SEGMENT_HEADER_SIZE];
    for (let i = 0; i < 3; i++) starts.push(starts[i] + RECORD_SIZE + bytes.readUInt32BE(starts[i]));
    bytes[starts[0] + RECORD_SIZE] ^= 0x40;
    bytes[starts[2] + RECORD_SIZE] ^= 0x01;
    writeFileSync(join(dir, name), bytes);
    const report = await verifyShard(dir, { indexSpacingBytes: SPACING });
    expect(report.problems.map((p) => [p.code, p.segment, p.position, p.field, p.recovery])).toEqual([
      ['record_checksum', 0, starts[0], 'record.checksum', 'needs_opt_in'],
      ['record_checksum', 0, starts[2], 'record.checksum', 'needs_opt_in'],
      // The index recovery would write holds no entry past the cut at the first record.
      ['stale', 0, expect.any(Number), undefined, 'rebuild_index'],
    ]);
    // Every record but the two still verified, in this segment and the ones after it.
    expect(report.totals.records).toBe(38);
    expect(report.plan).toMatchObject({
      outcome: 'refuses_without_repair',
      decidedBy: { code: 'record_checksum', position: starts[0] },
      truncation: { segment: 0, position: starts[0], firstDroppedOffset: 0 },
    });
    expect(report.plan.deletedSegments.map((d) => d.segment)).toEqual(segmentNames.slice(1).map((_, i) => i + 1));
  });

  it('names leftovers of unfinished writes as files the open deletes', async () => {
    const dir = copyOfPristine('leftovers');
    writeFileSync(join(dir, '00000000000000000099.index'), Buffer.alloc(24));
    writeFileSync(join(dir, `${segmentNames[0]}.tmp`), Buffer.alloc(3));
    const report = await verifyShard(dir, { indexSpacingBytes: SPACING });
    expect(report.problems.map((p) => [p.code, p.recovery])).toEqual([
      ['leftover_file', 'remove_file'],
      ['leftover_file', 'remove_file'],
    ]);
    expect(report.plan.outcome).toBe('opens_after_repairs');
    const log = await SegmentLog.open({ dir, ...OPTIONS });
    expect([...log.recovery.removedFiles].sort()).toEqual(report.plan.removedFiles);
    await log.close();
  });

  it(`predicts what the open does in each of ${CASES} seeded cases`, async () => {
    const outcomes = new Map<string, number>();
    for (let n = 0; n < CASES; n++) {
      const outcome = await runCase(n);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    console.log(`verify (${REPRODUCE}): ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}`);
    for (const outcome of ['opens_after_repairs', 'refuses_without_repair', 'refuses'])
      expect(outcomes.get(outcome), `${outcome} (${REPRODUCE})`).toBeGreaterThan(0);
  });
});

function damage(dir: string, random: ReturnType<typeof seededRandom>): string {
  const segment = random.int(segmentNames.length);
  const name = segmentNames[segment];
  const indexName = name.replace('.log', '.index');
  const roll = random.next();
  if (roll < 0.3) {
    const bytes = readFileSync(join(dir, name));
    const at = random.int(bytes.length);
    writeFileSync(join(dir, name), bytes.subarray(0, at));
    return `truncate ${name} at ${at}`;
  }
  if (roll < 0.75) {
    const bytes = readFileSync(join(dir, name));
    const at = random.next() < 0.15 ? random.int(SEGMENT_HEADER_SIZE) : random.int(bytes.length);
    bytes[at] ^= 1 << random.int(8);
    writeFileSync(join(dir, name), bytes);
    return `flip ${name} at ${at}`;
  }
  if (roll < 0.87 || !existsSync(join(dir, indexName))) {
    rmSync(join(dir, indexName), { force: true });
    return `delete ${indexName}`;
  }
  const bytes = readFileSync(join(dir, indexName));
  const at = random.int(bytes.length);
  bytes[at] ^= 1 << random.int(8);
  writeFileSync(join(dir, indexName), bytes);
  return `flip ${indexName} at ${at}`;
}

async function opened(dir: string, repair: boolean): Promise<SegmentLog | StorageError> {
  const result = await SegmentLog.open({ dir, ...OPTIONS, repair }).catch((e: unknown) => e);
  if (result instanceof SegmentLog || result instanceof StorageError) return result;
  throw result;
}

function expectOpenAsPlanned(log: SegmentLog | StorageError, plan: RecoveryPlan, automatic: boolean, label: string) {
  if (log instanceof StorageError) throw new Error(`${label}: the open refused: ${log.message}`);
  const { truncation } = plan;
  expect(
    log.recovery.truncations.map((t) => ({ ...t, code: undefined })),
    label,
  ).toEqual(truncation ? [{ ...truncation, code: undefined, automatic }] : []);
  if (truncation) expect(log.recovery.truncations[0].code, label).toBe(plan.decidedBy?.code);
  expect(
    log.recovery.droppedSegments.map(({ segment, path, bytes }) => ({ segment, path, bytes })),
    label,
  ).toEqual(plan.deletedSegments);
  expect(log.recovery.rebuiltIndexes, label).toEqual(plan.rebuiltIndexes);
}

function expectRefusalAsPlanned(log: SegmentLog | StorageError, plan: RecoveryPlan, label: string) {
  expect(log, label).toBeInstanceOf(StorageError);
  const error = log as StorageError;
  expect({ code: error.code, segment: error.segment, position: error.position }, label).toEqual({
    code: plan.decidedBy?.code,
    segment: plan.decidedBy?.segment,
    position: plan.decidedBy?.position,
  });
}

async function runCase(n: number): Promise<string> {
  const random = seededRandom(SEED + n * 7919);
  const dir = copyOfPristine(`case-${n}`);
  const what = [damage(dir, random)];
  if (random.next() < 0.3) what.push(damage(dir, random));
  const label = `case ${n} (${REPRODUCE}): ${what.join(', ')}`;
  const before = snapshot(dir);
  const report = await verifyShard(dir, { indexSpacingBytes: SPACING, readWindowBytes: 1 + random.int(600) });
  expect(snapshot(dir), `${label}: verify changed nothing`).toEqual(before);
  const { plan } = report;
  expect(report.problems.length > 0, label).toBe(plan.outcome !== 'opens');

  const first = await opened(dir, false);
  if (plan.outcome === 'opens' || plan.outcome === 'opens_after_repairs') {
    expectOpenAsPlanned(first, plan, true, label);
    await (first as SegmentLog).close();
  } else {
    expectRefusalAsPlanned(first, plan, label);
    const repaired = await opened(dir, true);
    if (plan.outcome === 'refuses') expectRefusalAsPlanned(repaired, plan, label);
    else {
      expectOpenAsPlanned(repaired, plan, false, label);
      await (repaired as SegmentLog).close();
    }
  }
  // After recovery has done its part, verify finds nothing more to do.
  if (plan.outcome !== 'refuses') {
    const after = await verifyShard(dir, { indexSpacingBytes: SPACING });
    expect(after.problems, label).toEqual([]);
  }
  rmSync(dir, { recursive: true });
  return plan.outcome;
}

describe('readShardRecords', () => {
  it('reads from any offset across segments, seeking through the index', async () => {
    const dir = copyOfPristine('read');
    for (const from of [0, 1, 7, 17, 39, 40, 100]) {
      const got: number[] = [];
      for await (const record of readShardRecords(dir, { from, readWindowBytes: 100 })) {
        expect(Buffer.from(record.payload).equals(payloads[record.offset])).toBe(true);
        got.push(record.offset);
      }
      expect(got, `from ${from}`).toEqual(Array.from({ length: Math.max(0, 40 - from) }, (_, i) => from + i));
    }
  });

  it('is not misled by an index whose entries lie', async () => {
    const dir = copyOfPristine('lying-index');
    const name = segmentNames[1].replace('.log', '.index');
    const bytes = readFileSync(join(dir, name));
    // Every entry's position moved by one byte: none names a record start any more.
    for (let at = 24; at + 16 <= bytes.length; at += 16)
      bytes.writeBigUInt64BE(bytes.readBigUInt64BE(at + 8) + 1n, at + 8);
    writeFileSync(join(dir, name), bytes);
    const report = await verifyShard(dir, { indexSpacingBytes: SPACING });
    const first = report.segments[1].firstOffset!;
    const got: number[] = [];
    for await (const record of readShardRecords(dir, { from: first + 2 })) got.push(record.offset);
    expect(got[0]).toBe(first + 2);
    expect(got.length).toBe(40 - first - 2);
  });

  it('ends with a StorageError naming the site of the first damage after what it could read', async () => {
    const dir = copyOfPristine('read-damage');
    const name = segmentNames[1];
    const bytes = Buffer.from(pristine.get(name)!);
    bytes[SEGMENT_HEADER_SIZE + RECORD_SIZE] ^= 0x80;
    writeFileSync(join(dir, name), bytes);
    const got: number[] = [];
    const error = await (async () => {
      for await (const record of readShardRecords(dir)) got.push(record.offset);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ code: 'record_checksum', segment: 1, position: SEGMENT_HEADER_SIZE });
    expect(got).toEqual(Array.from({ length: got.length }, (_, i) => i));
  });
});

describe('memory', () => {
  it('verifies and reads an 8 MiB log through windows of the size asked for', async () => {
    const dir = join(scratch.dir, 'large');
    const log = await SegmentLog.open({ dir, segmentBytes: 2 << 20, fsync: { mode: 'none' } });
    const payload = new Uint8Array(1000).fill(7);
    for (let i = 0; i < 8 * 1024; i += 64) await log.append(Array.from({ length: 64 }, () => payload));
    await log.close();
    const window = 64 * 1024;
    const verifyOps = new InstrumentedFileOps();
    const report = await verifyShard(dir, { fileOps: verifyOps, readWindowBytes: window });
    expect(report.problems).toEqual([]);
    expect(report.totals.records).toBe(8 * 1024);
    const readOps = new InstrumentedFileOps();
    let records = 0;
    for await (const record of readShardRecords(dir, { fileOps: readOps, readWindowBytes: window, from: 100 }))
      records += record.payload.length === 1000 ? 1 : 0;
    expect(records).toBe(8 * 1024 - 100);
    // Index files are read whole (a few entries per segment); segments only a window at a time.
    for (const ops of [verifyOps, readOps]) expect(ops.largestReadLength).toBeLessThanOrEqual(window);
  });
});

describe('parseShardDirectoryName', () => {
  it('reads the key back when the name renders it exactly, and only the readable part otherwise', () => {
    const exact = { tenant: 'acme', namespace: 'default', stream: 'orders', shard: 3 };
    expect(parseShardDirectoryName('acme_default_orders_3-0d3af04b998d2cb1')).toEqual({
      readable: 'acme_default_orders',
      shard: 3,
      hash: '0d3af04b998d2cb1',
      key: exact,
    });
    const underscores = { tenant: 't_1', namespace: 'ns', stream: 'a_b_c', shard: 0 };
    expect(parseShardDirectoryName(shardDirectoryName(underscores))?.key).toEqual(underscores);
    const lossy = parseShardDirectoryName(
      shardDirectoryName({ tenant: 't1', namespace: 'default', stream: 'a.b', shard: 7 }),
    );
    expect(lossy).toMatchObject({ readable: 't1_default_a_b', shard: 7 });
    expect(lossy?.key).toBeUndefined();
    expect(parseShardDirectoryName('00000000000000000000.log')).toBeUndefined();
  });
});
