// Verifying a shard's directory without changing it: every record's checksums and offset,
// offsets contiguous from segment to segment, every index against the one its segment's records
// call for, and the leftovers of unfinished writes. Each problem is named by file, byte position,
// field and storage error code, with what recovery does about it, and the report ends with what
// SegmentLog.open would do with the directory as it is (the same rules as recovery.ts, which
// acts on them instead). Files are only ever opened for reading; memory holds one read window
// and each segment's index, however long the log.
import { basename, join } from 'node:path';
import { STORAGE_ERRORS } from '@felix/generated/storage';
import { ioError, isStorageError, StorageError, type StorageErrorCode, type StorageErrorSite } from './errors.js';
import { type FileOps, nodeFileOps, readFully, readWholeFile, type StorageFile } from './file-ops.js';
import {
  FORMAT,
  type FormatErrorCode,
  formatErrorDetail,
  type IndexPoint,
  indexEntryPosition,
  indexFileBytes,
  isStorageFormatError,
  readIndexFile,
  readSegmentHeader,
  type StorageFormatError,
} from './format.js';
import { type IndexRebuildReason, indexRebuildReason } from './index-file.js';
import { DEFAULT_READ_WINDOW_BYTES } from './options.js';
import { RecordCursor } from './record-cursor.js';
import { segmentPaths } from './segment.js';
import { listShardFiles } from './shard-files.js';
import { SparseIndex } from './sparse-index.js';

/** What recovery does about one problem, judged on its own. */
export type ProblemRecovery =
  /** An unfinished write at the end of the newest segment: the next open truncates it. */
  | 'repair_automatically'
  /** The open refuses, unless the operator asks for repair: then the log is cut here. */
  | 'needs_opt_in'
  /** The open refuses even with repair (segment header damage, a value no number holds). */
  | 'never_repaired'
  /** The next open rewrites the index from its segment. */
  | 'rebuild_index'
  /** The next open deletes the file. */
  | 'remove_file';

export interface ShardProblem {
  /**
   * A storage error code of the spec (`record_checksum`, `index_magic`, …); `segment_gap` or
   * `offset_unsafe` (the engine's); an index's `missing`, `stale` or `torn`; or `leftover_file`.
   */
  code: StorageErrorCode | IndexRebuildReason | 'leftover_file';
  path: string;
  /** The segment the file belongs to (undefined for a leftover). */
  segment: number | undefined;
  /** Byte position in that file of the struct at fault. */
  position: number;
  /** The codec's `struct.field` at fault, when there is one. */
  field: string | undefined;
  detail: string;
  recovery: ProblemRecovery;
}

export interface IndexSummary {
  path: string;
  present: boolean;
  /** Bytes of the file, when there is one. */
  bytes: number | undefined;
  /** Entries the file holds, when it decodes. */
  entries: number | undefined;
  /** Entries the segment's records (up to its first problem) call for. */
  expectedEntries: number;
  /** `matches`, why the next open rewrites it, or `unchecked` when the segment's header does not decode. */
  status: 'matches' | 'unchecked' | IndexRebuildReason;
  /**
   * True when every entry names a record that is there (its offset at its position), so an index
   * that is nonetheless `stale` was written with another spacing; undefined when unchecked.
   */
  entriesNameRecords: boolean | undefined;
}

export interface SegmentSummary {
  segment: number;
  path: string;
  fileBytes: number;
  /** The newest segment, the one appends go to; the others are sealed. */
  active: boolean;
  /** Undefined when the segment header does not decode. */
  baseOffset: number | undefined;
  createdAtMicros: number | undefined;
  /** Records that verified (records past a problem whose length could be trusted included). */
  records: number;
  firstOffset: number | undefined;
  lastOffset: number | undefined;
  /** Bytes up to the end of the last record before the segment's first problem: what recovery keeps. */
  validBytes: number;
  /** Problems found in the segment file (its index's are in `index.status`). */
  problems: number;
  index: IndexSummary;
}

