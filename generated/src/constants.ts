// generated — do not edit; edit spec/ and run `npm run generate`

// Numbers and names from spec/protocol.yaml.

export const MAGIC = 0x464c5831;
export const WIRE_VERSION = 1;
export const HEADER_SIZE = 12;
export const MAX_SAFE_JSON_INTEGER = 9007199254740991;
export const DEFAULT_MAX_FRAME_PAYLOAD = 16777216;

export const LIMITS = {
  /** Default largest payload a receiver accepts (16 MiB). Receivers may configure a different value; a larger declared length is refused with `frame_too_large` before buffering. */
  max_frame_payload: 16777216,
  /** Largest tenant id, namespace, stream or cache name, in UTF-8 bytes. */
  name_max_bytes: 255,
  /** Largest cache key, in UTF-8 bytes. */
  key_max_bytes: 1024,
  /** Largest authentication token, in UTF-8 bytes. */
  token_max_bytes: 8192,
  /** Largest human-readable error message, in UTF-8 bytes. */
  message_max_bytes: 4096,
  /** Most payloads one batch (JSON or binary) may carry. */
  batch_max_items: 65536,
} as const;

export const FLAGS = {
  /** The payload is a binary publish batch (client to broker, control stream). */
  BINARY_PUBLISH_BATCH: 0x0001,
  /** The payload is the legacy per-subscriber binary event batch, which names its subscription. Still decodable; brokers prefer the shared form. */
  BINARY_EVENT_BATCH: 0x0002,
  /** The payload is a shared binary event batch. It names no subscriber (the event stream's event_stream_hello does), so a broker encodes it once and sends the same bytes to every subscriber. */
  BINARY_EVENT_BATCH_SHARED: 0x0004,
  /** Modifier on BINARY_PUBLISH_BATCH: the batch starts with a request_id and an ack mode and is owed an acknowledgement. Never sent to a peer that did not advertise it. */
  BINARY_PUBLISH_ACKED: 0x0008,
  /** The payload is a binary publish acknowledgement (broker to client). */
  BINARY_PUBLISH_ACK: 0x0010,
  /** Modifier on either event batch: the batch carries the stream offset of its first payload; payload i sits at base_offset + i. Lets a subscriber checkpoint and see drops as gaps. */
  EVENT_BATCH_OFFSETS: 0x0020,
} as const;

export const KNOWN_FLAGS_MASK = 0x003f;
/** Flags a peer that advertised nothing is assumed to understand. */

export const ORIGINAL_V1_FLAGS = 0x0007;
/** Every non-zero flags value a frame may carry. */

export const ALLOWED_FLAGS: ReadonlySet<number> = new Set([0x0001, 0x0002, 0x0004, 0x0009, 0x0010, 0x0022, 0x0024]);

export const FEATURES = {
  /** The broker accepts `cache_delete`. Numbered as the later upstream revision numbers the same request, so a newer upstream peer agrees on its meaning. */
  CACHE_DELETE: 0x4,
  /** The peer reads the typed `code`, `retry`, `detail` and `request_id` fields on `error` and `publish_error`. Without it those frames are byte-identical to upstream v1's. Numbered as the later upstream revision numbers the same capability. */
  ERROR_CODES: 0x800,
  /** The broker issues a session_token in auth_ok and accepts `stream_attach`, so a carrier with one connection per stream (TLS over TCP) can join extra connections to the session. Our features use bits from 0x10000 up, clear of upstream's numbering. */
  STREAM_ATTACH: 0x10000,
} as const;

/** What a stream_attach connection carries. */

export const ATTACH_KIND = ["cache", "event"] as const;
export type AttachKind = "cache" | "event";

/** How a JSON publish is acknowledged. */

export const ACK_MODE = ["none", "per_message", "per_batch"] as const;
export type AckMode = "none" | "per_message" | "per_batch";

/** How a binary acked publish batch is acknowledged. There is no value for "none": an unacknowledged batch is sent without the BINARY_PUBLISH_ACKED prefix. */

export const BINARY_ACK_MODE = {
  per_message: 1,
  per_batch: 2,
} as const;
export type BinaryAckMode = "per_message" | "per_batch";

/** Outcome carried by a binary publish acknowledgement. */

export const ACK_STATUS = {
  ok: 0,
  error: 1,
} as const;
export type AckStatus = "ok" | "error";

/** Named start positions of a subscription (see subscribe.start). */

export const START_POSITION = ["latest", "earliest"] as const;
export type StartPosition = "latest" | "earliest";

/** Why a subscribe offset cannot be served. */

export const CURSOR_ERROR_REASON = ["too_old", "in_future"] as const;
export type CursorErrorReason = "too_old" | "in_future";

/** What a client may do after an error. */

export const RETRY_CLASS = ["retry", "retry_after", "redirect", "outcome_unknown", "fatal"] as const;
export type RetryClass = "retry" | "retry_after" | "redirect" | "outcome_unknown" | "fatal";

export type ErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "invalid_request"
  | "overloaded"
  | "limit_exceeded"
  | "draining"
  | "internal"
  | "bad_magic"
  | "unsupported_version"
  | "unknown_flags"
  | "invalid_flags"
  | "short_header"
  | "truncated"
  | "frame_too_large"
  | "trailing_bytes"
  | "invalid_utf8"
  | "invalid_json"
  | "invalid_base64"
  | "missing_field"
  | "wrong_type"
  | "unknown_type"
  | "unsafe_integer"
  | "out_of_range"
  | "invalid_enum"
  | "string_too_long"
  | "too_many_items"
  | "invalid_name";

export const ERROR_CODES: Record<ErrorCode, { number: number; retry: string; codec: boolean }> = {
  unauthenticated: { number: 1, retry: "fatal", codec: false },
  forbidden: { number: 2, retry: "fatal", codec: false },
  not_found: { number: 3, retry: "retry_after", codec: false },
  invalid_request: { number: 4, retry: "fatal", codec: false },
  overloaded: { number: 10, retry: "retry_after", codec: false },
  limit_exceeded: { number: 11, retry: "fatal", codec: false },
  draining: { number: 12, retry: "retry", codec: false },
  internal: { number: 13, retry: "outcome_unknown", codec: false },
  bad_magic: { number: 101, retry: "fatal", codec: true },
  unsupported_version: { number: 102, retry: "fatal", codec: true },
  unknown_flags: { number: 103, retry: "fatal", codec: true },
  invalid_flags: { number: 104, retry: "fatal", codec: true },
  short_header: { number: 105, retry: "fatal", codec: true },
  truncated: { number: 106, retry: "fatal", codec: true },
  frame_too_large: { number: 107, retry: "fatal", codec: true },
  trailing_bytes: { number: 108, retry: "fatal", codec: true },
  invalid_utf8: { number: 109, retry: "fatal", codec: true },
  invalid_json: { number: 110, retry: "fatal", codec: true },
  invalid_base64: { number: 111, retry: "fatal", codec: true },
  missing_field: { number: 112, retry: "fatal", codec: true },
  wrong_type: { number: 113, retry: "fatal", codec: true },
  unknown_type: { number: 114, retry: "fatal", codec: true },
  unsafe_integer: { number: 115, retry: "fatal", codec: true },
  out_of_range: { number: 116, retry: "fatal", codec: true },
  invalid_enum: { number: 117, retry: "fatal", codec: true },
  string_too_long: { number: 118, retry: "fatal", codec: true },
  too_many_items: { number: 119, retry: "fatal", codec: true },
  invalid_name: { number: 120, retry: "fatal", codec: true },
};
