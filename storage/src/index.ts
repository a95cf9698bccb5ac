// @felix/storage: the durable log of Felix streams, in the segment format of the storage spec.
export {
  isStorageError,
  StorageError,
  type StorageErrorCode,
  type StorageErrorSite,
  type StorageOperation,
} from './errors.js';
export { type FileOps, nodeFileOps, type StorageFile } from './file-ops.js';
export type { LogRecord } from './format.js';
export type { IndexRebuildReason } from './index-file.js';
export { type LogStats, SegmentLog, shardDirectory } from './log.js';
export type { FsyncPolicy, LogOptions, RetentionPolicy, StorageObserver } from './options.js';
export type { ReadLimits, ReadPage } from './reader.js';
export type { RecoveryReport, Truncation } from './recovery.js';
export { expiredHeadSegments } from './retention.js';
export { holdsShardFiles, listShardFiles, type ShardListing } from './shard-files.js';
export { type ParsedShardName, parseShardDirectoryName } from './shard-name.js';
export { readShardRecords, type ShardReadOptions, type ShardRecord } from './shard-reader.js';
export {
  type IndexSummary,
  type ProblemRecovery,
  type RecoveryPlan,
  type SegmentSummary,
  type ShardProblem,
  type ShardVerification,
  type VerifyOptions,
  verifyShard,
} from './verify.js';
export type { AppendResult } from './writer.js';
