// A durable consumer group's state on disk, beside its stream's segments: a segment log (the
// storage spec's format) whose records are wire frames, so every stored byte is spec. A
// group_join record (re)defines the group — its settings and, in start.offset, its cursor — and
// forgets everything before it; each group_ack record after it adds acknowledged ranges. The
// journal replays itself at open and keeps that state in memory, so it can compact itself: once
// it has grown past a bound it writes the state as a fresh journal (a group_join and one
// group_ack), makes it durable, and only then points `current` at it. A crash at any moment
// leaves either the old journal or the new one current, never half of either.
import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeFrame, encodeFrame, type WireMessage } from '@felix/generated';
import { type FsyncPolicy, SegmentLog, StorageError, type StorageObserver } from '@felix/storage';
import { syncDirectory, writeFileAtomic } from '../durable/atomic-file.js';
import type { StreamKey } from '../durable/durable-stream.js';
import { AckedOffsets, type RangePairs } from './acked-offsets.js';

export interface GroupSettings {
  maxDeliveries: number;
  deadLetterStream: string;
}

/** A group as its journal left it. */
export interface RecoveredGroup {
  group: string;
  settings: GroupSettings;
  committedOffset: number;
  /** Acknowledged offsets above committedOffset, as inclusive pairs. */
  acked: number[];
}

export interface JournalOptions {
  fsync: FsyncPolicy;
  observer?: StorageObserver;
  /** Journal bytes after which it is rewritten as its state alone (default 4 MiB). */
  compactBytes?: number;
}

/** Every group journal of a stream lives under this directory of the stream's shard. */
export const GROUPS_DIRECTORY = 'groups';
const CURRENT_FILE = 'current';
const JOURNAL_SEGMENT_BYTES = 1 << 20;
const DEFAULT_COMPACT_BYTES = 4 << 20;
const READ_PAGE = { maxRecords: 4096, maxBytes: 1 << 20 };
/** A segment record's header, counted with each frame towards compaction. */
const RECORD_HEADER_BYTES = 28;

/**
 * A group's directory: its name made safe for any file system (characters outside A-Z, a-z,
 * 0-9 and "-" as "_", at most 32 kept) and a hash of the exact name, since that is lossy.
 */
export function groupDirectoryName(group: string): string {
  const readable = [...group]
    .slice(0, 32)
    .map((ch) => (/^[A-Za-z0-9-]$/.test(ch) ? ch : '_'))
    .join('');
  const hash = createHash('sha256').update(group, 'utf8').digest('hex').slice(0, 16);
  return `${readable || '_'}-${hash}`;
}

function journalDirectoryName(generation: number): string {
  return `journal-${String(generation).padStart(10, '0')}`;
}

/** A journal that cannot be read back into a group (damage the storage engine did not refuse). */
export class GroupJournalError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`group journal ${path}: ${message}`);
    this.name = 'GroupJournalError';
  }
}

export class GroupJournal {
  private appendedBytes = 0;
  private rotation: Promise<void> | undefined;
  private closed = false;

  private constructor(
    private readonly groupDir: string,
    private readonly stream: StreamKey,
    readonly group: string,
    readonly settings: GroupSettings,
    private log: SegmentLog,
    private generation: number,
    /** The state the journal holds, kept as records are appended, for compaction. */
    private readonly state: AckedOffsets,
    private readonly options: JournalOptions,
  ) {}

