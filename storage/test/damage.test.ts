// Damage, driven by seeded randomness: a segment cut at a random byte, a random bit flipped in a
// header or a payload, an index deleted or garbled. For each case an oracle built from the
// recovery rules (not from the engine) says what the open must do, and the engine must do
// exactly that, every time:
// - an unfinished write at the end of the newest segment is truncated automatically;
// - any other record damage, a torn older segment or a gap between segments refuses the open
//   with a StorageError naming shard, segment and byte position, and changes no file; with
//   `repair: true` the log is cut at the first bad record, later segments are deleted, and the
//   report says exactly that;
// - segment header damage refuses the open even with `repair: true` (the reserved bytes,
//   which no checksum covers and no reader checks, change nothing);
// - a deleted or garbled index is rebuilt, byte-identical to the one written while appending.
// Every kept record reads back intact, appends continue at the next offset, and a second open
// finds nothing left to repair. Run a failing case again with FELIX_STORAGE_DAMAGE_SEED.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeIndexFile, decodeSegmentFile, RECORD_SIZE, SEGMENT_HEADER_SIZE } from '@felix/generated/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LogRecord, SegmentLog, StorageError } from '../src/index.js';
import { scratchDir, seededRandom } from './helpers.js';

const CASES = Number(process.env.FELIX_STORAGE_DAMAGE_CASES ?? 240);
const SEED = Number(process.env.FELIX_STORAGE_DAMAGE_SEED ?? Math.floor(Math.random() * 2 ** 31));
const REPRODUCE = `FELIX_STORAGE_DAMAGE_SEED=${SEED}`;
const SHARD = 't1/default/orders/0';
const OPTIONS = { segmentBytes: 900, indexSpacingBytes: 160, shard: SHARD } as const;

interface RecordAt {
  offset: number;
  start: number;
  end: number;
}

interface SegmentLayout {
  id: number;
  name: string;
  indexName: string;
  length: number;
  records: RecordAt[];
  /** Offsets the index written while appending has entries for. */
  indexed: number[];
}

let scratch: { dir: string; remove(): void };
let pristine: Map<string, Buffer>;
let layout: SegmentLayout[];
let payloads: Uint8Array[];

beforeAll(async () => {
  scratch = scratchDir('felix-storage-damage-');
  const random = seededRandom(SEED);
  const dir = join(scratch.dir, 'pristine');
  const log = await SegmentLog.open({ dir, ...OPTIONS, fsync: { mode: 'none' } });
  payloads = [];
  for (let i = 0; i < 48; i++) {
    const payload = new Uint8Array(random.int(160));
    for (let j = 0; j < payload.length; j++) payload[j] = random.int(256);
    payloads.push(payload);
    await log.append(payload, { timestampMicros: 1_000_000 + i });
  }
  await log.close();
  pristine = new Map(readdirSync(dir).map((n) => [n, readFileSync(join(dir, n))]));
  // The layout as the codec reads it, with record boundaries from the format's sizes.
  layout = [...pristine.keys()]
    .filter((n) => n.endsWith('.log'))
    .sort()
    .map((name, id) => {
      const file = decodeSegmentFile(pristine.get(name)!);
      let start = SEGMENT_HEADER_SIZE;
      const records = file.records.map((r) => {
        const at = { offset: Number(r.offset), start, end: start + RECORD_SIZE + r.payload.length };
        start = at.end;
        return at;
      });
      const indexName = name.replace('.log', '.index');
      const indexed = decodeIndexFile(pristine.get(indexName)!).entries.map((e) => Number(e.offset));
      return { id, name, indexName, length: pristine.get(name)!.length, records, indexed };
    });
});

afterAll(() => scratch?.remove());

type Damage =
  | { kind: 'truncate'; segment: number; at: number }
  | { kind: 'flip'; segment: number; at: number; bit: number }
  | { kind: 'delete_index'; segment: number }
  | { kind: 'garble_index'; segment: number; how: 'cut' | 'flip' | 'noise'; at: number; bit: number; noise: number[] };

