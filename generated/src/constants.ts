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
  /** Offsets name records only within one incarnation of a stream's log, its epoch. A broker whose log starts again (an in-memory stream after a restart) counts offsets from 0 once more, so an offset a client kept could point into records it never saw. With this feature the broker sends the stream's epoch in `subscribed`, `event_stream_hello` and `subscribe_cursor_error`, and a client resuming at an offset sends the epoch it read that offset in: an offset from another epoch is refused with the cursor error reason `epoch_mismatch`, or, when the client asked for it, delivered from the earliest retained record with `subscribed.epoch_reset` saying so. Never a silent skip. An epoch is a u64 from 1 to 2^53-1 (a JSON-safe number), compared only for equality: an in-memory log draws it at random when it is created, a durable log keeps it on disk with its records, so two incarnations of one stream share an epoch with a chance of 2^-53. */
  STREAM_EPOCHS: 0x40000,
  /** Consumer groups on a stream's log: the broker accepts `group_join`, `group_ack`, `group_nack` and `group_leave`, and delivers a group's records to its consumers in GROUP_DELIVERY_BATCH frames on a broker-opened event stream. Each record goes to one consumer at a time and comes back (to any consumer of the group) until it is acknowledged or has been delivered the group's max_deliveries times, when it moves to the group's dead-letter stream as a `dead_letter` record. Neither upstream nor an upstream-era client ever sees these messages. */
  QUEUES: 0x80000,
  /** Cache requests and answers in binary layouts: BINARY_CACHE_GET, BINARY_CACHE_PUT and BINARY_CACHE_DELETE from the client, BINARY_CACHE_VALUE and BINARY_CACHE_OK from the broker, each starting with the request_id its answer echoes. Values travel as raw bytes (no base64) and an answer does not repeat the request's names. A client sends these layouts only to a broker that advertised this feature and their flag bits (and offered them itself); the broker answers a binary request in binary and a JSON request in JSON, so a session may mix both. A refusal is a JSON `error` carrying the request_id (with ERROR_CODES). A broker that did not negotiate the feature with a session refuses a binary cache request from it with invalid_request. JSON cache requests stay for every peer that does not offer it. */
  BINARY_CACHE: 0x100000,
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

/** Whether a binary cache value answer carries a value (origin felix-ts, with its layout). */

export const CACHE_STATUS = {
  missing: 0,
  found: 1,
} as const;
export type CacheStatus = "missing" | "found";

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

export const CURSOR_ERROR_REASON = ["too_old", "in_future", "epoch_mismatch"] as const;
export type CursorErrorReason = "too_old" | "in_future" | "epoch_mismatch";

/** What a broker does with a subscribe whose offset was read in another epoch (subscribe.on_epoch_mismatch). */

export const EPOCH_MISMATCH_POLICY = ["refuse", "earliest"] as const;
export type EpochMismatchPolicy = "refuse" | "earliest";

/** Why a record left its consumer group for the dead-letter stream (dead_letter.reason). */

export const DEAD_LETTER_REASON = ["max_deliveries"] as const;
export type DeadLetterReason = "max_deliveries";

/** What a client may do after an error. */

export const RETRY_CLASS = ["retry", "retry_after", "redirect", "outcome_unknown", "fatal"] as const;
export type RetryClass = "retry" | "retry_after" | "redirect" | "outcome_unknown" | "fatal";