  /** Opens every group journal of the durable stream whose shard directory is `streamDir`. */
  static async openAll(
    streamDir: string,
    stream: StreamKey,
    options: JournalOptions,
  ): Promise<{ journal: GroupJournal; recovered: RecoveredGroup }[]> {
    const root = join(streamDir, GROUPS_DIRECTORY);
    let names: string[];
    try {
      names = await readdir(root);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const out: { journal: GroupJournal; recovered: RecoveredGroup }[] = [];
    try {
      for (const name of names.sort()) {
        if (name.endsWith('.tmp')) continue;
        const opened = await GroupJournal.openOne(join(root, name), stream, options);
        if (opened) out.push(opened);
      }
    } catch (err) {
      await Promise.all(out.map((o) => o.journal.close().catch(() => {})));
      throw err;
    }
    return out;
  }

  /** Makes the journal of a new group whose cursor starts at `committedOffset`. */
  static async create(
    streamDir: string,
    stream: StreamKey,
    group: string,
    settings: GroupSettings,
    committedOffset: number,
    options: JournalOptions,
  ): Promise<GroupJournal> {
    const groupDir = join(streamDir, GROUPS_DIRECTORY, groupDirectoryName(group));
    const state = new AckedOffsets(committedOffset);
    const generation = 1;
    const log = await writeGeneration(
      groupDir,
      generation,
      stream,
      group,
      settings,
      { committed: committedOffset, acked: [] },
      options,
    );
    await writeFileAtomic(join(groupDir, CURRENT_FILE), `${generation}\n`);
    await syncDirectory(join(streamDir, GROUPS_DIRECTORY));
    return new GroupJournal(groupDir, stream, group, settings, log, generation, state, options);
  }

  private static async openOne(
    groupDir: string,
    stream: StreamKey,
    options: JournalOptions,
  ): Promise<{ journal: GroupJournal; recovered: RecoveredGroup } | undefined> {
    const generation = await readCurrent(groupDir);
    // No `current`: the group's creation never finished, so nothing was ever acknowledged in it.
    if (generation === undefined) {
      await rm(groupDir, { recursive: true, force: true });
      return undefined;
    }
    await removeOtherGenerations(groupDir, generation);
    const dir = join(groupDir, journalDirectoryName(generation));
    const log = await SegmentLog.open(logOptions(dir, options));
    try {
      const replayed = await replay(log, dir);
      const journal = new GroupJournal(
        groupDir,
        stream,
        replayed.group,
        replayed.settings,
        log,
        generation,
        replayed.state,
        options,
      );
      journal.appendedBytes = log.stats().bytes;
      const recovered: RecoveredGroup = {
        group: replayed.group,
        settings: replayed.settings,
        committedOffset: replayed.state.committed,
        acked: replayed.state.pairs(),
      };
      return { journal, recovered };
    } catch (err) {
      await log.close().catch(() => {});
      throw err;
    }
  }

  /** Stores acknowledged ranges; resolves once the fsync mode's guarantee holds. */
  async appendAcks(consumerId: number, ranges: RangePairs): Promise<void> {
    if (ranges.length === 0) return;
    // Checked again after each wait, and from the last check to the append nothing yields: a
    // compaction starting later sees these acks in the state it writes, so deleting the log
    // they are appended to loses nothing.
    while (this.rotation) await this.rotation;
    this.ensureOpen();
    const frame = encodeFrame({ type: 'group_ack', consumer_id: consumerId, ranges: [...ranges] });
    this.state.addPairs(ranges);
    const stored = this.log.append(frame);
    this.appendedBytes += frame.length + RECORD_HEADER_BYTES;
    if (this.appendedBytes >= (this.options.compactBytes ?? DEFAULT_COMPACT_BYTES)) this.compact();
    await stored;
  }

  /** Replaces the stored state: the cursor at `committedOffset`, `acked` acknowledged above it. */
  async reset(committedOffset: number, acked: RangePairs = []): Promise<void> {
    while (this.rotation) await this.rotation;
    this.ensureOpen();
    this.state.reset(committedOffset);
    this.state.addPairs(acked);
    await this.rotate();
  }

  /** The state the journal holds now. */
  get committedOffset(): number {
    return this.state.committed;
  }

  close(): Promise<void> {
    this.closed = true;
    return (async () => {
      await this.rotation?.catch(() => {});
      await this.log.close();
    })();
  }

  /** Deletes the group's journal (the group is gone). */
  async remove(): Promise<void> {
    await this.close();
    await rm(this.groupDir, { recursive: true, force: true });
  }

  private ensureOpen(): void {
    if (this.closed) throw new StorageError('closed', `the journal of group ${this.group} is closed`);
  }

  /** Rewrites the journal as its state alone; a failure leaves the old journal current. */
  private compact(): void {
    if (this.rotation) return;
    this.rotate().catch((err) => this.options.observer?.backgroundError?.(err as StorageError));
  }

  /** Writes the state as the next generation and makes it current; callers check `rotation` first. */
  private rotate(): Promise<void> {
    // The state is taken now, before anything yields, so no ack can fall between the two logs.
    const committed = this.state.committed;
    const acked = this.state.pairs();
    const run = (async () => {
      const next = this.generation + 1;
      const fresh = await writeGeneration(
        this.groupDir,
        next,
        this.stream,
        this.group,
        this.settings,
        {
          committed,
          acked,
        },
        this.options,
      );
      try {
        await writeFileAtomic(join(this.groupDir, CURRENT_FILE), `${next}\n`);
      } catch (err) {
        await fresh.close().catch(() => {});
        await rm(join(this.groupDir, journalDirectoryName(next)), { recursive: true, force: true });
        throw err;
      }
      const old = this.log;
      const oldGeneration = this.generation;
      this.log = fresh;
      this.generation = next;
      this.appendedBytes = fresh.stats().bytes;
      // Appends already queued on the old log finish before it closes; their acks are in `fresh`.
      await old.close().catch(() => {});
      await rm(join(this.groupDir, journalDirectoryName(oldGeneration)), { recursive: true, force: true });
    })();
    const tracked: Promise<void> = run
      .catch(() => {})
      .finally(() => {
        if (this.rotation === tracked) this.rotation = undefined;
      });
    this.rotation = tracked;
    return run;
  }
}

function logOptions(dir: string, options: JournalOptions) {
  return {
    dir,
    fsync: options.fsync,
    segmentBytes: JOURNAL_SEGMENT_BYTES,
    observer: options.observer,
    // A journal is small and opened at start beside its stream; threads would cost more.
    recoveryThreads: 0,
  };
}

/**
 * Writes generation `generation` of a group's journal holding `state` alone, durably whatever
 * the fsync mode (it is about to become the only copy), and leaves it open for appends.
 */
async function writeGeneration(
  groupDir: string,
  generation: number,
  stream: StreamKey,
  group: string,
  settings: GroupSettings,
  state: { committed: number; acked: number[] },
  options: JournalOptions,
): Promise<SegmentLog> {
  const dir = join(groupDir, journalDirectoryName(generation));
  await rm(dir, { recursive: true, force: true });
  const records = [
    encodeFrame({
      type: 'group_join',
      tenant_id: stream.tenant,
      namespace: stream.namespace,
      stream: stream.stream,
      group,
      start: { offset: state.committed },
      max_deliveries: settings.maxDeliveries,
      dead_letter_stream: settings.deadLetterStream,
    }),
  ];
  if (state.acked.length > 0) records.push(encodeFrame({ type: 'group_ack', consumer_id: 0, ranges: state.acked }));
  const sealed = await SegmentLog.open(logOptions(dir, { ...options, fsync: { mode: 'on_commit' } }));
  try {
    await sealed.append(records);
  } finally {
    await sealed.close();
  }
  return SegmentLog.open(logOptions(dir, options));
}

async function readCurrent(groupDir: string): Promise<number | undefined> {
  let text: string;
  try {
    text = await readFile(join(groupDir, CURRENT_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const generation = /^\d{1,10}\n?$/.test(text) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(generation) || generation < 1)
    throw new GroupJournalError(join(groupDir, CURRENT_FILE), `holds ${JSON.stringify(text)}, not a generation number`);
  return generation;
}

/** Generations other than the current one are leftovers of a rotation a crash interrupted. */
async function removeOtherGenerations(groupDir: string, current: number): Promise<void> {
  const keep = journalDirectoryName(current);
  for (const name of await readdir(groupDir))
    if (name.startsWith('journal-') && name !== keep) await rm(join(groupDir, name), { recursive: true, force: true });
}

interface Replayed {
  group: string;
  settings: GroupSettings;
  state: AckedOffsets;
}

async function replay(log: SegmentLog, dir: string): Promise<Replayed> {
  let defined: Replayed | undefined;
  let offset = log.earliestOffset;
  while (offset < log.nextOffset) {
    const page = await log.read(offset, READ_PAGE);
    if (page.records.length === 0) break;
    for (const record of page.records) {
      const at = `record ${record.offset}`;
      let message: WireMessage;
      try {
        message = decodeFrame(record.payload);
      } catch (err) {
        throw new GroupJournalError(dir, `${at} is not a frame: ${(err as Error).message}`);
      }
      if (message.type === 'group_join') {
        const start = message.start;
        if (typeof start !== 'object' || typeof start.offset !== 'number')
          throw new GroupJournalError(dir, `${at}: a group_join must carry start.offset`);
        if (message.max_deliveries === undefined || message.dead_letter_stream === undefined)
          throw new GroupJournalError(dir, `${at}: a group_join must carry max_deliveries and dead_letter_stream`);
        defined = {
          group: message.group,
          settings: { maxDeliveries: message.max_deliveries, deadLetterStream: message.dead_letter_stream },
          state: new AckedOffsets(start.offset),
        };
      } else if (message.type === 'group_ack') {
        if (!defined) throw new GroupJournalError(dir, `${at}: a group_ack before any group_join`);
        if (!message.ranges.every((o): o is number => typeof o === 'number'))
          throw new GroupJournalError(dir, `${at}: an offset above 2^53-1`);
        defined.state.addPairs(message.ranges);
      } else {
        throw new GroupJournalError(dir, `${at} is a ${message.type} frame, which a group journal never holds`);
      }
    }
    offset = page.records[page.records.length - 1].offset + 1;
  }
  if (!defined) throw new GroupJournalError(dir, 'holds no group_join');
  return defined;
}