type Expected =
  | { outcome: 'refused'; code: string; segment: number; position: number }
  | {
      outcome: 'opened';
      /** Offsets kept: 0 up to this. */
      nextOffset: number;
      truncations: {
        segment: number;
        position: number;
        code: string;
        automatic: boolean;
        droppedBytes: number;
        firstDroppedOffset: number;
      }[];
      droppedSegments: { segment: number; code: string }[];
      rebuiltIndexes: number[];
    };

function pickDamage(random: ReturnType<typeof seededRandom>, n: number): Damage {
  // Every tenth case cuts the newest segment past its header (the crash case) and the next
  // flips a bit under its header checksum, so each run reaches those rules many times.
  const newest = layout.length - 1;
  if (n % 10 === 0)
    return {
      kind: 'truncate',
      segment: newest,
      at: SEGMENT_HEADER_SIZE + 1 + random.int(layout[newest].length - SEGMENT_HEADER_SIZE - 1),
    };
  if (n % 10 === 1)
    return { kind: 'flip', segment: random.int(layout.length), at: 8 + random.int(20), bit: random.int(8) };
  // And one cuts an older segment exactly between two records: a gap before the next segment.
  if (n % 10 === 2) {
    const older = layout[random.int(newest)];
    return { kind: 'truncate', segment: older.id, at: random.pick(older.records).start };
  }
  const segment = random.int(layout.length);
  const { length } = layout[segment];
  const indexLength = pristine.get(layout[segment].indexName)!.length;
  const roll = random.next();
  if (roll < 0.35) return { kind: 'truncate', segment, at: random.int(length) };
  if (roll < 0.55)
    // Half of the flips in the segment header, where every bit matters differently.
    return {
      kind: 'flip',
      segment,
      at: random.next() < 0.3 ? random.int(SEGMENT_HEADER_SIZE) : random.int(length),
      bit: random.int(8),
    };
  if (roll < 0.85) {
    const refused = layout.slice(segment).some((s) => s.records.length > 0);
    if (refused && random.next() < 0.5) {
      // A flip in a payload, specifically.
      const records = layout[segment].records;
      if (records.length > 0) {
        const r = random.pick(records);
        if (r.end - r.start > RECORD_SIZE)
          return {
            kind: 'flip',
            segment,
            at: r.start + RECORD_SIZE + random.int(r.end - r.start - RECORD_SIZE),
            bit: random.int(8),
          };
      }
    }
    return { kind: 'flip', segment, at: random.int(length), bit: random.int(8) };
  }
  if (roll < 0.92) return { kind: 'delete_index', segment };
  return {
    kind: 'garble_index',
    segment,
    how: random.pick(['cut', 'flip', 'noise'] as const),
    at: random.int(indexLength),
    bit: random.int(8),
    noise: Array.from({ length: random.int(80) }, () => random.int(256)),
  };
}

/** Where a byte position falls in a segment: the header, or a record (and whether at its first byte). */
function locate(
  segment: SegmentLayout,
  at: number,
): { header: true } | { header: false; record: RecordAt; boundary: boolean } {
  if (at < SEGMENT_HEADER_SIZE) return { header: true };
  const record = segment.records.find((r) => at >= r.start && at < r.end)!;
  return { header: false, record, boundary: at === record.start };
}

