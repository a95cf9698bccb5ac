// `felix log` as users run it, over logs written by @felix/storage: inspect and verify a clean
// log, dump it in each format, then damage copies (a rotted payload, a torn tail, a deleted
// index, a broken segment header) and check that verify names each site with its storage error
// code and what recovery does, exits with the documented code, and never changes a file.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RECORD_SIZE, SEGMENT_HEADER_SIZE } from '@felix/generated/storage';
import { SegmentLog, shardDirectory } from '@felix/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Finished, felix } from './helpers.js';

const SPACING = 256;
const KEY = { tenant: 't1', namespace: 'default', stream: 'orders', shard: 2 };
const COUNT = 60;
/** Record 7's payload has a line break, a tab, a backslash, a control byte and bytes that are not UTF-8. */
const payloadOf = (i: number) =>
  i === 7
    ? Uint8Array.from([...new TextEncoder().encode('a\nb\tc\\é'), 0x01, 0xff, 0xfe])
    : new TextEncoder().encode(`order ${i} ${'x'.repeat(i % 50)}`);
const timestampOf = (i: number) => 1_700_000_000_000_000 + i * 1_000_001;

let root: string;
/** The pristine shard directory, under a data directory of its own. */
let pristine: string;
let segments: string[];
let copies = 0;

const snapshot = (dir: string) => new Map(readdirSync(dir).map((n) => [n, readFileSync(join(dir, n)).toString('hex')]));

/** A copy of the pristine shard (same directory name) in a data directory of its own. */
function copyOfShard(): string {
  const dir = shardDirectory(join(root, `copy-${copies++}`), KEY);
  mkdirSync(dir, { recursive: true });
  cpSync(pristine, dir, { recursive: true });
  return dir;
}

/** Byte positions of the records of a segment file, read with the format's sizes. */
function recordStarts(bytes: Buffer): number[] {
  const starts: number[] = [];
  for (let at = SEGMENT_HEADER_SIZE; at < bytes.length; at += RECORD_SIZE + bytes.readUInt32BE(at)) starts.push(at);
  return starts;
}