/** What SegmentLog.open does with the directory as it is. */
export interface RecoveryPlan {
  /**
   * - `opens`: nothing to change;
   * - `opens_after_repairs`: it repairs what the rules allow by itself (a torn tail, indexes,
   *   leftovers) and opens;
   * - `refuses_without_repair`: it refuses unless asked to repair; the rest of the plan is what
   *   an open with repair does;
   * - `refuses`: it refuses, even with repair.
   */
  outcome: 'opens' | 'opens_after_repairs' | 'refuses_without_repair' | 'refuses';
  /** The problem the open stops at (for the refusals), or the torn tail it truncates. */
  decidedBy: ShardProblem | undefined;
  truncation:
    | { segment: number; path: string; position: number; droppedBytes: number; firstDroppedOffset: number }
    | undefined;
  /** Whole segments deleted because they come after the cut. */
  deletedSegments: { segment: number; path: string; bytes: number }[];
  rebuiltIndexes: { segment: number; reason: IndexRebuildReason }[];
  removedFiles: string[];
}

export interface ShardVerification {
  dir: string;
  shard: string;
  segments: SegmentSummary[];
  totals: {
    segments: number;
    records: number;
    bytes: number;
    firstOffset: number | undefined;
    lastOffset: number | undefined;
    indexEntries: number;
  };
  problems: ShardProblem[];
  /** Problems found beyond `maxProblems`, counted but not listed. */
  problemsOmitted: number;
  plan: RecoveryPlan;
}

export interface VerifyOptions {
  /** Name of the shard in errors (default: the directory's name). */
  shard?: string;
  /** The spacing the log's indexes were written with (the spec's writer default when omitted). */
  indexSpacingBytes?: number;
  readWindowBytes?: number;
  /** Most problems listed (default 1000); the rest are only counted. */
  maxProblems?: number;
  fileOps?: FileOps;
}

/** The first problem of a segment that decides what recovery does with it. */
interface SegmentEvent {
  problem: ShardProblem;
  kind: 'refuse' | 'bad_record';
  /** For a bad record: the offset it should have carried. */
  offset: number;
}

interface ScannedSegment {
  summary: SegmentSummary;
  event: SegmentEvent | undefined;
  /** One past the last offset, when the scan reached the segment's end. */
  endOffset: number | undefined;
  gap: ShardProblem | undefined;
}

class ProblemList {
  readonly items: ShardProblem[] = [];
  omitted = 0;

  constructor(private readonly max: number) {}

  add(problem: ShardProblem): ShardProblem {
    if (this.items.length < this.max) this.items.push(problem);
    else this.omitted++;
    return problem;
  }
}

const recoveryOfRecord = (code: StorageErrorCode, newest: boolean): ProblemRecovery =>
  code in STORAGE_ERRORS && STORAGE_ERRORS[code as FormatErrorCode].recovery === 'repair' && newest
    ? 'repair_automatically'
    : 'needs_opt_in';

/** Verifies the shard in `dir` and says what an open would do with it; never writes. */
export async function verifyShard(dir: string, options: VerifyOptions = {}): Promise<ShardVerification> {
  const ops = options.fileOps ?? nodeFileOps;
  const shard = options.shard ?? basename(dir);
  const spacing = options.indexSpacingBytes ?? FORMAT.defaultIndexSpacingBytes;
  const windowBytes = options.readWindowBytes ?? DEFAULT_READ_WINDOW_BYTES;
  if (!Number.isSafeInteger(spacing) || spacing < 1)
    throw new StorageError('invalid_argument', `indexSpacingBytes must be a positive integer, got ${spacing}`);
  const problems = new ProblemList(options.maxProblems ?? 1000);
  const listing = await listShardFiles(ops, dir, shard);

  const scanned: ScannedSegment[] = [];
  for (const [i, id] of listing.segments.entries()) {
    const newest = i === listing.segments.length - 1;
    const previous = scanned[scanned.length - 1];
    scanned.push(
      await scanSegment({ ops, dir, shard, id, newest, spacing, windowBytes, problems, after: previous?.endOffset }),
    );
  }
  for (const name of listing.leftovers)
    problems.add({
      code: 'leftover_file',
      path: join(dir, name),
      segment: undefined,
      position: 0,
      field: undefined,
      detail: 'a temporary file of an unfinished write, or an index without its segment',
      recovery: 'remove_file',
    });

  const segments = scanned.map((s) => s.summary);
  const withOffsets = segments.filter((s) => s.firstOffset !== undefined);
  return {
    dir,
    shard,
    segments,
    totals: {
      segments: segments.length,
      records: segments.reduce((n, s) => n + s.records, 0),
      bytes: segments.reduce((n, s) => n + s.fileBytes, 0),
      firstOffset: withOffsets[0]?.firstOffset,
      lastOffset: withOffsets[withOffsets.length - 1]?.lastOffset,
      indexEntries: segments.reduce((n, s) => n + (s.index.entries ?? 0), 0),
    },
    problems: problems.items,
    problemsOmitted: problems.omitted,
    plan: planRecovery(scanned, listing.leftovers),
  };
}

