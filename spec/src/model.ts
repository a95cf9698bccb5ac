// Types of the validated, normalised spec model that every generator and the reference
// interpreter walk. Field names mirror the YAML so a reader can go from one to the other.

export type Origin = 'upstream' | 'felix-ts';
export type Direction = 'client_to_server' | 'server_to_client' | 'both';
export type StreamKind = 'control' | 'event' | 'cache';
export type Presence = 'required' | 'optional' | 'nullable';

export type JsonScalarType = 'string' | 'bytes' | 'bool' | 'u16' | 'u32' | 'u64';
export type JsonFieldType = JsonScalarType | 'enum' | 'list' | 'object' | 'oneof';

export interface JsonField {
  name: string;
  type: JsonFieldType;
  presence: Presence;
  /** Name of an entry in `limits`, counted in UTF-8 bytes (strings) or items (lists). */
  limit?: string;
  /** Name of an entry in `formats` the string must follow; its limit is the format's. */
  format?: string;
  enum?: string;
  items?: 'string' | 'bytes' | 'u16' | 'u32' | 'u64';
  fields?: JsonField[];
  variants?: JsonField[];
  origin: Origin;
  requires_feature?: string;
  doc: string;
}

export interface MessageSpec {
  name: string;
  origin: Origin;
  requires_feature?: string;
  direction: Direction;
  streams: StreamKind[];
  responses: string[];
  correlation?: 'request_id' | 'order';
  doc: string;
  fields: JsonField[];
}

export type BinaryFieldType = 'u8' | 'u16' | 'u32' | 'u64' | 'str16' | 'bytes32' | 'list32';

export interface BinaryField {
  name: string;
  type: BinaryFieldType;
  items?: 'bytes32' | 'str16';
  enum?: string;
  limit?: string;
  /** Name of an entry in `formats` the str16 must follow; its limit is the format's. */
  format?: string;
  /** Name of the modifier flag whose presence makes this field present. */
  when?: string;
  /**
   * `{ field: value }`: a sender writes this str16 or bytes32 empty while the earlier enum `field` has
   * `value`; a decoder still reads and reports whatever is there.
   */
  empty_when?: Record<string, string>;
  doc: string;
}

/** Code points `from` to `to`, both included. */
export interface CodePointRange {
  from: number;
  to: number;
  doc: string;
}

/** A rule for string values beyond their byte limit (names, for one). */
export interface FormatSpec {
  name: string;
  /** The byte limit every field of this format has. */
  limit: string;
  /** The codec error code of a value that breaks the rule (its byte limit stays string_too_long). */
  error: string;
  /** Code points a value must not contain. */
  forbidden: CodePointRange[];
  /** A value needs at least one code point outside these, so it is never empty or only these. */
  not_only: CodePointRange[];
  doc: string;
}

export interface FlagSpec {
  name: string;
  bit: number;
  role: 'layout' | 'modifier';
  layout?: string;
  modifies?: string[];
  origin: Origin;
  original_v1: boolean;
  doc: string;
}

export interface LayoutSpec {
  name: string;
  flag: string;
  /** Bit of the layout's own flag. */
  flagBit: number;
  /** Modifier flags allowed on this layout, in bit order. */
  modifiers: FlagSpec[];
  origin: Origin;
  direction: Direction;
  streams: StreamKind[];
  responses: string[];
  doc: string;
  fields: BinaryField[];
}

export interface EnumValue {
  name: string;
  value?: number;
  /** Set on a value this spec adds to an upstream enum; sent only to a peer with requires_feature. */
  origin?: Origin;
  requires_feature?: string;
  doc: string;
}

export interface EnumSpec {
  name: string;
  encoding: 'json_string' | 'u8';
  doc: string;
  values: EnumValue[];
}

export interface ErrorCodeSpec {
  name: string;
  number: number;
  retry: 'retry' | 'retry_after' | 'redirect' | 'outcome_unknown' | 'fatal';
  origin: Origin;
  codec: boolean;
  doc: string;
}

export interface HeaderField {
  name: 'magic' | 'version' | 'flags' | 'length';
  type: 'u16' | 'u32';
  const?: number;
  error?: string;
  doc: string;
}

export interface FeatureSpec {
  name: string;
  bit: number;
  origin: Origin;
  doc: string;
}

export interface ExampleSpec {
  name: string;
  doc: string;
  value: Record<string, unknown>;
  /** The frame bytes as written in the spec, comments and whitespace removed. */
  hex: string;
}

// ---- The storage format (storage.yaml) ----

export type StorageFieldType = 'u16' | 'u32' | 'u64' | 'bytes';

/** A byte range of a struct (`from` included, `to` not) or a bytes field a CRC covers. */
export type CrcPart = { from: number; to: number } | { field: string };