async function verifyJson(dir: string): Promise<{ result: Finished; report: any }> {
  const result = await felix(['log', 'verify', dir, '--index-spacing', String(SPACING), '--json']);
  return { result, report: JSON.parse(result.stdout) };
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'felix-log-test-'));
  pristine = shardDirectory(join(root, 'data'), KEY);
  const log = await SegmentLog.open({
    dir: pristine,
    segmentBytes: 1200,
    indexSpacingBytes: SPACING,
    fsync: { mode: 'none' },
  });
  for (let i = 0; i < COUNT; i++) await log.append(payloadOf(i), { timestampMicros: timestampOf(i) });
  await log.close();
  segments = readdirSync(pristine)
    .filter((n) => n.endsWith('.log'))
    .sort();
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('felix log on a clean log', () => {
  it('inspect lists every segment, its index and the totals, and decodes the shard name', async () => {
    expect(segments.length).toBeGreaterThanOrEqual(3);
    const r = await felix(['log', 'inspect', pristine, '--index-spacing', String(SPACING)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('tenant t1, namespace default, stream orders, shard 2');
    const rows = r.stdout.split('\n').filter((l) => /^\d{20}\.log/.test(l));
    expect(rows.map((l) => l.slice(0, 24))).toEqual(segments);
    expect(rows.slice(0, -1).every((l) => / sealed /.test(l) && /matches$/.test(l))).toBe(true);
    expect(rows.at(-1)).toMatch(/ active .*matches$/);
    expect(rows[0]).toMatch(/^00000000000000000000\.log\s+0\s+\d+\s+0\s+\d+/);
    expect(r.stdout).toMatch(
      new RegExp(`total\\s+${segments.length} segments, ${COUNT} records, offsets 0–${COUNT - 1}`),
    );

    const json = await felix(['log', 'inspect', pristine, '--index-spacing', String(SPACING), '--json']);
    const [shard] = JSON.parse(json.stdout).shards;
    expect(shard.name.key).toEqual(KEY);
    expect(shard.totals).toMatchObject({
      segments: segments.length,
      records: COUNT,
      firstOffset: 0,
      lastOffset: COUNT - 1,
    });
    let next = 0;
    for (const s of shard.segments) {
      expect(s).toMatchObject({ baseOffset: next, firstOffset: next, problems: 0, index: { status: 'matches' } });
      expect(s.index.entries).toBeGreaterThan(s === shard.segments.at(-1) ? 0 : 1);
      next = s.lastOffset + 1;
    }
  });

  it('verify exits 0 and changes no file', async () => {
    const before = snapshot(pristine);
    const r = await felix(['log', 'verify', pristine, '--index-spacing', String(SPACING)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(
      `ok: ${pristine}: ${segments.length} segments, ${COUNT} records: every checksum, offset and index verified`,
    );
    expect(snapshot(pristine)).toEqual(before);
  });

  it('verify checks indexes against the spacing given, and says when another one would fit', async () => {
    const r = await felix(['log', 'verify', pristine]);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/00000000000000000000\.index byte \d+: stale: /);
    expect(r.stdout).toContain('pass the one the broker uses as --index-spacing');
  });

  it('dump prints records from an offset as escaped text, JSON lines and a hex dump', async () => {
    const text = await felix(['log', 'dump', pristine, '--from', '5', '--count', '4']);
    expect(text.code, text.stderr).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split('\t')[0])).toEqual(['5', '6', '7', '8']);
    expect(lines[0]).toBe('5\t2023-11-14T22:13:25.000005Z\torder 5 xxxxx');
    expect(lines[2].split('\t').slice(2).join('\t')).toBe('a\\nb\\tc\\\\é\\u{1}\\xff\\xfe');

    // Across every segment boundary, from an offset the index has to be searched for.
    const json = await felix(['log', 'dump', pristine, '--from', '13', '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    const records = json.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records.map((r) => r.offset)).toEqual(Array.from({ length: COUNT - 13 }, (_, i) => 13 + i));
    for (const r of records) {
      expect(Buffer.from(r.payloadBase64, 'base64').equals(Buffer.from(payloadOf(r.offset)))).toBe(true);
      expect(r.timestampMicros).toBe(timestampOf(r.offset));
    }
    expect(new Set(records.map((r) => r.segment)).size).toBeGreaterThan(1);

    const hex = await felix(['log', 'dump', pristine, '--from', '7', '-c', '1', '--format', 'hex']);
    expect(hex.stdout).toMatch(/^offset 7 {2}\S+ {2}11 bytes {2}\(00000000000000000000\.log byte \d+\)\n/);
    expect(hex.stdout).toContain('  00000000  61 0a 62 09 63 5c c3 a9  01 ff fe  ');
    expect(hex.stdout).toContain('|a.b.c\\.....|');

    const past = await felix(['log', 'dump', pristine, '--from', String(COUNT)]);
    expect([past.code, past.stdout]).toEqual([0, '']);
  });
});

describe('felix log verify on damage', () => {
  it('names a rotted payload in a sealed segment by file, byte and record_checksum, and exits 5', async () => {
    const dir = copyOfShard();
    const name = segments[1];
    const bytes = readFileSync(join(dir, name));
    const start = recordStarts(bytes)[2];
    bytes[start + RECORD_SIZE + 3] ^= 0x10;
    writeFileSync(join(dir, name), bytes);
    const before = snapshot(dir);

    const r = await felix(['log', 'verify', dir, '--index-spacing', String(SPACING)]);
    expect(r.code, r.stderr).toBe(5);
    expect(r.stdout).toContain(`${join(dir, name)} byte ${start}: record_checksum in record.checksum: stored 0x`);
    expect(r.stdout).toContain('needs opt-in');
    expect(r.stdout).toMatch(
      new RegExp(`the next open refuses it at ${name} byte ${start} \\(record_checksum\\) unless repair is asked for`),
    );

    const { result, report } = await verifyJson(dir);
    expect(result.code).toBe(5);
    expect(report.exitCode).toBe(5);
    const [shard] = report.shards;
    expect(shard.problems[0]).toMatchObject({
      code: 'record_checksum',
      path: join(dir, name),
      segment: 1,
      position: start,
      field: 'record.checksum',
      recovery: 'needs_opt_in',
    });
    expect(shard.plan).toMatchObject({
      outcome: 'refuses_without_repair',
      truncation: { segment: 1, position: start },
    });
    expect(snapshot(dir)).toEqual(before);

    // dump prints what comes before the damage, then stops on it.
    const dump = await felix(['log', 'dump', dir]);
    expect(dump.code).toBe(1);
    expect(dump.stderr).toMatch(
      new RegExp(`^felix: .*segment 1, .*${name}, byte ${start}: .*\\(record_checksum\\)\\n$`),
    );
    const dumped = dump.stdout.trimEnd().split('\n');
    expect(Number(dumped.at(-1)!.split('\t')[0]) + 1).toBe(shard.segments[1].baseOffset + 2);
  });

  it('reports a torn tail of the newest segment as repaired automatically, and exits 4', async () => {
    const dir = copyOfShard();
    const name = segments.at(-1)!;
    const bytes = readFileSync(join(dir, name));
    const last = recordStarts(bytes).at(-1)!;
    writeFileSync(join(dir, name), bytes.subarray(0, bytes.length - 3));

    const r = await felix(['log', 'verify', dir, '--index-spacing', String(SPACING)]);
    expect(r.code, r.stderr).toBe(4);
    expect(r.stdout).toContain(`${join(dir, name)} byte ${last}: truncated in record.payload`);
    expect(r.stdout).toContain('an unfinished write: the next open truncates it by itself');
    expect(r.stdout).toContain(`the next open truncates ${name} at byte ${last}`);
    const { report } = await verifyJson(dir);
    expect(report.shards[0].problems).toMatchObject([
      { code: 'truncated', segment: segments.length - 1, position: last, recovery: 'repair_automatically' },
    ]);
    expect(report.shards[0].plan).toMatchObject({
      outcome: 'opens_after_repairs',
      truncation: { position: last, firstDroppedOffset: COUNT - 1, droppedBytes: bytes.length - 3 - last },
    });

    // The broker's recovery does what verify said, after which there is nothing left to find.
    const log = await SegmentLog.open({ dir, indexSpacingBytes: SPACING });
    expect(log.recovery.truncations).toMatchObject([{ position: last, automatic: true, code: 'truncated' }]);
    await log.close();
    expect((await felix(['log', 'verify', dir, '--index-spacing', String(SPACING)])).code).toBe(0);
  });

  it('reports a deleted index as rebuilt at the next open, and exits 4', async () => {
    const dir = copyOfShard();
    const index = segments[0].replace('.log', '.index');
    rmSync(join(dir, index));
    const r = await felix(['log', 'verify', dir, '--index-spacing', String(SPACING)]);
    expect(r.code, r.stderr).toBe(4);
    expect(r.stdout).toContain(`${join(dir, index)} byte 24: missing: there is no index file`);
    expect(r.stdout).toContain('the next open rebuilds the index from its segment');
    expect(r.stdout).toContain('the next open rebuilds 1 index by itself, and opens it');
    const { report } = await verifyJson(dir);
    expect(report.shards[0].problems).toMatchObject([{ code: 'missing', segment: 0, recovery: 'rebuild_index' }]);
    expect(readdirSync(dir)).not.toContain(index);
  });

  it('reports segment header damage as never repaired, and exits 6', async () => {
    const dir = copyOfShard();
    const bytes = readFileSync(join(dir, segments[1]));
    bytes[10] ^= 0x01;
    writeFileSync(join(dir, segments[1]), bytes);
    const r = await felix(['log', 'verify', dir, '--index-spacing', String(SPACING)]);
    expect(r.code, r.stderr).toBe(6);
    expect(r.stdout).toContain(
      `${join(dir, segments[1])} byte 0: segment_header_checksum in segment_header.header_crc`,
    );
    expect(r.stdout).toContain('never repaired');
  });
});

describe('felix log over a data directory, and usage errors', () => {
  it('verify looks at every shard under a data directory and exits with the worst; dump wants one shard', async () => {
    const data = join(root, 'two-shards');
    const clean = shardDirectory(data, KEY);
    const other = shardDirectory(data, { ...KEY, stream: 'payments' });
    for (const dir of [clean, other]) {
      mkdirSync(dir, { recursive: true });
      cpSync(pristine, dir, { recursive: true });
    }
    rmSync(join(other, segments[0].replace('.log', '.index')));
    const r = await felix(['log', 'verify', data, '--index-spacing', String(SPACING)]);
    expect(r.code, r.stderr).toBe(4);
    expect(r.stdout).toContain(`ok: ${clean}:`);
    expect(r.stdout).toContain(`damaged: ${other}`);
    expect(r.stdout).toContain('1 of 2 shards damaged');
    const dump = await felix(['log', 'dump', data]);
    expect(dump.code).toBe(2);
    expect(dump.stderr).toMatch(/^felix: .* holds 2 shards; dump reads one: /);
  });

  it('refuses a directory that is not there or holds no log, and a format it does not know', async () => {
    const missing = await felix(['log', 'verify', join(root, 'nothing-here')]);
    expect([missing.code, missing.stderr]).toEqual([2, `felix: ${join(root, 'nothing-here')}: no such directory\n`]);
    const empty = join(root, 'empty');
    mkdirSync(empty);
    const none = await felix(['log', 'inspect', empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/holds no segment files and no shard directories/);
    const format = await felix(['log', 'dump', pristine, '--format', 'yaml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/^felix: option '--format <format>' argument 'yaml' is invalid/);
  });

  it('--help explains the directory and the exit codes', async () => {
    const r = await felix(['log', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/inspect .*\n[\s\S]*verify .*\n[\s\S]*dump /);
    expect(r.stdout).toContain('verify exit codes: 0 clean; 4 damage the next open repairs by itself');
  });
});