/** Replays recovery's walk over the segments (recovery.ts: header, gap, first bad record, in that order). */
function planRecovery(scanned: ScannedSegment[], leftovers: string[]): RecoveryPlan {
  const plan: RecoveryPlan = {
    outcome: 'opens',
    decidedBy: undefined,
    truncation: undefined,
    deletedSegments: [],
    rebuiltIndexes: [],
    removedFiles: [...leftovers],
  };
  const kept: SegmentSummary[] = [];
  let cutAt = scanned.length;
  for (const [i, { summary, event, gap }] of scanned.entries()) {
    if (event?.kind === 'refuse') {
      // Leftovers go before any segment is read, so they are deleted even by an open that refuses.
      return { ...plan, outcome: 'refuses', decidedBy: event.problem };
    }
    if (gap) {
      plan.outcome = 'refuses_without_repair';
      plan.decidedBy = gap;
      cutAt = i;
      break;
    }
    kept.push(summary);
    if (event) {
      const automatic = event.problem.recovery === 'repair_automatically';
      plan.outcome = automatic ? 'opens_after_repairs' : 'refuses_without_repair';
      plan.decidedBy = event.problem;
      plan.truncation = {
        segment: summary.segment,
        path: summary.path,
        position: event.problem.position,
        droppedBytes: summary.fileBytes - event.problem.position,
        firstDroppedOffset: event.offset,
      };
      cutAt = i + 1;
      break;
    }
  }
  plan.deletedSegments = scanned
    .slice(cutAt)
    .map(({ summary }) => ({ segment: summary.segment, path: summary.path, bytes: summary.fileBytes }));
  for (const segment of kept)
    if (segment.index.status !== 'matches' && segment.index.status !== 'unchecked')
      plan.rebuiltIndexes.push({ segment: segment.segment, reason: segment.index.status });
  if (
    plan.outcome === 'opens' &&
    (plan.rebuiltIndexes.length > 0 || plan.removedFiles.length > 0 || plan.deletedSegments.length > 0)
  )
    plan.outcome = 'opens_after_repairs';
  return plan;
}

interface ScanContext {
  ops: FileOps;
  dir: string;
  shard: string;
  id: number;
  newest: boolean;
  spacing: number;
  windowBytes: number;
  problems: ProblemList;
  /** Where the segment before ended (one past its last offset), when known. */
  after: number | undefined;
}

