// Appends records to the active segment. Appends queue in call order and get their offsets when
// written, so offsets stay contiguous and in call order however many callers append at once,
// and an append that fails consumes no offset. One write loop takes everything queued (up to a
// bound) as one batch: one write, then for `on_commit` one fsync that every append in the batch
// waits on (group commit); appends arriving meanwhile form the next batch. An append resolves
// only once its fsync mode's guarantee holds, and is never resolved when its write or fsync
// failed: the segment is cut back to where the batch began, so a rejected record cannot
// reappear after a restart, and the next batch is tried afresh (a full disk that empties again
// leaves the log usable).
import { ioError, StorageError, type StorageErrorSite } from './errors.js';
import { type StorageFile, writeFully } from './file-ops.js';
import { encodeRecords, FORMAT, type IndexPoint, type LogRecord, recordBytes } from './format.js';
import { IndexFileWriter } from './index-file.js';
import { createSegment, hasRecords, type Segment } from './segment.js';
import type { ShardState } from './shard-state.js';

export interface AppendResult {
  /** Offset of the append's first record. */
  firstOffset: number;
  /** Offset of its last record (firstOffset when it appended one). */
  lastOffset: number;
}

interface PendingAppend {
  payloads: readonly Uint8Array[];
  timestampMicros: number;
  bytes: number;
  resolve(result: AppendResult): void;
  reject(error: StorageError): void;
}

/** Most bytes one batch encodes and writes at once; a single larger append still goes alone. */
const MAX_BATCH_BYTES = 4 * 1024 * 1024;

export class SegmentWriter {
  private readonly queue: PendingAppend[] = [];
  private loop: Promise<void> | undefined;
  private closed = false;
  /** Written but not yet fsynced (periodic mode). */
  private dirty = false;
  /** An fsync running outside the loop (the periodic timer), which a roll or close waits for. */
  private backgroundSync: Promise<void> | undefined;
  /** Set when undoing a failed batch could not cut the file back: the next batch must first. */
  private cutBackTo: number | undefined;
  private readonly timer: ReturnType<typeof setInterval> | undefined;

  private constructor(
    private readonly state: ShardState,
    private file: StorageFile,
    private indexFile: IndexFileWriter,
    /** Called after a segment seals, so retention can look at the head. */
    private readonly onSeal: () => Promise<void>,
  ) {
    const { fsync } = state.options;
    if (fsync.mode === 'periodic') {
      this.timer = setInterval(() => void this.periodicSync(), fsync.intervalMs);
      this.timer.unref?.();
    }
  }

  /**
   * A writer for the shard's active segment: its file and index as recovery left them, or, for
   * a segment just created (`fresh`), a new index.
   */
  static async open(state: ShardState, fresh: boolean, onSeal: () => Promise<void>): Promise<SegmentWriter> {
    const { fileOps: ops, dir, shard } = state.options;
    const active = state.active;
    let file: StorageFile;
    try {
      file = await ops.open(active.path, 'r+');
    } catch (err) {
      throw ioError('open', err, { shard, segment: active.id, path: active.path });
    }
    const report = (e: StorageError) => state.options.observer.backgroundError?.(e);
    const indexFile = fresh
      ? await IndexFileWriter.create(ops, dir, active.indexPath, active.baseOffset, report)
      : await IndexFileWriter.open(ops, dir, active.indexPath, active.baseOffset, active.index.length, report);
    return new SegmentWriter(state, file, indexFile, onSeal);
  }

