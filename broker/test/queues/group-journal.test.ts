// A durable group's journal: what was acknowledged comes back after a reopen, compaction keeps
// exactly the state, a reset replaces it, an interrupted rotation leaves the old journal
// current, and a journal that holds something else is refused with its path named.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeFrame } from '@felix/generated';
import { SegmentLog } from '@felix/storage';
import { describe, expect, it } from 'vitest';
import {
  GROUPS_DIRECTORY,
  GroupJournal,
  GroupJournalError,
  groupDirectoryName,
} from '../../src/queues/group-journal.js';

const stream = { tenant: 't1', namespace: 'default', stream: 'orders' };
const settings = { maxDeliveries: 5, deadLetterStream: 'orders.dead_letters' };
const options = { fsync: { mode: 'none' as const } };

function streamDir(): string {
  return mkdtempSync(join(tmpdir(), 'felix-group-journal-'));
}

describe('GroupJournal', () => {
  it('gives back the cursor and the acked set above it after a reopen', async () => {
    const dir = streamDir();
    const journal = await GroupJournal.create(dir, stream, 'workers', settings, 100, options);
    await journal.appendAcks(1, [100, 104, 110, 111]);
    await journal.appendAcks(2, [107, 108]);
    await journal.close();
    const [opened, ...others] = await GroupJournal.openAll(dir, stream, options);
    expect(others).toEqual([]);
    expect(opened.recovered).toEqual({
      group: 'workers',
      settings,
      committedOffset: 105,
      acked: [107, 108, 110, 111],
    });
    await opened.journal.appendAcks(1, [105, 106]);
    await opened.journal.close();
    const [again] = await GroupJournal.openAll(dir, stream, options);
    expect(again.recovered.committedOffset).toBe(109);
    expect(again.recovered.acked).toEqual([110, 111]);
    await again.journal.close();
  });

  it('compacts itself into its state alone, losing no ack', async () => {
    const dir = streamDir();
    const journal = await GroupJournal.create(dir, stream, 'g', settings, 0, { ...options, compactBytes: 4096 });
    // Every other offset, so the acked set above the cursor keeps growing.
    const acks: Promise<void>[] = [];
    for (let o = 1; o < 2000; o += 2) acks.push(journal.appendAcks(1, [o, o]));
    await Promise.all(acks);
    await journal.close();
    const groupDir = join(dir, GROUPS_DIRECTORY, groupDirectoryName('g'));
    const generations = readdirSync(groupDir).filter((n) => n.startsWith('journal-'));
    expect(generations).toHaveLength(1);
    expect(Number(readFileSync(join(groupDir, 'current'), 'utf8'))).toBeGreaterThan(1);
    const [opened] = await GroupJournal.openAll(dir, stream, options);
    expect(opened.recovered.committedOffset).toBe(0);
    expect(opened.recovered.acked).toHaveLength(2 * 1000);
    expect(opened.recovered.acked.slice(0, 4)).toEqual([1, 1, 3, 3]);
    await opened.journal.close();
  });

  it('replaces its state on reset', async () => {
    const dir = streamDir();
    const journal = await GroupJournal.create(dir, stream, 'g', settings, 0, options);
    await journal.appendAcks(1, [0, 9, 20, 29]);
    await journal.reset(5);
    await journal.appendAcks(1, [6, 6]);
    await journal.close();
    const [opened] = await GroupJournal.openAll(dir, stream, options);
    expect(opened.recovered.committedOffset).toBe(5);
    expect(opened.recovered.acked).toEqual([6, 6]);
    await opened.journal.close();
  });

  it('keeps the old generation current when a rotation never finished', async () => {
    const dir = streamDir();
    const journal = await GroupJournal.create(dir, stream, 'g', settings, 0, options);
    await journal.appendAcks(1, [0, 3]);
    await journal.close();
    const groupDir = join(dir, GROUPS_DIRECTORY, groupDirectoryName('g'));
    // What a crash between writing generation 2 and switching `current` leaves behind.
    await mkdir(join(groupDir, 'journal-0000000002'));
    writeFileSync(join(groupDir, 'journal-0000000002', 'junk'), 'x');
    const [opened] = await GroupJournal.openAll(dir, stream, options);
    expect(opened.recovered.committedOffset).toBe(4);
    expect(readdirSync(groupDir).filter((n) => n.startsWith('journal-'))).toEqual(['journal-0000000001']);
    await opened.journal.close();
  });

  it('drops a group whose creation never finished', async () => {
    const dir = streamDir();
    const groupDir = join(dir, GROUPS_DIRECTORY, groupDirectoryName('half'));
    await mkdir(join(groupDir, 'journal-0000000001'), { recursive: true });
    expect(await GroupJournal.openAll(dir, stream, options)).toEqual([]);
    expect(readdirSync(join(dir, GROUPS_DIRECTORY))).toEqual([]);
  });

  it('refuses a journal holding another frame, naming its path and record', async () => {
    const dir = streamDir();
    const journal = await GroupJournal.create(dir, stream, 'g', settings, 0, options);
    await journal.close();
    const journalDir = join(dir, GROUPS_DIRECTORY, groupDirectoryName('g'), 'journal-0000000001');
    const log = await SegmentLog.open({ dir: journalDir });
    await log.append(encodeFrame({ type: 'ok' }));
    await log.close();
    const refused = GroupJournal.openAll(dir, stream, options);
    await expect(refused).rejects.toBeInstanceOf(GroupJournalError);
    await expect(refused).rejects.toThrow(/journal-0000000001: record 1 is a ok frame/);
  });

  it('names each group directory readably and uniquely', () => {
    expect(groupDirectoryName('workers')).toMatch(/^workers-[0-9a-f]{16}$/);
    expect(groupDirectoryName('a/b')).not.toBe(groupDirectoryName('a_b'));
    expect(groupDirectoryName('..')).toMatch(/^__-[0-9a-f]{16}$/);
  });
});