async function scanSegment(ctx: ScanContext): Promise<ScannedSegment> {
  const { ops, shard, id, newest, problems } = ctx;
  const { path, indexPath } = segmentPaths(ctx.dir, id);
  const site = { shard, segment: id, path };
  const summary: SegmentSummary = {
    segment: id,
    path,
    fileBytes: 0,
    active: newest,
    baseOffset: undefined,
    createdAtMicros: undefined,
    records: 0,
    firstOffset: undefined,
    lastOffset: undefined,
    validBytes: 0,
    problems: 0,
    index: {
      path: indexPath,
      present: false,
      bytes: undefined,
      entries: undefined,
      expectedEntries: 0,
      status: 'unchecked',
      entriesNameRecords: undefined,
    },
  };
  const report = (problem: Omit<ShardProblem, 'path' | 'segment'>, file = path): ShardProblem => {
    if (file === path) summary.problems++;
    return problems.add({ path: file, segment: id, ...problem });
  };

  const file = await openForReading(ops, path, site);
  try {
    summary.fileBytes = await file.size();
    let header: { baseOffset: number; createdAtMicros: number };
    try {
      header = readSegmentHeader(await readFully(file, FORMAT.segmentHeaderBytes, 0), { ...site, position: 0 });
    } catch (err) {
      const problem = headerProblem(err);
      if (!problem) throw err;
      return {
        summary,
        event: { kind: 'refuse', problem: report(problem), offset: 0 },
        endOffset: undefined,
        gap: undefined,
      };
    }
    summary.baseOffset = header.baseOffset;
    summary.createdAtMicros = header.createdAtMicros;
    summary.validBytes = FORMAT.segmentHeaderBytes;

    const gap =
      ctx.after !== undefined && ctx.after !== header.baseOffset
        ? report({
            code: 'segment_gap',
            position: 0,
            field: 'segment_header.base_offset',
            detail: `starts at offset ${header.baseOffset}, but the segment before it ends at ${ctx.after}`,
            recovery: 'needs_opt_in',
          })
        : undefined;

    const indexBytes = await readWholeFile(ops, indexPath).catch((err: unknown) => {
      throw ioError('read', err, { ...site, path: indexPath });
    });
    const indexed = decodeIndexLeniently(indexBytes, header.baseOffset);
    const rebuilt = new SparseIndex(ctx.spacing);
    const pointers = new IndexPointerCheck(indexed);

    let event: SegmentEvent | undefined;
    let endOffset: number | undefined;
    const cursor = new RecordCursor(
      file,
      FORMAT.segmentHeaderBytes,
      summary.fileBytes,
      header.baseOffset,
      ctx.windowBytes,
      site,
    );
    for (;;) {
      let step: Awaited<ReturnType<RecordCursor['next']>>;
      try {
        step = cursor.nextInWindow() ?? (await cursor.next());
      } catch (err) {
        // A timestamp beyond 2^53-1: recovery stops there even with repair.
        if (!isStorageError(err) || err.code !== 'offset_unsafe') throw err;
        const problem = report({
          code: 'offset_unsafe',
          position: err.position ?? cursor.position,
          field: 'record.timestamp_micros',
          detail: err.message.replace(/^.*?: /, ''),
          recovery: 'never_repaired',
        });
        event ??= { kind: 'refuse', problem, offset: cursor.nextOffset };
        break;
      }
      if (step.kind === 'end') {
        endOffset = cursor.nextOffset;
        break;
      }
      if (step.kind === 'record') {
        const { offset } = step.record;
        summary.records++;
        summary.firstOffset ??= offset;
        summary.lastOffset = offset;
        pointers.observe(offset, step.position);
        if (!event) {
          rebuilt.observe(offset, step.position, step.size);
          summary.validBytes = step.position + step.size;
        }
        continue;
      }
      const problem = report({
        code: step.error.code,
        position: step.position,
        field: step.error.field,
        detail: formatErrorDetail(step.error),
        recovery: recoveryOfRecord(step.error.code, newest),
      });
      event ??= { kind: 'bad_record', problem, offset: cursor.nextOffset };
      // Past a record whose header verified, its length can be trusted: step over it and go on
      // naming sites. Anything else leaves no way to find where the next record starts.
      if (!(await stepOver(file, cursor, step.error, step.position))) break;
    }

    summary.index = indexSummary(
      indexPath,
      indexBytes,
      indexed,
      header.baseOffset,
      rebuilt.entries(),
      pointers.allReal(),
    );
    if (summary.index.status !== 'matches') {
      report(
        {
          code: summary.index.status as IndexRebuildReason,
          position: indexed.errorPosition ?? firstDifference(indexed.entries, rebuilt.entries()),
          field: indexed.errorField,
          detail: indexDetail(summary.index, indexed, rebuilt.entries(), pointers.allReal(), ctx.spacing),
          recovery: 'rebuild_index',
        },
        indexPath,
      );
    }
    return { summary, event, endOffset, gap };
  } catch (err) {
    throw ioError('read', err, site);
  } finally {
    await file.close().catch(() => {});
  }
}

async function openForReading(ops: FileOps, path: string, site: StorageErrorSite): Promise<StorageFile> {
  try {
    return await ops.open(path, 'r');
  } catch (err) {
    throw ioError('open', err, site);
  }
}

function headerProblem(err: unknown): Omit<ShardProblem, 'path' | 'segment'> | undefined {
  if (isStorageFormatError(err))
    return {
      code: err.code,
      position: 0,
      field: err.field,
      detail: formatErrorDetail(err),
      recovery: 'never_repaired',
    };
  if (isStorageError(err) && err.code === 'offset_unsafe')
    return {
      code: err.code,
      position: 0,
      field: undefined,
      detail: err.message.replace(/^.*?: /, ''),
      recovery: 'never_repaired',
    };
  return undefined;
}

/**
 * Moves the cursor past a bad record whose header verified (a rotted payload or checksum, an
 * offset out of order), on the offset the record itself carries. False when its length cannot
 * be trusted.
 */