/** What the recovery rules say the open does. */
function expectation(damage: Damage, repair: boolean): Expected {
  const newest = layout.length - 1;
  const all = layout[newest].records.at(-1)!.offset + 1;
  const healthy: Expected & { outcome: 'opened' } = {
    outcome: 'opened',
    nextOffset: all,
    truncations: [],
    droppedSegments: [],
    rebuiltIndexes: [],
  };
  if (damage.kind === 'delete_index' || damage.kind === 'garble_index')
    return { ...healthy, rebuiltIndexes: [damage.segment] };
  const segment = layout[damage.segment];
  const place = locate(segment, damage.at);
  const dropAfter = (code: string) => layout.slice(damage.segment + 1).map((s) => ({ segment: s.id, code }));
  // A segment cut at a record keeps its index only if no entry pointed at or past the cut.
  const indexAfterCut = (record: RecordAt) => (segment.indexed.some((o) => o >= record.offset) ? [segment.id] : []);

  if (damage.kind === 'truncate') {
    if (place.header) return { outcome: 'refused', code: 'truncated', segment: segment.id, position: 0 };
    const { record, boundary } = place;
    if (boundary) {
      const rebuiltIndexes = indexAfterCut(record);
      if (damage.segment === newest) return { ...healthy, nextOffset: record.offset, rebuiltIndexes };
      if (!repair) return { outcome: 'refused', code: 'segment_gap', segment: segment.id + 1, position: 0 };
      return { ...healthy, nextOffset: record.offset, droppedSegments: dropAfter('segment_gap'), rebuiltIndexes };
    }
    const truncation = {
      segment: segment.id,
      position: record.start,
      code: 'truncated',
      automatic: damage.segment === newest,
      droppedBytes: damage.at - record.start,
      firstDroppedOffset: record.offset,
    };
    if (damage.segment !== newest && !repair)
      return { outcome: 'refused', code: 'truncated', segment: segment.id, position: record.start };
    return {
      ...healthy,
      nextOffset: record.offset,
      truncations: [truncation],
      droppedSegments: dropAfter('truncated'),
      rebuiltIndexes: indexAfterCut(record),
    };
  }

  // A flipped bit.
  if (place.header) {
    const at = damage.at;
    if (at >= 28) return healthy; // reserved: covered by no checksum, checked by no reader
    const code =
      at < 4 ? 'segment_magic' : at < 6 ? 'segment_version' : at < 8 ? 'segment_flags' : 'segment_header_checksum';
    return { outcome: 'refused', code, segment: segment.id, position: 0 };
  }
  const { record } = place;
  const within = damage.at - record.start;
  const code = within < 24 ? 'record_header_checksum' : 'record_checksum';
  if (!repair) return { outcome: 'refused', code, segment: segment.id, position: record.start };
  return {
    ...healthy,
    nextOffset: record.offset,
    truncations: [
      {
        segment: segment.id,
        position: record.start,
        code,
        automatic: false,
        droppedBytes: segment.length - record.start,
        firstDroppedOffset: record.offset,
      },
    ],
    droppedSegments: dropAfter(code),
    rebuiltIndexes: indexAfterCut(record),
  };
}

function applyDamage(dir: string, damage: Damage): void {
  const target =
    damage.kind === 'delete_index' || damage.kind === 'garble_index'
      ? layout[damage.segment].indexName
      : layout[damage.segment].name;
  const path = join(dir, target);
  const bytes = Buffer.from(pristine.get(target)!);
  switch (damage.kind) {
    case 'truncate':
      writeFileSync(path, bytes.subarray(0, damage.at));
      return;
    case 'flip':
      bytes[damage.at] ^= 1 << damage.bit;
      writeFileSync(path, bytes);
      return;
    case 'delete_index':
      rmSync(path);
      return;
    case 'garble_index':
      if (damage.how === 'cut') writeFileSync(path, bytes.subarray(0, damage.at));
      else if (damage.how === 'flip') {
        bytes[damage.at] ^= 1 << damage.bit;
        writeFileSync(path, bytes);
      } else writeFileSync(path, Buffer.from(damage.noise));
  }
}

async function readAll(log: SegmentLog): Promise<LogRecord[]> {
  const out: LogRecord[] = [];
  let offset = log.earliestOffset;
  for (;;) {
    const page = await log.read(offset, { maxRecords: 7, maxBytes: 600 });
    if (page.records.length === 0) return out;
    out.push(...page.records);
    offset = page.nextOffset;
  }
}

const snapshot = (dir: string) => new Map(readdirSync(dir).map((n) => [n, readFileSync(join(dir, n)).toString('hex')]));

