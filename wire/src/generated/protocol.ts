// generated — do not edit; edit spec/ and run `npm run generate`

// The framing layer of spec/protocol.yaml.

export const MAGIC = 0x464c5831;
export const WIRE_VERSION = 1;
export const HEADER_SIZE = 12;
/** Byte offset of each header field inside the header. */
export const HEADER_OFFSETS = { magic: 0, version: 4, flags: 6, length: 8 } as const;
export const MAX_SAFE_JSON_INTEGER = 9007199254740991;
export const DEFAULT_MAX_FRAME_PAYLOAD = 16777216;

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
  /** The payload is a consumer-group delivery batch (broker to client, on a group consumer's event stream). Our layouts take flag bits from 0x4000 down, clear of upstream's, which grow from 0x0001; sent only to a peer that offered the bit and the QUEUES feature. */
  GROUP_DELIVERY_BATCH: 0x4000,
  /** The payload is a binary cache get (client to broker). Sent only to a broker that advertised the BINARY_CACHE feature and the five binary cache layout bits. */
  BINARY_CACHE_GET: 0x2000,
  /** The payload is a binary cache put (client to broker). Sent only to a broker that advertised the BINARY_CACHE feature and the five binary cache layout bits. */
  BINARY_CACHE_PUT: 0x1000,
  /** The payload is a binary cache delete (client to broker). Sent only to a broker that advertised the BINARY_CACHE and CACHE_DELETE features and the five binary cache layout bits. */
  BINARY_CACHE_DELETE: 0x0800,
  /** The payload is a binary cache value, the broker's answer to a binary cache get or delete; sent only in answer to one. */
  BINARY_CACHE_VALUE: 0x0400,
  /** The payload is a binary cache ok, the broker's answer to a binary cache put; sent only in answer to one. */
  BINARY_CACHE_OK: 0x0200,
} as const;

export const KNOWN_FLAGS_MASK = 0x7e3f;
/** Flags a peer that advertised nothing is assumed to understand. */
export const ORIGINAL_V1_FLAGS = 0x0007;
/** Every non-zero flags value a frame may carry. */
export const ALLOWED_FLAGS: ReadonlySet<number> = new Set([0x0001, 0x0002, 0x0004, 0x0009, 0x0010, 0x0022, 0x0024, 0x0200, 0x0400, 0x0800, 0x1000, 0x2000, 0x4000]);

export type ErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "invalid_request"
  | "overloaded"
  | "limit_exceeded"
  | "draining"
  | "internal"
  | "idle"
  | "storage_unavailable"
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
  idle: { number: 50, retry: "retry", codec: false },
  storage_unavailable: { number: 51, retry: "retry_after", codec: false },
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

/** Application close codes a peer puts on a multiplexed connection (WebTransport, QUIC) when it ends the whole session, with a short reason. TLS over TCP has no close code: the same cases end its connections with an error frame first. A peer that receives a code it does not know treats it as protocol_error. */
export const CLOSE_CODES = {
  /** The session ended as asked: the peer shut down (a finished stream ends only that stream). */
  normal: 0,
  /** A frame could not be read or came out of order (a bad header, a request before auth, no control stream). */
  protocolError: 1,
  /** Authentication failed or never came. */
  unauthenticated: 2,
  /** The broker is shutting down and takes no new sessions. */
  draining: 3,
  /** A subscriber fell behind its bound under the disconnect overflow policy. */
  overflow: 4,
  /** A configured limit refused the session (connections in total or from one address, sessions of one tenant); an error frame limit_exceeded naming the limit answers its first frame. */
  limitExceeded: 5,
  /** The session held no subscription and sent no frame for the broker's idle deadline; an error frame idle says so first. Nothing was lost: the peer connects again when it has work. */
  idle: 6,
} as const;
