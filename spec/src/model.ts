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
  /** Name of the modifier flag whose presence makes this field present. */
  when?: string;
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

export interface Spec {
  protocol: {
    name: string;
    wire_version: number;
    spec_revision: number;
    upstream: { project: string; compatibility: string };
    doc: string;
  };
  frame: { byte_order: 'big'; header_size: number; header: HeaderField[]; doc: string };
  integers: { json_u64: string; binary_u64: string; text: string; bytes_in_json: string };
  limits: Record<string, { value: number; doc: string }>;
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
  carriers: { doc: string; list: { name: string; default_port: number; doc: string }[] };
  close_codes: { doc: string; codes: { name: string; value: number; origin: Origin; doc: string }[] };
  enums: Record<string, EnumSpec>;
  errors: { doc: string; handling: string[]; codes: ErrorCodeSpec[] };
  messages: MessageSpec[];
  layouts: LayoutSpec[];
  examples: ExampleSpec[];
}