  append(payloads: readonly Uint8Array[], timestampMicros: number): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new StorageError('closed', 'the log is closed', this.site()));
    if (payloads.length === 0)
      return Promise.reject(new StorageError('invalid_argument', 'an append needs at least one record'));
    let bytes = 0;
    for (const payload of payloads) {
      if (payload.length > FORMAT.maxPayloadBytes)
        return Promise.reject(
          new StorageError(
            'record_too_large',
            `a ${payload.length}-byte payload is above the format's limit of ${FORMAT.maxPayloadBytes}`,
            this.site(),
          ),
        );
      bytes += recordBytes(payload.length);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ payloads, timestampMicros, bytes, resolve, reject });
      // Started on a microtask, so appends made in the same turn share the first batch too.
      this.loop ??= Promise.resolve().then(() => this.run());
    });
  }

  /** Waits for queued appends, syncs what is written unless the mode is `none`, and closes the files. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.loop;
    await this.backgroundSync;
    if (this.dirty && this.state.options.fsync.mode !== 'none') {
      try {
        await this.sync();
        this.dirty = false;
      } catch (err) {
        this.state.options.observer.backgroundError?.(ioError('fsync', err, this.site()));
      }
    }
    await this.indexFile.close(this.state.active.index.entries());
    await this.file.close().catch(() => {});
  }

  private site(): StorageErrorSite {
    const active = this.state.active;
    return { shard: this.state.options.shard, segment: active.id, path: active.path };
  }

  private async run(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.writeNextBatch();
    } catch (err) {
      // A fault of the engine itself, not of the disk: no append may be left waiting for ever.
      this.failAll(this.queue.splice(0), ioError('write', err, this.site()));
    } finally {
      this.loop = undefined;
    }
  }

  /** Takes the appends that fit the active segment, or seals it first when none does. */
  private takeBatch(): PendingAppend[] {
    const { segmentBytes } = this.state.options;
    const active = this.state.active;
    let bytes = 0;
    let count = 0;
    for (const pending of this.queue) {
      const startsFresh = !hasRecords(active) && count === 0;
      // A batch never splits an append; an append larger than a segment gets one of its own.
      if (
        !startsFresh &&
        (active.size + bytes + pending.bytes > segmentBytes || bytes + pending.bytes > MAX_BATCH_BYTES)
      )
        break;
      bytes += pending.bytes;
      count++;
    }
    return this.queue.splice(0, count);
  }

  private async writeNextBatch(): Promise<void> {
    if (this.cutBackTo !== undefined) {
      try {
        await this.file.truncate(this.cutBackTo);
        this.cutBackTo = undefined;
      } catch (err) {
        this.failAll(this.queue.splice(0), ioError('truncate', err, { ...this.site(), position: this.cutBackTo }));
        return;
      }
    }
    let batch = this.takeBatch();
    if (batch.length === 0) {
      try {
        await this.roll();
      } catch (err) {
        // Every queued append needs the new segment, so none can be written.
        this.failAll(this.queue.splice(0), ioError('create_segment', err, this.site()));
        return;
      }
      batch = this.takeBatch();
    }
    await this.writeBatch(batch);
  }

  private async writeBatch(batch: PendingAppend[]): Promise<void> {
    const active = this.state.active;
    const start = active.size;
    const firstOffset = active.nextOffset;
    const mark = active.index.mark();
    const records: LogRecord[] = [];
    const newEntries: IndexPoint[] = [];
    let position = start;
    let offset = firstOffset;
    for (const pending of batch) {
      for (const payload of pending.payloads) {
        records.push({ offset, timestampMicros: pending.timestampMicros, payload });
        const size = recordBytes(payload.length);
        const entry = active.index.observe(offset, position, size);
        if (entry) newEntries.push(entry);
        position += size;
        offset++;
      }
    }
    const bytes = encodeRecords(records);
    const site = { ...this.site(), position: start };

    try {
      await writeFully(this.file, bytes, start);
    } catch (err) {
      this.state.counters.writeFailures++;
      await this.undo(start, mark);
      this.failAll(batch, ioError('write', err, site));
      return;
    }
    await this.indexFile.append(newEntries);
    if (this.state.options.fsync.mode === 'on_commit') {
      try {
        await this.sync();
      } catch (err) {
        await this.undo(start, mark);
        this.failAll(batch, ioError('fsync', err, site));
        return;
      }
    } else {
      this.dirty = true;
    }

    // Committed: readers may see the batch from here on.
    active.size = position;
    active.nextOffset = offset;
    active.newestTimestampMicros = records[records.length - 1].timestampMicros;
    this.state.counters.appends += batch.length;
    this.state.counters.records += records.length;
    let next = firstOffset;
    for (const pending of batch) {
      pending.resolve({ firstOffset: next, lastOffset: next + pending.payloads.length - 1 });
      next += pending.payloads.length;
    }
  }

  /** Forgets a batch that failed: its index entries, and its bytes in the file. */
  private async undo(start: number, mark: ReturnType<Segment['index']['mark']>): Promise<void> {
    const active = this.state.active;
    active.index.rollback(mark);
    await this.indexFile.truncate(mark.entries);
    try {
      await this.file.truncate(start);
    } catch {
      this.cutBackTo = start;
    }
  }

  private failAll(batch: PendingAppend[], error: StorageError): void {
    for (const pending of batch) pending.reject(error);
  }

  /** Seals the active segment and starts the next one at the next offset. */
  private async roll(): Promise<void> {
    const { options } = this.state;
    const sealed = this.state.active;
    await this.backgroundSync;
    if (this.dirty && options.fsync.mode !== 'none') {
      try {
        await this.sync();
        this.dirty = false;
      } catch (err) {
        // The sealed segment's records were acknowledged already (periodic): say so, carry on.
        options.observer.backgroundError?.(ioError('fsync', err, this.site()));
      }
    }
    const { segment, file } = await createSegment(
      options.fileOps,
      options.dir,
      sealed.id + 1,
      sealed.nextOffset,
      options.nowMicros(),
      options.indexSpacingBytes,
      options.shard,
    );
    const report = (e: StorageError) => options.observer.backgroundError?.(e);
    const indexFile = await IndexFileWriter.create(
      options.fileOps,
      options.dir,
      segment.indexPath,
      segment.baseOffset,
      report,
    );
    await this.indexFile.close(sealed.index.entries());
    // The periodic timer may have started an fsync of the sealed file meanwhile.
    await this.backgroundSync;
    await this.file.close().catch(() => {});
    this.file = file;
    this.indexFile = indexFile;
    this.dirty = false;
    this.state.segments.push(segment);
    await this.onSeal();
  }

  private async sync(): Promise<void> {
    const started = performance.now();
    const { counters, options } = this.state;
    try {
      await this.file.datasync();
    } catch (err) {
      const ms = performance.now() - started;
      counters.fsyncFailures++;
      options.observer.fsync?.(ms, true);
      throw err;
    }
    const ms = performance.now() - started;
    counters.fsyncs++;
    counters.fsyncTotalMs += ms;
    counters.fsyncMaxMs = Math.max(counters.fsyncMaxMs, ms);
    options.observer.fsync?.(ms, false);
  }

  private async periodicSync(): Promise<void> {
    if (!this.dirty || this.backgroundSync) return;
    this.dirty = false;
    const run = this.sync().catch((err) => {
      this.dirty = true;
      this.state.options.observer.backgroundError?.(ioError('fsync', err, this.site()));
    });
    this.backgroundSync = run.finally(() => {
      this.backgroundSync = undefined;
    });
  }
}
