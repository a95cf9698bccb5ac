// The one error the storage engine reports: what went wrong (a code), and where — the shard,
// the segment, the file and the byte position — because "corruption detected" or "disk full"
// is not enough for an operator to act on.
import type { StorageErrorCode as FormatErrorCode } from '@felix/generated/storage';

/**
 * - a format code of the storage spec (`truncated`, `record_checksum`, …): a file's bytes break
 *   a rule of the format;
 * - `segment_gap`: a segment does not start at the offset where the one before it ended;
 * - `offset_unsafe`: an offset or timestamp on disk is beyond what a JavaScript number holds exactly;
 * - `io_failed`: a file operation failed (`errno` and `operation` say which and why);
 * - `offset_too_old`: a read asked for an offset that retention (or a repair) has removed;
 * - `closed`: the log was closed;
 * - `invalid_argument`: a caller's value the engine refuses (a bad setting, an empty append).
 */
export type StorageErrorCode =
  | FormatErrorCode
  | 'segment_gap'
  | 'offset_unsafe'
  | 'io_failed'
  | 'offset_too_old'
  | 'closed'
  | 'invalid_argument';

/** The file operation an `io_failed` error comes from. */
export type StorageOperation =
  | 'open'
  | 'read'
  | 'write'
  | 'fsync'
  | 'truncate'
  | 'create_segment'
  | 'delete_segment'
  | 'write_index'
  | 'list';

export interface StorageErrorSite {
  /** The shard the log belongs to (its directory name unless the owner named it). */
  shard?: string;
  /** The segment's number (its file name's). */
  segment?: number;
  /** The file concerned. */
  path?: string;
  /** Byte position in that file: the struct that failed to decode, or where a write started. */
  position?: number;
}

export interface StorageErrorDetails extends StorageErrorSite {
  operation?: StorageOperation;
  /** The system error code (`ENOSPC`, `EIO`, …) of an `io_failed` error. */
  errno?: string;
  /** The codec's `struct.field` at fault, for a format error. */
  field?: string;
  cause?: unknown;
}

export class StorageError extends Error {
  readonly code: StorageErrorCode;
  readonly shard: string | undefined;
  readonly segment: number | undefined;
  readonly path: string | undefined;
  readonly position: number | undefined;
  readonly operation: StorageOperation | undefined;
  readonly errno: string | undefined;
  readonly field: string | undefined;

  constructor(code: StorageErrorCode, detail: string, details: StorageErrorDetails = {}) {
    super(`${describeSite(details)}${detail} (${code})`, details.cause === undefined ? {} : { cause: details.cause });
    this.name = 'StorageError';
    this.code = code;
    this.shard = details.shard;
    this.segment = details.segment;
    this.path = details.path;
    this.position = details.position;
    this.operation = details.operation;
    this.errno = details.errno;
    this.field = details.field;
  }
}

export function isStorageError(err: unknown): err is StorageError {
  return err instanceof StorageError;
}

function describeSite(site: StorageErrorSite): string {
  const parts: string[] = [];
  if (site.shard !== undefined) parts.push(`shard ${site.shard}`);
  if (site.segment !== undefined) parts.push(`segment ${site.segment}`);
  if (site.path !== undefined) parts.push(site.path);
  if (site.position !== undefined) parts.push(`byte ${site.position}`);
  return parts.length === 0 ? '' : `${parts.join(', ')}: `;
}

/** A failed file operation as a StorageError, keeping the system's errno. */
export function ioError(operation: StorageOperation, cause: unknown, site: StorageErrorSite): StorageError {
  if (isStorageError(cause)) return cause;
  const errno = (cause as NodeJS.ErrnoException | undefined)?.code;
  const message = cause instanceof Error ? cause.message : String(cause);
  return new StorageError('io_failed', `${operation} failed: ${message}`, {
    ...site,
    operation,
    errno: typeof errno === 'string' ? errno : undefined,
    cause,
  });
}
