// generated — do not edit; edit spec/ and run `npm run generate`

// Numbers and names from spec/protocol.yaml.

export { MAGIC, WIRE_VERSION, HEADER_SIZE, HEADER_OFFSETS, MAX_SAFE_JSON_INTEGER, DEFAULT_MAX_FRAME_PAYLOAD, FLAGS, KNOWN_FLAGS_MASK, ORIGINAL_V1_FLAGS, ALLOWED_FLAGS, ERROR_CODES, CLOSE_CODES, type ErrorCode } from '@felix/wire';

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

export const FEATURES = {
  /** The broker accepts `cache_delete`. Upstream's later revisions give FEATURE_CACHE_DELETE the same bit and the same request, so a newer upstream peer agrees on its meaning. */
  CACHE_DELETE: 0x4,
  /** The peer reads the typed `code`, `retry`, `detail` and `request_id` fields on `error` and `publish_error`. Without it those frames are byte-identical to upstream v1's. Not in the reference revision; upstream's later revisions give FEATURE_ERROR_CODES the same bit and the same `code` and `retry` fields. */
  ERROR_CODES: 0x800,
  /** The broker issues a session_token in auth_ok and accepts `stream_attach`, so a carrier with one connection per stream (TLS over TCP) can join extra connections to the session. Our features use bits from 0x10000 up, clear of upstream's numbering. */
  STREAM_ATTACH: 0x10000,
  /** The peer reads `subscription_end`: when the broker starts draining it names, for each subscription whose batches carry offsets, the offset delivery will stop before, so a subscriber the drain cuts short can tell exactly which records it never received. */
  DRAIN_NOTICE: 0x20000,
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