async function stepOver(
  file: StorageFile,
  cursor: RecordCursor,
  error: StorageFormatError,
  position: number,
): Promise<boolean> {
  if (error.code !== 'record_checksum' && error.code !== 'offset_out_of_order') return false;
  const fields = await readFully(file, 12, position);
  if (fields.length < 12) return false;
  const view = new DataView(fields.buffer, fields.byteOffset, fields.byteLength);
  const offset = view.getBigUint64(4);
  if (offset >= BigInt(Number.MAX_SAFE_INTEGER)) return false;
  cursor.position = position + FORMAT.recordHeaderBytes + view.getUint32(0);
  cursor.nextOffset = Number(offset) + 1;
  return true;
}

interface DecodedIndex {
  entries: IndexPoint[];
  tornBytes: number;
  /** Position and field of the decode error, when the file does not decode. */
  errorPosition: number | undefined;
  errorField: string | undefined;
  errorDetail: string | undefined;
}

function decodeIndexLeniently(bytes: Uint8Array | undefined, baseOffset: number): DecodedIndex {
  const none = { errorPosition: undefined, errorField: undefined, errorDetail: undefined };
  if (!bytes) return { entries: [], tornBytes: 0, ...none };
  try {
    const { entries, tornBytes } = readIndexFile(bytes, baseOffset);
    return { entries, tornBytes, ...none };
  } catch (err) {
    if (!isStorageFormatError(err)) throw err;
    return {
      entries: [],
      tornBytes: 0,
      errorPosition: err.position ?? 0,
      errorField: err.field,
      errorDetail: formatErrorDetail(err),
    };
  }
}

/** Whether each entry of an index names a record that is really there: its offset at its position. */
class IndexPointerCheck {
  private next = 0;
  private wrong = 0;

  constructor(private readonly index: DecodedIndex) {}

  observe(offset: number, position: number): void {
    const { entries } = this.index;
    while (this.next < entries.length && entries[this.next].position <= position) {
      const entry = entries[this.next++];
      if (entry.position !== position || entry.offset !== offset) this.wrong++;
    }
  }

  /** True when every entry was met at a record start holding its offset. */
  allReal(): boolean {
    return this.wrong === 0 && this.next === this.index.entries.length;
  }
}

function indexSummary(
  path: string,
  bytes: Uint8Array | undefined,
  decoded: DecodedIndex,
  baseOffset: number,
  rebuilt: IndexPoint[],
  entriesNameRecords: boolean,
): IndexSummary {
  const reason = indexRebuildReason(bytes, baseOffset, indexFileBytes(baseOffset, rebuilt));
  return {
    path,
    present: bytes !== undefined,
    bytes: bytes?.length,
    entries: bytes && decoded.errorPosition === undefined ? decoded.entries.length : undefined,
    expectedEntries: rebuilt.length,
    status: reason ?? 'matches',
    entriesNameRecords: bytes === undefined || decoded.errorPosition !== undefined ? undefined : entriesNameRecords,
  };
}

/** Byte position in the index file of the first entry that differs from the rebuilt ones. */
function firstDifference(actual: readonly IndexPoint[], rebuilt: readonly IndexPoint[]): number {
  let n = 0;
  while (
    n < actual.length &&
    n < rebuilt.length &&
    actual[n].offset === rebuilt[n].offset &&
    actual[n].position === rebuilt[n].position
  )
    n++;
  return indexEntryPosition(n);
}

function indexDetail(
  summary: IndexSummary,
  decoded: DecodedIndex,
  rebuilt: readonly IndexPoint[],
  entriesAreReal: boolean,
  spacing: number,
): string {
  switch (summary.status) {
    case 'missing':
      return 'there is no index file';
    case 'torn':
      return `${decoded.tornBytes} bytes after its last whole entry (a crash while appending one)`;
    case 'stale': {
      const n = (firstDifference(decoded.entries, rebuilt) - indexEntryPosition(0)) / FORMAT.indexEntryBytes;
      const actual = decoded.entries[n];
      const wanted = rebuilt[n];
      const said = actual
        ? `entry ${n} names offset ${actual.offset} at byte ${actual.position}`
        : `it ends after ${n} entries`;
      const called = wanted
        ? `the records call for offset ${wanted.offset} at byte ${wanted.position}`
        : `the records call for ${rebuilt.length} ${rebuilt.length === 1 ? 'entry' : 'entries'}`;
      const why = entriesAreReal
        ? ` (every entry names a real record: it was written with an index spacing other than ${spacing} bytes)`
        : '';
      return `${said}, but ${called}${why}`;
    }
    default:
      return decoded.errorDetail ?? `does not decode (${summary.status})`;
  }
}