export interface StorageField {
  name: string;
  type: StorageFieldType;
  /** The value every valid struct holds here. */
  const?: number;
  /** The const as ASCII text, for magic numbers. */
  ascii?: string;
  /** CRC-32 of these parts, in order. */
  crc?: { covers: CrcPart[] };
  /** Name of an entry in storage.limits the value must not exceed. */
  max?: string;
  /** Least value allowed. */
  min?: number;
  /** For a bytes field: the u32 field of the same struct holding its length. */
  size_from?: string;
  /** `struct.field` of the file header the first body struct holds; each later one holds one more. */
  sequence?: string;
  /** Strictly above the same field of the previous entry. */
  ascending?: true;
  /** `struct.field` of the companion file this must equal, when the reader knows it. */
  matches?: string;
  /** Written as zero, not checked on read. */
  reserved?: true;
  /** The storage error code a broken rule is reported with. */
  error?: string;
  origin: Origin;
  doc: string;
  /** Byte offset in the struct; undefined for a field after a variable-length one. */
  at: number;
  /** Size in bytes; undefined for a bytes field. */
  size?: number;
}

export interface StorageStruct {
  name: string;
  /** Bytes of the fixed part (every field before the first bytes field). */
  size: number;
  origin: Origin;
  doc: string;
  /** Field names in the order a decoder checks their rules. */
  checks: string[];
  fields: StorageField[];
}

export interface StorageFile {
  name: 'segment' | 'index';
  extension: string;
  header: string;
  body: string;
  /** Name of the list of body structs in a decoded file. */
  items: string;
  /** Whether a body struct cut short at the end of the file is an error or ignored. */
  torn_tail: 'truncated' | 'ignored';
  origin: Origin;
  doc: string;
}

export interface StorageNumber {
  value: number;
  origin: Origin;
  doc: string;
}

export type RecoveryClass = 'repair' | 'opt_in' | 'stop' | 'rebuild';

export interface StorageErrorSpec {
  name: string;
  origin: Origin;
  recovery: RecoveryClass;
  doc: string;
}

export interface ShardDirectoryExample {
  tenant: string;
  namespace: string;
  stream: string;
  shard: number;
  directory: string;
}

export interface StorageExample {
  name: string;
  origin: Origin;
  struct: string;
  doc: string;
  value: Record<string, unknown>;
  /** The bytes as written in the spec, comments and whitespace removed. */
  hex: string;
}

export interface StorageSpec {
  name: string;
  format_version: number;
  spec_revision: number;
  byte_order: 'big';
  upstream: { project: string; reference: string; compatibility: string };
  doc: string;
  checksum: {
    name: 'CRC-32';
    origin: Origin;
    polynomial: number;
    reflected: boolean;
    init: number;
    xor_out: number;
    check: number;
    doc: string;
  };
  limits: Record<string, StorageNumber>;
  defaults: Record<string, StorageNumber>;
  files: { segment: StorageFile; index: StorageFile };
  naming: {
    file_name_digits: number;
    shard_component_chars: number;
    doc: string;
    shard_directory: { origin: Origin; doc: string; examples: ShardDirectoryExample[] };
  };
  structs: Record<string, StorageStruct>;
  errors: { doc: string; recovery: string[]; codes: StorageErrorSpec[] };
  examples: StorageExample[];
}

export interface Spec {
  protocol: {
    name: string;
    wire_version: number;
    spec_revision: number;
    upstream: {
      project: string;
      /** The upstream revision origin `upstream` refers to. */
      reference: string;
      compatibility: string;
      /** What later upstream revisions define that this spec also has (as origin felix-ts). */
      later: string;
    };
    doc: string;
  };
  frame: { byte_order: 'big'; header_size: number; header: HeaderField[]; doc: string };
  integers: { json_u64: string; binary_u64: string; text: string; bytes_in_json: string };
  limits: Record<string, { value: number; doc: string }>;
  formats: Record<string, FormatSpec>;
  flags: FlagSpec[];
  capabilities: {
    doc: string;
    original_v1_flags: number;
    rules: string[];
    features: FeatureSpec[];
  };
  stream_kinds: {
    name: StreamKind;
    opened_by: 'client' | 'server';
    direction: 'bidirectional' | 'unidirectional';
    doc: string;
  }[];
  /** How a client's streams make up one session (upstream's rules and what this spec keeps). */
  sessions: {
    doc: string;
    rules: { origin: Origin; doc: string }[];
    /** Where a host cannot follow upstream, and what it does instead. */
    known_differences: { host: 'node' | 'deno'; carrier: string; doc: string }[];
  };
  carriers: { doc: string; list: { name: string; default_port: number; doc: string }[] };
  close_codes: { doc: string; codes: { name: string; value: number; origin: Origin; doc: string }[] };
  enums: Record<string, EnumSpec>;
  errors: {
    doc: string;
    handling: string[];
    /** Which code a decoder reports when a frame breaks several rules. */
    check_order?: string[];
    codes: ErrorCodeSpec[];
  };
  messages: MessageSpec[];
  layouts: LayoutSpec[];
  examples: ExampleSpec[];
  storage: StorageSpec;
}