async function runCase(n: number): Promise<string> {
  const random = seededRandom(SEED + n * 7919);
  const damage = pickDamage(random, n);
  const repair = random.next() < 0.4;
  const expected = expectation(damage, repair);
  const label = `case ${n} (${REPRODUCE}): ${JSON.stringify(damage)} repair=${repair}`;
  const dir = join(scratch.dir, `case-${n}`);
  mkdirSync(dir);
  for (const [name, bytes] of pristine) writeFileSync(join(dir, name), bytes);
  applyDamage(dir, damage);
  const before = snapshot(dir);

  const opened = await SegmentLog.open({ dir, ...OPTIONS, repair }).catch((e: unknown) => e);
  if (expected.outcome === 'refused') {
    expect(opened, label).toBeInstanceOf(StorageError);
    const error = opened as StorageError;
    expect({ code: error.code, segment: error.segment, position: error.position, shard: error.shard }, label).toEqual({
      code: expected.code,
      segment: expected.segment,
      position: expected.position,
      shard: SHARD,
    });
    expect(error.message, label).toContain(`shard ${SHARD}, segment ${expected.segment}`);
    expect(error.message, label).toContain(`byte ${expected.position}`);
    // A refused open changes nothing on disk.
    expect(snapshot(dir), label).toEqual(before);
    rmSync(dir, { recursive: true });
    return `refused:${expected.code}`;
  }

  if (!(opened instanceof SegmentLog)) throw new Error(`${label}: open failed: ${String(opened)}`);
  const log = opened;
  const report = log.recovery;
  expect(
    report.truncations.map(({ path: _, ...t }) => t),
    label,
  ).toEqual(expected.truncations);
  expect(
    report.droppedSegments.map((d) => ({ segment: d.segment, code: d.code })),
    label,
  ).toEqual(expected.droppedSegments);
  expect(
    report.rebuiltIndexes.map((r) => r.segment),
    label,
  ).toEqual(expected.rebuiltIndexes);
  if (damage.kind === 'delete_index') expect(report.rebuiltIndexes[0].reason, label).toBe('missing');
  expect(log.nextOffset, label).toBe(expected.nextOffset);
  const records = await readAll(log);
  expect(
    records.map((r) => r.offset),
    label,
  ).toEqual(Array.from({ length: expected.nextOffset }, (_, i) => i));
  for (const r of records)
    expect(Buffer.from(r.payload).equals(payloads[r.offset]), `${label}: payload ${r.offset}`).toBe(true);
  // Dropped segments are gone, and every kept index is what appending wrote.
  for (const d of expected.droppedSegments) {
    expect(readdirSync(dir), label).not.toContain(layout[d.segment].name);
    expect(readdirSync(dir), label).not.toContain(layout[d.segment].indexName);
  }
  if (
    expected.truncations.length === 0 &&
    expected.droppedSegments.length === 0 &&
    expected.nextOffset === payloads.length
  )
    for (const s of layout)
      expect(readFileSync(join(dir, s.indexName)).equals(pristine.get(s.indexName)!), label).toBe(true);

  expect((await log.append(new Uint8Array([n & 0xff]))).firstOffset, label).toBe(expected.nextOffset);
  await log.close();
  const again = await SegmentLog.open({ dir, ...OPTIONS });
  expect(
    {
      truncations: again.recovery.truncations,
      dropped: again.recovery.droppedSegments,
      rebuilt: again.recovery.rebuiltIndexes,
      next: again.nextOffset,
    },
    label,
  ).toEqual({ truncations: [], dropped: [], rebuilt: [], next: expected.nextOffset + 1 });
  await again.close();
  rmSync(dir, { recursive: true });
  const what = expected.truncations[0]
    ? `${expected.truncations[0].automatic ? 'repaired' : 'opted-in'}:${expected.truncations[0].code}`
    : 'opened';
  if (expected.droppedSegments.length > 0 && expected.truncations.length === 0) return 'opted-in:segment_gap';
  return what === 'opened' && expected.rebuiltIndexes.length > 0 ? 'opened:index rebuilt' : what;
}

describe('recovery from damage', () => {
  it(`does what the rules say in each of ${CASES} seeded cases`, async () => {
    expect(layout.length, 'the pristine log spans several segments').toBeGreaterThanOrEqual(4);
    const outcomes = new Map<string, number>();
    for (let n = 0; n < CASES; n++) {
      const outcome = await runCase(n);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    console.log(`damage (${REPRODUCE}): ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}`);
    // The random cases reached each rule.
    for (const outcome of [
      'repaired:truncated',
      'refused:truncated',
      'refused:record_checksum',
      'refused:segment_header_checksum',
      'refused:segment_gap',
      'opened:index rebuilt',
    ])
      expect(outcomes.get(outcome), `${outcome} (${REPRODUCE})`).toBeGreaterThan(0);
  });
});
