// generated — do not edit; edit spec/ and run `npm run generate`

// Numbers and names of the storage format, from spec/storage.yaml.

/** Version of the segment and index layouts; a reader refuses any other. */

export const STORAGE_FORMAT_VERSION = 2;

/** Bytes of the fixed part of a segment_header. */

export const SEGMENT_HEADER_SIZE = 32;

/** segment_header.magic: the ASCII bytes "FLSG". */

export const SEGMENT_HEADER_MAGIC = 0x464C5347;

/** Bytes of the fixed part of a record. */

export const RECORD_SIZE = 28;

/** Bytes of the fixed part of a index_header. */

export const INDEX_HEADER_SIZE = 24;

/** index_header.magic: the ASCII bytes "FLSI". */

export const INDEX_HEADER_MAGIC = 0x464C5349;

/** Bytes of the fixed part of a index_entry. */

export const INDEX_ENTRY_SIZE = 16;

/** Limits every reader enforces. */

export const STORAGE_LIMITS = {
  /** Largest record payload (64 MiB). A reader refuses a larger payload_len as soon as the record header has verified and before it reads or allocates the payload, so a corrupt length field can never request gigabytes. */
  max_payload_bytes: 67108864,
} as const;

/** Upstream's writer defaults. */

export const STORAGE_DEFAULTS = {
  /** Segment bytes between index entries. A writer (and an index rebuild) emits an entry for the first record of a segment and then for each record that starts once at least this many bytes of records have been written since the previous entry; a rebuilt index is therefore byte-identical to the one written while appending. */
  index_spacing_bytes: 4096,
  /** Size at which a writer starts a new segment (256 MiB). A batch of records is never split across segments, and a record larger than the limit gets a segment of its own. */
  segment_size_bytes: 268435456,
} as const;

/** File extensions of the two file kinds. */

export const STORAGE_FILE_EXTENSIONS = { segment: "log", index: "index" } as const;

/** What recovery does with each error at the end of the newest segment: repair (truncate automatically), opt_in (truncate only when the operator allows), stop (refuse to start), rebuild (rebuild the index). */

export const STORAGE_ERRORS = {
  /** Fewer bytes than the struct or its payload needs: needed and available are named. In a record at the end of a segment, the signature of an unfinished write. */
  truncated: { recovery: "repair" },
  /** The file does not start with "FLSG". */
  segment_magic: { recovery: "stop" },
  /** The segment header names a format version other than 2. */
  segment_version: { recovery: "stop" },
  /** The segment header sets a flag bit. */
  segment_flags: { recovery: "stop" },
  /** The segment header's header_crc does not match bytes 0 to 24. */
  segment_header_checksum: { recovery: "stop" },
  /** A record's header_crc does not match its bytes 0 to 20, so none of its fields, its length least of all, can be trusted. */
  record_header_checksum: { recovery: "opt_in" },
  /** A verified record header claims a payload above limits.max_payload_bytes. */
  record_too_large: { recovery: "opt_in" },
  /** A record's checksum does not match its bytes 0 to 24 and its payload. */
  record_checksum: { recovery: "opt_in" },
  /** A record's offset is not the one expected: the segment's base_offset for the first record, the previous record's plus one after it. */
  offset_out_of_order: { recovery: "opt_in" },
  /** The index file does not start with "FLSI". */
  index_magic: { recovery: "rebuild" },
  /** The index header names a format version other than 2. */
  index_version: { recovery: "rebuild" },
  /** The index header sets a flag bit. */
  index_flags: { recovery: "rebuild" },
  /** The index header's base_offset is not its segment's. */
  index_base_offset: { recovery: "rebuild" },
  /** An index entry's position lies inside the segment header, or its offset or position does not rise above the previous entry's. Upstream's reader drops such entries; an index that has one is rebuilt. */
  index_entry_order: { recovery: "rebuild" },
} as const;

/** A storage error code of the spec. */

export type StorageErrorCode = keyof typeof STORAGE_ERRORS;

/** The recovery class of a storage error code. */

export type RecoveryClass = (typeof STORAGE_ERRORS)[StorageErrorCode]['recovery'];
